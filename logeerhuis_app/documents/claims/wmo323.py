"""The iWmo 3.2 WMO323 message (declaratie Wmo-ondersteuning) for one municipality and month.

Only the client lines of a claim go in (reserved beds and housing parts belong to no BSN and
stay in the summary). Amounts in cents, each with D or C; a credit line names the line it
cancels (VorigReferentieNummer). The XSDs are not shipped: tests validate against the copies
in ../shared/standards.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from lxml import etree

from ...domain.claims import Claim, ClaimLine, split_signed
from .iwmo import NS_BASE, B, header
from .iwmo import text as _text

NS_MSG = "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"
_M = f"{{{NS_MSG}}}"
_B = B


class NotAWmoClaim(ValueError):
    pass


def render_wmo323(claim: Claim) -> bytes:
    """The message as UTF-8 bytes; the same claim gives the same bytes."""
    if not claim.is_wmo or claim.is_draft:
        raise NotAWmoClaim("Alleen een verstuurde Wmo-declaratie wordt een WMO323-bestand.")
    root = etree.Element(f"{_M}Bericht", nsmap={"wmo323": NS_MSG, "iwmo": NS_BASE})
    header(
        root,
        _M,
        code=484,
        sender=claim.provider.agb_code,
        receiver=claim.funder_code,
        identification=claim.number,
        made_on=claim.made_on,
    )
    _declaration(etree.SubElement(root, f"{_M}Declaratie"), claim)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _declaration(declaration: etree._Element, claim: Claim) -> None:
    _text(declaration, f"{_M}DeclaratieNummer", claim.number)
    _period(declaration, f"{_M}DeclaratiePeriode", claim.first_day, claim.last_day)
    _text(declaration, f"{_M}DeclaratieDagtekening", claim.made_on)
    total, sign = split_signed(claim.message_total_cents)
    amount = etree.SubElement(declaration, f"{_M}TotaalIngediendBedrag")
    _text(amount, f"{_B}TotaalBedrag", total)
    _text(amount, f"{_B}DebetCredit", sign)
    clients = etree.SubElement(declaration, f"{_M}Clienten")
    per_bsn: dict[str, list[ClaimLine]] = defaultdict(list)
    for line in claim.message_lines:
        per_bsn[line.bsn].append(line)
    for bsn, lines in per_bsn.items():
        client = etree.SubElement(clients, f"{_M}Client")
        _text(client, f"{_M}Bsn", bsn)
        performances = etree.SubElement(client, f"{_M}Prestaties")
        for line in lines:
            _performance(etree.SubElement(performances, f"{_M}Prestatie"), line)


def _performance(element: etree._Element, line: ClaimLine) -> None:
    reference = etree.SubElement(element, f"{_M}ProductReferentie")
    _text(reference, f"{_B}ReferentieNummer", line.reference)
    if line.debit_credit == "C":
        _text(reference, f"{_B}VorigReferentieNummer", line.previous_reference)
    _text(element, f"{_M}ToewijzingNummer", int(line.allocation_reference))
    _text(element, f"{_M}ProductCategorie", line.product_category)
    _text(element, f"{_M}ProductCode", line.product_code)
    _period(element, f"{_M}ProductPeriode", line.period_from, line.period_to)
    _text(element, f"{_M}GeleverdVolume", line.volume)
    _text(element, f"{_M}Eenheid", line.unit)
    _text(element, f"{_M}ProductTarief", line.tariff_cents)
    amount = etree.SubElement(element, f"{_M}IngediendBedrag")
    # Rule CS325: an amount of zero is always D.
    _text(amount, f"{_B}Bedrag", line.amount_cents)
    _text(amount, f"{_B}DebetCredit", line.debit_credit if line.amount_cents else "D")


def _period(parent: etree._Element, tag: str, start: date, end: date) -> None:
    period = etree.SubElement(parent, tag)
    _text(period, f"{_B}Begindatum", start)
    _text(period, f"{_B}Einddatum", end)


def validate(xml: bytes, schema_dir: Path) -> list[str]:
    """Errors of the message against WMO323.xsd in `schema_dir` (empty when it is valid)."""
    schema = etree.XMLSchema(etree.parse(str(schema_dir / "WMO323.xsd")))
    document = etree.fromstring(xml)
    if schema.validate(document):
        return []
    return [f"regel {e.line}: {e.message}" for e in schema.error_log]


def read_totals(xml: bytes) -> dict[str, int]:
    """The declared total and the sum of the lines (signed cents), read back from a message."""
    document = etree.fromstring(xml)
    ns = {"m": NS_MSG, "b": NS_BASE}

    def signed(element: etree._Element, amount_tag: str) -> int:
        value = int(element.findtext(f"b:{amount_tag}", namespaces=ns))
        return -value if element.findtext("b:DebetCredit", namespaces=ns) == "C" else value

    total = signed(document.find("m:Declaratie/m:TotaalIngediendBedrag", ns), "TotaalBedrag")
    lines = sum(
        signed(e, "Bedrag") for e in document.iterfind(".//m:Prestatie/m:IngediendBedrag", ns)
    )
    volume = sum(int(v) for v in document.xpath(".//m:GeleverdVolume/text()", namespaces=ns))
    return {"total": total, "lines": lines, "volume": volume}
