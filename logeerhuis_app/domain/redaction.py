"""What never leaves the program in an error text: BSN-like numbers, IBANs, and the rows a
database quotes when it refuses one (decision 0027). Also the masked BSN of a list.

`scrub` is for text the program did not write itself (a driver's or SQLAlchemy's error, a
traceback) before it goes into fouten.log, an error dialog or the terminal. The engines
already hide query parameters (`hide_parameters`); this catches what is left, such as
PostgreSQL's "Failing row contains (...)" and "Key (bsn)=(...)".
"""

from __future__ import annotations

import re

# Nine digits on their own (a BSN, or any number of that shape): not inside a longer number,
# a hash or an invoice number like F202600001.
_NINE_DIGITS = re.compile(r"(?<![\w.-])\d{9}(?![\w-])")
# An IBAN, with or without the groups of four: two letters, two check digits, 11-30 more.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_FAILING_ROW = re.compile(r"Failing row contains \(.*?\)(?=\.?\s*$)", re.MULTILINE)
_KEY_VALUE = re.compile(r"Key \(([^)]*)\)=\((.*?)\)")
_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background|$))", re.DOTALL)


def scrub(text: str) -> str:
    """The text with quoted rows, parameters, BSN-like numbers and IBANs replaced."""
    text = _PARAMETERS.sub("[parameters: …]", text)
    text = _FAILING_ROW.sub("Failing row contains (…)", text)
    text = _KEY_VALUE.sub(lambda m: f"Key ({m.group(1)})=(…)", text)
    text = _IBAN.sub("<IBAN>", text)
    return _NINE_DIGITS.sub("<9 cijfers>", text)


def mask_bsn(bsn: str) -> str:
    """'******782' for a list: enough to tell two guests apart, not enough to use."""
    return f"{'*' * (len(bsn) - 3)}{bsn[-3:]}" if len(bsn) > 3 else bsn
