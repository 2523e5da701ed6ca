"""Checks and normal forms for Dutch identifiers, each failing with a Dutch message.

python-stdnum is imported by the checks that use it: it brings pydoc along, which the
start (the planner, through the date fields) would otherwise load for nothing (decision 0034).
"""

from __future__ import annotations

import re


class InvalidValue(ValueError):
    """A value the user typed that cannot be accepted; `message` is Dutch and shown as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _digits(text: str) -> str:
    return re.sub(r"[\s.\-]", "", text or "")


def _only_digits(raw: str) -> bool:
    """0-9 only: str.isdigit() also accepts '²' and '١', which int() or a code cannot use."""
    return raw.isascii() and raw.isdigit()


def normalize_bsn(text: str) -> str:
    """Nine digits passing the 11-test; shorter numbers get their leading zeros back."""
    raw = _digits(text)
    if not _only_digits(raw):
        raise InvalidValue("Een BSN bestaat uit 9 cijfers.")
    if len(raw) in (8, 7):
        raw = raw.zfill(9)
    if len(raw) != 9 or int(raw) == 0:
        raise InvalidValue("Een BSN bestaat uit 9 cijfers.")
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.nl import bsn as stdnum_bsn

    try:
        return stdnum_bsn.validate(raw)
    except StdnumError:
        message = "Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers."
        raise InvalidValue(message) from None


def normalize_iban(text: str) -> str:
    """IBAN in compact form (NL91ABNA0417164300), checked on country, length and check digits."""
    raw = re.sub(r"\s", "", text or "").upper()
    if len(raw) < 15 or not raw[:2].isalpha():
        raise InvalidValue("Vul een IBAN in zoals NL91 ABNA 0417 1643 00.")
    from stdnum import iban as stdnum_iban
    from stdnum.exceptions import ValidationError as StdnumError

    try:
        return stdnum_iban.validate(raw)
    except StdnumError:
        raise InvalidValue("Dit IBAN klopt niet. Controleer de letters en cijfers.") from None


def format_iban(compact: str) -> str:
    """Groups of four for reading: NL91 ABNA 0417 1643 00."""
    if not compact:
        return ""
    from stdnum import iban as stdnum_iban

    return stdnum_iban.format(compact)


_POSTCODE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")


def normalize_postcode(text: str) -> str:
    """Dutch postcode as '1234 AB'."""
    match = _POSTCODE.match((text or "").strip())
    if not match or match.group(2).upper() in {"SA", "SD", "SS"}:
        raise InvalidValue("Vul een postcode in zoals 1234 AB.")
    return f"{match.group(1)} {match.group(2).upper()}"


def _fixed_digits(text: str, length: int, message: str) -> str:
    raw = _digits(text)
    if not _only_digits(raw) or len(raw) != length:
        raise InvalidValue(message)
    return raw


def normalize_agb(text: str) -> str:
    """AGB code: exactly 8 digits (Vektis)."""
    return _fixed_digits(text, 8, "Een AGB-code bestaat uit 8 cijfers.")


def normalize_kvk(text: str) -> str:
    """KvK number: exactly 8 digits."""
    return _fixed_digits(text, 8, "Een KvK-nummer bestaat uit 8 cijfers.")


def normalize_uzovi(text: str) -> str:
    """UZOVI code of a zorgkantoor or insurer: 4 digits."""
    return _fixed_digits(text, 4, "Een UZOVI-code bestaat uit 4 cijfers.")


def normalize_cbs_municipality_code(text: str) -> str:
    """CBS municipality code as 4 digits; 'GM0363' and '363' both give '0363'."""
    raw = (text or "").strip().upper()
    if raw.startswith("GM"):
        raw = raw[2:]
    if not _only_digits(raw) or not 1 <= len(raw) <= 4 or int(raw) == 0:
        raise InvalidValue("Een gemeentecode (CBS) bestaat uit 4 cijfers, bijvoorbeeld 0363.")
    return raw.zfill(4)


def normalize_phone(text: str) -> str:
    """A phone number as typed, tidied; it must hold 10 to 15 digits."""
    tidy = re.sub(r"\s+", " ", (text or "").strip())
    if not re.fullmatch(r"\+?[0-9 ()\-]+", tidy):
        raise InvalidValue("Een telefoonnummer bevat alleen cijfers, spaties, - en +.")
    digits = re.sub(r"\D", "", tidy)
    if not 10 <= len(digits) <= 15:
        raise InvalidValue("Een telefoonnummer heeft 10 cijfers, bijvoorbeeld 010-1234567.")
    return tidy


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def normalize_email(text: str) -> str:
    tidy = (text or "").strip()
    if not _EMAIL.match(tidy):
        raise InvalidValue("Vul een e-mailadres in zoals naam@voorbeeld.nl.")
    return tidy
