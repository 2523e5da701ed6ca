"""Closing a month and finalising invoices with PDFs for 100 guests, against bare reportlab.

Budget (issue 5): at most 3 s, and at most 3 times the floor of writing the same number of
one-page PDFs with bare reportlab. Prints the figures; exits 0 (a measurement, not a test).

    python bench/invoices_bench.py [--guests 100]
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from logeerhuis_app.billing.invoice_batch import finalise_all
from logeerhuis_app.billing.invoicing import make_drafts
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.provider import ProviderData, save_provider
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, add_stay
from logeerhuis_app.storage.database import open_database

YEAR, MONTH = 2026, 3


def build(directory: Path, guests: int):  # type: ignore[no-untyped-def]
    db = open_database(directory)
    save_provider(
        db,
        ProviderData(
            name="Logeerhuis Bench",
            street="Lindelaan 1",
            postcode="3818 AB",
            city="Amersfoort",
            kvk="61234567",
            agb_code="73730123",
            iban="NL91ABNA0417164300",
        ),
    )
    funder = save_funder(
        db,
        FunderData(
            kind="particulier", name="Particulier", wants_invoice=True, invoice_to_guest=True
        ),
    )
    contract = save_contract(
        db,
        ContractData(
            funder_id=funder.id,
            name="Logeren",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=12900),),
        ),
    )
    rooms = [save_room(db, RoomData(name=f"Kamer {i}", beds=1)) for i in range(guests // 3 + 1)]
    allocations = []
    for n in range(guests):
        guest = save_guest(
            db,
            GuestData(
                first_name="Gast",
                last_name=f"Nummer {n:03d}",
                street="Dorpsstraat 1",
                postcode="3811 AA",
                city="Amersfoort",
            ),
        )
        allocations.append(
            (
                guest.id,
                save_allocation(
                    db,
                    AllocationData(
                        guest_id=guest.id,
                        funder_id=funder.id,
                        contract_id=contract.id,
                        kind="particulier",
                        start_date=date(2026, 1, 1),
                    ),
                ).id,
            )
        )
    with db.session() as s:
        for n, (guest_id, allocation_id) in enumerate(allocations):
            room = rooms[n // 3]
            start = date(YEAR, MONTH, 1 + (n % 3) * 10)
            add_stay(
                s,
                NewStay(
                    guest_id,
                    room.id,
                    start,
                    date(YEAR, MONTH, start.day + 3),
                    status="bevestigd",
                    allocation_id=allocation_id,
                ),
            )
    return db


def app_run(db) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    begin = time.perf_counter()
    close_month(db, Month(YEAR, MONTH), by="bench", now=datetime(2026, 4, 1, 9))
    drafts = make_drafts(db, Month(YEAR, MONTH))
    # As `logeerhuis invoices` and "Alle concepten definitief maken" do: one transaction.
    finalise_all(db, [d.id for d in drafts], invoice_date=date(2026, 4, 2), by="bench")
    return time.perf_counter() - begin, len(drafts)


def floor_run(count: int) -> float:
    """The same number of one-page PDFs with the same embedded font (the invoices must not
    depend on system fonts), through bare reportlab: no database, no layout of our own."""
    from reportlab.lib.styles import ParagraphStyle

    from logeerhuis_app.documents.fonts import register_fonts

    regular, _bold = register_fonts()
    styles = {"Title": ParagraphStyle("t", fontName=regular, fontSize=17)}
    _ = getSampleStyleSheet
    begin = time.perf_counter()
    for n in range(count):
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=A4)
        rows = [
            ["Gast", "Omschrijving", "Aantal", "Tarief", "Bedrag"],
            [f"Gast {n}", "3 nachten", "3", "129,00", "387,00"],
            ["", "Totaal", "", "", "387,00"],
        ]
        table = Table(rows)
        table.setStyle([("FONTNAME", (0, 0), (-1, -1), regular)])
        doc.build([Paragraph(f"Factuur {n}", styles["Title"]), table])
    return time.perf_counter() - begin


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--guests", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app_times, floors = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            db = build(Path(folder), args.guests)
            seconds, count = app_run(db)
            db.close()
        app_times.append(seconds)
        floors.append(floor_run(count))
    app, floor = statistics.median(app_times), statistics.median(floors)
    machine = f"Python {platform.python_version()}, {platform.platform()}"
    print(f"Invoices benchmark, {date.today()}, {machine}")
    print(f"{count} invoices with PDF; median of {args.runs} runs")
    verdict = "PASS" if app <= 3 else "FAIL"
    print(f"  close month + drafts + finalise with PDFs : {app:6.2f} s   budget 3 s   {verdict}")
    print(f"  floor: bare reportlab, same number of PDFs: {floor:6.2f} s")
    ratio = app / floor
    verdict = "PASS" if ratio <= 3 else "FAIL"
    print(f"  ratio                                      : {ratio:6.2f} x   budget 3 x   {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
