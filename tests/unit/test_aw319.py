"""The zorgkantoor's AW319 file, rule by rule, on a small claim read back position by position
(decision 0048)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from logeerhuis_app.documents.claims.aw319 import (
    Aw319Codes,
    Aw319Refused,
    read_aw319,
    render_aw319,
    signed_total,
    structure_problems,
)
from logeerhuis_app.documents.claims.aw319_layout import (
    CLIENT,
    LAYOUTS,
    PRESTATIE,
    RECORD_LENGTH,
    VOORLOOP,
    Field,
    cell,
    positions,
)
from logeerhuis_app.domain.claims import Claim, ClaimLine, ClaimParty
from logeerhuis_app.domain.wlz_declaration import file_notes, file_problems, zzp_code

PROVIDER = ClaimParty("De Zonnebloem", "Bloemstraat 12", "3511 AB", "Utrecht", "12345678",
                      "98765432", "NL91ABNA0417164300")  # fmt: skip
PIET, TRUUS = "111222333", "123456782"


def _line(reference: str, **changes) -> ClaimLine:
    base = ClaimLine(
        reference=reference, previous_reference="", kind="verblijf", guest_name="Piet Dam",
        bsn=PIET, allocation_reference="", care_profile="5VV", contract_name="Flexibel logeren",
        product_category="", product_code="Z1003", unit="14", period_from=date(2026, 3, 2),
        period_to=date(2026, 3, 5), volume=4, tariff_cents=16_250, amount_cents=65_000,
    )  # fmt: skip
    return replace(base, **changes)


def _claim(*lines: ClaimLine, **changes) -> Claim:
    base = Claim(
        number="D202600007", kind="declaratie", funder_kind="zorgkantoor",
        funder_name="Zorgkantoor Utrecht", funder_code="5513", year=2026, month=3,
        made_on=date(2026, 4, 3), provider=PROVIDER, lines=lines or (_line("D2026000070001"),),
    )  # fmt: skip
    return replace(base, **changes)


def _text(claim: Claim) -> list[str]:
    data = render_aw319(claim)
    assert data.endswith(b"\r\n")
    return data.decode("ascii").split("\r\n")[:-1]


def _at(line: str, layout, name: str) -> str:
    first, last = positions(layout)[name]
    return line[first - 1 : last]


def test_every_record_is_310_positions_and_ends_with_cr_lf():
    for layout in LAYOUTS.values():
        assert sum(f.length for f in layout) == RECORD_LENGTH
    lines = _text(_claim())
    assert [ln[:2] for ln in lines] == ["01", "02", "04", "99"]
    assert all(len(ln) == RECORD_LENGTH for ln in lines)


def test_fields_stand_at_their_positions():
    head, client, prestatie, _close = _text(_claim())
    assert positions(VOORLOOP)["uzovi_nummer"] == (27, 30) and head[26:30] == "5513"
    assert positions(VOORLOOP)["instellingscode"] == (55, 62) and head[54:62] == "98765432"
    assert positions(VOORLOOP)["factuurnummer_declarant"] == (81, 92)
    assert head[114:117] == "EUR"
    assert positions(CLIENT)["bsn"] == (15, 23) and client[14:23] == PIET
    assert positions(PRESTATIE)["prestatiecode"] == (125, 129) and prestatie[124:129] == "Z1003"
    assert positions(PRESTATIE)["referentienummer_dit_prestatierecord"] == (195, 214)
    assert prestatie[194:214].rstrip() == "D2026000070001"


def test_numeric_fields_are_right_aligned_and_zero_padded():
    _head, client, prestatie, close = _text(_claim())
    assert _at(prestatie, PRESTATIE, "aantal_uitgevoerde_prestaties") == "0004"
    assert _at(prestatie, PRESTATIE, "tarief_prestatie") == "00016250"
    assert _at(client, CLIENT, "identificatie_detailrecord") == "000000000001"
    assert _at(client, CLIENT, "datum_geboorte") == "00000000"  # empty N: zeros
    assert close[2:8] == "000001"


def test_alphanumeric_fields_are_left_aligned_and_space_padded():
    head, client, prestatie, _close = _text(_claim())
    assert _at(head, VOORLOOP, "factuurnummer_declarant") == "D202600007  "
    assert _at(prestatie, PRESTATIE, "zorgzwaartepakketcode") == "5VV"
    assert _at(client, CLIENT, "naam_01") == " " * 25  # no names in the file
    assert _at(prestatie, PRESTATIE, "referentienummer_voorgaande_prestatierecord") == " " * 20


def test_a_value_that_does_not_fit_is_refused_never_cut():
    with pytest.raises(ValueError, match="past niet"):
        cell(Field("x", 4, "N"), 12345)
    with pytest.raises(ValueError, match="geen getal"):
        cell(Field("x", 4, "N"), -5)
    with pytest.raises(ValueError, match="ASCII"):
        cell(Field("x", 10, "AN"), "Brouwér")


def test_dates_are_yyyymmdd_and_the_period_is_the_calendar_month():
    head, _client, prestatie, _close = _text(_claim(month=2, lines=(_line(
        "R1", period_from=date(2026, 2, 27), period_to=date(2026, 2, 28), volume=2,
        amount_cents=32_500),)))  # fmt: skip
    assert _at(head, VOORLOOP, "begindatum_declaratieperiode") == "20260201"
    assert _at(head, VOORLOOP, "einddatum_declaratieperiode") == "20260228"
    assert _at(head, VOORLOOP, "dagtekening_factuur") == "20260403"
    assert _at(prestatie, PRESTATIE, "begindatum_prestatie") == "20260227"
    assert _at(prestatie, PRESTATIE, "einddatum_prestatie") == "20260228"


def test_a_line_outside_the_month_is_refused():
    late = _line("R1", period_to=date(2026, 4, 1))
    with pytest.raises(Aw319Refused) as refused:
        render_aw319(_claim(late))
    assert refused.value.problems == ("Piet Dam: de periode valt buiten de declaratiemaand.",)


def test_amounts_are_cents_with_a_debit_credit_sign():
    records = read_aw319(render_aw319(_claim()))
    prestatie = records[2].fields
    assert prestatie["berekend_bedrag"] == prestatie["declaratiebedrag"] == 65_000
    assert prestatie["indicatie_debet_credit_01"] == prestatie["indicatie_debet_credit_02"] == "D"
    assert signed_total(records) == 65_000


def test_a_correction_credits_the_earlier_line_and_re_declares_it():
    credit = _line("D2026000120001", previous_reference="D2026000070001", debit_credit="C")
    debit = _line("D2026000120002", period_to=date(2026, 3, 4), volume=3, amount_cents=48_750)
    correction = _claim(credit, debit, number="D202600012", kind="correctie",
                        made_on=date(2026, 5, 12))  # fmt: skip
    records = read_aw319(render_aw319(correction))
    c, d = (r.fields for r in records if r.kind == "04")
    assert (c["indicatie_debet_credit_01"], c["indicatie_debet_credit_02"]) == ("C", "C")
    assert c["referentienummer_voorgaande_prestatierecord"] == "D2026000070001"
    assert c["declaratiebedrag"] == 65_000 and d["declaratiebedrag"] == 48_750
    close = records[-1].fields
    assert (close["totaal_declaratiebedrag"], close["indicatie_debet_credit"]) == (16_250, "C")
    assert signed_total(records) == -16_250 == correction.total_cents
    assert records[0].date("dagtekening_factuur") == date(2026, 5, 12)


def test_one_client_record_per_bsn_with_its_prestaties_below_it():
    lines = (
        _line("R1"),
        _line("R2", bsn=TRUUS, guest_name="Truus Brouwer"),
        _line("R3", period_from=date(2026, 3, 20), period_to=date(2026, 3, 21), volume=2,
              amount_cents=32_500),
    )  # fmt: skip
    records = read_aw319(render_aw319(_claim(*lines)))
    assert [(r.kind, r.fields["bsn"]) for r in records[1:-1]] == [
        ("02", int(PIET)), ("04", int(PIET)), ("04", int(PIET)),
        ("02", int(TRUUS)), ("04", int(TRUUS)),
    ]  # fmt: skip
    assert [r.fields["identificatie_detailrecord"] for r in records[1:-1]] == [1, 2, 3, 4, 5]
    assert structure_problems(records) == []


def test_the_closing_record_counts_the_records_and_adds_the_amounts():
    lines = (_line("R1"), _line("R2", bsn=TRUUS, volume=3, amount_cents=48_750))
    records = read_aw319(render_aw319(_claim(*lines)))
    close = records[-1].fields
    assert close["aantal_clientrecords"] == 2 and close["aantal_prestatierecords"] == 2
    assert close["totaal_aantal_detailrecords"] == 4
    assert close["totaal_declaratiebedrag"] == 113_750 and close["indicatie_debet_credit"] == "D"
    assert structure_problems(records) == []
    # The check reads what is there: a changed amount no longer adds up.
    tampered = render_aw319(_claim(*lines)).replace(b"00048750D", b"00048751D")
    assert structure_problems(read_aw319(tampered)) == [
        "het totaal in het sluitrecord is niet de som van de prestatierecords"
    ]


def test_a_bsn_that_fails_the_eleven_test_is_refused():
    with pytest.raises(Aw319Refused) as refused:
        render_aw319(_claim(_line("R1", bsn="111222334")))
    assert refused.value.problems == (
        "Piet Dam: het BSN 111222334 klopt niet (elfproef) (Gasten).",
    )


def test_agb_must_be_eight_digits_and_uzovi_four():
    with pytest.raises(Aw319Refused) as refused:
        render_aw319(_claim(provider=replace(PROVIDER, agb_code="9876543"), funder_code=""))
    assert refused.value.problems == (
        "Zorgkantoor Utrecht: de UZOVI-code van het zorgkantoor moet uit 4 cijfers bestaan "
        "(Financiers en contracten); zonder die code wordt er geen AW319-bestand gemaakt.",
        "De AGB-code van het logeerhuis moet uit 8 cijfers bestaan (Instellingen).",
    )


def test_only_z1003_lines_of_vv_clients_go_in():
    claim = _claim(
        _line("R1"),
        _line("R2", product_code="ZK001", contract_name="Logeeropvang"),
        _line("R3", bsn=TRUUS, care_profile="4VG"),
        _line("R4", kind="huisvesting", bsn="", guest_name=""),
    )
    records = read_aw319(render_aw319(claim))
    prestaties = [r.fields for r in records if r.kind == "04"]
    assert [p["referentienummer_dit_prestatierecord"] for p in prestaties] == ["R1"]
    assert signed_total(records) == 65_000
    assert file_notes(claim) == [
        "3 regel(s) zonder Z1003 of zonder VV-zorgprofiel (€\u00a01.950,00) staan niet in het "
        "AW319-bestand, wel in de samenvatting: declareer die apart zoals het zorgkantoor dat "
        "vraagt."
    ]


def test_a_municipality_claim_or_one_without_z1003_has_no_file():
    with pytest.raises(Aw319Refused, match="Alleen een declaratie aan een zorgkantoor"):
        render_aw319(_claim(funder_kind="gemeente"))
    with pytest.raises(Aw319Refused, match="geen regels flexibel logeren"):
        render_aw319(_claim(_line("R1", product_code="ZK001")))


def test_a_draft_is_checked_without_its_number():
    draft = _claim(_line(""), number="")
    assert file_problems(draft, draft=True) == []
    assert "declaratienummer" in file_problems(draft)[0]


def test_the_standard_codes_come_from_one_place():
    head = _text(_claim())[0]
    assert head[2:10] == "0000104P"  # berichtcode (not found: 000), version 01.04, productie
    codes = Aw319Codes(message_code=123, code_list=45)
    records = read_aw319(render_aw319(_claim(), codes=codes))
    assert records[0].fields["code_externe_integratiebericht"] == 123
    assert records[0].fields["soort_bericht"] == "P"
    assert records[2].fields["aanduiding_prestatiecodelijst"] == 45


@pytest.mark.parametrize(
    ("profile", "code"),
    [("5VV", "5VV"), ("VV5", "5VV"), ("zzp vv 7", "7VV"), ("4VG", ""), ("", "")],
)
def test_the_care_profile_is_written_as_its_zzp_code(profile, code):
    assert zzp_code(profile) == code
