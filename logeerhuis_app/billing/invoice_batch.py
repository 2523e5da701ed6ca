"""Finalising a month's drafts at once: one transaction, numbered in order, all or none.

For the command line (`logeerhuis invoices`) and the Facturen page's "Alle concepten
definitief maken": one commit instead of one per invoice and the provider read once, so 100
invoices take about a second. When one draft is refused, nothing is finalised and no number
is used (the series stays gapless); the message names the refused draft.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from ..db.models import Invoice
from ..services.errors import ServiceError
from ..storage.database import Database
from .invoice_finalising import Finalised, finalise_in, finalising_provider

Progress = Callable[[int, int], None]  # done, total


def finalise_all(
    db: Database,
    invoice_ids: Sequence[int],
    *,
    invoice_date: date,
    by: str,
    render=None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> list[Finalised]:
    provider = finalising_provider(db)
    done: list[Finalised] = []
    with db.session() as s:
        for index, invoice_id in enumerate(invoice_ids, start=1):
            try:
                one = finalise_in(
                    s, provider, invoice_id, invoice_date=invoice_date, by=by, render=render,
                    now=now,
                )  # fmt: skip
                done.append(one)
            except ServiceError as exc:
                invoice = s.get(Invoice, invoice_id)
                who = f" aan {invoice.customer_name}" if invoice is not None else ""
                raise ServiceError(
                    f"De concept-factuur{who} (nummer {index} van {len(invoice_ids)}) kan niet "
                    f"definitief worden: {exc.detail} Daarom is geen enkele factuur definitief "
                    "gemaakt; er is geen nummer gebruikt."
                ) from exc
            if progress is not None:
                progress(index, len(invoice_ids))
    return done
