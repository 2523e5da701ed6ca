"""The command line: `logeerhuis [--data-dir DIR] [COMMAND]`, the same services without a window.

Every message is Dutch; exit codes: 0 all well, 1 the check or command found a problem,
2 the command could not run (bad input, unreadable data).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .cli_mail import MAIL_COMMANDS, add_mail_commands
from .paths import ENV_DATA_DIR, data_dir

ENV_DATABASE_URL = "LOGEERHUIS_DATABASE_URL"  # read by storage.database_server

EXIT_OK, EXIT_PROBLEM, EXIT_ERROR = 0, 1, 2


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"logeerhuis: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="logeerhuis",
        description="Logeerhuis: planning, registratie en declaratie voor kleine logeerhuizen. "
        "Zonder opdracht start het programmavenster.",
        add_help=False,
    )
    parser._positionals.title = "opdrachten"
    parser._optionals.title = "opties"
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument(
        "--data-dir",
        metavar="MAP",
        help=f"de gegevensmap (standaard: {ENV_DATA_DIR} of de gebruikersmap)",
    )
    parser.add_argument(
        "--database-url",
        metavar="ADRES",
        help="een database op een PostgreSQL-server, bijvoorbeeld "
        f"postgresql+psycopg://gebruiker@server/logeerhuis (standaard: {ENV_DATABASE_URL}; "
        "zonder: het gegevensbestand in de gegevensmap)",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Logeerhuis {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open het venster onzichtbaar, bezoek elke pagina en meld de tijden",
    )
    parser.add_argument(  # for bench/startup_bench.py only, so not in the help
        "--startup-probe", action="store_true", help=argparse.SUPPRESS
    )
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    demo = commands.add_parser("demo", help="vul een lege gegevensmap met het demo-logeerhuis")
    demo.add_argument(
        "--if-empty", action="store_true", help="sla over (zonder fout) als er al gegevens zijn"
    )
    check = commands.add_parser(
        "check", help="controleer de gegevens en het schema (ook op een PostgreSQL-server)"
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="zet eerst de beveiligingen in de database terug die ontbreken of uit staan "
        "(wordt in het toegangslog vastgelegd); verder verandert er niets",
    )
    export = commands.add_parser("export-data", help="schrijf alle gegevens naar een JSON-bestand")
    export.add_argument("file", metavar="BESTAND.json", type=Path)
    imp = commands.add_parser(
        "import-data", help="lees alle gegevens uit een JSON-bestand in een lege gegevensmap"
    )
    imp.add_argument("file", metavar="BESTAND.json", type=Path)
    plan = commands.add_parser("plan", help="plan een verblijf (data als JJJJ-MM-DD)")
    plan.add_argument("--guest", type=int, required=True, metavar="GAST-ID")
    plan.add_argument("--room", type=int, required=True, metavar="KAMER-ID")
    plan.add_argument("--arrival", required=True, metavar="JJJJ-MM-DD")
    plan.add_argument("--departure", required=True, metavar="JJJJ-MM-DD")
    plan.add_argument("--allocation", type=int, metavar="TOEWIJZING-ID")
    plan.add_argument(
        "--boven-156", metavar="NAAM", default="",
        help="toch opslaan als de gast boven de 156 Wlz-nachten komt; de keuze wordt met deze "
        "naam vastgelegd",
    )  # fmt: skip
    close = commands.add_parser("close-month", help="sluit een maand af (JJJJ-MM)")
    close.add_argument("month", metavar="JJJJ-MM")
    invoices = commands.add_parser(
        "invoices", help="maak de facturen van een maand definitief en schrijf de PDF's"
    )
    invoices.add_argument("month", metavar="JJJJ-MM")
    invoices.add_argument("--out", metavar="MAP", type=Path, required=True)
    claims = commands.add_parser(
        "claims", help="maak de declaraties (en correcties) van een maand (JJJJ-MM)"
    )
    claims.add_argument("month", metavar="JJJJ-MM")
    answer = commands.add_parser(
        "read-wmo325",
        help="lees het antwoord van een gemeente op een declaratie (WMO325): per regel "
        "toegekend of afgewezen",
    )
    answer.add_argument("file", metavar="BESTAND", type=Path)
    month_export = commands.add_parser(
        "export", help="schrijf alle documenten van een maand naar een map of versleuteld ZIP"
    )
    month_export.add_argument("month", metavar="JJJJ-MM")
    month_export.add_argument("--out", metavar="MAP", type=Path, required=True)
    _encryption_options(month_export, "de documenten als gewone bestanden in een map")
    backup = commands.add_parser(
        "backup", help="maak een gecontroleerde backup (standaard in de map backups, met rotatie)"
    )
    backup.add_argument(
        "--out",
        metavar="MAP",
        type=Path,
        help="schrijf de backup naar deze (bestaande) map, of als dit bestand (.zip, of "
        ".sqlite3 met --no-encrypt) in een bestaande map; standaard versleuteld",
    )
    _encryption_options(backup, "een gewoon bestand (alleen met --out; de backups op deze pc "
                        "zijn altijd gewone bestanden)")  # fmt: skip
    restore = commands.add_parser(
        "restore", help="zet een backup terug (het huidige bestand blijft opzij bewaard)"
    )
    restore.add_argument("file", metavar="BESTAND", type=Path)
    add_mail_commands(commands)
    from .cli_messages import add_parser as add_read_message

    add_read_message(commands)
    return parser


def _encryption_options(command: argparse.ArgumentParser, plain: str) -> None:
    """Files that leave the PC are encrypted unless asked otherwise (decision 0027)."""
    command.add_argument("--no-encrypt", action="store_true", help=f"niet versleutelen: {plain}")
    command.add_argument(  # the default now; still accepted from older scripts
        "--encrypt", action="store_true", help="versleutelen (de standaard): één ZIP-bestand "
        "met AES-256 en een wachtwoord dat alleen dan wordt getoond"
    )  # fmt: skip


def _encrypted(args: argparse.Namespace) -> bool:
    from .services.errors import ServiceError

    if args.encrypt and args.no_encrypt:
        raise ServiceError("Kies --encrypt of --no-encrypt, niet allebei.")
    return not args.no_encrypt


def _month(text: str) -> tuple[int, int]:
    from .services.errors import ServiceError

    parts = text.split("-")
    digits = len(parts) == 2 and all(p.isascii() and p.isdigit() for p in parts)
    if not digits or not 1 <= int(parts[1]) <= 12:
        raise ServiceError(f"Geef de maand als JJJJ-MM, bijvoorbeeld 2026-03 (niet {text!r}).")
    return int(parts[0]), int(parts[1])


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    directory = data_dir(args.data_dir)
    if args.command is None:
        from .app import run_gui  # Qt only when a window is wanted

        return run_gui(directory, self_test=args.self_test, startup_probe=args.startup_probe)
    handler: Callable[[argparse.Namespace, Path], int] = _COMMANDS[args.command]
    from .services.errors import ServiceError

    try:
        return handler(args, directory)
    except ServiceError as exc:
        print(f"Fout: {exc.message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a scheduled task may keep this output: no BSN or IBAN in it
        import traceback

        from .domain.redaction import scrub

        print(scrub("".join(traceback.format_exception(exc))), file=sys.stderr)
        print(f"Fout: er ging iets mis ({type(exc).__name__}); zie hierboven.", file=sys.stderr)
        return EXIT_ERROR


def _open(directory: Path, args: argparse.Namespace | None = None):
    """The server database when --database-url or LOGEERHUIS_DATABASE_URL says so, else the
    SQLite file in the data directory."""
    from .storage.database import open_database, open_database_url

    url = _server_url(args, directory)
    return open_database_url(url) if url else open_database(directory)


def _server_url(args: argparse.Namespace | None, directory: Path) -> str | None:
    """--database-url, else LOGEERHUIS_DATABASE_URL, else the server chosen in the window
    (Bestand > Databaseserver), else None: the file in the data directory."""
    from .storage.server_setting import chosen_server_url

    given = (getattr(args, "database_url", None) or "").strip()
    return given or chosen_server_url(directory)


def _file_only(args: argparse.Namespace, directory: Path, what: str) -> None:
    from .services.errors import ServiceError

    if _server_url(args, directory):
        raise ServiceError(
            f"{what} werkt met het gegevensbestand op deze computer, niet met een database op "
            "een server. Gebruik daar de hulpmiddelen van PostgreSQL (pg_dump, pg_restore) of "
            "export-data."
        )


def _demo(args: argparse.Namespace, directory: Path) -> int:
    from datetime import date

    from .demo.answers import write_demo_answer
    from .demo.builder import build_demo
    from .demo.messages import save_demo_message

    db = _open(directory, args)
    where = db.location if db.on_server else str(directory)
    try:
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
    finally:
        db.close()
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

    url = _server_url(args, directory)
    if args.repair and (url or database_path(directory).is_file()):
        from .storage.health_server import repair_guards

        db = _open(directory, args)
        try:
            repaired = repair_guards(db)
        finally:
            db.close()
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

    db = _open(directory, args)
    try:
        summary = export_to_file(db, args.file)
    finally:
        db.close()
    print(f"Alle gegevens geschreven naar {args.file} ({_counts(summary)}).")
    return EXIT_OK


def _import(args: argparse.Namespace, directory: Path) -> int:
    from .storage.data_exchange import import_from_file

    db = _open(directory, args)
    try:
        summary = import_from_file(db, args.file)
    finally:
        db.close()
    print(f"Gegevens ingelezen uit {args.file} in {directory} ({_counts(summary)}).")
    return EXIT_OK


def _counts(summary: object) -> str:
    counts = getattr(summary, "counts", {}) or {}
    shown = [f"{table}: {n}" for table, n in counts.items() if n]
    return ", ".join(shown) or "leeg"


def _day(text: str):
    from datetime import date

    from .services.errors import ServiceError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ServiceError(f"Geef een datum als JJJJ-MM-DD (niet {text!r}).") from None


def _plan(args: argparse.Namespace, directory: Path) -> int:
    """A stay from the command line: the Wlz cap is asked as in the window (--boven-156)."""
    from .planning.stays import NewStay, create_stay
    from .planning.wlz_guard import WlzCapWarning

    new = NewStay(
        guest_id=args.guest, room_id=args.room, arrival=_day(args.arrival),
        departure=_day(args.departure), allocation_id=args.allocation,
        cap_accepted_by=args.boven_156,
    )  # fmt: skip
    db = _open(directory, args)
    try:
        stay = create_stay(db, new)
    except WlzCapWarning as warning:
        print(f"Niet opgeslagen. {warning.message}", file=sys.stderr)
        print("Toch opslaan: herhaal met --boven-156 NAAM (de keuze wordt met die naam "
              "vastgelegd).", file=sys.stderr)  # fmt: skip
        return EXIT_ERROR
    finally:
        db.close()
    print(f"Verblijf {stay.id} gepland: {args.arrival} tot {args.departure}.")
    return EXIT_OK


def _close_month(args: argparse.Namespace, directory: Path) -> int:
    from datetime import datetime

    from .billing.months import close_month, month_check

    year, month = _month(args.month)
    db = _open(directory, args)
    try:
        check = month_check(db, year, month)
        for warning in check.warnings:
            print(f"  let op: {warning}")
        close_month(db, year, month, by="opdrachtregel", now=datetime.now())
    finally:
        db.close()
    print(f"Maand {args.month} afgesloten ({len(check.warnings)} aandachtspunten).")
    return EXIT_OK


def _invoices(args: argparse.Namespace, directory: Path) -> int:
    from datetime import date

    from .billing.invoice_batch import finalise_all
    from .billing.invoicing import make_drafts
    from .domain.money import format_cents
    from .storage.out_paths import existing_folder
    from .storage.private_files import write_private

    year, month = _month(args.month)
    out = existing_folder(args.out)  # before anything is made final
    db = _open(directory, args)
    try:
        drafts = make_drafts(db, year, month)
        # One transaction: all of the month's drafts get their numbers, or none does.
        finals = finalise_all(
            db, [d.id for d in drafts], invoice_date=date.today(), by="opdrachtregel"
        )
    finally:
        db.close()
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

    year, month = _month(args.month)
    db = _open(directory, args)
    refused = made = 0
    try:
        now = datetime.now()
        drafts = claim_drafts(db, year, month, today=now.date())
        drafts += [
            d
            for d in pending_corrections(db, today=now.date())
            if (d.claim.year, d.claim.month) != (year, month)
        ]
        for draft in drafts:
            c = draft.claim
            what = f"{c.kind} {c.funder_name} {c.year}-{c.month:02d}"
            if not draft.ready:
                refused += 1
                print(f"  niet gemaakt: {what}")
                for problem in draft.problems:
                    print(f"    - {problem}")
                continue
            claim = submit_claim(
                db,
                draft.claim.year,
                draft.claim.month,
                draft.funder_id,
                by="opdrachtregel",
                now=now,
            )
            made += 1
            print(f"  {claim.number}  {what:<50} {format_cents(claim.total_cents):>14}")
    finally:
        db.close()
    print(f"{made} declaraties gemaakt voor {args.month}; {refused} nog niet (zie hierboven).")
    return EXIT_OK if refused == 0 else EXIT_ERROR


def _read_wmo325(args: argparse.Namespace, directory: Path) -> int:
    from datetime import datetime

    from .claims.claim_answer_overview import rejected_lines_of
    from .claims.claim_answers import read_wmo325_file

    db = _open(directory, args)
    try:
        result = read_wmo325_file(db, args.file, by="opdrachtregel", now=datetime.now())
        rejected = rejected_lines_of(db, result.claim_number)
    finally:
        db.close()
    print(result.summary)
    for line in rejected:
        print(f"  afgewezen {line.reference} ({line.guest_name}): {line.codes} [{line.state}]")
    return EXIT_OK


def _month_export(args: argparse.Namespace, directory: Path) -> int:
    from datetime import date

    from .claims.month_export import export_month

    year, month = _month(args.month)
    db = _open(directory, args)
    try:
        encrypt = _encrypted(args)
        result = export_month(db, year, month, args.out, today=date.today(), encrypt=encrypt)
    finally:
        db.close()
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


def _backup(args: argparse.Namespace, directory: Path) -> int:
    from .claims.month_export import new_password
    from .storage.backup import make_backup

    if _server_url(args, directory):
        return _server_backup(args, directory)

    # A copy that leaves the PC is encrypted unless --no-encrypt; the backups folder is plain.
    password = new_password() if args.out is not None and _encrypted(args) else None
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

    db = _open(directory, args)
    try:
        out = args.out
        if out is None:
            result = make_server_backup(db, backups_dir(directory))
        else:
            password = new_password() if _encrypted(args) else None
            folder, file_name = folder_or_file(out, (".pgdump", ".json", ".zip"))
            result = server_backup_to(db, folder, work_dir=directory, password=password)
            if file_name is not None:  # a file name was given: the backup gets that name
                named = (folder / file_name).with_suffix(".zip") if password else out
                result.path.replace(named)
                out = named
    finally:
        db.close()
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

    _file_only(args, directory, "Terugzetten")

    password = None
    if args.file.suffix.lower() == ".zip":
        password = getpass("Wachtwoord van de backup: ")
    result = restore_backup(directory, args.file, password=password)
    info = result.info
    print(f"Backup teruggezet: {args.file}")
    print(f"  {_n(info.guests)} gasten, {_n(info.stays)} verblijven, {_n(info.invoices)} facturen")
    if result.set_aside is not None:
        print(f"Het vorige gegevensbestand is bewaard als {result.set_aside}.")
        print(
            f"{result.carried} regels van het toegangslog overgenomen uit het vorige "
            "gegevensbestand; het terugzetten zelf staat er ook in."
        )
    return EXIT_OK


def _read_message(args: argparse.Namespace, directory: Path) -> int:
    from .cli_messages import read_message_command

    db = _open(directory, args)
    try:
        return read_message_command(args, directory, db)
    finally:
        db.close()


def _n(count: int | None) -> str:
    return "-" if count is None else str(count)


_COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "demo": _demo,
    "check": _check,
    "export-data": _export,
    "import-data": _import,
    "plan": _plan,
    "close-month": _close_month,
    "invoices": _invoices,
    "claims": _claims,
    "read-wmo325": _read_wmo325,
    "export": _month_export,
    "backup": _backup,
    "restore": _restore,
    **MAIL_COMMANDS,
    "read-message": _read_message,
}
