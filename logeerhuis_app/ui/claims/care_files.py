"""Declaraties > start- en stopberichten bewaren: the month's WMO305/WMO307 files into a
chosen folder, saying what was left out and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ...claims.care_messages import save_care_messages
from ...domain.dates import format_month
from ...domain.months import Month
from .. import operations
from ..context import AppContext


def save_care_files(context: AppContext, year: int, month: int) -> None:
    title = "Start- en stopberichten"
    folder = context.prompter.choose_folder(f"{title} bewaren")
    if folder is None:
        return
    saved = operations.run(
        context,
        lambda: save_care_messages(
            context.db, Month(year, month), Path(folder), made_on=date.today()
        ),
        title="Niet bewaard",
    )
    if saved is None:
        return
    result = saved.value
    starts = sum(1 for f in result.files if f.name.startswith("WMO305"))
    stops = len(result.files) - starts
    when = format_month(year, month)
    if result.files:
        lines = [f"{starts} startbericht(en) (WMO305) en {stops} stopbericht(en) (WMO307) "
                 f"over {when} bewaard in {folder}."]  # fmt: skip
    else:
        lines = [f"Over {when} is geen start- of stopbericht bewaard."]
    if result.problems:
        lines.append("Niet opgenomen; los eerst dit op:")
        lines += [f"• {p}" for p in result.problems]
    context.prompter.info(title, "\n".join(lines))
    if result.files:
        context.status(f"{len(result.files)} start- en stopberichten bewaard: {folder}")
