"""Commands about the data as a whole: the demo, check, export-data and import-data, backup and
restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_support import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PROBLEM,
    count_or_dash,
    counts_text,
    encrypted,
    file_only,
    open_db,
    server_url,
)


def _demo(args: argparse.Namespace, directory: Path) -> int:
    from datetime import date

    from .demo.answers import write_demo_answer
    from .demo.builder import build_demo
    from .demo.messages import save_demo_message

    with open_db(directory, args) as db:
        where = db.location if db.on_server else str(directory)
        if not db.is_empty:
            if args.if_empty:
                print(f"Er staan al gegevens in {where}; geen demo gemaakt.")
                return EXIT_OK
            print(
                f"Fout: {where} bevat al gegevens. De demo wordt alleen in een lege "
                "gegevensmap of database gemaakt (kies een andere map met --data-dir).",
                file=sys.stderr,
            )
            return EXIT_ERROR
        summary = build_demo(db)
        example = save_demo_message(db, directory)
        answer = write_demo_answer(db, directory, date.today())
    print(f"Demo-logeerhuis gemaakt in {where}:")
    print(
        f"  {summary.rooms} kamers, {summary.guests} gasten, {summary.funders} financiers, "
        f"{summary.contracts} contracten,"
    )
    print(
        f"  {summary.stays} verblijven met {summary.nights} nachten, "
        f"{summary.cancelled_stays} geannuleerd,"
    )
    print(
        f"  {summary.recurring_series} vaste reeksen, {summary.open_requests} wachtende aanvragen, "
        f"{summary.closures} kamersluiting(en),"
    )
    print(
        f"  {summary.intakes} intakes ({summary.intake_overrides} overruled), "
        f"{summary.strain_scores} metingen mantelzorgbelasting,"
    )
    print(
        f"  {summary.closed_months} afgesloten maanden, {summary.invoices} facturen, "
        f"{summary.credit_invoices} creditfactuur, {summary.payments} betalingen."
    )
    print(f"Een toewijzingsbericht om in te lezen: {example}")
    print("  (Bestand > Bericht inlezen… of: logeerhuis read-message BESTAND)")
    if answer is not None:
        print(f"  Antwoord van de gemeente om in te lezen (WMO325, gesimuleerd): {answer}")
    return EXIT_OK


def _check(args: argparse.Namespace, directory: Path) -> int:
    from .paths import database_path
    from .storage.health import check_database

    url = server_url(args, directory)
    if args.repair and (url or database_path(directory).is_file()):
        from .storage.health_server import repair_guards

        with open_db(directory, args) as db:
            repaired = repair_guards(db)
        print(f"Hersteld: {', '.join(repaired)}." if repaired else "Niets te herstellen.")
    if url:
        from .storage.health_server import check_server

        report = check_server(url)
    else:
        report = check_database(directory)
    for fact in report.facts:
        print(f"  {fact}")
    if report.ok:
        print("In orde: de gegevens zijn heel en kloppen.")
        return EXIT_OK
    print("Er zijn problemen gevonden:", file=sys.stderr)
    for problem in report.problems:
        print(f"  - {problem}", file=sys.stderr)
    return EXIT_PROBLEM


def _export(args: argparse.Namespace, directory: Path) -> int:
    from .storage.data_exchange import export_to_file

    with open_db(directory, args) as db:
        summary = export_to_file(db, args.file)
    print(f"Alle gegevens geschreven naar {args.file} ({counts_text(summary)}).")
    return EXIT_OK


def _import(args: argparse.Namespace, directory: Path) -> int:
    from .storage.data_exchange import import_from_file

    with open_db(directory, args) as db:
        summary = import_from_file(db, args.file)
    print(f"Gegevens ingelezen uit {args.file} in {directory} ({counts_text(summary)}).")
    return EXIT_OK


def _backup(args: argparse.Namespace, directory: Path) -> int:
    from .claims.month_export import new_password
    from .storage.backup import make_backup

    if server_url(args, directory):
        return _server_backup(args, directory)

    # A copy that leaves the PC is encrypted unless --no-encrypt; the backups folder is plain.
    password = new_password() if args.out is not None and encrypted(args) else None
    result = make_backup(directory, out=args.out, password=password)
    print(f"Backup gemaakt en gecontroleerd: {result.path} ({result.size // 1024} kB).")
    if result.removed:
        print(f"{len(result.removed)} oudere automatische backup(s) opgeruimd.")
    if result.password:
        print(f"Wachtwoord (wordt niet bewaard): {result.password}")
    return EXIT_OK


def _server_backup(args: argparse.Namespace, directory: Path) -> int:
    from .claims.month_export import new_password
    from .storage.backup import backups_dir
    from .storage.backup_postgres import make_server_backup, server_backup_to
    from .storage.out_paths import folder_or_file

    with open_db(directory, args) as db:
        out = args.out
        if out is None:
            result = make_server_backup(db, backups_dir(directory))
        else:
            password = new_password() if encrypted(args) else None
            folder, file_name = folder_or_file(out, (".pgdump", ".json", ".zip"))
            result = server_backup_to(db, folder, work_dir=directory, password=password)
            if file_name is not None:  # a file name was given: the backup gets that name
                named = (folder / file_name).with_suffix(".zip") if password else out
                result.path.replace(named)
                out = named
    if result.note:
        print(f"Let op: {result.note}")
    where = out if out is not None and not out.is_dir() else result.path
    print(f"Backup gemaakt en gecontroleerd: {where} ({result.size // 1024} kB).")
    if result.removed:
        print(f"{len(result.removed)} oudere automatische backup(s) opgeruimd.")
    if result.password:
        print(f"Wachtwoord (wordt niet bewaard): {result.password}")
    return EXIT_OK


def _restore(args: argparse.Namespace, directory: Path) -> int:
    from getpass import getpass

    from .storage.backup_restore import restore_backup

    file_only(args, directory, "Terugzetten")

    password = None
    if args.file.suffix.lower() == ".zip":
        password = getpass("Wachtwoord van de backup: ")
    result = restore_backup(directory, args.file, password=password)
    info = result.info
    print(f"Backup teruggezet: {args.file}")
    print(
        f"  {count_or_dash(info.guests)} gasten, {count_or_dash(info.stays)} verblijven, "
        f"{count_or_dash(info.invoices)} facturen"
    )
    if result.set_aside is not None:
        print(f"Het vorige gegevensbestand is bewaard als {result.set_aside}.")
        print(
            f"{result.carried} regels van het toegangslog overgenomen uit het vorige "
            "gegevensbestand; het terugzetten zelf staat er ook in."
        )
    return EXIT_OK
