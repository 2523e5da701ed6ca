"""The iWmo 3.2 allocation message WMO301 (BerichtCode 414): read one that a municipality sent,
with the XSD's structure and formats checked in code (decision 0044), and write one (the
demo's example file and the tests are made with this, never copied from the standard)."""

from __future__ import annotations

from lxml import etree

from ...domain.allocation_messages import (
    MESSAGE_CODE,
    AllocatedProduct,
    AllocationMessage,
    MessageClient,
    MessageHeader,
)
from ...domain.claim_checks import PRODUCT_CATEGORIES
from .iwmo import NS_BASE, header
from .iwmo import text as _text
from .iwmo_reading import Fields, MessageFormatError

NS = "http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"
MAX_PRODUCTS = 50
_B = f"{{{NS_BASE}}}"
_VERSION = r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
_UNITS = r"01|04|14|16|82|83|84"  # LDT_Eenheid
_CLIENT = ("Bsn", "Geboortedatum", "Geslacht", "Naam", "Communicatie", "JuridischeStatus",
           "WettelijkeVertegenwoordiging", "Commentaar", "Relaties", "Contactgegevens",
           "ToegewezenProducten")  # fmt: skip
_PRODUCT = ("ToewijzingNummer", "ReferentieAanbieder", "Product", "Toewijzingsdatum",
            "Toewijzingstijd", "Ingangsdatum", "Einddatum", "RedenWijziging", "Omvang", "Budget",
            "Commentaar")  # fmt: skip


def parse_wmo301(root: etree._Element) -> AllocationMessage:
    """The message's values; MessageFormatError (Dutch) when the file is not a valid WMO301."""
    f = Fields(NS)
    f.only(root, ("Header", "Client"), "het bericht")
    head = _header(f, f.one(root, "Header", "het bericht"))
    client_element = f.one(root, "Client", "het bericht")
    f.only(client_element, _CLIENT, "Client")
    client = _client(f, client_element)
    products_element = f.one(client_element, "ToegewezenProducten", "Client")
    f.only(products_element, ("ToegewezenProduct",), "ToegewezenProducten")
    elements = f.many(products_element, "ToegewezenProduct", "ToegewezenProducten", MAX_PRODUCTS)
    products = tuple(_product(f, e, n) for n, e in enumerate(elements, start=1))
    return AllocationMessage(head, client, products)


def _header(f: Fields, element: etree._Element) -> MessageHeader:
    what = "de Header"
    f.only(element, ("BerichtCode", "BerichtVersie", "BerichtSubversie", "Afzender",
                     "Ontvanger", "BerichtIdentificatie", "XsdVersie"), what)  # fmt: skip
    code = f.text(element, "BerichtCode", what, max_length=3)
    if code != MESSAGE_CODE:
        raise MessageFormatError(f"De BerichtCode is {code}; een WMO301 heeft {MESSAGE_CODE}.")
    if (f.text(element, "BerichtVersie", what), f.text(element, "BerichtSubversie", what)) != (
        "3", "2",
    ):  # fmt: skip
        raise MessageFormatError("Dit bericht is niet van iWmo-versie 3.2.")
    sender = f.text(element, "Afzender", what, pattern=r"\d{4}")
    receiver = f.text(element, "Ontvanger", what, pattern=r"\d{8}")
    ident = f.one(element, "BerichtIdentificatie", what)
    f.only(ident, ("b:Identificatie", "b:Dagtekening"), "BerichtIdentificatie")
    identification = f.text(ident, "b:Identificatie", "BerichtIdentificatie", max_length=12)
    dated = f.date(ident, "b:Dagtekening", "BerichtIdentificatie")
    versions = f.one(element, "XsdVersie", what)
    f.only(versions, ("b:BasisschemaXsdVersie", "b:BerichtXsdVersie"), "XsdVersie")
    for name in ("b:BasisschemaXsdVersie", "b:BerichtXsdVersie"):
        f.text(versions, name, "XsdVersie", pattern=_VERSION)
    return MessageHeader(sender, receiver, identification, dated)


