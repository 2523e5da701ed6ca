"""Made-up people for the demo house: Dutch names, addresses, carers and care details.

Everything here is fictional. BSNs come from the 9999xxxxx test range (they pass the
11-test but belong to nobody); e-mail addresses use example.com.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ..domain.enums import Grondslag
from ..house.guests import CarerData, GuestData


@dataclass(frozen=True)
class Town:
    name: str
    cbs_code: str  # checked against the CBS list in the iWmo 3.2 code lists
    postcodes: tuple[int, int]  # first and last 4-digit postcode number
    area_code: str
    streets: tuple[str, ...]
    gps: tuple[str, ...]
    pharmacies: tuple[str, ...]


TOWNS: dict[str, Town] = {  # by name
    "Amersfoort": Town(
        "Amersfoort", "0307", (3811, 3829), "033",
        ("Lindenlaan", "Kapelweg", "Leusderweg", "Hogeweg", "Bisschopsweg", "Soesterweg",
         "Van Randwijcklaan", "Vondellaan", "Kersenbaan", "Noordewierweg", "Schimmelpenninckkade",
         "Liendertseweg", "Heiligenbergerweg", "Ringweg Randenbroek"),
        ("Huisartsenpraktijk Het Soesterkwartier", "Huisartsen Schothorst",
         "Gezondheidscentrum Vathorst", "Huisartsenpraktijk De Kruiskamp"),
        ("Apotheek Vathorst", "Apotheek Leusderkwartier", "Apotheek Schothorst"),
    ),
    "Leusden": Town(
        "Leusden", "0327", (3830, 3833), "033",
        ("Hamersveldseweg", "Burgemeester de Beaufortweg", "Groene Zoom", "Asschatterweg",
         "Tabaksland", "Noorderinslag", "Hessenweg"),
        ("Huisartsenpraktijk Leusden-Zuid", "Huisartsen Hamersveld"),
        ("Apotheek Leusden", "Apotheek Hamersveld"),
    ),
    "Soest": Town(
        "Soest", "0342", (3761, 3769), "035",
        ("Steenhoffstraat", "Van Weedestraat", "Kerkebuurt", "Talmalaan", "Insingerstraat",
         "Ossendamweg", "Birkstraat"),
        ("Huisartsenpraktijk Soesterberg", "Huisartsen Soest-Noord"),
        ("Apotheek Soest", "Apotheek Smitsveen"),
    ),
    "Baarn": Town(
        "Baarn", "0308", (3741, 3744), "035",
        ("Eemnesserweg", "Laanstraat", "Oranjeweg", "Amalialaan", "Nieuw Baarnstraat"),
        ("Huisartsenpraktijk Baarn Centrum",),
        ("Apotheek Baarn",),
    ),
    "Woudenberg": Town(
        "Woudenberg", "0351", (3931, 3931), "033",
        ("Voorstraat", "Stationsweg", "Zegheweg", "Kerkstraat"),
        ("Huisartsenpraktijk Woudenberg",),
        ("Apotheek Woudenberg",),
    ),
    "Nijkerk": Town(
        "Nijkerk", "0267", (3861, 3864), "033",
        ("Holkerstraat", "Oosterstraat", "Van Middachtenstraat", "Frieswijkstraat"),
        ("Huisartsenpraktijk Nijkerk-West", "Huisartsen Paasbos"),
        ("Apotheek Nijkerk",),
    ),
}  # fmt: skip

FIRST_NAMES = {
    "V": ("Johanna", "Maria", "Wilhelmina", "Geertruida", "Anna", "Cornelia", "Hendrika",
          "Elisabeth", "Gerda", "Ria", "Truus", "Annie", "Joke", "Tineke", "Ineke", "Marijke",
          "Els", "Greet", "Dineke", "Riet", "Jannie", "Margreet", "Hennie", "Lies", "Bep"),
    "M": ("Cornelis", "Hendrik", "Gerrit", "Jan", "Petrus", "Johannes", "Willem", "Teun",
          "Dirk", "Klaas", "Henk", "Kees", "Gerard", "Bert", "Wim", "Ton", "Frans", "Evert",
          "Harm", "Jaap", "Rinus", "Arie", "Piet", "Joop", "Ad"),
}  # fmt: skip

SURNAMES = (
    ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"),
    ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"),
    ("de", "Graaf"), ("van der", "Meer"), ("van der", "Linden"), ("", "Kok"), ("de", "Haan"),
    ("", "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"), ("van", "Wijk"),
    ("", "Schouten"), ("van", "Vliet"), ("", "Hoekstra"), ("", "Koster"), ("", "Prins"),
    ("", "Huisman"), ("", "Post"), ("", "Kuipers"), ("van", "Beek"), ("ter", "Horst"),
    ("van de", "Pol"), ("", "Wolters"), ("van", "Ginkel"), ("", "Hoogland"), ("", "Blom"),
    ("van", "Essen"), ("", "Bouwman"), ("van der", "Wal"), ("", "Kamphuis"), ("", "Verhoef"),
    ("op den", "Kamp"), ("", "Schipper"), ("in 't", "Veld"), ("van", "Roekel"), ("", "Gerritsen"),
    ("", "Timmer"), ("van 't", "Hof"), ("", "Beukers"), ("van", "Ravenswaaij"), ("", "Hagen"),
    ("", "de Kruijf"),
)  # fmt: skip

HOMECARE = ("Zorggroep Amersfoort Thuiszorg", "Buurtzorg Eemland", "Beweging 3.0 Thuiszorg",
            "Vitras Thuiszorg", "Zorgspectrum Wijkverpleging")  # fmt: skip
INSURERS = ("Zilveren Kruis", "VGZ", "CZ", "Menzis", "DSW", "ONVZ", "a.s.r.")

CARE_NEEDS = {
    Grondslag.PG: (
        "Dementie (Alzheimer). Heeft 's avonds onrust; vaste dagstructuur helpt. "
        "Hulp bij wassen en aankleden.",
        "Vasculaire dementie. Loopt 's nachts rond; sensor bij het bed. Medicatie in baxter.",
        "Beginnende dementie, vergeetachtig. Zelfstandig in ADL met aansturing.",
        "Dementie met afasie. Communiceert met gebaren; dochter legt uit wat werkt.",
    ),
    Grondslag.SOM: (
        "Na een CVA halfzijdig verlamd (links). Transfer met tillift.",
        "Parkinson; valrisico. Rollator binnen, rolstoel buiten.",
        "COPD, zuurstof 's nachts (concentrator gaat mee). Hulp bij douchen.",
        "Diabetes type 2, insuline 2x per dag door thuiszorg. Suikerbeperkt dieet.",
        "Hartfalen; vochtbeperking 1,5 liter. Dagelijks wegen.",
        "MS; rolstoelgebonden. Hulp bij alle transfers.",
    ),
    Grondslag.OTHER: ("Lichte verstandelijke beperking; vaste gewoontes zijn belangrijk.",),
}

_EARLIEST_BIRTH = date(1930, 1, 1)
_BIRTH_SPAN_DAYS = (date(1975, 12, 31) - _EARLIEST_BIRTH).days

CARER_RELATIONS_PARTNER = {"V": "echtgenoot", "M": "echtgenote"}
CHILD_RELATIONS = ("dochter", "zoon", "schoondochter", "nicht", "buurvrouw")


def make_bsn(rng: random.Random, used: set[str]) -> str:
    """A BSN from the test range 9999xxxxx that passes the 11-test and is not used yet."""
    while True:
        digits = [9, 9, 9, 9, *(rng.randrange(10) for _ in range(4))]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check == 10:
            continue
        bsn = "".join(map(str, digits)) + str(check)
        if bsn not in used:
            used.add(bsn)
            return bsn


def _postcode(rng: random.Random, town: Town) -> str:
    letters = "ABCEGHJKLMNPRTVWXZ"
    pair = rng.choice(letters) + rng.choice(letters)
    return f"{rng.randint(*town.postcodes)} {pair}"


def _landline(rng: random.Random, area: str) -> str:
    return f"{area}-{rng.randint(2000000, 8999999)}"


def _mobile(rng: random.Random) -> str:
    return f"06-{rng.randint(10000000, 99999999)}"


def _email(first: str, prefix: str, last: str) -> str:
    tail = (prefix.replace(" ", "").replace("'", "") + last.replace(" ", "")).lower()
    return f"{first[0].lower()}.{tail}@example.com"


def make_guest(
    rng: random.Random,
    town: Town,
    used_bsns: set[str],
    *,
    grondslag: Grondslag,
) -> GuestData:
    """A complete, valid guest living in the town, with one or two carers."""
    gender = rng.choice("VM")
    first = rng.choice(FIRST_NAMES[gender])
    prefix, last = rng.choice(SURNAMES)
    born = date(1930, 1, 1) + timedelta(
        days=rng.randrange((date(1975, 12, 31) - date(1930, 1, 1)).days)
    )
    carers = _carers(rng, gender, prefix, last)
    primary = carers[0]
    care = rng.choice(CARE_NEEDS[grondslag])
    hoist = "tillift" in care
    wheelchair = hoist or "rolstoel" in care
    height = weight = None
    if hoist or rng.random() < 0.2:
        height, weight = rng.randint(150, 192), rng.randint(48, 118)
    return GuestData(
        first_name=first,
        prefix=prefix,
        last_name=last,
        date_of_birth=born,
        gender=gender,
        bsn=make_bsn(rng, used_bsns),
        street=f"{rng.choice(town.streets)} {rng.randint(1, 180)}",
        postcode=_postcode(rng, town),
        city=town.name,
        municipality_code=town.cbs_code,
        phone=_landline(rng, town.area_code) if rng.random() < 0.7 else "",
        emergency_name=primary.name,
        emergency_relation=primary.relation,
        emergency_phone=primary.phone,
        insurer=rng.choice(INSURERS),
        policy_number=str(rng.randint(100000000, 999999999)),
        gp_name=rng.choice(town.gps),
        gp_phone=_landline(rng, town.area_code),
        pharmacy_name=rng.choice(town.pharmacies),
        pharmacy_phone=_landline(rng, town.area_code),
        homecare_org=rng.choice(HOMECARE),
        homecare_contact=f"{rng.choice(FIRST_NAMES['V'])} (wijkverpleegkundige)",
        homecare_phone=_mobile(rng),
        grondslag=grondslag.value,
        height_cm=height,
        weight_kg=weight,
        care_needs=care,
        needs_hoist=hoist,
        needs_ground_floor=rng.random() < 0.12,
        needs_wheelchair_access=wheelchair,
        carers=carers,
    )


def _carers(rng: random.Random, gender: str, prefix: str, last: str) -> tuple[CarerData, ...]:
    people = []
    if rng.random() < 0.55:  # a partner who lives with the guest
        other = "M" if gender == "V" else "V"
        name = " ".join(p for p in (rng.choice(FIRST_NAMES[other]), prefix, last) if p)
        people.append((name, CARER_RELATIONS_PARTNER[gender]))
    if not people or rng.random() < 0.5:
        child_prefix, child_last = (prefix, last) if rng.random() < 0.6 else rng.choice(SURNAMES)
        first = rng.choice(FIRST_NAMES[rng.choice("VM")])
        name = " ".join(p for p in (first, child_prefix, child_last) if p)
        people.append((name, rng.choice(CHILD_RELATIONS)))
    carers = []
    for index, (name, relation) in enumerate(people):
        first, *rest = name.split()
        email = _email(first, "", rest[-1]) if rng.random() < 0.6 else ""
        carers.append(
            CarerData(
                name=name,
                relation=relation,
                phone=_mobile(rng),
                email=email,
                is_primary=index == 0,
            )
        )
    return tuple(carers)


# --- requests (aanvragen) ------------------------------------------------------------------

# Open requests for the coming weeks: (requester kind, channel, status, flexibility, notes)
OPEN_REQUESTS = (
    ("mantelzorger", "telefoon", "nieuw", "liefst precies deze data",
     "Dochter gaat twee weken naar Spanje; moeder kan niet alleen thuis blijven. "
     "Belt terug als het rond is."),
    ("wmo_consulent", "email", "in_behandeling", "een paar dagen later kan ook",
     "Echtgenote is overbelast (CSI-score 9). Beschikking kortdurend verblijf is aangevraagd; "
     "toewijzing volgt via het portaal."),
    ("coordinatiepunt", "email", "nieuw", "zo snel mogelijk",
     "Spoedvraag via het coördinatiepunt: partner wordt volgende week geopereerd."),
    ("huisarts", "telefoon", "nieuw", "flexibel, liefst binnen twee weken",
     "Na een val thuis loopt meneer met een rollator. Huisarts blijft medisch "
     "verantwoordelijk; medicatieoverdracht volgt via de apotheek."),
    ("gast", "persoonlijk", "in_behandeling", "weekend heeft de voorkeur",
     "Kwam zelf langs met de zoon na de rondleiding. Wil graag een kamer op de begane grond."),
    ("anders", "email", "nieuw", "± een week, data in overleg",
     "Casemanager dementie vraagt een logeerweek zodat de mantelzorger kan bijkomen. "
     "Wzd-beoordeling (artikel 21) loopt nog."),
    ("mantelzorger", "email", "in_behandeling", "vaste dag is niet nodig",
     "Zoon vraagt of vader vaker kan komen; overweegt een vaste logeerdag per week."),
)  # fmt: skip
# Requests already dealt with: (requester kind, channel, notes)
CLOSED_REQUESTS = (
    ("mantelzorger", "telefoon", "Echtgenote gaat een week naar haar zus in Zeeland."),
    ("wmo_consulent", "email", "Mantelzorger krijgt een nieuwe heup; revalidatie thuis daarna."),
    ("coordinatiepunt", "email", "Via het coördinatiepunt; het eigen logeerhuis zat vol."),
)
REJECT_REASONS = (
    "Geen bed vrij in de gevraagde week; andere data aangeboden maar die pasten niet.",
    "Zorgvraag past niet: 24-uurs één-op-één toezicht nodig (valt buiten de inclusiecriteria).",
)
WITHDRAW_NOTES = (
    "Ingetrokken: de familie vangt zelf op.",
    "Ingetrokken: gast is opgenomen in het ziekenhuis.",
)
WMO_CONSULTANTS = ("Sandra Mulder", "Erik de Haan", "Fatima El Idrissi")


def requester_name(kind: str, guest: GuestData, rng: random.Random) -> str:
    """Who made the request, as staff would write it down."""
    if kind == "mantelzorger":
        carer = guest.carers[0]
        return f"{carer.name} ({carer.relation})"
    if kind == "wmo_consulent":
        return f"{rng.choice(WMO_CONSULTANTS)}, Wmo-consulent {guest.city}"
    if kind == "coordinatiepunt":
        return "Coördinatiepunt Logeren Eemland (Ilse de Graaf)"
    if kind == "huisarts":
        return guest.gp_name or "de huisarts"
    if kind == "gast":
        return guest.display_name
    return "Casemanager dementie, Buurtzorg Eemland"
