"""A WMO325 read through the one entry for messages (Bestand > Bericht inlezen…,
`read-message`): a preview that names the declaration and the rejected lines, then the same
marking as the Declaraties page's 'WMO325 inlezen…'; twice changes nothing."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.answer_simulation import simulated_answer
from logeerhuis_app.claims.claim_answer_overview import month_answers
from logeerhuis_app.claims.claims import submit_claim
from logeerhuis_app.claims.read_message import MessageRefused, apply_message, read_message
from logeerhuis_app.domain.months import Month

NOW = datetime(2026, 4, 3, 10, 0)
LATER = datetime(2026, 4, 17, 9, 0)


def test_a_wmo325_is_previewed_then_marks_the_rejected_line(db, wmo_house, tmp_path):
    gemeente, _stay = wmo_house()
    close_month(db, Month(2026, 3), by="test", now=NOW)
    claim = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    rejected = claim.lines[1].reference
    data = simulated_answer(db, claim.number, {rejected: ("9307",)}, answered_on=date(2026, 4, 15))

    preview = read_message(db, data, today=LATER.date())
    assert preview.kind == "WMO325" and preview.changes
    assert preview.title.endswith(f"van {gemeente.name.removeprefix('Gemeente ')} "
                                  f"({gemeente.cbs_code})")  # fmt: skip
    assert f"declaratie {claim.number}" in preview.lines[0]
    assert "1 regel(s) afgewezen" in preview.lines[1]
    assert month_answers(db, Month(2026, 3)).rejected == ()  # a preview changes nothing

    applied = apply_message(db, preview, data_dir=tmp_path, accept_offer=False, by="t", now=LATER)
    assert applied.changed and "1 regel" in applied.lines[0]
    [line] = month_answers(db, Month(2026, 3)).rejected
    assert line.reference == rejected and line.codes.startswith("9307")

    again = apply_message(db, read_message(db, data, today=LATER.date()), data_dir=tmp_path,
                          accept_offer=False, by="t", now=LATER)  # fmt: skip
    assert not again.changed


def test_a_damaged_wmo325_is_refused_in_dutch(db):
    with pytest.raises(MessageRefused, match="niet ingelezen"):
        read_message(db, b"<Bericht>kapot", today=LATER.date())
