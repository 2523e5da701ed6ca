"""`logeerhuis mail-invoice` and `logeerhuis mail-export`: the window's "Versturen per
e-mail…" for scripts. The SMTP password comes from LOGEERHUIS_SMTP_PASSWORD, else the keyring
(Instellingen > E-mail), else it is asked when someone is at the keyboard."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0


def add_mail_commands(commands: Any) -> None:
    invoice = commands.add_parser(
        "mail-invoice", help="verstuur een definitieve factuur per e-mail (de opgeslagen PDF)"
    )
    invoice.add_argument("number", metavar="FACTUURNUMMER")
    _to(invoice)
    export = commands.add_parser(
        "mail-export",
        help="maak de versleutelde maandexport (JJJJ-MM) en verstuur het ZIP-bestand per "
        "e-mail; het wachtwoord staat niet in de e-mail en wordt hier getoond",
    )
    export.add_argument("month", metavar="JJJJ-MM")
    _to(export)
    export.add_argument(
        "--out", metavar="MAP", type=Path,
        help="bewaar het ZIP-bestand ook in deze (bestaande) map; zonder: alleen de kopie "
        "van de e-mail in de gegevensmap",
    )  # fmt: skip


def _to(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--to", metavar="ADRES", default="",
        help="ontvanger(s), gescheiden door komma's; zonder: de ontvangers van de vorige keer",
    )  # fmt: skip


def _mail_invoice(args: argparse.Namespace, directory: Path) -> int:
    from .cli_support import open_db
    from .mail.mail_drafts import invoice_id_of, invoice_mail

    with open_db(directory, args) as db:
        draft = invoice_mail(db, invoice_id_of(db, args.number))
        _send(db, directory, draft, args.to)
    return EXIT_OK


def _mail_export(args: argparse.Namespace, directory: Path) -> int:
    from datetime import date

    from .claims.month_export import export_month
    from .cli_support import month_arg, open_db
    from .mail.mail_drafts import export_mail
    from .storage.out_paths import existing_folder
    from .storage.work_dirs import MAIL_WORK_PREFIX, work_dir

    month = month_arg(args.month)
    out = existing_folder(args.out) if args.out is not None else None
    with open_db(directory, args) as db, work_dir(directory, MAIL_WORK_PREFIX) as work:
        result = export_month(db, month, out or work, today=date.today(), encrypt=True)
        _send(db, directory, export_mail(db, month, result.location), args.to)
    if out is not None:
        print(f"Het ZIP-bestand staat ook in {result.location}")
    if result.unclaimed:
        print("Let op: nog niet gedeclareerd bij " + ", ".join(result.unclaimed) + ".")
    print(f"Wachtwoord (staat niet in de e-mail, wordt niet bewaard): {result.password}")
    print("Geef het wachtwoord door via een ander kanaal, bijvoorbeeld telefonisch of per sms.")
    return EXIT_OK


def _send(db: Any, directory: Path, draft: Any, to: str) -> None:
    from .domain.mail import join_recipients
    from .mail.mailing import prepare, send
    from .services.errors import ServiceError

    to = to.strip() or join_recipients(draft.suggested_to)
    if not to:
        raise ServiceError("Geef de ontvanger(s) met --to ADRES (er is nog geen vorige keer).")
    prepared = prepare(db, draft, to)
    password = _password(prepared.settings) if prepared.needs_password else None
    sent = send(db, directory, prepared, password)
    print(f"Verstuurd: {draft.subject}")
    print(f"  aan {join_recipients(sent.to)}")
    if sent.copy is not None:
        print(f"  kopie: {sent.copy}")
    if sent.warning:
        print(f"Let op: {sent.warning}", file=sys.stderr)


def _password(settings: Any) -> str:
    from getpass import getpass

    from .mail.mail_secret import ENV_PASSWORD, script_password, stored_password
    from .services.errors import ServiceError

    found = script_password() or stored_password(settings)
    if found:
        return found
    if sys.stdin is not None and sys.stdin.isatty():
        typed = getpass(f"Wachtwoord voor {settings.user} op {settings.host}: ")
        if typed:
            return typed
    raise ServiceError(
        f"Geen wachtwoord voor de e-mailserver. Sla het op bij Instellingen > E-mail (als deze "
        f"computer een sleutelbos heeft) of zet het in de omgevingsvariabele {ENV_PASSWORD}."
    )


MAIL_COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "mail-invoice": _mail_invoice,
    "mail-export": _mail_export,
}
