"""Does Qt handle Dutch text as it should? Part of `--self-test`.

On Linux Qt asks ICU for collation (the file dialogs sort with it), per-locale case mapping
and code pages; the frozen app carries ICU's data for Dutch, English and the root only
(installer/trim_icu.py, decision 0035). These checks fail when those data are missing.
"""

from __future__ import annotations

from PySide6.QtCore import QCollator, QLocale, QStringDecoder

# In Dutch order accents do not count first and case comes after the letter; in code-point
# order É, Ö and Z would sort before every lower-case letter.
SORTED = ["aap", "Aap", "appel", "école", "Ede", "eend", "Émile", "IJmuiden", "ijsje", "Ölie",
          "zeer", "Zoë"]  # fmt: skip


def dutch_text_problems() -> list[str]:
    """The problems found, in Dutch; empty when sorting, case mapping and dates work."""
    problems = []
    dutch = QLocale("nl_NL")
    collator = QCollator(dutch)
    if sorted(reversed(SORTED), key=collator.sortKey) != SORTED:
        problems.append("Qt sorteert Nederlandse woorden niet op alfabet (ICU-sorteergegevens?)")
    if dutch.toUpper("ijsje één") != "IJSJE ÉÉN":
        problems.append("Qt zet Nederlandse tekst niet goed in hoofdletters")
    day = dutch.toDate("14-03-2026", "dd-MM-yyyy")
    if dutch.toString(day, "dddd d MMMM yyyy") != "zaterdag 14 maart 2026":
        problems.append("Qt schrijft Nederlandse datums niet goed")
    if not QStringDecoder("windows-1252").isValid():
        problems.append("Qt kent de tekenset windows-1252 niet (ICU-gegevens?)")
    return problems