def _client(f: Fields, element: etree._Element) -> MessageClient:
    bsn = f.text(element, "Bsn", "Client", pattern=r"\d{9}", secret=True)
    birth = f.one(element, "Geboortedatum", "Client")
    f.only(birth, ("b:Datum", "b:DatumGebruik"), "Geboortedatum")
    born = f.date(birth, "b:Datum", "Geboortedatum")
    gender = f.text(element, "Geslacht", "Client", pattern=r"[012]")
    name = f.one(element, "Naam", "Client")
    f.only(name, ("b:Geslachtsnaam", "b:Partnernaam", "b:Voornamen", "b:Voorletters",
                  "b:NaamGebruik"), "Naam")  # fmt: skip
    family = f.one(name, "b:Geslachtsnaam", "Naam")
    f.only(family, ("b:Achternaam", "b:Voorvoegsel"), "Geslachtsnaam")
    f.text(name, "b:NaamGebruik", "Naam", pattern=r"[1-6]")
    street, number, postcode, city = _address(f, element)
    return MessageClient(
        bsn=bsn, date_of_birth=born, gender_code=gender,
        last_name=f.text(family, "b:Achternaam", "Geslachtsnaam"),
        prefix=f.text(family, "b:Voorvoegsel", "Geslachtsnaam", max_length=10, required=False),
        first_names=f.text(name, "b:Voornamen", "Naam", required=False),
        initials=f.text(name, "b:Voorletters", "Naam", pattern=r"[^\W\d_]+", max_length=6,
                        required=False),
        street=street, house_number=number, postcode=postcode, city=city,
    )  # fmt: skip


def _address(f: Fields, client: etree._Element) -> tuple[str, str, str, str]:
    """The BRP address (Soort 01), else the first one: street, number, postcode, city."""
    contacts = f.one(client, "Contactgegevens", "Client")
    f.only(contacts, ("Contact",), "Contactgegevens")
    found = f.many(contacts, "Contact", "Contactgegevens", 20)
    for contact in found:
        f.text(contact, "Soort", "Contact", pattern=r"\d{2}")
    chosen = next((c for c in found if f.text(c, "Soort", "Contact") == "01"), found[0])
    address = f.optional(chosen, "Adres", "Contact")
    if address is None:
        return "", "", "", ""
    f.only(address, ("b:Huis", "b:Postcode", "b:Straatnaam", "b:Plaatsnaam", "b:LandCode"),
           "Adres")  # fmt: skip
    number = ""
    house = f.optional(address, "b:Huis", "Adres")
    if house is not None:
        f.only(house, ("b:Huisnummer", "b:Huisletter", "b:HuisnummerToevoeging",
                       "b:AanduidingWoonadres"), "Huis")  # fmt: skip
        parts = [str(f.number(house, "b:Huisnummer", "Huis", maximum=99999))]
        parts.append(f.text(house, "b:Huisletter", "Huis", max_length=1, required=False))
        addition = f.text(house, "b:HuisnummerToevoeging", "Huis", max_length=4, required=False)
        number = "".join(parts) + (f"-{addition}" if addition else "")
    return (
        f.text(address, "b:Straatnaam", "Adres", max_length=24, required=False),
        number,
        f.text(address, "b:Postcode", "Adres", max_length=8, required=False),
        f.text(address, "b:Plaatsnaam", "Adres", max_length=80, required=False),
    )


def _product(f: Fields, element: etree._Element, n: int) -> AllocatedProduct:
    what = f"ToegewezenProduct {n}"
    f.only(element, _PRODUCT, what)
    number = f.number(element, "ToewijzingNummer", what, maximum=999_999_999)
    category, code = "", ""
    product = f.optional(element, "Product", what)
    if product is not None:
        f.only(product, ("b:Categorie", "b:Code"), f"Product van {what}")
        category = f.text(product, "b:Categorie", f"Product van {what}", pattern=r"\d{2}")
        if category not in PRODUCT_CATEGORIES:
            raise MessageFormatError(f"Productcategorie {category} in {what} bestaat niet.")
        code = f.text(product, "b:Code", f"Product van {what}", max_length=5, required=False)
    f.text(element, "ReferentieAanbieder", what, max_length=36, required=False)
    f.text(element, "Toewijzingstijd", what, pattern=r"\d{2}:\d{2}:\d{2}(\.\d+)?")
    volume, unit, frequency = None, "", ""
    extent = f.optional(element, "Omvang", what)
    if extent is not None:
        f.only(extent, ("b:Volume", "b:Eenheid", "b:Frequentie"), f"Omvang van {what}")
        volume = f.number(extent, "b:Volume", f"Omvang van {what}", maximum=99_999_999)
        unit = f.text(extent, "b:Eenheid", f"Omvang van {what}", pattern=_UNITS)
        frequency = f.text(extent, "b:Frequentie", f"Omvang van {what}", pattern=r"[1246]")
    return AllocatedProduct(
        number=str(number), category=category, code=code,
        allocated_on=f.date(element, "Toewijzingsdatum", what),
        start=f.date(element, "Ingangsdatum", what),
        end=f.date(element, "Einddatum", what, required=False),
        reason=f.text(element, "RedenWijziging", what, pattern=r"0[1-9]|1[0-4]", required=False),
        volume=volume, unit=unit, frequency=frequency,
        budget=f.number(element, "Budget", what, maximum=99_999_999, required=False),
        comment=f.text(element, "Commentaar", what, max_length=4000, required=False),
    )  # fmt: skip


