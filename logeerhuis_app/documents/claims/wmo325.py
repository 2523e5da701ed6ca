"""Reading an iWmo 3.2 WMO325 (declaratie-antwoord, BerichtCode 485) strictly, and writing one.

There is no WMO325.xsd beside the others in ../shared, so the structure is checked here, element
by element, as the iWmo 3.2 message model describes it (docs/decisions/0046): Header (code 485,
version 3.2, Afzender = municipality, Ontvanger = AGB, BerichtIdentificatie, XsdVersie,
DeclaratieIdentificatie, optional XsltVersie, XsdVersieDeclaratie, RetourCodes), then an
optional DeclaratieAntwoord (DeclaratieNummer, TotaalIngediendBedrag, TotaalToegekendBedrag,
optional Clienten/Client (Bsn, Prestaties/Prestatie, RetourCodes), RetourCodes). Anything else
is refused with a Dutch sentence (`AnswerFileError`); nothing is guessed.

`render_wmo325` writes the same structure. The app never sends a WMO325: it is there for the
demo house and the tests, as a stand-in for the municipality's answer (a simulation).
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree
from stdnum.nl import bsn as stdnum_bsn

from ...domain.claim_answers import AnsweredLine, ClaimAnswerMessage
from ...domain.claims import ClaimLine
from .iwmo import NS_BASE
from .iwmo import text as _text

NS_MSG = "http://www.istandaarden.nl/iwmo/3_2/wmo325/schema"
MESSAGE_CODE = "485"
MAX_BYTES = 8 * 1024 * 1024  # a month of a small house is a few KB; 8 MB is far beyond that
_M = f"{{{NS_MSG}}}"
_B = f"{{{NS_BASE}}}"
_KNOWN_KINDS = {"wmo301", "wmo302", "wmo305", "wmo306", "wmo307", "wmo308", "wmo315",
                "wmo316", "wmo317", "wmo318", "wmo319", "wmo320", "wmo323"}  # fmt: skip


class AnswerFileError(ValueError):
    """The file is not a WMO325 this program can read; the message is Dutch."""


def parse_wmo325(data: bytes) -> ClaimAnswerMessage:
    root = _root(data)
    header = _one(root, _M, "Header")
    sender = _digits(_one(header, _M, "Afzender"), 4, "de gemeentecode (Afzender)")
    receiver = _digits(_one(header, _M, "Ontvanger"), 8, "de AGB-code (Ontvanger)")
    _exact(_one(header, _M, "BerichtCode"), MESSAGE_CODE, "BerichtCode")
    _exact(_one(header, _M, "BerichtVersie"), "3", "BerichtVersie")
    _exact(_one(header, _M, "BerichtSubversie"), "2", "BerichtSubversie")
    identification, answered_on = _identification(_one(header, _M, "BerichtIdentificatie"))
    declared, _on = _identification(_one(header, _M, "DeclaratieIdentificatie"))
    header_codes = _codes(_one(header, _M, "RetourCodes"))
    answer = _optional(root, _M, "DeclaratieAntwoord")
    base = ClaimAnswerMessage(identification, answered_on, sender, receiver, declared,
                              header_codes)  # fmt: skip
    if answer is None:
        return base
    number = _text_of(_one(answer, _M, "DeclaratieNummer"), "DeclaratieNummer")
    if not re.fullmatch(r"[A-Za-z0-9]{1,12}", number):
        raise AnswerFileError(f"Het declaratienummer '{number[:20]}' is ongeldig.")
    clients = _optional(answer, _M, "Clienten")
    lines = [] if clients is None else _lines(clients)
    return ClaimAnswerMessage(
        identification, answered_on, sender, receiver, declared, header_codes, number,
        _signed(_one(answer, _M, "TotaalIngediendBedrag"), "TotaalBedrag", 12),
        _signed(_one(answer, _M, "TotaalToegekendBedrag"), "TotaalBedrag", 12),
        _codes(_one(answer, _M, "RetourCodes")), tuple(lines),
    )  # fmt: skip


def _root(data: bytes) -> etree._Element:
    if not isinstance(data, bytes | bytearray):
        raise AnswerFileError("Het bestand kon niet worden gelezen.")
    if len(data) > MAX_BYTES:
        raise AnswerFileError(
            f"Het bestand is te groot voor een WMO325 (meer dan {MAX_BYTES // 1024 // 1024} MB)."
        )
    if not data.strip():
        raise AnswerFileError("Het bestand is leeg.")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(bytes(data), parser)
    except (etree.LxmlError, ValueError, RecursionError) as exc:
        raise AnswerFileError(
            "Het bestand is geen geldig XML (afgebroken of beschadigd?)."
        ) from exc
    if root is None:
        raise AnswerFileError("Het bestand is geen geldig XML.")
    if root.getroottree().docinfo.doctype:
        raise AnswerFileError("Het bestand bevat een DOCTYPE; een iWmo-bericht heeft dat nooit.")
    if root.tag != f"{_M}Bericht":
        raise AnswerFileError(_wrong_kind(root.tag))
    return root


def _wrong_kind(tag: object) -> str:
    found = re.search(r"/(wmo\d{3})/schema\}", str(tag))
    if found and found.group(1) in _KNOWN_KINDS:
        return (
            f"Dit is een {found.group(1).upper()}-bericht, geen WMO325 (declaratie-antwoord). "
            "Kies het antwoordbericht van de gemeente."
        )
    return "Dit bestand is geen WMO325 (declaratie-antwoord van de gemeente, iWmo 3.2)."


def _children(parent: etree._Element, ns: str, name: str) -> list[etree._Element]:
    return [c for c in parent if isinstance(c.tag, str) and c.tag == f"{ns}{name}"]


def _optional(parent: etree._Element, ns: str, name: str) -> etree._Element | None:
    found = _children(parent, ns, name)
    if len(found) > 1:
        raise AnswerFileError(f"{name} staat meer dan eens in {_local(parent)}.")
    return found[0] if found else None


def _one(parent: etree._Element, ns: str, name: str) -> etree._Element:
    found = _optional(parent, ns, name)
    if found is None:
        raise AnswerFileError(f"{name} ontbreekt in {_local(parent)}.")
    return found


def _local(element: etree._Element) -> str:
    name: str = etree.QName(element).localname
    return name


def _text_of(element: etree._Element, what: str, limit: int = 40) -> str:
    value = (element.text or "").strip()
    if not value:
        raise AnswerFileError(f"{what} is leeg.")
    if len(value) > limit:
        raise AnswerFileError(f"{what} is te lang.")
    return value


def _exact(element: etree._Element, wanted: str, what: str) -> None:
    value = _text_of(element, what)
    if value != wanted:
        raise AnswerFileError(
            f"{what} is {value[:10]}, verwacht {wanted}: dit is geen WMO325 van iWmo 3.2."
        )


def _digits(element: etree._Element, count: int, what: str) -> str:
    value = _text_of(element, what)
    if not re.fullmatch(rf"\d{{{count}}}", value):
        raise AnswerFileError(f"{what.capitalize()} moet uit {count} cijfers bestaan.")
    return value


def _number(element: etree._Element, what: str, digits: int) -> int:
    value = _text_of(element, what)
    if not re.fullmatch(rf"\d{{1,{digits}}}", value):
        raise AnswerFileError(f"{what} moet een geheel getal van hoogstens {digits} cijfers zijn.")
    return int(value)


def _date(element: etree._Element, what: str) -> date:
    value = _text_of(element, what)
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise AnswerFileError(f"{what} is geen geldige datum (JJJJ-MM-DD).") from exc


def _identification(element: etree._Element) -> tuple[str, date]:
    what = _local(element)
    value = _text_of(_one(element, _B, "Identificatie"), f"{what}/Identificatie")
    if len(value) > 12:
        raise AnswerFileError(f"{what}/Identificatie is langer dan 12 tekens.")
    return value, _date(_one(element, _B, "Dagtekening"), f"{what}/Dagtekening")


def _codes(element: etree._Element) -> tuple[str, ...]:
    codes = []
    for child in _children(element, _M, "RetourCode"):
        code = _text_of(child, "RetourCode")
        if not re.fullmatch(r"[A-Z0-9]{4}", code):
            raise AnswerFileError(f"Retourcode '{code[:10]}' is geen code van 4 tekens.")
        codes.append(code)
    if not codes:
        raise AnswerFileError(f"{_local(element.getparent())} heeft geen retourcode.")
    return tuple(codes)


def _signed(element: etree._Element, tag: str, digits: int) -> int:
    amount = _number(_one(element, _B, tag), f"{_local(element)}/{tag}", digits)
    sign = _text_of(_one(element, _B, "DebetCredit"), f"{_local(element)}/DebetCredit")
    if sign not in ("D", "C"):
        raise AnswerFileError(f"{_local(element)}/DebetCredit moet D of C zijn.")
    return -amount if sign == "C" else amount


def _lines(clients: etree._Element) -> list[AnsweredLine]:
    found: list[AnsweredLine] = []
    if not _children(clients, _M, "Client"):
        raise AnswerFileError("Clienten heeft geen Client.")
    for client in _children(clients, _M, "Client"):
        bsn = _digits(_one(client, _M, "Bsn"), 9, "het BSN")
        if not stdnum_bsn.is_valid(bsn):
            raise AnswerFileError("Een BSN in het antwoord klopt niet (elfproef).")
        client_codes = _codes(_one(client, _M, "RetourCodes"))
        performances = _children(_one(client, _M, "Prestaties"), _M, "Prestatie")
        if not performances:
            raise AnswerFileError("Prestaties heeft geen Prestatie.")
        for p in performances:
            reference = _one(p, _M, "ProductReferentie")
            number = _text_of(_one(reference, _B, "ReferentieNummer"), "ReferentieNummer", 20)
            allocation = _number(_one(p, _M, "ToewijzingNummer"), "ToewijzingNummer", 9)
            for name, size in (("ProductCategorie", 2), ("ProductCode", 5), ("Eenheid", 2)):
                _text_of(_one(p, _M, name), name, size)
            period = _one(p, _M, "ProductPeriode")
            _date(_one(period, _B, "Begindatum"), "ProductPeriode/Begindatum")
            _date(_one(period, _B, "Einddatum"), "ProductPeriode/Einddatum")
            _number(_one(p, _M, "GeleverdVolume"), "GeleverdVolume", 8)
            if (tariff := _optional(p, _M, "ProductTarief")) is not None:
                _number(tariff, "ProductTarief", 8)
            amount = _signed(_one(p, _M, "IngediendBedrag"), "Bedrag", 8)
            codes = _codes(_one(p, _M, "RetourCodes"))
            found.append(AnsweredLine(number, bsn, allocation, amount, codes, client_codes))
    return found


# -- writing (a simulation of the municipality's answer, for the demo and the tests) ----------
def render_wmo325(answer: ClaimAnswerMessage, declared: dict[str, ClaimLine]) -> bytes:
    """An answer as a municipality would send it; `declared` holds the claim's lines by
    reference (a rejected line is returned as it was declared)."""
    root = etree.Element(f"{_M}Bericht", nsmap={"wmo325": NS_MSG, "iwmo": NS_BASE})
    header = etree.SubElement(root, f"{_M}Header")
    for tag, value in (("BerichtCode", MESSAGE_CODE), ("BerichtVersie", 3),
                       ("BerichtSubversie", 2), ("Afzender", answer.sender),
                       ("Ontvanger", answer.receiver)):  # fmt: skip
        _text(header, f"{_M}{tag}", value)
    _ident(header, "BerichtIdentificatie", answer.identification, answer.answered_on)
    _versions(header, "XsdVersie")
    _ident(header, "DeclaratieIdentificatie", answer.declaration_identification,
           answer.answered_on)  # fmt: skip
    _versions(header, "XsdVersieDeclaratie")
    _write_codes(header, answer.header_codes)
    if not answer.declaration_number:
        xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        return xml
    body = etree.SubElement(root, f"{_M}DeclaratieAntwoord")
    _text(body, f"{_M}DeclaratieNummer", answer.declaration_number)
    _amount(body, "TotaalIngediendBedrag", "TotaalBedrag", answer.submitted_cents or 0)
    _amount(body, "TotaalToegekendBedrag", "TotaalBedrag", answer.granted_cents or 0)
    if answer.lines:
        clients = etree.SubElement(body, f"{_M}Clienten")
        for bsn in dict.fromkeys(ln.bsn for ln in answer.lines):
            mine = [ln for ln in answer.lines if ln.bsn == bsn]
            client = etree.SubElement(clients, f"{_M}Client")
            _text(client, f"{_M}Bsn", bsn)
            performances = etree.SubElement(client, f"{_M}Prestaties")
            for line in mine:
                _performance(etree.SubElement(performances, f"{_M}Prestatie"), line,
                             declared[line.reference])  # fmt: skip
            _write_codes(client, mine[0].client_codes)
    _write_codes(body, answer.declaration_codes)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _performance(element: etree._Element, line: AnsweredLine, sent: ClaimLine) -> None:
    reference = etree.SubElement(element, f"{_M}ProductReferentie")
    _text(reference, f"{_B}ReferentieNummer", line.reference)
    if sent.debit_credit == "C":
        _text(reference, f"{_B}VorigReferentieNummer", sent.previous_reference)
    _text(element, f"{_M}ToewijzingNummer", line.allocation_number)
    _text(element, f"{_M}ProductCategorie", sent.product_category)
    _text(element, f"{_M}ProductCode", sent.product_code)
    period = etree.SubElement(element, f"{_M}ProductPeriode")
    _text(period, f"{_B}Begindatum", sent.period_from)
    _text(period, f"{_B}Einddatum", sent.period_to)
    _text(element, f"{_M}GeleverdVolume", sent.volume)
    _text(element, f"{_M}Eenheid", sent.unit)
    _text(element, f"{_M}ProductTarief", sent.tariff_cents)
    _amount(element, "IngediendBedrag", "Bedrag", line.amount_cents)
    _write_codes(element, line.codes)


def _ident(parent: etree._Element, tag: str, identification: str, on: date) -> None:
    element = etree.SubElement(parent, f"{_M}{tag}")
    _text(element, f"{_B}Identificatie", identification)
    _text(element, f"{_B}Dagtekening", on)


def _versions(parent: etree._Element, tag: str) -> None:
    element = etree.SubElement(parent, f"{_M}{tag}")
    _text(element, f"{_B}BasisschemaXsdVersie", "1.0.0")
    _text(element, f"{_B}BerichtXsdVersie", "1.0.0")


def _amount(parent: etree._Element, tag: str, amount_tag: str, cents: int) -> None:
    element = etree.SubElement(parent, f"{_M}{tag}")
    _text(element, f"{_B}{amount_tag}", abs(cents))
    _text(element, f"{_B}DebetCredit", "C" if cents < 0 else "D")  # zero is D (CS325)


def _write_codes(parent: etree._Element, codes: tuple[str, ...]) -> None:
    element = etree.SubElement(parent, f"{_M}RetourCodes")
    for code in codes:
        _text(element, f"{_M}RetourCode", code)
