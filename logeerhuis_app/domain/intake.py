"""The intake checklist (DOMAIN.md section 5): may this guest come, and what was checked.

The catalogue of items, what counts as a good answer, which items block a stay, and what a
returning guest must confirm again. Plain values in, plain values out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

YES, NO, UNKNOWN = "ja", "nee", "onbekend"
GATE_CONFIRM, GATE_CHECK_IN = "bevestigen", "inchecken"


@dataclass(frozen=True)
class Item:
    key: str
    group: str
    question: str
    kind: str  # "yes_no", "choice", "text"
    good: tuple[str, ...] = ()  # answers that satisfy the item ("" = any non-empty answer)
    options: tuple[tuple[str, str], ...] = ()  # (value, Dutch label) for "choice"
    reconfirm: bool = False  # a returning guest must confirm it again (it may have changed)
    with_name: bool = False  # the note holds a name (e.g. the SO who holds responsibility)


ART21_OPTIONS = (
    ("nvt", "Niet van toepassing"),
    ("aangevraagd", "Aangevraagd (datum)"),
    ("besluit", "Besluit CIZ (datum en geldig tot)"),
    ("wacht_rm", "Wacht op rechterlijke machtiging"),
)

ITEMS: tuple[Item, ...] = (
    Item(
        "incl_indication",
        "Inclusie",
        "Wlz- of Wmo-indicatie voor logeren, of particuliere financiering",
        "yes_no",
        (YES,),
    ),
    Item("incl_grondslag", "Inclusie", "Grondslag PG of SOM", "yes_no", (YES,)),
    Item("incl_home", "Inclusie", "De gast woont thuis", "yes_no", (YES,)),
    Item("incl_voluntary", "Inclusie", "De opname is vrijwillig", "yes_no", (YES,)),
    Item(
        "incl_relief",
        "Inclusie",
        "Doel is ontlasting van de mantelzorger (geen herstel, observatie of overbrugging)",
        "yes_no",
        (YES,),
    ),
    Item(
        "incl_homecare_back",
        "Inclusie",
        "De thuiszorg neemt de zorg na het logeren weer over",
        "yes_no",
        (YES,),
        reconfirm=True,
    ),
    Item(
        "excl_behaviour", "Exclusie", "Ernstige gedragsproblemen", "yes_no", (NO,), reconfirm=True
    ),
    Item(
        "excl_resistance",
        "Exclusie",
        "Verzet tegen het logeren (nu of verwacht)",
        "yes_no",
        (NO,),
        reconfirm=True,
    ),
    Item(
        "excl_nursing_home",
        "Exclusie",
        "Blijvende opname in een verpleeghuis nodig",
        "yes_no",
        (NO,),
        reconfirm=True,
    ),
    Item(
        "excl_no_return",
        "Exclusie",
        "Onzeker of de gast naar huis terugkeert",
        "yes_no",
        (NO,),
        reconfirm=True,
    ),
    Item(
        "excl_medical_unclear",
        "Exclusie",
        "Medische verantwoordelijkheid onduidelijk",
        "yes_no",
        (NO,),
        reconfirm=True,
    ),
    Item(
        "handover_nursing",
        "Overdracht",
        "Verpleegkundige overdracht ontvangen",
        "yes_no",
        (YES,),
        reconfirm=True,
    ),
    Item(
        "handover_medication",
        "Overdracht",
        "Medicatieoverdracht ontvangen",
        "yes_no",
        (YES,),
        reconfirm=True,
    ),
    Item(
        "medical_responsibility",
        "Medisch",
        "Medische verantwoordelijkheid tijdens het verblijf",
        "choice",
        ("huisarts", "so"),
        (("huisarts", "Huisarts"), ("so", "Overgedragen aan specialist ouderengeneeskunde")),
        reconfirm=True,
        with_name=True,
    ),
    Item("medical_policy", "Medisch", "Medisch beleid bekend", "yes_no", (YES,), reconfirm=True),
    Item(
        "resuscitation",
        "Medisch",
        "Reanimatiebeleid",
        "choice",
        (YES, NO),
        ((YES, "Wel reanimeren"), (NO, "Niet reanimeren"), (UNKNOWN, "Onbekend")),
        reconfirm=True,
    ),
    Item(
        "wzd_art21",
        "Wzd",
        "Wzd artikel 21 (besluit opname en verblijf)",
        "choice",
        ("nvt", "besluit"),
        ART21_OPTIONS,
        reconfirm=True,
    ),
    Item(
        "aids",
        "Praktisch",
        "Hulpmiddelen en zorgtechnologie aanwezig (tillift, rolstoel, bed)",
        "yes_no",
        (YES,),
        reconfirm=True,
    ),
    Item("contacts_known", "Praktisch", "Contactpersoon en mantelzorger bekend", "yes_no", (YES,)),
    Item(
        "behaviour_plan",
        "Praktisch",
        "Afspraak bij probleemgedrag (het netwerk haalt de gast op)",
        "yes_no",
        (YES,),
    ),
    Item(
        "statement_signed",
        "Verklaring",
        "Verklaring logeerzorg getekend",
        "yes_no",
        (YES,),
        reconfirm=True,
    ),
)
BY_KEY = {item.key: item for item in ITEMS}
GROUPS = tuple(dict.fromkeys(item.group for item in ITEMS))

# Which items must be good before a gate, by default (a setting can change it).
DEFAULT_REQUIRED = {
    GATE_CONFIRM: tuple(i.key for i in ITEMS if i.group in ("Inclusie", "Exclusie", "Wzd")),
    GATE_CHECK_IN: tuple(i.key for i in ITEMS),
}


@dataclass(frozen=True)
class Answer:
    value: str = ""
    answered_on: date | None = None
    staff: str = ""
    note: str = ""
    valid_until: date | None = None  # art. 21 decision
    confirmed: bool = True  # False: taken over from an earlier intake, not yet confirmed


@dataclass(frozen=True)
class IntakeState:
    open_items: dict[str, tuple[str, ...]]  # gate -> keys still open
    problems: tuple[str, ...]  # Dutch: why the guest may not come / check in
    expired: tuple[str, ...]  # keys whose validity ends before the stay does
    blocks_check_in: tuple[str, ...] = field(default_factory=tuple)  # Dutch, never overridable

    def may_pass(self, gate: str) -> bool:
        return not self.open_items.get(gate) and not (
            gate == GATE_CHECK_IN and self.blocks_check_in
        )

    @property
    def label(self) -> str:
        # An unanswered resuscitation policy is an open item; a court order or an exclusion
        # ground stops the guest outright.
        if self.problems or any("machtiging" in b for b in self.blocks_check_in):
            return "geblokkeerd"
        if self.open_items.get(GATE_CHECK_IN):
            return "onvolledig"
        return "compleet"


def is_good(item: Item, answer: Answer | None, departure: date | None = None) -> bool:
    if answer is None or not answer.confirmed or not answer.value:
        return False
    if item.good and answer.value not in item.good:
        return False
    if item.key == "wzd_art21" and answer.value == "besluit":
        return answer.valid_until is not None and (
            departure is None or answer.valid_until >= departure
        )
    return not (item.with_name and answer.value == "so" and not answer.note.strip())


def evaluate(
    answers: dict[str, Answer],
    required: dict[str, tuple[str, ...]],
    *,
    arrival: date | None = None,
    departure: date | None = None,
) -> IntakeState:
    """Which required items are still open per gate, and what stops the guest outright."""
    open_items = {
        gate: tuple(
            k for k in keys if k in BY_KEY and not is_good(BY_KEY[k], answers.get(k), departure)
        )
        for gate, keys in required.items()
    }
    problems: list[str] = []
    for item in ITEMS:
        answer = answers.get(item.key)
        if answer is None or not answer.confirmed or not answer.value:
            continue
        if item.group == "Inclusie" and answer.value == NO:
            problems.append(f"Voldoet niet: {item.question.lower()}.")
        if item.group == "Exclusie" and answer.value == YES:
            problems.append(f"Uitsluitingsgrond: {item.question.lower()}.")
    blocks: list[str] = []
    resuscitation = answers.get("resuscitation")
    if resuscitation is None or resuscitation.value in ("", UNKNOWN):
        blocks.append("Het reanimatiebeleid is nog onbekend; zo kan de gast niet inchecken.")
    art21 = answers.get("wzd_art21")
    if art21 is not None and art21.value == "wacht_rm":
        blocks.append("De gast wacht op een rechterlijke machtiging en mag niet worden opgenomen.")
    expired = tuple(
        k
        for k, a in answers.items()
        if a.valid_until is not None and departure is not None and a.valid_until < departure
    )
    return IntakeState(open_items, tuple(problems), expired, tuple(blocks))


def carry_over(previous: dict[str, Answer]) -> dict[str, Answer]:
    """A returning guest starts from the last intake; what may have changed must be confirmed."""
    result = {}
    for key, answer in previous.items():
        item = BY_KEY.get(key)
        if item is None:
            continue
        result[key] = Answer(
            answer.value,
            answer.answered_on,
            answer.staff,
            answer.note,
            answer.valid_until,
            confirmed=not item.reconfirm,
        )
    return result


def open_text(keys: tuple[str, ...]) -> str:
    """'Nog open: verpleegkundige overdracht ontvangen, reanimatiebeleid.'"""
    names = [BY_KEY[k].question[0].lower() + BY_KEY[k].question[1:] for k in keys if k in BY_KEY]
    return "Nog open: " + ", ".join(names) + "." if names else ""
