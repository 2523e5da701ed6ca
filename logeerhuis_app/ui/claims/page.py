"""Declaraties: per month what is still to be claimed (with what to fix first), the claims that
were sent with their files, and the month export for the USB stick or e-mail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...access.access import log_access
from ...claims.claims import (
    ClaimDraft,
    claim_drafts,
    list_claims,
    pending_corrections,
    submit_claim,
)
from ...claims.wlz_declaration import (
    TITLE,
    aw319_file,
    aw319_name,
    offers_aw319,
    with_current_codes,
)
from ...domain.access_log import EXPORT
from ...domain.claims import Claim
from ...domain.dates import format_date, format_month
from ...domain.money import format_cents
from ...domain.months import Month
from ...services.changes import Change
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..document_actions import write_file
from ..page import Page
from ..widgets.record_table import Column, RecordTableModel
from .answers_panel import AnswersPanel
from .care_files import save_care_files

DRAFT_COLUMNS = (
    Column("Financier", lambda d: d.claim.funder_name),
    Column("Soort", lambda d: d.claim.kind),
    Column("Maand", lambda d: format_month(d.claim.year, d.claim.month)),
    Column("Nachten", lambda d: str(d.claim.nights), align_right=True),
    Column("Bedrag", lambda d: format_cents(d.claim.total_cents), align_right=True),
    Column("Status", lambda d: "klaar" if d.ready else f"{len(d.problems)} punt(en) op te lossen"),
)
SENT_COLUMNS = (
    Column("Nummer", lambda c: c.number),
    Column("Financier", lambda c: c.funder_name),
    Column("Soort", lambda c: c.kind),
    Column("Gemaakt", lambda c: format_date(c.made_on)),
    Column("Nachten", lambda c: str(c.nights), align_right=True),
    # Only guests' lines go into a WMO323; a claim of reserved beds alone has no file.
    Column("WMO323", lambda c: format_cents(c.message_total_cents)
           if c.is_wmo and c.message_lines else "geen", align_right=True),
    Column("Totaal", lambda c: format_cents(c.total_cents), align_right=True),
)  # fmt: skip


class ClaimsPage(Page):
    nav_title = "Declaraties"
    # What is to be claimed comes from the nights, toewijzingen, contracts, the guests' data,
    # the house's own codes and what was invoiced; what was claimed and answered from claims.
    topics = (
        Change.CLAIMS, Change.STAYS, Change.ALLOCATIONS, Change.INVOICES, Change.FUNDERS,
        Change.SETTINGS, Change.GUESTS,
    )  # fmt: skip

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._month_bar())
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._drafts_box())
        split.addWidget(self._sent_box())
        from .messages_box import MessagesBox

        self.messages_box = MessagesBox(context)
        split.addWidget(self.messages_box)
        self.answers = AnswersPanel(context, self.refresh)
        split.addWidget(self.answers)
        layout.addWidget(split, 1)

    # -- layout -------------------------------------------------------------------------------
    def _month_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        last_month = date.fromordinal(date.today().replace(day=1).toordinal() - 1)
        bar.addWidget(QLabel("Maand:"))
        self.month = QSpinBox()
        self.month.setObjectName("month")
        self.month.setRange(1, 12)
        self.month.setValue(last_month.month)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2200)
        self.year.setValue(last_month.year)
        for box in (self.month, self.year):
            box.valueChanged.connect(lambda _v: self.refresh())
            bar.addWidget(box)
        bar.addStretch(1)
        self.care_button = _button(bar, "Start- en stopberichten bewaren…", self.save_care_files)
        self.care_button.setToolTip("WMO305 (start) en WMO307 (stop) van deze maand, per gemeente")
        self.export_button = _button(bar, "Maand exporteren…", self.export_month)
        return bar

    def _drafts_box(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Nog te declareren</b> (ook correcties van eerdere maanden)"))
        self.drafts = RecordTableModel(DRAFT_COLUMNS, self)
        self.drafts_view = _table(self.drafts, "drafts")
        self.drafts_view.selectionModel().currentRowChanged.connect(
            lambda *_a: self._show_problems()
        )
        layout.addWidget(self.drafts_view, 2)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        self.problems.setPlaceholderText("Kies een regel om te zien wat er eerst moet gebeuren.")
        self.problems.setMaximumHeight(110)
        layout.addWidget(self.problems)
        actions = QHBoxLayout()
        self.submit_button = _button(actions, "Declaratie maken", self.submit_selected)
        self.submit_all_button = _button(actions, "Alle klare declaraties maken", self.submit_all)
        actions.addStretch(1)
        layout.addLayout(actions)
        return box

    def _sent_box(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Verstuurde declaraties</b> van deze maand"))
        self.sent = RecordTableModel(SENT_COLUMNS, self)
        self.sent_view = _table(self.sent, "sent")
        layout.addWidget(self.sent_view, 1)
        actions = QHBoxLayout()
        self.xml_button = _button(actions, "WMO323-bestand bewaren…", self.save_xml)
        self.aw319_button = _button(actions, "AW319-bestand bewaren…", self.save_aw319)
        self.aw319_button.setToolTip("Wlz-declaratie (flexibel logeren, Z1003) voor VECOZO")
        self.pdf_button = _button(actions, "Samenvatting (PDF)…", lambda: self._save("pdf"))
        self.csv_button = _button(actions, "CSV…", lambda: self._save("csv"))
        self.xlsx_button = _button(actions, "Excel…", lambda: self._save("xlsx"))
        actions.addStretch(1)
        self.summary = QLabel()
        actions.addWidget(self.summary)
        layout.addLayout(actions)
        return box

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        year, month, today = self.year.value(), self.month.value(), date.today()
        try:
            drafts = claim_drafts(self.context.db, Month(year, month), today=today)
            drafts += [
                d
                for d in pending_corrections(self.context.db, today=today)
                if (d.claim.year, d.claim.month) != (year, month)
            ]
        except ServiceError as exc:
            drafts = []
            self.problems.setPlainText(exc.message)
        self.drafts.set_records(drafts)
        self.drafts_view.resizeColumnsToContents()
        sent = list_claims(self.context.db, year, month)
        self.sent.set_records(sent)
        self.sent_view.resizeColumnsToContents()
        self.summary.setText(
            f"{len(sent)} verstuurd, samen {format_cents(sum(c.total_cents for c in sent))}"
        )
        self.messages_box.refresh(year, month)
        self.answers.load(year, month)
        if drafts:
            self.drafts_view.selectRow(0)
        self._show_problems()

    def selected_draft(self) -> ClaimDraft | None:
        index = self.drafts_view.currentIndex()
        return self.drafts.record(index.row()) if index.isValid() else None

    def selected_claim(self) -> Claim | None:
        index = self.sent_view.currentIndex()
        return self.sent.record(index.row()) if index.isValid() else None

    def _show_problems(self) -> None:
        draft = self.selected_draft()
        if draft is None:
            self.problems.setPlainText("")
            return
        if draft.ready:
            text = "Klaar om te declareren."
        else:
            text = "\n".join(f"• {p}" for p in draft.problems)
        if draft.notes:  # aandachtspunten: they do not stop the claim
            text += "\n\nLet op:\n" + "\n".join(f"• {n}" for n in draft.notes)
        self.problems.setPlainText(text)

    # -- actions ------------------------------------------------------------------------------
    def submit_selected(self) -> None:
        draft = self.selected_draft()
        if draft is None:
            self.context.prompter.error("Declaratie maken", "Kies eerst een regel hierboven.")
            return
        c = draft.claim
        if not draft.ready:
            self.context.prompter.error(
                "Declaratie niet gemaakt",
                "Los eerst dit op:\n" + "\n".join(f"• {p}" for p in draft.problems),
            )
            return
        if not self.context.prompter.confirm(
            "Declaratie maken",
            f"{c.kind.capitalize()} aan {c.funder_name} over {format_month(c.year, c.month)} van "
            f"{format_cents(c.total_cents)} maken? Een gemaakte declaratie verandert niet meer; "
            "een latere wijziging wordt een correctie.",
        ):
            return
        self._submit([draft])

    def submit_all(self) -> None:
        ready = [d for d in self.drafts.records if d.ready]
        if not ready:
            self.context.prompter.error("Declaraties maken", "Er is geen declaratie klaar.")
            return
        if self.context.prompter.confirm(
            "Declaraties maken",
            f"{len(ready)} declaratie(s) maken? Ze veranderen daarna niet meer.",
        ):
            self._submit(ready)

    def _submit(self, drafts: list[ClaimDraft]) -> None:
        """Each claim is its own unit of work: the ones made before a refusal stay made (and
        are announced), the refusal is shown after them."""

        def submit_each() -> tuple[list[Claim], ServiceError | None]:
            made: list[Claim] = []
            for draft in drafts:
                try:
                    made.append(
                        submit_claim(
                            self.context.db, draft.claim.period, draft.funder_id,
                            by=self.context.who(), now=datetime.now(),
                        )
                    )  # fmt: skip
                except ServiceError as exc:
                    return made, exc
            return made, None

        outcome = operations.run(self.context, submit_each, title="Declaratie niet gemaakt")
        if outcome is not None:
            made, refused = outcome.value
            if made:
                self.context.status(
                    "Declaratie gemaakt: "
                    + ", ".join(f"{c.number} ({c.funder_name})" for c in made)
                )
            if refused is not None:
                operations.show_error(self.context, refused, title="Declaratie niet gemaakt")
            self.reload_after(outcome.changed)

    def save_xml(self) -> None:
        claim = self._chosen_claim()
        if claim is None:
            return
        if not claim.is_wmo or not claim.message_lines:
            self.context.prompter.error(
                "WMO323-bestand",
                "Alleen een Wmo-declaratie met regels van gasten heeft een WMO323-bestand.",
            )
            return
        from ...claims.sent_files import wmo323_file  # documents only when one is made

        self._write(
            claim, "xml", "XML (*.xml)",
            lambda: wmo323_file(self.context.db, claim, by=self.context.who(), now=datetime.now()),
        )  # fmt: skip

    def save_aw319(self) -> None:
        """The zorgkantoor's Wlz declaration file; nothing is written when it would be wrong."""
        claim = self._chosen_claim()
        if claim is None:
            return
        if not offers_aw319(claim):
            self.context.prompter.error(
                TITLE,
                "Alleen een declaratie aan een zorgkantoor met regels flexibel logeren (Z1003) "
                "van cliënten met een VV-zorgprofiel heeft een AW319-bestand.",
            )
            return
        made = operations.run(self.context, lambda: aw319_file(self.context.db, claim), title=TITLE)
        if made is None:
            return
        name = aw319_name(with_current_codes(self.context.db, claim))
        self._write(claim, "AW319", "AW319 (*.txt)", lambda: made.value, name=name)

    def _save(self, kind: str) -> None:
        claim = self._chosen_claim()
        if claim is None:
            return
        from ...documents.claims.claim_summary import render_claim_summary
        from ...documents.claims.claim_tables import claim_csv, claim_xlsx

        makers: dict[str, tuple[str, Callable[[], bytes]]] = {
            "pdf": ("PDF (*.pdf)", lambda: render_claim_summary(claim)),
            "csv": ("CSV (*.csv)", lambda: claim_csv(claim)),
            "xlsx": ("Excel (*.xlsx)", lambda: claim_xlsx(claim)),
        }
        file_filter, make = makers[kind]
        self._write(claim, kind, file_filter, make)

    def _chosen_claim(self) -> Claim | None:
        claim = self.selected_claim()
        if claim is None:
            self.context.prompter.error("Bewaren", "Kies eerst een verstuurde declaratie.")
        return claim

    def _write(
        self,
        claim: Claim,
        suffix: str,
        file_filter: str,
        make: Callable[[], bytes],
        name: str = "",
    ) -> None:
        suggested = name or (
            f"{claim.number}-{'wmo' if claim.is_wmo else 'wlz'}-{claim.funder_code}.{suffix}"
        )
        path = self.context.prompter.save_file("Bewaren", suggested, file_filter)
        if path is None:
            return

        def save() -> None:
            write_file(Path(path), make())
            log_access(
                self.context.db, EXPORT, detail=f"Declaratie {claim.number} bewaard ({suffix})"
            )

        saved = operations.run(self.context, save, title="Niet bewaard", done=f"Bewaard: {path}")
        if saved is not None and suffix == "pdf":
            self.context.prompter.open_document(Path(path))

    def save_care_files(self) -> None:
        """The month's WMO305/WMO307 files into a chosen folder; says what was left out."""
        save_care_files(self.context, self.year.value(), self.month.value())

    def export_month(self) -> None:
        from .export_dialog import ExportDialog  # brings the month export and its documents

        dialog = ExportDialog(self.context, self.year.value(), self.month.value(), self)
        self.context.prompter.run_dialog(dialog)


def _button(bar: QHBoxLayout, text: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda _c=False: slot())
    bar.addWidget(button)
    return button


def _table(model: RecordTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view
