"""Facturen: drafts per month, making them final, credit invoices, payments, open and overdue."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...billing.invoice_finalising import Finalised, credit, finalise
from ...billing.invoice_records import InvoiceData, invoice_pdf, list_invoices, register_payment
from ...billing.invoicing import make_drafts
from ...domain.dates import DUTCH_MONTHS, format_date, format_month
from ...domain.enums import InvoiceKind, InvoiceStatus
from ...domain.money import format_cents
from ...domain.months import Month
from ...domain.validation import InvalidValue
from ...services.changes import Change
from ...services.errors import DataError, ServiceError
from .. import operations
from ..context import AppContext
from ..page import Page
from ..widgets.record_table import Column, RecordTableModel

T = TypeVar("T")

COLUMNS = (
    Column("Nummer", lambda i: i.number or InvoiceStatus.DRAFT.label),
    Column("Soort", lambda i: i.kind.label),
    Column("Klant", lambda i: i.customer_name),
    Column("Periode", lambda i: f"{DUTCH_MONTHS[i.period_from.month - 1]} {i.period_from.year}"),
    Column("Datum", lambda i: format_date(i.invoice_date)),
    Column("Vervalt", lambda i: "" if i.kind == InvoiceKind.CREDIT else format_date(i.due_date)),
    Column("Bedrag", lambda i: format_cents(i.total_cents), align_right=True),
    Column(
        "Betaald", lambda i: format_cents(i.paid_cents) if i.paid_cents else "", align_right=True
    ),
    Column("Status", lambda i: i.status.label),
)


class InvoicesPage(Page):
    nav_title = "Facturen"
    topics = (Change.INVOICES, Change.GUESTS, Change.FUNDERS)  # the invoices and who pays them

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        today = date.today()
        previous = date(today.year, today.month, 1).toordinal() - 1
        month = date.fromordinal(previous)
        bar.addWidget(QLabel("Maand:"))
        self.month = QSpinBox()
        self.month.setObjectName("month")
        self.month.setRange(1, 12)
        self.month.setValue(month.month)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2200)
        self.year.setValue(month.year)
        bar.addWidget(self.month)
        bar.addWidget(self.year)
        self.drafts_button = self._button(bar, "Concepten maken", self.make_drafts)
        bar.addSpacing(16)
        self.open_only = QCheckBox("Alleen openstaand en vervallen")
        self.open_only.toggled.connect(lambda _c: self.refresh())
        bar.addWidget(self.open_only)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = RecordTableModel(COLUMNS, self)
        self.model.dimmed = lambda i: i.status.settled
        self.table = QTableView()
        self.table.setObjectName("invoices")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.final_button = self._button(actions, "Definitief maken", self.finalise_selected)
        self.final_all_button = self._button(
            actions, "Alle concepten van de maand definitief…", self.finalise_month
        )
        self.credit_button = self._button(actions, "Crediteren…", self.credit_selected)
        self.payment_button = self._button(actions, "Betaling registreren…", self.register_payment)
        actions.addStretch(1)
        layout.addLayout(actions)
        # The documents on a line of their own: one line would not fit a 1366 laptop.
        documents = QHBoxLayout()
        self.pdf_button = self._button(documents, "PDF bewaren…", self.save_pdf)
        self.mail_button = self._button(documents, "Versturen per e-mail…", self.mail_selected)
        self.mail_button.setObjectName("mail_invoice")
        documents.addStretch(1)
        self.summary = QLabel()
        documents.addWidget(self.summary)
        layout.addLayout(documents)

    def _button(self, bar: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _c=False: slot())
        bar.addWidget(button)
        return button

    def refresh(self) -> None:
        keep = self.selected()
        records = list_invoices(self.context.db)
        if self.open_only.isChecked():
            records = [r for r in records if r.status.outstanding]
        self.model.set_records(records)
        self.table.resizeColumnsToContents()
        if keep is not None:
            row = self.model.row_of(lambda r: r.id == keep.id)
            if row >= 0:
                self.table.selectRow(row)
        due = [r for r in records if r.status.outstanding]
        overdue = [r for r in due if r.status == InvoiceStatus.OVERDUE]
        outstanding = sum(r.total_cents - r.paid_cents for r in due)
        self.summary.setText(
            f"Openstaand: {format_cents(outstanding)} "
            f"({len(due)} facturen, {len(overdue)} vervallen)"
        )

    def selected(self) -> InvoiceData | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _run(self, op: Callable[[], T], title: str, done: Callable[[T], str]) -> None:
        """Run an invoice use case: a refusal in a message box titled `title`, else the
        status line and the list reloaded. A disk that refuses the PDF is said in Dutch."""

        def on_disk() -> T:
            try:
                return op()
            except OSError as exc:
                raise DataError(str(exc)) from exc

        operations.run(
            self.context, on_disk, lambda o: self.reload_after(o.changed), title=title, done=done
        )

    def make_drafts(self) -> None:
        month = Month(self.year.value(), self.month.value())
        self._run(
            lambda: make_drafts(self.context.db, month),
            "Geen concepten gemaakt",
            lambda drafts: f"{len(drafts)} concept-facturen gemaakt.",
        )

    def finalise_selected(self) -> None:
        invoice = self.selected()
        if invoice is None or invoice.number is not None:
            self.context.prompter.error("Definitief maken", "Kies een concept-factuur.")
            return
        if not self.context.prompter.confirm(
            "Definitief maken",
            f"Factuur aan {invoice.customer_name} van {format_cents(invoice.total_cents)} "
            "definitief maken? Daarna kan hij niet meer worden gewijzigd (alleen gecrediteerd).",
        ):
            return
        self._run(
            lambda: finalise(
                self.context.db, invoice.id, invoice_date=date.today(), by=self.context.who()
            ),
            "Niet definitief gemaakt",
            lambda final: f"Factuur {final.number} is definitief.",
        )

    def finalise_month(self) -> None:
        """Every draft of the chosen month at once: numbered in order, all or none."""
        from ...billing.invoice_batch import finalise_all

        year, month = self.year.value(), self.month.value()
        drafts = sorted(
            (
                r
                for r in list_invoices(self.context.db)
                if r.number is None and (r.period_from.year, r.period_from.month) == (year, month)
            ),
            key=lambda r: r.id,
        )
        period = format_month(year, month)
        if not drafts:
            self.context.prompter.error(
                "Definitief maken", f"Er zijn geen concept-facturen van {period}."
            )
            return
        total = format_cents(sum(r.total_cents for r in drafts))
        if not self.context.prompter.confirm(
            "Alle concepten definitief maken",
            f"{len(drafts)} concept-facturen van {period} (samen {total}) definitief maken? "
            "Ze krijgen hun nummers op volgorde en kunnen daarna niet meer worden gewijzigd "
            "(alleen gecrediteerd). Lukt er één niet, dan wordt geen enkele definitief.",
        ):
            return
        progress = QProgressDialog("Facturen definitief maken…", "", 0, len(drafts), self)
        progress.setCancelButton(None)  # all or nothing: stopping halfway is not offered
        progress.setWindowTitle("Definitief maken")
        progress.setMinimumDuration(0)

        def step(done: int, _total: int) -> None:
            progress.setValue(done)
            QApplication.processEvents()

        def all_final() -> list[Finalised]:
            try:
                return finalise_all(
                    self.context.db, [r.id for r in drafts], invoice_date=date.today(),
                    by=self.context.who(), progress=step,
                )  # fmt: skip
            finally:
                progress.close()

        self._run(
            all_final,
            "Niet definitief gemaakt",
            lambda finals: (
                f"{len(finals)} facturen definitief: {finals[0].number} t/m {finals[-1].number}."
            ),
        )

    def credit_selected(self) -> None:
        invoice = self.selected()
        if invoice is None or invoice.number is None or invoice.kind == InvoiceKind.CREDIT:
            self.context.prompter.error("Crediteren", "Kies een definitieve factuur.")
            return
        if not self.context.prompter.confirm(
            "Crediteren", f"Een creditfactuur maken voor factuur {invoice.number}?"
        ):
            return
        self._run(
            lambda: credit(
                self.context.db, invoice.id, invoice_date=date.today(), by=self.context.who()
            ),
            "Niet gecrediteerd",
            lambda note: f"Creditfactuur {note.number} gemaakt voor {invoice.number}.",
        )

    def register_payment(self) -> None:
        from ...domain.money import parse_euro

        invoice = self.selected()
        if invoice is None or invoice.number is None:
            self.context.prompter.error("Betaling", "Kies een definitieve factuur.")
            return
        left = invoice.total_cents - invoice.paid_cents
        text = self.context.prompter.ask_text(
            "Betaling registreren",
            f"Ontvangen bedrag voor {invoice.number} (open: {format_cents(left)}):",
        )
        if not text:
            return
        try:
            amount = parse_euro(text)
        except InvalidValue as exc:
            refused = ServiceError(exc.message)
            operations.show_error(self.context, refused, title="Niet geregistreerd")
            return
        self._run(
            lambda: register_payment(
                self.context.db, invoice.id, paid_on=date.today(), amount_cents=amount
            ),
            "Niet geregistreerd",
            lambda _p: f"Betaling van {format_cents(amount)} geregistreerd bij {invoice.number}.",
        )

    def save_pdf(self) -> None:
        from ..document_actions import save_pdf

        invoice = self.selected()
        if invoice is None or invoice.number is None:
            self.context.prompter.error("PDF", "Kies een definitieve factuur.")
            return
        save_pdf(
            self.context,
            f"Factuur {invoice.number}",
            f"factuur-{invoice.number}.pdf",
            lambda: invoice_pdf(self.context.db, invoice.id),
        )

    def mail_selected(self) -> None:
        """The selected final invoice's stored PDF, to its funder or paying guest."""
        from ...mail.mail_drafts import invoice_mail
        from ..mail.sending import mail_document

        invoice = self.selected()
        if invoice is None or invoice.number is None:
            self.context.prompter.error("Versturen per e-mail", "Kies een definitieve factuur.")
            return
        mail_document(
            self.context,
            self,
            f"Factuur {invoice.number} versturen",
            lambda: invoice_mail(self.context.db, invoice.id),
        )
