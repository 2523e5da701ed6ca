"""The answer to a WMO301: the iWmo 3.2 retourbericht WMO302 (BerichtCode 415).

Built as IV028 describes a retourbericht: the WMO301's Header unchanged (BerichtCode 415),
plus IdentificatieRetour, DagtekeningRetour and XsdVersieRetour. Approved: the Header alone.
Refused on a rule within the message: the Header with retourcode 0001. Refused on a rule in
the Header (the municipality, the dagtekening, the identification): the Header with that
code. Refused on a client's product: every class of the client copied unchanged, each with
its retourcodes (0200 no remark, 0233 not checked, or the rule's code).

No WMO302.xsd is part of ../shared: the structure follows the published iWmo 3.2 message
(decision 0044) and is not validated against an XSD here.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date

from lxml import etree

from ...domain.allocation_messages import ANSWER_CODE, NO_REMARK, NOT_CHECKED
from .iwmo import NS_BASE
from .iwmo import text as _text
from .iwmo_reading import parse_message
from .wmo301 import NS as NS_WMO301

NS = "http://www.istandaarden.nl/iwmo/3_2/wmo302/schema"
_M = f"{{{NS}}}"
_B = f"{{{NS_BASE}}}"


def render_wmo302(
    wmo301: bytes,
    *,
    identification: str,
    made_on: date,
    header_codes: Sequence[str] = (),
    product_codes: Sequence[Sequence[str]] | None = None,
) -> bytes:
    """The answer; `product_codes` (one list per ToegewezenProduct, in order) copies the client
    into the answer, None leaves it out (approved, or refused in the Header)."""
    source = parse_message(wmo301)
    old = f"{{{NS_WMO301}}}"
    root = etree.Element(f"{_M}Bericht", nsmap={"wmo302": NS, "iwmo": NS_BASE})
    head = _moved(source.find(f"{old}Header"), old)
    head.find(f"{_M}BerichtCode").text = ANSWER_CODE
    _text(head, f"{_M}IdentificatieRetour", identification)
    _text(head, f"{_M}DagtekeningRetour", made_on)
    versions = etree.SubElement(head, f"{_M}XsdVersieRetour")
    _text(versions, f"{_B}BasisschemaXsdVersie", "1.0.0")
    _text(versions, f"{_B}BerichtXsdVersie", "1.0.0")
    _codes(head, header_codes)
    root.append(head)
    if product_codes is not None:
        client = _moved(source.find(f"{old}Client"), old)
        for contact in client.iter(f"{_M}Contact"):
            _codes(contact, [NOT_CHECKED])  # the house does not judge addresses
        for relation in client.iter(f"{_M}Relatie"):
            _codes(relation, [NOT_CHECKED])
        products = client.findall(f"{_M}ToegewezenProducten/{_M}ToegewezenProduct")
        for product, codes in zip(products, product_codes, strict=True):
            _codes(product, codes or [NO_REMARK])
        _codes(client, [NO_REMARK])
        root.append(client)
    for element in root.iter():  # the source's indentation would spoil pretty printing
        if element.text is not None and not element.text.strip():
            element.text = None
        element.tail = None
    etree.cleanup_namespaces(root, top_nsmap={"wmo302": NS, "iwmo": NS_BASE})
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _moved(element: etree._Element, old: str) -> etree._Element:
    """A copy with every WMO301 element in the WMO302 namespace (base elements stay)."""
    moved = copy.deepcopy(element)
    for child in moved.iter():
        if isinstance(child.tag, str) and child.tag.startswith(old):
            child.tag = _M + child.tag[len(old) :]
    return moved


def _codes(parent: etree._Element, codes: Sequence[str]) -> None:
    if not codes:
        return
    element = etree.SubElement(parent, f"{_M}RetourCodes")
    for code in codes:
        _text(element, f"{_M}RetourCode", code)


def answer_codes(xml: bytes) -> dict[str, list[str]]:
    """Per class the retourcodes of an answer: 'header', 'client' and 'product:<number>'."""
    root = parse_message(xml)
    found = {"header": [c.text or "" for c in root.iterfind(f"{_M}Header/{_M}RetourCodes/*")]}
    client = root.find(f"{_M}Client")
    if client is not None:
        found["client"] = [c.text or "" for c in client.iterfind(f"{_M}RetourCodes/*")]
        for product in client.iterfind(f"{_M}ToegewezenProducten/{_M}ToegewezenProduct"):
            number = product.findtext(f"{_M}ToewijzingNummer") or ""
            found[f"product:{number}"] = [
                c.text or "" for c in product.iterfind(f"{_M}RetourCodes/*")
            ]
    return found
