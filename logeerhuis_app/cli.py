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
from .cli_data import _backup, _check, _demo, _export, _import, _restore
from .cli_mail import MAIL_COMMANDS, add_mail_commands
from .cli_month import (
    _claims,
    _close_month,
    _invoices,
    _month_export,
    _plan,
    _read_message,
    _read_wmo325,
)

# The exit codes stay cli's public names (tests and scripts read cli.EXIT_OK).
from .cli_support import EXIT_ERROR
from .cli_support import EXIT_OK as EXIT_OK
from .cli_support import EXIT_PROBLEM as EXIT_PROBLEM
from .paths import ENV_DATA_DIR, data_dir

ENV_DATABASE_URL = "LOGEERHUIS_DATABASE_URL"  # read by storage.database_server


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
