"""Code run in child processes by the concurrency tests: two PCs on one PostgreSQL database."""

from __future__ import annotations

import time
from datetime import date


def fake_pdf(*_args) -> bytes:  # type: ignore[no-untyped-def]
    return b"%PDF-1.4 test\n"


def finalise_all(url: str, invoice_ids: list[int], barrier, results) -> None:  # type: ignore[no-untyped-def]
    """Finalise every invoice in the list; one already final (by the other PC) is skipped."""
    from logeerhuis_app.billing.invoice_finalising import finalise
    from logeerhuis_app.services.errors import ServiceError
    from logeerhuis_app.storage.database import open_database_url

    db = open_database_url(url)
    done = []
    try:
        barrier.wait(timeout=60)
        for invoice_id in invoice_ids:
            try:
                final = finalise(
                    db, invoice_id, invoice_date=date(2026, 4, 1), by="pc", render=fake_pdf
                )
            except ServiceError as exc:
                assert "al definitief" in exc.message, exc.message
                continue
            done.append((invoice_id, final.number))
    finally:
        db.close()
    results.put(done)


def number_claims(url: str, template_id: int, count: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    """Give `count` claims a number the way submit_claim does (claims._next_number), each in
    its own transaction, copying the template claim's other columns."""
    from sqlalchemy import text

    from logeerhuis_app.claims import claims
    from logeerhuis_app.db.models import Claim
    from logeerhuis_app.storage.database import open_database_url

    columns = [c.name for c in Claim.__table__.columns if c.name not in ("id", "number")]
    listed = ", ".join(columns)
    insert = text(
        f"INSERT INTO claims (number, {listed}) SELECT :number, {listed} FROM claims "
        "WHERE id = :template"
    )
    db = open_database_url(url)
    numbers = []
    try:
        barrier.wait(timeout=60)
        for _ in range(count):
            with db.session() as s:
                number = claims._next_number(s, 2026)
                time.sleep(0.005)  # submit_claim works a moment between numbering and storing
                s.execute(insert, {"number": number, "template": template_id})
            numbers.append(number)
    finally:
        db.close()
    results.put(numbers)


def finalise_batch(url: str, invoice_ids: list[int], barrier, results) -> None:  # type: ignore[no-untyped-def]
    """Finalise the list as one batch (billing.invoice_batch); report the numbers or the
    Dutch refusal."""
    from logeerhuis_app.billing.invoice_batch import finalise_all as batch
    from logeerhuis_app.services.errors import ServiceError
    from logeerhuis_app.storage.database import open_database_url

    db = open_database_url(url)
    try:
        barrier.wait(timeout=60)
        try:
            done = batch(db, invoice_ids, invoice_date=date(2026, 4, 1), by="pc", render=fake_pdf)
        except ServiceError as exc:
            results.put(exc.message)
            return
    finally:
        db.close()
    results.put([(f.id, f.number) for f in done])
