"""The WMO325 reader on its own: any bytes give an answer or a Dutch AnswerFileError, never
another exception; what an answer means per line (iWmo IV087)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.documents.claims.wmo325 import AnswerFileError, parse_wmo325, render_wmo325
from logeerhuis_app.domain.claim_answers import AnsweredLine, ClaimAnswerMessage, line_verdicts
from logeerhuis_app.domain.claims import ClaimLine
from logeerhuis_app.domain.return_codes import describe

LINE = ClaimLine("D2026000010001", "", "verblijf", "Gerrit Bos", "999900006", "123456789", "",
                 "Wmo", "04", "04A04", "14", date(2026, 3, 10), date(2026, 3, 14), 5, 14250,
                 71250)  # fmt: skip
ANSWER = ClaimAnswerMessage(
    "A1", date(2026, 4, 15), "0308", "73730123", "D202600001", ("0200",), "D202600001",
    71250, 0, ("0200",),
    (AnsweredLine(LINE.reference, "999900006", 123456789, 71250, ("9307",), ("0200",)),),
)  # fmt: skip


def test_a_written_answer_reads_back_the_same():
    assert parse_wmo325(render_wmo325(ANSWER, {LINE.reference: LINE})) == ANSWER


@given(st.binary(max_size=3000))
def test_any_bytes_give_an_answer_or_a_dutch_refusal(data):
    try:
        parse_wmo325(data)
    except AnswerFileError as exc:
        assert exc.args[0] and "Traceback" not in exc.args[0]


def test_verdicts_per_line_follow_the_answer():
    assert [v.accepted for v in line_verdicts(ANSWER, [LINE.reference, "other"])] == [False, True]
    [refused] = line_verdicts(ANSWER, [LINE.reference])
    assert refused.codes == ("9307",)
    header_refused = ClaimAnswerMessage("A1", date(2026, 4, 15), "0308", "73730123",
                                        "D202600001", ("0001",))  # fmt: skip
    assert [v.codes for v in line_verdicts(header_refused, ["a", "b"])] == [("0001",), ("0001",)]
    client_refused = AnsweredLine("x", "999900006", 1, 5, ("0233",), ("8187",))
    answer = ClaimAnswerMessage("A1", date(2026, 4, 15), "0308", "73730123", "D1", ("0200",),
                                "D1", 5, 0, ("0200",), (client_refused,))  # fmt: skip
    assert line_verdicts(answer, ["x"])[0].codes == ("8187", "0233")


def test_codes_are_explained_in_dutch_and_unknown_ones_named():
    assert describe("0611") == (
        "0611: Het ingediende tarief komt niet overeen met het contractuele tarief."
    )
    assert describe("X999") == "X999: onbekende retourcode (zie codelijst WJ001)."
