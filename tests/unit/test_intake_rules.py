"""The intake gating rules with plain values."""

from __future__ import annotations

from datetime import date

from logeerhuis_app.domain.intake import (
    DEFAULT_REQUIRED,
    GATE_CHECK_IN,
    GATE_CONFIRM,
    ITEMS,
    Answer,
    carry_over,
    evaluate,
    open_text,
)

ARRIVAL, DEPARTURE = date(2026, 3, 10), date(2026, 3, 13)


def _complete() -> dict[str, Answer]:
    answers = {i.key: Answer(i.good[0] if i.good else "ja", date(2026, 3, 1), "Ria") for i in ITEMS}
    answers["wzd_art21"] = Answer("nvt", date(2026, 3, 1), "Ria")
    return answers


def _state(answers):
    return evaluate(answers, DEFAULT_REQUIRED, arrival=ARRIVAL, departure=DEPARTURE)


def test_a_complete_intake_passes_both_gates():
    state = _state(_complete())
    assert state.may_pass(GATE_CONFIRM) and state.may_pass(GATE_CHECK_IN)
    assert state.label == "compleet" and state.problems == ()


def test_an_empty_intake_is_open_and_unknown_resuscitation_blocks_check_in():
    state = _state({})
    assert not state.may_pass(GATE_CONFIRM)
    assert set(state.open_items[GATE_CHECK_IN]) == {i.key for i in ITEMS}
    assert state.blocks_check_in == (
        "Het reanimatiebeleid is nog onbekend; zo kan de gast niet inchecken.",
    )
    assert state.label == "onvolledig"


def test_confirm_needs_only_inclusion_exclusion_and_wzd_by_default():
    answers = {k: v for k, v in _complete().items() if not k.startswith(("handover", "statement"))}
    state = _state(answers)
    assert state.may_pass(GATE_CONFIRM)
    assert set(state.open_items[GATE_CHECK_IN]) == {
        "handover_nursing",
        "handover_medication",
        "statement_signed",
    }


def test_an_exclusion_ground_or_a_court_order_stops_the_guest():
    answers = _complete()
    answers["excl_behaviour"] = Answer("ja", date(2026, 3, 1), "Ria")
    state = _state(answers)
    assert state.problems == ("Uitsluitingsgrond: ernstige gedragsproblemen.",)
    assert state.label == "geblokkeerd"
    answers = _complete()
    answers["wzd_art21"] = Answer("wacht_rm", date(2026, 3, 1), "Ria")
    state = _state(answers)
    assert not state.may_pass(GATE_CHECK_IN)
    assert "rechterlijke machtiging" in state.blocks_check_in[0]


def test_an_art21_decision_must_last_until_departure():
    answers = _complete()
    answers["wzd_art21"] = Answer("besluit", date(2026, 1, 1), "Ria", valid_until=date(2026, 3, 11))
    state = _state(answers)
    assert "wzd_art21" in state.open_items[GATE_CONFIRM]
    assert state.expired == ("wzd_art21",)
    answers["wzd_art21"] = Answer(
        "besluit", date(2026, 1, 1), "Ria", valid_until=date(2026, 12, 31)
    )
    assert _state(answers).may_pass(GATE_CONFIRM)


def test_responsibility_transferred_to_an_so_needs_a_name():
    answers = _complete()
    answers["medical_responsibility"] = Answer("so", date(2026, 3, 1), "Ria")
    assert "medical_responsibility" in _state(answers).open_items[GATE_CHECK_IN]
    answers["medical_responsibility"] = Answer("so", date(2026, 3, 1), "Ria", note="Dr. Bakker")
    assert _state(answers).may_pass(GATE_CHECK_IN)


def test_a_returning_guest_must_reconfirm_what_may_have_changed():
    carried = carry_over(_complete())
    assert carried["incl_home"].confirmed  # does not change between stays
    assert not carried["resuscitation"].confirmed and not carried["handover_nursing"].confirmed
    state = _state(carried)
    assert "resuscitation" in state.open_items[GATE_CHECK_IN]
    assert "excl_behaviour" in state.open_items[GATE_CONFIRM]


def test_open_text_names_the_items_in_dutch():
    assert open_text(("handover_nursing", "resuscitation")) == (
        "Nog open: verpleegkundige overdracht ontvangen, reanimatiebeleid."
    )
    assert open_text(()) == ""
