"""The Caregiver Strain Index: 13 questions, one point per "ja", overburdened from 7."""

from __future__ import annotations

from datetime import date

import pytest

from logeerhuis_app.domain import carer_strain as csi


def _answers(yes: int) -> tuple[bool, ...]:
    return tuple(i < yes for i in range(13))


def test_there_are_thirteen_distinct_dutch_questions():
    assert len(csi.QUESTIONS) == csi.COUNT == 13
    assert len(set(csi.QUESTIONS)) == 13
    assert all(q.endswith(".") and q[0].isupper() for q in csi.QUESTIONS)
    assert any("slaap" in q.lower() for q in csi.QUESTIONS)
    assert any("financieel" in q.lower() for q in csi.QUESTIONS)


@pytest.mark.parametrize("yes", [0, 1, 6, 7, 13])
def test_the_score_counts_the_yes_answers(yes):
    assert csi.score(_answers(yes)) == yes


def test_the_score_needs_exactly_thirteen_answers():
    with pytest.raises(ValueError):
        csi.score(_answers(3)[:12])
    with pytest.raises(ValueError):
        csi.score((*_answers(3), False))


def test_seven_or_more_is_overburdened():
    assert csi.OVERBURDENED_FROM == 7
    assert not csi.is_overburdened(6)
    assert csi.is_overburdened(7)
    assert csi.is_overburdened(13)


def test_answers_are_stored_as_thirteen_digits_and_read_back():
    answers = (True, False, True, True, False, False, False, True, False, False, False, True, True)
    text = csi.encode(answers)
    assert text == "1011000100011"
    assert csi.decode(text) == answers
    assert csi.decode(csi.encode(_answers(0))) == _answers(0)
    for bad in ("101", "1011000100012", "1" * 14):
        with pytest.raises(ValueError):
            csi.decode(bad)
    with pytest.raises(ValueError):
        csi.encode(_answers(2)[:5])


def test_the_trend_compares_the_first_and_the_last_measurement_by_date():
    jan, mar, jun = date(2026, 1, 5), date(2026, 3, 2), date(2026, 6, 1)
    assert csi.trend([(jan, 5), (mar, 8)]) == "gestegen van 5 naar 8"
    assert csi.trend([(mar, 8), (jan, 5)]) == "gestegen van 5 naar 8"  # sorted by date
    assert csi.trend([(jan, 9), (mar, 4), (jun, 6)]) == "gedaald van 9 naar 6"
    assert csi.trend([(jan, 7), (jun, 7)]).startswith("gelijk gebleven")
    assert csi.trend([(jan, 7)]) == "Eén meting (score 7); nog geen verloop."
    assert csi.trend([]) == "Nog geen metingen."
