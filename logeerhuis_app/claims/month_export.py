"""Maand exporteren: every document of a month in one dated folder, or in one AES-256 ZIP.

File names carry numbers and codes only, never a guest's name or BSN (DOMAIN.md 7): the
folder may end up on a USB stick or in an e-mail. The ZIP's password is generated here and
shown once; the house sends it by another channel (a phone call, a text message).
"""

from __future__ import annotations

import hashlib
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..access.access import log_access, require_role
from ..billing.invoice_records import invoice_pdf, list_invoices
from ..billing.overview import overview, overview_pdf
from ..documents.billing.overview_xlsx import overview_xlsx
from ..documents.claims.claim_summary import render_claim_summary
from ..documents.claims.claim_tables import claim_csv, claim_xlsx
from ..domain.access_log import EXPORT
from ..domain.claims import Claim
from ..domain.enums import ClaimKind
from ..domain.months import Month
from ..domain.wlz_declaration import file_total_cents
from ..house.provider import get_provider
from ..services.errors import ServiceError
from ..storage.database import Database
from ..storage.out_paths import existing_folder
from ..storage.private_files import (
    private_aes_zip,
    private_dir,
    write_private,
)
from .care_messages import CareMessages, care_messages
from .claims import claim_drafts, list_claims
from .received_messages import month_answers
from .sent_files import wmo323_file
from .wlz_declaration import aw319_file, aw319_name, offers_aw319, with_current_codes

# Without look-alikes (0/O, 1/l/I), in groups, so it can be read out over the phone.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportedFile:
    name: str  # path inside the export, with / between folders
    kind: str  # Dutch description for the list shown to staff
    total_cents: int | None = None


@dataclass(frozen=True)
class MonthExport:
    location: Path  # the folder, or the ZIP file
    files: tuple[ExportedFile, ...]
    password: str  # empty unless encrypted
    unclaimed: tuple[str, ...]  # funders with a claim still to be made for the month
    care_problems: tuple[str, ...] = ()  # guests left out of the WMO305/WMO307 messages
    file_problems: tuple[str, ...] = ()  # claim files (AW319) left out, with why


def export_month(
    db: Database,
    month: Month,
    out_dir: Path,
    *,
    today: date,
    encrypt: bool = False,
    progress: Progress | None = None,
) -> MonthExport:
    require_role(db)
    out_dir = existing_folder(Path(out_dir))  # before any work: the stick may not be in
    care = care_messages(db, month, made_on=today)
    skipped: list[str] = []
    documents = month_documents(
        db, month, today=today, progress=progress, care=care, skipped=skipped
    )
    unclaimed = tuple(d.claim.funder_name for d in claim_drafts(db, month, today=today))
    base = f"logeerhuis-{month}-export-{today.isoformat()}"
    try:
        if encrypt:
            password = new_password()
            location = _free_path(out_dir, base, ".zip")
            _write_zip(location, documents, password)
        else:
            password = ""
            location = _free_path(out_dir, base, "")
            _write_folder(location, documents)
    except OSError as exc:
        raise ServiceError(
            f"De export kon niet worden geschreven in {out_dir}: {exc.strerror or exc}. "
            "Kies een andere map of controleer of de USB-stick vol of beveiligd is."
        ) from exc
    files = tuple(f for f, _data in documents)
    how = "versleutelde ZIP" if encrypt else "map"
    log_access(
        db,
        EXPORT,
        detail=f"Maandexport {month.month:02d}-{month.year} ({len(files)} bestanden, {how})",
    )
    return MonthExport(location, files, password, unclaimed, care.problems, tuple(skipped))


def month_documents(
    db: Database,
    month: Month,
    *,
    today: date,
    progress: Progress | None = None,
    care: CareMessages,
    skipped: list[str] | None = None,
) -> list[tuple[ExportedFile, bytes]]:
    """Every document of the month: claims (WMO323 or AW319, summaries), the start and stop
    messages (WMO305, WMO307: `care`, made by the caller, who also reports what they left out),
    invoices, the overview. A claim file that cannot be made correctly is left out and the
    reason goes to `skipped`."""
    first = month.first
    claims = list_claims(db, month.year, month.month)
    invoices = [
        i for i in list_invoices(db, year=None) if i.number is not None and i.period_from == first
    ]
    steps = len(claims) + len(invoices) + 2
    done = 0
    logo = get_provider(db).logo

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps, what)

    documents: list[tuple[ExportedFile, bytes]] = []
    now = datetime.combine(today, datetime.now().time())
    for claim in claims:
        xml = (
            wmo323_file(db, claim, by="", now=now) if claim.is_wmo and claim.message_lines else b""
        )
        documents += _claim_documents(claim, logo, xml)
        documents += _aw319_document(db, claim, skipped if skipped is not None else [])
        step(f"declaratie {claim.number}")
    for f in care.files:
        documents.append((ExportedFile(f"wmo-berichten/{f.name}", f.kind), f.data))
    # The answers to messages read this month.
    for name, data in month_answers(db, month):
        documents.append((ExportedFile(f"wmo-berichten/{name}", "Antwoord op een toewijzing "
                                       "(WMO302)"), data))  # fmt: skip
    step("start- en stopberichten")
    for invoice in invoices:
        name = f"facturen/factuur-{invoice.number}.pdf"
        kind = invoice.kind.label
        documents.append(
            (
                ExportedFile(name, f"{kind} {invoice.number}", invoice.total_cents),
                invoice_pdf(db, invoice.id),
            )
        )
        step(f"factuur {invoice.number}")
    ov = overview(db, month.year, month.month, today=today)
    stem = f"overzicht/overzicht-{month}"
    documents.append((ExportedFile(f"{stem}.pdf", "Maandoverzicht (PDF)"), overview_pdf(db, ov)))
    documents.append((ExportedFile(f"{stem}.xlsx", "Maandoverzicht (Excel)"), overview_xlsx(ov)))
    step("overzicht")
    documents.append((ExportedFile("inhoud.csv", "Inhoud van deze export"), _manifest(documents)))
    return documents


