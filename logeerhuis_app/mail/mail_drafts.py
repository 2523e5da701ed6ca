"""What each e-mail says and carries: an invoice, the encrypted month export, an overview.

Subjects and texts carry numbers and periods only, never a guest's name or BSN (DOMAIN.md 7):
the names are inside the attachment. The month export's password is never in the mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..access.access import require_role
from ..billing.invoice_records import invoice_pdf
from ..db.models import Invoice
from ..domain.dates import format_date, format_month
from ..domain.enums import InvoiceKind
from ..domain.money import format_cents
from ..domain.months import Month
from ..domain.overview import Overview
from ..domain.validation import format_iban
from ..house.provider import ProviderData, get_provider
from ..services.errors import NotFoundError, ServiceError
from ..storage.database import Database
from .mail_recipients import (
    MONTH_EXPORT_KEY,
    OVERVIEW_KEY,
    TEST_KEY,
    RecipientOwner,
    remembered,
)


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    mime: str  # "application/pdf"


@dataclass(frozen=True)
class MailDraft:
    what: str  # Dutch, for messages and the kept copy's name: "factuur 2026-0001"
    subject: str
    body: str
    attachments: tuple[Attachment, ...]
    suggested_to: tuple[str, ...]
    owner: RecipientOwner
    house_name: str
    guest_id: int | None = None  # for the access log


def invoice_mail(db: Database, invoice_id: int) -> MailDraft:
    """A final invoice's stored PDF, to its funder or the guest who pays it."""
    with db.session() as s:
        invoice = s.get(Invoice, invoice_id)
        if invoice is None:
            raise NotFoundError("Deze factuur bestaat niet (meer).")
        if invoice.number is None:
            raise ServiceError(
                "Alleen een definitieve factuur kan per e-mail worden verstuurd; maak het "
                "concept eerst definitief."
            )
        number, kind = invoice.number, InvoiceKind(invoice.kind)
        funder_id, guest_id = invoice.funder_id, invoice.guest_id
        period, total, due = invoice.period_from, invoice.total_cents, invoice.due_date
    pdf = invoice_pdf(db, invoice_id)  # checked against its stored hash
    provider = get_provider(db)
    credit = kind == InvoiceKind.CREDIT
    label = kind.label.lower()  # "factuur", "creditfactuur"
    owner = RecipientOwner(guest_id=guest_id) if guest_id else RecipientOwner(funder_id=funder_id)
    lines = [
        f"In de bijlage vindt u {label} {number} van {provider.name} over "
        f"{format_month(period.year, period.month)}, een bedrag van {format_cents(total)}."
    ]
    if not credit and due is not None and provider.iban:
        lines.append(
            f"Wij verzoeken u het bedrag vóór {format_date(due)} over te maken op "
            f"{format_iban(provider.iban)} onder vermelding van het factuurnummer."
        )
    return MailDraft(
        what=f"{label} {number}",
        subject=f"{label.capitalize()} {number} van {provider.name}",
        body=_letter(provider, lines),
        attachments=(Attachment(f"{label}-{number}.pdf", pdf, "application/pdf"),),
        suggested_to=remembered(db, owner),
        owner=owner,
        house_name=provider.name,
        guest_id=guest_id,
    )


def invoice_id_of(db: Database, number: str) -> int:
    """The id of the invoice with this number (for the command line)."""
    with db.session() as s:
        found = s.scalar(select(Invoice.id).where(Invoice.number == number.strip()))
    if found is None:
        raise NotFoundError(f"Er is geen definitieve factuur met nummer {number}.")
    return found


def export_mail(db: Database, month: Month, zip_path: Path) -> MailDraft:
    """The month export as its encrypted ZIP; the password goes by another channel."""
    require_role(db)  # like the export itself (decision 0026)
    data = _encrypted_zip(Path(zip_path))
    provider = get_provider(db)
    period = month.label
    lines = [
        f"In de bijlage staan de declaraties, facturen en het maandoverzicht van {period} van "
        f"{provider.name}, in één versleuteld ZIP-bestand (AES-256).",
        "Het wachtwoord staat niet in deze e-mail: u ontvangt het apart, telefonisch of per "
        "sms. Open het bestand met 7-Zip, WinZip of een ander programma dat AES-256 kent.",
    ]
    owner = RecipientOwner(setting_key=MONTH_EXPORT_KEY)
    return MailDraft(
        what=f"maandexport {month}",
        subject=f"Maandexport {period} van {provider.name} (versleuteld)",
        body=_letter(provider, lines),
        attachments=(Attachment(Path(zip_path).name, data, "application/zip"),),
        suggested_to=remembered(db, owner),
        owner=owner,
        house_name=provider.name,
    )


def overview_mail(db: Database, ov: Overview) -> MailDraft:
    """The overview of a month or year as PDF (figures only, no names)."""
    from ..billing.overview import overview_pdf

    provider = get_provider(db)
    period = str(ov.year) if ov.month is None else f"{ov.year}-{ov.month:02d}"
    label = f"het jaar {ov.year}" if ov.month is None else format_month(ov.year, ov.month)
    owner = RecipientOwner(setting_key=OVERVIEW_KEY)
    return MailDraft(
        what=f"overzicht {period}",
        subject=f"Overzicht {label} van {provider.name}",
        body=_letter(provider, [f"In de bijlage vindt u het overzicht van {label}."]),
        attachments=(
            Attachment(f"overzicht-{period}.pdf", overview_pdf(db, ov), "application/pdf"),
        ),
        suggested_to=remembered(db, owner),
        owner=owner,
        house_name=provider.name,
    )


def test_mail(db: Database) -> MailDraft:
    """A short message without attachment, to check the settings (Instellingen > E-mail)."""
    provider = get_provider(db)
    owner = RecipientOwner(setting_key=TEST_KEY)
    from .mail_settings import get_mail_settings

    suggested = remembered(db, owner) or (get_mail_settings(db).sender_address,)
    return MailDraft(
        what="testbericht",
        subject=f"Testbericht van {provider.name or 'Logeerhuis'}",
        body=_letter(
            provider, ["Dit is een testbericht: de e-mailinstellingen van Logeerhuis werken."]
        ),
        attachments=(),
        suggested_to=tuple(a for a in suggested if a),
        owner=owner,
        house_name=provider.name or "Logeerhuis",
    )


def _letter(provider: ProviderData, paragraphs: list[str]) -> str:
    signature = [provider.name, provider.phone, provider.email]
    return "\n\n".join(
        [
            "Geachte heer, mevrouw,",
            *paragraphs,
            "Met vriendelijke groet,\n\n" + "\n".join(x for x in signature if x),
        ]
    )


def _encrypted_zip(path: Path) -> bytes:
    """The ZIP's bytes, refused unless every file in it is encrypted (nothing readable
    leaves by mail, decision 0027)."""
    import zipfile

    refuse = ServiceError(
        "Alleen de versleutelde ZIP van de maandexport kan per e-mail worden verstuurd. Maak "
        "de export met 'Versleuteld' aangevinkt."
    )
    if path.suffix.lower() != ".zip" or not path.is_file():
        raise refuse
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
        data = path.read_bytes()
    except (OSError, zipfile.BadZipFile) as exc:
        raise ServiceError(f"Het exportbestand {path.name} kan niet worden gelezen.") from exc
    if not entries or not all(e.flag_bits & 0x1 for e in entries):
        raise refuse
    return data
