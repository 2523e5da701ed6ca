"""A reserved Wmo bed in WMO323: the guest's nights in it are declared on the guest at the
reservation's product and day tariff; the message validates (issue 18, decision 0033)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from logeerhuis_app.documents.wmo323 import read_totals, render_wmo323, validate
from logeerhuis_app.services.claims import submit_claim
from logeerhuis_app.services.contracts import ContractData, RateData, save_contract
from logeerhuis_app.services.months import close_month
from logeerhuis_app.services.reservations import ReservationData, reserve_bed

NOW = datetime(2026, 4, 3, 10, 0)


def _standards() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        found = parent / "shared" / "standards" / "iwmo-3.2"
        if (found / "WMO323.xsd").exists():
            return found
    return None


def test_a_reserved_bed_goes_into_wmo323_per_day_on_the_guest_who_slept_there(db, wmo_house):
    gemeente, stay = wmo_house()  # Gerrit Bos, 10 to 18 March, toewijzing 123456789
    bed = save_contract(db, ContractData(
        funder_id=gemeente.id, name="Gereserveerd logeerbed", product_category="04",
        product_code="04A05", tariff_model="reserved_bed", valid_from=date(2026, 1, 1),
        rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=11800),)))  # fmt: skip
    reserve_bed(db, ReservationData(None, stay.bed_id, bed.id, date(2026, 3, 1),
                                    date(2026, 3, 31)))  # fmt: skip
    close_month(db, 2026, 3, by="test", now=NOW)
    claim = submit_claim(db, 2026, 3, gemeente.id, by="test", now=NOW)
    message = [(ln.product_code, ln.period_from.day, ln.period_to.day, ln.volume, ln.tariff_cents,
                ln.bsn) for ln in claim.message_lines]  # fmt: skip
    # The 8 nights in the reserved bed are the reservation's days, on Gerrit's toewijzing.
    assert message == [("04A05", 10, 17, 8, 11800, "999900006")]
    assert all(ln.allocation_reference == "123456789" for ln in claim.message_lines)
    # The empty days (no client to declare them on in iWmo 3.2) stay on the summary.
    summary = [(ln.kind, ln.volume) for ln in claim.lines if not ln.in_message]
    assert summary == [("gereserveerd", 9), ("gereserveerd", 14)]  # 1-9 and 18-31 March
    xml = render_wmo323(claim)
    assert read_totals(xml) == {"total": 8 * 11800, "lines": 8 * 11800, "volume": 8}
    standards = _standards()
    if standards is None:
        pytest.skip("iWmo XSDs not present in ../shared")
    assert validate(xml, standards) == []
