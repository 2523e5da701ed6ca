"""Reading an iWmo message that came from outside: bounded, without a network, a DTD or
entities, and with plain Dutch for everything that is wrong (decision 0044).

The program ships no XSD: the message readers check the rules they rely on in code
(documents/claims/wmo301.py); tests also validate against the real XSDs in ../shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Literal, overload

from lxml import etree

from .iwmo import NS_BASE

MAX_MESSAGE_BYTES = 1_000_000  # one client's message is a few KB; a claim answer some 100 KB
_IWMO = re.compile(r"http://www\.istandaarden\.nl/iwmo/3_2/(wmo\d{3})/schema")
_OTHER_STANDARD = re.compile(r"http://www\.istandaarden\.nl/(\w+)/")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
B = f"{{{NS_BASE}}}"


class MessageFormatError(ValueError):
    """The file is not a message the program can read; the text is Dutch, for the user."""


def parse_message(data: bytes) -> etree._Element:
    """The root element of a well-formed XML file, read safely."""
    if not isinstance(data, bytes | bytearray):
        raise MessageFormatError("Het bestand kon niet worden gelezen.")
    if len(data) > MAX_MESSAGE_BYTES:
        raise MessageFormatError(
            f"Het bestand is te groot voor een iWmo-bericht ({len(data) // 1000} kB; hoogstens "
            f"{MAX_MESSAGE_BYTES // 1000} kB). Kies het bericht van de gemeente."
        )
    if not bytes(data).strip():
        raise MessageFormatError("Het bestand is leeg.")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        dtd_validation=False, remove_comments=True, remove_pis=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(bytes(data), parser)
    except (etree.LxmlError, ValueError) as exc:
        raise MessageFormatError(
            "Dit bestand is geen leesbaar XML-bericht: het is beschadigd, afgebroken of van een "
            "andere soort. Vraag de gemeente het bericht opnieuw te sturen."
        ) from exc
    if root is None or not isinstance(root.tag, str):
        raise MessageFormatError("Dit bestand bevat geen bericht.")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise MessageFormatError(
            "Dit bestand bevat een DTD (<!DOCTYPE ...>); een iWmo-bericht heeft die nooit. "
            "Het wordt niet gelezen."
        )
    return root


def message_kind(root: etree._Element) -> str:
    """'WMO301', 'WMO325', ...: the iWmo 3.2 message the root element says it is."""
    name = etree.QName(root)
    found = _IWMO.fullmatch(name.namespace or "")
    if name.localname == "Bericht" and found:
        return found.group(1).upper()
    other = _OTHER_STANDARD.match(name.namespace or "")
    if other and other.group(1).lower() != "iwmo":
        raise MessageFormatError(
            f"Dit is een bericht van de iStandaard {other.group(1)}, geen iWmo 3.2-bericht. "
            "Logeerhuis leest alleen iWmo 3.2-berichten van gemeenten."
        )
    raise MessageFormatError(
        "Dit is geen iWmo 3.2-bericht (het hoofdelement is geen iWmo-'Bericht'). Kies het "
        "XML-bestand dat de gemeente stuurde."
    )


_Date = date  # the class below has a method named date


class Fields:
    """Strict reading of one message's elements: each element present as the XSD says, with
    the format it must have; otherwise a MessageFormatError naming the element in Dutch."""

    def __init__(self, namespace: str) -> None:
        self.m = f"{{{namespace}}}"

    def only(self, parent: etree._Element, allowed: Iterable[str], what: str) -> None:
        """No unknown elements and no loose text in `parent` (names with 'b:' are base)."""
        names = {self._tag(n) for n in allowed}
        if (parent.text or "").strip():
            raise MessageFormatError(f"In {what} staat tekst op een plek waar die niet hoort.")
        for child in parent:
            if not isinstance(child.tag, str) or child.tag not in names:
                local = etree.QName(child).localname if isinstance(child.tag, str) else "?"
                raise MessageFormatError(f"Onbekend element '{local}' in {what}.")
            if (child.tail or "").strip():
                raise MessageFormatError(f"In {what} staat tekst op een plek waar die niet hoort.")

    def one(self, parent: etree._Element, name: str, what: str) -> etree._Element:
        found = self.optional(parent, name, what)
        if found is None:
            raise MessageFormatError(f"{_label(name)} ontbreekt in {what}.")
        return found

    def optional(self, parent: etree._Element, name: str, what: str) -> etree._Element | None:
        found = parent.findall(self._tag(name))
        if len(found) > 1:
            raise MessageFormatError(f"{_label(name)} staat meer dan eens in {what}.")
        return found[0] if found else None

    def many(
        self, parent: etree._Element, name: str, what: str, limit: int
    ) -> list[etree._Element]:
        found: list[etree._Element] = parent.findall(self._tag(name))
        if not found:
            raise MessageFormatError(f"{_label(name)} ontbreekt in {what}.")
        if len(found) > limit:
            raise MessageFormatError(f"In {what} staat het element '{name}' meer dan {limit} keer.")
        return found

    def text(
        self, parent: etree._Element, name: str, what: str, *, pattern: str = r".*\S.*",
        max_length: int = 200, required: bool = True, secret: bool = False,
    ) -> str:  # fmt: skip
        element = self.one(parent, name, what) if required else self.optional(parent, name, what)
        if element is None:
            return ""
        if len(element):
            raise MessageFormatError(f"{_label(name)} in {what} mag geen elementen bevatten.")
        value = (element.text or "").strip()
        if not value or len(value) > max_length or not re.fullmatch(pattern, value, re.S):
            shown = "" if secret else f" ('{_short(value)}')"  # never a BSN in a message
            raise MessageFormatError(f"{_label(name)} in {what} heeft geen geldige waarde{shown}.")
        return value

    @overload
    def date(
        self, parent: etree._Element, name: str, what: str, *, required: Literal[True] = True
    ) -> _Date: ...

    @overload
    def date(
        self, parent: etree._Element, name: str, what: str, *, required: bool
    ) -> _Date | None: ...

    def date(
        self, parent: etree._Element, name: str, what: str, *, required: bool = True
    ) -> _Date | None:
        value = self.text(parent, name, what, pattern=_DATE.pattern, required=required)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise MessageFormatError(f"{_label(name)} in {what} is geen bestaande datum "
                                     f"('{value}').") from None  # fmt: skip

    def number(
        self, parent: etree._Element, name: str, what: str, *, maximum: int,
        required: bool = True,
    ) -> int | None:  # fmt: skip
        value = self.text(parent, name, what, pattern=r"\+?\d{1,20}", required=required)
        if not value:
            return None
        number = int(value)
        if number > maximum:
            raise MessageFormatError(f"{_label(name)} in {what} is groter dan {maximum}.")
        return number

    def _tag(self, name: str) -> str:
        return f"{B}{name[2:]}" if name.startswith("b:") else f"{self.m}{name}"


def _label(name: str) -> str:
    return f"Het element '{name.removeprefix('b:')}'"


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."
