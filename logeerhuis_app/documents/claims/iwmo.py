"""What every iWmo 3.2 message shares: the base schema's namespace, elements with a text, and
the Header (BerichtCode, versions, sender, receiver, identification)."""

from __future__ import annotations

from datetime import date

from lxml import etree

NS_BASE = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
B = f"{{{NS_BASE}}}"


def text(parent: etree._Element, tag: str, value: object) -> etree._Element:
    """A child element with the value as text (a date as ISO 8601)."""
    element = etree.SubElement(parent, tag)
    element.text = value.isoformat() if isinstance(value, date) else str(value)
    return element


def header(
    parent: etree._Element,
    m: str,
    *,
    code: int,
    sender: str,
    receiver: str,
    identification: str,
    made_on: date,
) -> None:
    """The message's Header; `m` is the message namespace in braces ("{...wmo323...}")."""
    element = etree.SubElement(parent, f"{m}Header")
    text(element, f"{m}BerichtCode", code)
    text(element, f"{m}BerichtVersie", 3)
    text(element, f"{m}BerichtSubversie", 2)
    text(element, f"{m}Afzender", sender)
    text(element, f"{m}Ontvanger", receiver)
    identity = etree.SubElement(element, f"{m}BerichtIdentificatie")
    text(identity, f"{B}Identificatie", identification)
    text(identity, f"{B}Dagtekening", made_on)
    versions = etree.SubElement(element, f"{m}XsdVersie")
    text(versions, f"{B}BasisschemaXsdVersie", "1.0.0")
    text(versions, f"{B}BerichtXsdVersie", "1.0.0")
