"""The Caregiver Strain Index (CSI, Robinson 1983) for a carer: 13 yes/no questions.

Each "ja" counts one point; a score of 7 or more means the carer is overburdened (DOMAIN.md
section 6). The questions are the Dutch wording of the CSI, asked about the last weeks.
Plain values in, plain values out.
"""

from __future__ import annotations

from datetime import date

QUESTIONS: tuple[str, ...] = (
    "Mijn slaap wordt verstoord (bijvoorbeeld doordat mijn naaste 's nachts uit bed gaat "
    "of ronddwaalt).",
    "De zorg is niet gemakkelijk voor mij (bijvoorbeeld omdat helpen veel tijd kost of het "
    "een lange rit is om te helpen).",
    "De zorg is lichamelijk belastend (bijvoorbeeld tillen, helpen bij opstaan of "
    "uit een stoel komen).",
    "De zorg beperkt mijn vrijheid (bijvoorbeeld doordat ik minder vrije tijd heb of niet "
    "op bezoek kan).",
    "Er zijn aanpassingen in het gezin nodig geweest (bijvoorbeeld doordat de zorg de "
    "dagelijkse gang van zaken verstoort of er geen privacy meer is).",
    "Ik heb mijn persoonlijke plannen moeten aanpassen (bijvoorbeeld een baan of een "
    "vakantie laten schieten).",
    "Er worden ook andere eisen aan mijn tijd gesteld (bijvoorbeeld door andere gezinsleden).",
    "Ik heb me emotioneel moeten aanpassen (bijvoorbeeld door heftige discussies of ruzie).",
    "Een deel van het gedrag van mijn naaste is verontrustend (bijvoorbeeld incontinentie, "
    "vergeetachtigheid, beschuldigingen).",
    "Het maakt mij van streek dat mijn naaste zo veranderd is vergeleken met vroeger.",
    "Ik heb aanpassingen in mijn werk moeten doen (bijvoorbeeld vrij nemen of minder werken).",
    "De zorg is financieel belastend.",
    "Ik voel me volledig overweldigd (bijvoorbeeld door zorgen over mijn naaste of over hoe "
    "ik het moet redden).",
)
COUNT = len(QUESTIONS)  # 13
OVERBURDENED_FROM = 7
MOMENTS = (("intake", "Intake"), ("evaluatie", "Evaluatie"))


def _check(answers: tuple[bool, ...]) -> None:
    if len(answers) != COUNT:
        raise ValueError(f"De CSI heeft {COUNT} antwoorden nodig, niet {len(answers)}.")


def score(answers: tuple[bool, ...]) -> int:
    """The number of questions answered "ja" (0 to 13)."""
    _check(tuple(answers))
    return sum(1 for answer in answers if answer)


def is_overburdened(value: int) -> bool:
    return value >= OVERBURDENED_FROM


def encode(answers: tuple[bool, ...]) -> str:
    """'0110...': one digit per question, as stored."""
    _check(tuple(answers))
    return "".join("1" if answer else "0" for answer in answers)


def decode(text: str) -> tuple[bool, ...]:
    if len(text) != COUNT or set(text) - {"0", "1"}:
        raise ValueError(f"Geen geldige CSI-antwoorden: {text!r}.")
    return tuple(char == "1" for char in text)


def trend(scores: list[tuple[date, int]]) -> str:
    """How the score moved from the first measurement to the last one, in Dutch."""
    if not scores:
        return "Nog geen metingen."
    ordered = sorted(scores, key=lambda pair: pair[0])
    first, last = ordered[0][1], ordered[-1][1]
    if len(ordered) == 1:
        return f"Eén meting (score {last}); nog geen verloop."
    if last > first:
        return f"gestegen van {first} naar {last}"
    if last < first:
        return f"gedaald van {first} naar {last}"
    return f"gelijk gebleven op {last}"
