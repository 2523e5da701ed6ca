"""Commands of the month's work: planning a stay, closing a month, invoices, claims and their
answers, the month export and reading a funder's message."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_support import (
    EXIT_ERROR,
    EXIT_OK,
    day_arg,
    encrypted,
    month_arg,
    open_db,
)


def _plan(args: argparse.Namespace, directory: Path) -> int:
    """A stay from the command line: the Wlz cap is asked as in the window (--boven-156)."""
    from .planning.stays import NewStay, create_stay
    from .planning.wlz_guard import WlzCapWarning

    new = NewStay(
        guest_id=args.guest, room_id=args.room, arrival=day_arg(args.arrival),
        departure=day_arg(args.departure), allocation_id=args.allocation,
        cap_accepted_by=args.boven_156,
    )  # fmt: skip
    try:
        with open_db(directory, args) as db:
            stay = create_stay(db, new)
    except WlzCapWarning as warning:
        print(f"Niet opgeslagen. {warning.message}", file=sys.stderr)
        print("Toch opslaan: herhaal met --boven-156 NAAM (de keuze wordt met die naam "
              "vastgelegd).", file=sys.stderr)  # fmt: skip
        return EXIT_ERROR
    print(f"Verblijf {stay.id} gepland: {args.arrival} tot {args.departure}.")
    return EXIT_OK


def _close_month(args: argparse.Namespace, directory: Path) -> int:
    from datetime import datetime

    from .billing.months import close_month, month_check

    month = month_arg(args.month)
    with open_db(directory, args) as db:
        check = month_check(db, month)
        for warning in check.warnings:
            print(f"  let op: {warning}")
        close_month(db, month, by="opdrachtregel", now=datetime.now())
    print(f"Maand {args.month} afgesloten ({len(check.warnings)} aandachtspunten).")
    return EXIT_OK


def _invoices(args: argparse.Namespace, directory: Path) -> int:
    from datetime import date

    from .billing.invoice_batch import finalise_all
    from .billing.invoicing import make_drafts
    from .domain.money import format_cents
    from .storage.out_paths import existing_folder
    from .storage.private_files import write_private

    month = month_arg(args.month)
    out = existing_folder(args.out)  # before anything is made final
    with open_db(directory, args) as db:
        drafts = make_drafts(db, month)
        # One transaction: all of the month's drafts get their numbers, or none does.
        finals = finalise_all(
            db, [d.id for d in drafts], invoice_date=date.today(), by="opdrachtregel"
        )
    for final in finals:  # stored and committed; the files are copies for the user
        target = out / f"factuur-{final.number}.pdf"
        write_private(target, final.pdf)
        amount = format_cents(final.total_cents)
        print(f"  {final.number}  {final.customer_name:<40} {amount:>14}  {target}")
    print(f"{len(finals)} facturen definitief gemaakt voor {args.month}.")
    return EXIT_OK


def _claims(args: argparse.Namespace, directory: Path) -> int:
    from datetime import datetime

    from .claims.claims import claim_drafts, pending_corrections, submit_claim
    from .domain.money import format_cents

    month = month_arg(args.month)
    refused = made = 0
    with open_db(directory, args) as db:
        now = datetime.now()
        drafts = claim_drafts(db, month, today=now.date())
        drafts += [d for d in pending_corrections(db, today=now.date()) if d.claim.period != month]
        for draft in drafts:
            c = draft.claim
            what = f"{c.kind} {c.funder_name} {c.year}-{c.month:02d}"
            if not draft.ready:
                refused += 1
                print(f"  niet gemaakt: {what}")
                for problem in draft.problems:
                    print(f"    - {problem}")
                continue
            claim = submit_claim(db, c.period, draft.funder_id, by="opdrachtregel", now=now)
            made += 1
            print(f"  {claim.number}  {what:<50} {format_cents(claim.total_cents):>14}")
    print(f"{made} declaraties gemaakt voor {args.month}; {refused} nog niet (zie hierboven).")
    return EXIT_OK if refused == 0 else EXIT_ERROR


def _read_wmo325(args: argparse.Namespace, directory: Path) -> int:
    from datetime import datetime

    from .claims.claim_answer_overview import rejected_lines_of
    from .claims.claim_answers import read_wmo325_file

    with open_db(directory, args) as db:
        result = read_wmo325_file(db, args.file, by="opdrachtregel", now=datetime.now())
        rejected = rejected_lines_of(db, result.claim_number)
    print(result.summary)
    for line in rejected:
        print(f"  afgewezen {line.reference} ({line.guest_name}): {line.codes} [{line.state}]")
    return EXIT_OK


def _month_export(args: argparse.Namespace, directory: Path) -> int:
    from datetime import date

    from .claims.month_export import export_month

    month = month_arg(args.month)
    with open_db(directory, args) as db:
        encrypt = encrypted(args)
        result = export_month(db, month, args.out, today=date.today(), encrypt=encrypt)
    for f in result.files:
        print(f"  {f.name}")
    print(f"{len(result.files)} bestanden geschreven naar {result.location}")
    if result.unclaimed:
        print("Let op: nog niet gedeclareerd bij " + ", ".join(result.unclaimed) + ".")
    for problem in result.care_problems:
        print(f"Niet in de start- en stopberichten: {problem}")
    for problem in result.file_problems:
        print(f"Niet in de export: {problem}")
    if result.password:
        print(f"Wachtwoord (wordt niet bewaard): {result.password}")
        print("Stuur het wachtwoord via een ander kanaal dan het bestand, bijvoorbeeld per sms.")
    return EXIT_OK


def _read_message(args: argparse.Namespace, directory: Path) -> int:
    from .cli_messages import read_message_command

    with open_db(directory, args) as db:
        return read_message_command(args, directory, db)