def render_wmo301(message: AllocationMessage, *, allocated_at: str = "09:00:00") -> bytes:
    """A WMO301 with the required elements (the demo's example, test files)."""
    m = f"{{{NS}}}"
    root = etree.Element(f"{m}Bericht", nsmap={"wmo301": NS, "iwmo": NS_BASE})
    h = message.header
    header(root, m, code=int(MESSAGE_CODE), sender=h.sender, receiver=h.receiver,
           identification=h.identification, made_on=h.dated)  # fmt: skip
    client = etree.SubElement(root, f"{m}Client")
    c = message.client
    _text(client, f"{m}Bsn", c.bsn)
    _text(etree.SubElement(client, f"{m}Geboortedatum"), f"{_B}Datum", c.date_of_birth)
    _text(client, f"{m}Geslacht", c.gender_code)
    name = etree.SubElement(client, f"{m}Naam")
    family = etree.SubElement(name, f"{_B}Geslachtsnaam")
    _text(family, f"{_B}Achternaam", c.last_name)
    _optional(family, f"{_B}Voorvoegsel", c.prefix)
    _optional(name, f"{_B}Voornamen", c.first_names)
    _optional(name, f"{_B}Voorletters", c.initials)
    _text(name, f"{_B}NaamGebruik", 1)
    contact = etree.SubElement(etree.SubElement(client, f"{m}Contactgegevens"), f"{m}Contact")
    _text(contact, f"{m}Soort", "01")
    address = etree.SubElement(contact, f"{m}Adres")
    if c.house_number:
        _text(etree.SubElement(address, f"{_B}Huis"), f"{_B}Huisnummer", c.house_number)
    _optional(address, f"{_B}Postcode", c.postcode.replace(" ", ""))
    _optional(address, f"{_B}Straatnaam", c.street)
    _optional(address, f"{_B}Plaatsnaam", c.city)
    _text(address, f"{_B}LandCode", "NL")
    products = etree.SubElement(client, f"{m}ToegewezenProducten")
    for p in message.products:
        _render_product(etree.SubElement(products, f"{m}ToegewezenProduct"), m, p, allocated_at)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _render_product(element: etree._Element, m: str, p: AllocatedProduct, at: str) -> None:
    _text(element, f"{m}ToewijzingNummer", int(p.number))
    if p.category:
        product = etree.SubElement(element, f"{m}Product")
        _text(product, f"{_B}Categorie", p.category)
        _optional(product, f"{_B}Code", p.code)
    _text(element, f"{m}Toewijzingsdatum", p.allocated_on)
    _text(element, f"{m}Toewijzingstijd", at)
    _text(element, f"{m}Ingangsdatum", p.start)
    _optional(element, f"{m}Einddatum", p.end)
    _optional(element, f"{m}RedenWijziging", p.reason)
    if p.volume is not None:
        extent = etree.SubElement(element, f"{m}Omvang")
        _text(extent, f"{_B}Volume", p.volume)
        _text(extent, f"{_B}Eenheid", p.unit)
        _text(extent, f"{_B}Frequentie", p.frequency)
    if p.budget is not None:
        _text(element, f"{m}Budget", p.budget)
    _optional(element, f"{m}Commentaar", p.comment)


def _optional(parent: etree._Element, tag: str, value: object) -> None:
    """No empty elements in an iWmo message (RS033)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return
    _text(parent, tag, value)
