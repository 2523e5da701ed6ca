"""`logeerhuis read-message BESTAND [--ja]`: read a funder's message in from the command line
(the same services as Bestand > Bericht inlezen…). Shows what it would do, then asks, unless
--ja says yes to everything (creating an unknown guest, keeping a refusal's answer)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

EXIT_OK, EXIT_PROBLEM = 0, 1
BY = "opdrachtregel"


def add_parser(commands) -> None:
    command = commands.add_parser(
        "read-message", help="lees een bericht van een gemeente in (WMO301: toewijzing)"
    )
    command.add_argument("file", metavar="BESTAND", type=Path)
    command.add_argument(
        "--ja", action="store_true",
        help="niet vragen: inlezen, een onbekende gast aanmaken en bij afkeur het "
        "antwoordbericht bewaren",
    )  # fmt: skip


def read_message_command(args: argparse.Namespace, directory: Path, db) -> int:
    from .claims.read_message import (
        MessageRefused,
        apply_message,
        read_message,
        read_message_file,
    )
    from .claims.received_messages import keep_refusal

    ask: Callable[[str], bool] = (lambda _q: True) if args.ja else _ask
    try:
        preview = read_message(db, read_message_file(args.file), today=date.today())
    except MessageRefused as refused:
        print(f"Afgekeurd: {refused.message}", file=sys.stderr)
        if refused.answer is not None and ask("Het antwoordbericht (WMO302) bewaren?"):
            path = keep_refusal(db, refused, data_dir=directory, by=BY, now=datetime.now())
            print(f"Antwoordbericht met de afkeuring: {path}")
        return EXIT_PROBLEM
    print(preview.title)
    for line in preview.lines:
        print(f"  {line}")
    for warning in preview.warnings:
        print(f"  let op: {warning}")
    if not preview.changes:
        return EXIT_OK
    accept = bool(preview.offer) and ask(f"{preview.offer}?")
    if preview.offer and not accept:
        print("Niets ingelezen: de gast bestaat nog niet.")
        return EXIT_PROBLEM
    if not ask("Dit bericht inlezen?"):
        print("Niets ingelezen.")
        return EXIT_PROBLEM
    applied = apply_message(db, preview, data_dir=directory, accept_offer=accept, by=BY,
                            now=datetime.now())  # fmt: skip
    for line in applied.lines:
        print(line)
    for warning in applied.warnings:
        print(f"let op: {warning}")
    if applied.answer_path is not None:
        print(f"Antwoordbericht (WMO302): {applied.answer_path}")
    return EXIT_OK


def _ask(question: str) -> bool:
    try:
        return input(f"{question} [j/n] ").strip().lower() in ("j", "ja", "y")
    except EOFError:  # no one to ask (a script): no
        print()
        return False