def _claim_documents(
    claim: Claim, logo: bytes | None, xml: bytes
) -> list[tuple[ExportedFile, bytes]]:
    who = f"{'wmo' if claim.is_wmo else 'wlz'}-{claim.funder_code or 'onbekend'}"
    stem = f"declaraties/{claim.number}-{who}"
    label = ClaimKind(claim.kind).label
    found = []
    if claim.is_wmo and claim.message_lines:
        found.append(
            (
                ExportedFile(
                    f"{stem}-WMO323.xml",
                    f"{label} {claim.number}: WMO323-bestand",
                    claim.message_total_cents,
                ),
                xml,  # as stored when first exported (decision 0047)
            )
        )
    renders: tuple[tuple[str, str, Callable[[], bytes]], ...] = (
        (".pdf", "samenvatting", lambda: render_claim_summary(claim, logo=logo)),
        (".csv", "CSV", lambda: claim_csv(claim)),
        (".xlsx", "Excel", lambda: claim_xlsx(claim)),
    )
    for suffix, what, render in renders:
        f = ExportedFile(f"{stem}{suffix}", f"{label} {claim.number}: {what}", claim.total_cents)
        found.append((f, render()))
    return found


def _aw319_document(
    db: Database, claim: Claim, skipped: list[str]
) -> list[tuple[ExportedFile, bytes]]:
    """The zorgkantoor's Wlz declaration file, beside the claim's PDF and CSV."""
    if not offers_aw319(claim):
        return []
    try:
        data = aw319_file(db, claim)
    except ServiceError as exc:
        skipped.append(f"Declaratie {claim.number}: {exc.message}")
        return []
    label = ClaimKind(claim.kind).label
    name = f"declaraties/{aw319_name(with_current_codes(db, claim))}"
    what = f"{label} {claim.number}: Wlz-declaratiebestand (AW319)"
    return [(ExportedFile(name, what, file_total_cents(claim)), data)]


def _manifest(documents: list[tuple[ExportedFile, bytes]]) -> bytes:
    """A list of the files with their SHA-256, so the receiver can check nothing changed."""
    lines = ["bestand;omschrijving;bedrag in centen;sha256"]
    for f, data in documents:
        amount = "" if f.total_cents is None else str(f.total_cents)
        lines.append(f"{f.name};{f.kind};{amount};{hashlib.sha256(data).hexdigest()}")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def new_password() -> str:
    """24 random letters and digits in groups of four (about 118 bits)."""
    raw = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(24))
    return "-".join(raw[i : i + 4] for i in range(0, 24, 4))


def _free_path(folder: Path, base: str, suffix: str) -> Path:
    """Never overwrite an earlier export of the same day: add (2), (3), ..."""
    candidate = folder / f"{base}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{base} ({number}){suffix}"
        number += 1
    return candidate


def _write_folder(target: Path, documents: list[tuple[ExportedFile, bytes]]) -> None:
    partial = target.with_name(target.name + ".bezig")
    try:
        for f, data in documents:
            path = partial.joinpath(*f.name.split("/"))
            private_dir(path.parent)  # the dated folder and its subfolders: this user only
            write_private(path, data)
        partial.rename(target)  # complete, or not there under its real name
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def _write_zip(target: Path, documents: list[tuple[ExportedFile, bytes]], password: str) -> None:
    partial = target.with_name(target.name + ".bezig")
    try:
        _zip(partial, target.stem, documents, password)
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)


def _zip(path: Path, top: str, documents: list[tuple[ExportedFile, bytes]], password: str) -> None:
    with private_aes_zip(path, password) as archive:
        for f, data in documents:
            archive.writestr(f"{top}/{f.name}", data)
