"""The iWmo 3.2 messages WMO305 (start of care, BerichtCode 418) and WMO307 (end of care,
BerichtCode 420), one client each, built from a domain CareMessage.

The XSDs are not shipped: tests validate against the copies in ../shared/standards.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ...domain.care_messages import START, STOP, CareMessage, CareProduct
from .iwmo import NS_BASE, header
from .iwmo import text as _text

NAMESPACES = {
    START: "http://www.istandaarden.nl/iwmo/3_2/wmo305/schema",
    STOP: "http://www.istandaarden.nl/iwmo/3_2/wmo307/schema",
}
MESSAGE_CODES = {START: 418, STOP: 420}
STATUS_FIRST_DELIVERY = "1"  # LDT_StatusAanlevering: eerste aanlevering
_B = f"{{{NS_BASE}}}"


def render_care_message(message: CareMessage) -> bytes:
    """The message as UTF-8 bytes; the same message gives the same bytes."""
    ns = NAMESPACES[message.kind]
    m = f"{{{ns}}}"
    root = etree.Element(f"{m}Bericht", nsmap={f"wmo{message.kind}": ns, "iwmo": NS_BASE})
    header(
        root,
        m,
        code=MESSAGE_CODES[message.kind],
        sender=message.sender,
        receiver=message.receiver,
        identification=message.identification,
        made_on=message.made_on,
    )
    client = etree.SubElement(root, f"{m}Client")
    _client(client, m, message)
    word = "Start" if message.kind == START else "Stop"
    products = etree.SubElement(client, f"{m}{word}Producten")
    for product in message.products:
        _product(etree.SubElement(products, f"{m}{word}Product"), m, product)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _client(client: etree._Element, m: str, message: CareMessage) -> None:
    person = message.client
    _text(client, f"{m}Bsn", person.bsn)
    birth = etree.SubElement(client, f"{m}Geboortedatum")
    _text(birth, f"{_B}Datum", person.date_of_birth)
    _text(client, f"{m}Geslacht", person.gender_code)
    name = etree.SubElement(client, f"{m}Naam")
    family = etree.SubElement(name, f"{_B}Geslachtsnaam")
    _text(family, f"{_B}Achternaam", person.last_name.strip())
    if person.prefix.strip():  # no empty elements (RS033)
        _text(family, f"{_B}Voorvoegsel", person.prefix.strip())
    if person.first_name.strip():
        _text(name, f"{_B}Voornamen", " ".join(person.first_name.split()))
    if person.initials:
        _text(name, f"{_B}Voorletters", person.initials)


def _product(element: etree._Element, m: str, product: CareProduct) -> None:
    _text(element, f"{m}ToewijzingNummer", int(product.reference))
    category = etree.SubElement(element, f"{m}Product")
    _text(category, f"{_B}Categorie", product.product_category)
    if product.product_code:
        _text(category, f"{_B}Code", product.product_code)
    _text(element, f"{m}ToewijzingIngangsdatum", product.allocation_start)
    _text(element, f"{m}Begindatum", product.begin)
    if product.end is not None:
        _text(element, f"{m}RedenBeeindiging", product.reason)
        _text(element, f"{m}Einddatum", product.end)
    _text(element, f"{m}StatusAanlevering", product.status or STATUS_FIRST_DELIVERY)


def validate(xml: bytes, schema_dir: Path, kind: str) -> list[str]:
    """Errors of a WMO305 (kind "305") or WMO307 ("307") message against its XSD."""
    schema = etree.XMLSchema(etree.parse(str(schema_dir / f"WMO{kind}.xsd")))
    document = etree.fromstring(xml)
    if schema.validate(document):
        return []
    return [f"regel {e.line}: {e.message}" for e in schema.error_log]


def read_products(xml: bytes) -> list[dict[str, str]]:
    """Per product the BSN, toewijzingnummer, dates and reason, read back from a message."""
    document = etree.fromstring(xml)
    bsn = document.findtext("{*}Client/{*}Bsn") or ""
    found = []
    for product in document.iterfind(".//{*}StartProduct"):
        found.append(_read(bsn, product))
    for product in document.iterfind(".//{*}StopProduct"):
        found.append(_read(bsn, product))
    return found


def _read(bsn: str, product: etree._Element) -> dict[str, str]:
    fields = ("ToewijzingNummer", "ToewijzingIngangsdatum", "Begindatum", "Einddatum")
    read = {f: product.findtext(f"{{*}}{f}") or "" for f in fields}
    read["RedenBeeindiging"] = product.findtext("{*}RedenBeeindiging") or ""
    return {"Bsn": bsn, **read}


def read_statuses(xml: bytes) -> list[str]:
    """StatusAanlevering of each product in the message, in order (1 or 3)."""
    return [e.text or "" for e in etree.fromstring(xml).iterfind(".//{*}StatusAanlevering")]
