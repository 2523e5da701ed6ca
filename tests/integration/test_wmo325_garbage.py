"""Whatever file is offered as a WMO325, the answer is the data read in or a clear Dutch
refusal, and a refused file changes nothing: random bytes, mutated answers, cut-off files,
huge files, other iWmo messages, entity tricks."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.answer_simulation import simulated_answer
from logeerhuis_app.claims.claim_answers import read_wmo325, read_wmo325_file
from logeerhuis_app.claims.claims import submit_claim
from logeerhuis_app.db.models import ClaimAnswer, ClaimLineAnswer
from logeerhuis_app.documents.claims.wmo323 import render_wmo323
from logeerhuis_app.documents.claims.wmo325 import MAX_BYTES
from logeerhuis_app.domain.months import Month
from logeerhuis_app.services.errors import ServiceError

NOW = datetime(2026, 4, 3, 10, 0)
LATER = datetime(2026, 4, 17, 9, 0)
FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def answered(db, wmo_house):
    """A claimed March and a valid answer to it (one line rejected)."""
    gemeente, _stay = wmo_house()
    close_month(db, Month(2026, 3), by="t", now=NOW)
    claim = submit_claim(db, Month(2026, 3), gemeente.id, by="t", now=NOW)
    data = simulated_answer(
        db, claim.number, {claim.lines[1].reference: ("9307",)}, answered_on=date(2026, 4, 15)
    )
    return claim, data


def _rows(db) -> tuple[int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(ClaimAnswer)),
            s.scalar(select(func.count()).select_from(ClaimLineAnswer)),
        )


def _refused(db, data: bytes) -> str:
    before = _rows(db)
    with pytest.raises(ServiceError) as caught:
        read_wmo325(db, data, by="t", now=LATER)
    assert _rows(db) == before
    message = caught.value.message
    assert message.startswith("Niet ingelezen") and "Traceback" not in message
    return message


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_in_dutch(db, answered, data):
    _refused(db, data)


@FUZZ
@given(st.data())
def test_mutated_answers_are_read_or_refused_in_dutch(db, answered, draw):
    _claim, valid = answered
    at = draw.draw(st.integers(0, len(valid) - 1))
    cut = draw.draw(st.integers(0, 40))
    insert = draw.draw(st.binary(max_size=20) | st.sampled_from([b"<", b">", b"&", b"9", b"C"]))
    mutated = valid[:at] + insert + valid[at + cut :]
    before = _rows(db)
    try:
        read_wmo325(db, mutated, by="t", now=LATER)
    except ServiceError as exc:
        assert exc.message.startswith("Niet ingelezen")
        assert _rows(db) == before
    else:  # harmless whitespace: read in, or the same answer again
        assert _rows(db) in (before, (1, 2))


@FUZZ
@given(st.data())
def test_changed_values_are_refused_or_read_never_a_crash(db, answered, draw):
    _claim, valid = answered
    starts = [i for i in range(len(valid)) if valid[i : i + 1] == b">"]
    at = draw.draw(st.sampled_from(starts)) + 1
    end = valid.find(b"<", at)
    value = draw.draw(st.text(max_size=30)).encode("utf-8", "surrogatepass")
    mutated = valid[:at] + value + valid[end:]
    try:
        read_wmo325(db, mutated, by="t", now=LATER)
    except ServiceError as exc:
        assert exc.message.startswith("Niet ingelezen")


def test_every_cut_off_answer_is_refused(db, answered):
    _claim, valid = answered
    for end in range(0, len(valid) - 20, 37):
        _refused(db, valid[:end])
    read_wmo325(db, valid, by="t", now=LATER)  # the whole file is fine
    assert _rows(db) == (1, 2)


def test_a_huge_file_is_refused_unread(db, answered, tmp_path):
    _claim, valid = answered
    path = tmp_path / "groot.xml"
    with path.open("wb") as handle:
        handle.write(valid[:-20])
        handle.write(b" " * (MAX_BYTES + 10))
    with pytest.raises(ServiceError, match="te groot"):
        read_wmo325_file(db, path, by="t", now=LATER)
    assert "te groot" in _refused(db, valid + b" " * MAX_BYTES)
    assert _rows(db) == (0, 0)


def test_the_wrong_kind_of_file_is_named(db, answered, tmp_path):
    claim, _valid = answered
    assert "WMO323-bericht, geen WMO325" in _refused(db, render_wmo323(claim))
    assert "geen WMO325" in _refused(db, b"<?xml version='1.0'?><factuur/>")
    assert "geen geldig XML" in _refused(db, b"%PDF-1.7\n")
    assert "leeg" in _refused(db, b"")
    with pytest.raises(ServiceError, match="geen bestand"):
        read_wmo325_file(db, tmp_path, by="t", now=LATER)


def test_entities_are_never_expanded(db, answered):
    _claim, valid = answered
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + valid.split(b"?>", 1)[1].replace(b"0308", b"&x;", 1)
    )
    assert "DOCTYPE" in _refused(db, bomb) or "geen geldig XML" in _refused(db, bomb)
