"""Overzichten: the month or year figures for funders and the board, with PDF and Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...billing.overview import overview, overview_pdf
from ...domain.overview import (
    Overview,
    Share,
    format_count,
    format_decimal,
    format_percent,
    ratio,
)
from ...services.changes import Change
from .. import operations
from ..context import AppContext
from ..page import Page
from .charts import BAR, BAR_LIGHT, ColumnBars, HorizontalBars

# (object name, caption) of the key-figure tiles, in reading order.
FIGURES = (
    ("guests", "gasten"),
    ("nights", "nachten verbleven"),
    ("occupancy", "bezetting"),
    ("average", "nachten per verblijf"),
    ("requested", "nachten aangevraagd"),
    ("cancelled", "nachten geannuleerd"),
    ("structural", "nachten structureel"),
    ("incidental", "nachten incidenteel"),
)


class OverviewPage(Page):
    nav_title = "Overzichten"
    # Nights, requests and stays; rooms and beds (occupancy); who pays (toewijzing, funder);
    # the guests' municipality and age.
    topics = (Change.STAYS, Change.ROOMS, Change.ALLOCATIONS, Change.FUNDERS, Change.GUESTS)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        today = date.today()
        self.year, self.month, self.whole_year = today.year, today.month, False
        self.ov: Overview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._bar())
        layout.addLayout(self._file_bar())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 4, 8, 8)
        self.body.setSpacing(14)
        self.body.addLayout(self._tiles())
        charts = QHBoxLayout()
        charts.setSpacing(24)
        self.room_chart = HorizontalBars("Bezetting per kamer", BAR)
        self.funder_chart = HorizontalBars("Nachten per financier", BAR_LIGHT)
        charts.addWidget(self.room_chart, 1)
        charts.addWidget(self.funder_chart, 1)
        self.body.addLayout(charts)
        self.month_chart = ColumnBars("Nachten per maand", BAR)
        self.body.addWidget(self.month_chart)
        self.tables = {
            name: self._table(name, heads)
            for name, heads in (
                ("rooms", ["Kamer", "Bedden", "Beschikbaar", "Bezet", "Bezetting"]),
                ("funders", ["Financier", "Gasten", "Nachten", "Aandeel"]),
                ("municipalities", ["Gemeente", "Gasten", "Nachten", "Aandeel"]),
                ("ages", ["Leeftijd", "Gasten", "Nachten", "Aandeel"]),
            )
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(14)
        for index, name in enumerate(self.tables):
            grid.addWidget(self.tables[name], index // 2, index % 2, Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(grid)
        self.body.addStretch(1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

    # ---- building -----------------------------------------------------------------------

    def _bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.month_button = self._button("Maand", self.show_month, checkable=True)
        self.year_button = self._button("Jaar", self.show_year, checkable=True)
        self.month_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.month_button)
        group.addButton(self.year_button)
        bar.addWidget(self.month_button)
        bar.addWidget(self.year_button)
        bar.addSpacing(16)
        self.previous_button = self._button("◀ Vorige", self.previous)
        bar.addWidget(self.previous_button)
        self.title = QLabel()
        self.title.setObjectName("period")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setMinimumWidth(170)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        bar.addWidget(self.title)
        self.next_button = self._button("Volgende ▶", self.next)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        return bar

    def _file_bar(self) -> QHBoxLayout:
        """Saving and sending on a line of their own (one line would not fit a laptop)."""
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.pdf_button = self._button("PDF opslaan…", self.save_pdf)
        self.excel_button = self._button("Excel opslaan…", self.save_excel)
        self.mail_button = self._button("Versturen per e-mail…", self.mail_pdf)
        self.mail_button.setObjectName("mail_overview")
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.excel_button)
        bar.addWidget(self.mail_button)
        return bar

    def _button(self, text: str, slot, *, checkable: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setCheckable(checkable)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _tiles(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(8)
        self.figures: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        for index, (name, caption) in enumerate(FIGURES):
            tile = QFrame()
            tile.setObjectName("tile")
            tile.setStyleSheet("QFrame#tile { background: #f4f7fa; border: 1px solid #d5dde5; }")
            box = QVBoxLayout(tile)
            box.setContentsMargins(10, 6, 10, 8)
            box.setSpacing(0)
            value = QLabel()
            value.setObjectName(f"figure_{name}")
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.9)
            font.setBold(True)
            value.setFont(font)
            note = QLabel()
            note.setObjectName(f"note_{name}")
            note.setStyleSheet("color: #555b61;")
            box.addWidget(value)
            box.addWidget(QLabel(caption))
            box.addWidget(note)
            grid.addWidget(tile, index // 4, index % 4)
            self.figures[name], self.notes[name] = value, note
        return grid

    def _table(self, name: str, heads: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(heads))
        table.setObjectName(f"table_{name}")
        table.setHorizontalHeaderLabels(heads)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(72)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(heads)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    # ---- period -------------------------------------------------------------------------

    def show_month(self) -> None:
        self.whole_year = False
        self.month_button.setChecked(True)
        self.refresh()

    def show_year(self) -> None:
        self.whole_year = True
        self.year_button.setChecked(True)
        self.refresh()

    def previous(self) -> None:
        self._step(-1)

    def next(self) -> None:
        self._step(1)

    def _step(self, delta: int) -> None:
        if self.whole_year:
            self.year += delta
        else:
            index = self.year * 12 + self.month - 1 + delta
            self.year, self.month = divmod(index, 12)
            self.month += 1
        self.refresh()

    # ---- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        ov = overview(self.context.db, self.year, None if self.whole_year else self.month)
        self.ov = ov
        self.title.setText(ov.label.capitalize())
        self._show_figures(ov)
        rooms = list(ov.rooms)
        self.room_chart.set_bars(
            [(r.name, r.rate * 100, format_percent(r.rate)) for r in rooms], maximum=100
        )
        total = ov.nights_stayed
        self.funder_chart.set_bars(
            [
                (
                    f.label,
                    f.nights,
                    f"{format_count(f.nights)} ({format_percent(ratio(f.nights, total))})",
                )
                for f in ov.funders
            ]
        )
        self.month_chart.setVisible(ov.is_year)
        self.month_chart.set_bars([(m.label, m.nights, format_count(m.nights)) for m in ov.months])
        self._fill(
            "rooms",
            [
                [
                    r.name,
                    str(r.beds),
                    format_count(r.available),
                    format_count(r.occupied),
                    format_percent(r.rate),
                ]
                for r in [*rooms, ov.total]
            ],
        )
        self._fill("funders", self._share_rows(ov.funders, total))
        self._fill("municipalities", self._share_rows(ov.municipalities, total))
        self._fill("ages", self._share_rows(ov.age_groups, total))

    def _show_figures(self, ov: Overview) -> None:
        values = {
            "guests": (format_count(ov.guests), f"{format_count(ov.new_guests)} nieuw"),
            "nights": (
                format_count(ov.nights_stayed),
                f"waarvan {format_count(ov.planned_nights)} gepland" if ov.planned_nights else "",
            ),
            "occupancy": (
                format_percent(ov.total.rate),
                f"{format_count(ov.total.occupied)} van "
                f"{format_count(ov.total.available)} bednachten",
            ),
            "average": (
                format_decimal(ov.average_stay),
                f"gemiddeld, {ov.stays_arrived} verblijven",
            ),
            "requested": (format_count(ov.nights_requested), f"in {ov.requests} aanvragen"),
            "cancelled": (format_count(ov.nights_cancelled), f"in {ov.stays_cancelled} verblijven"),
            "structural": (
                format_count(ov.structural_nights),
                f"{format_percent(ov.structural_share)}, {ov.structural_guests} gasten",
            ),
            "incidental": (format_count(ov.incidental_nights), f"{ov.incidental_guests} gasten"),
        }
        for name, (value, note) in values.items():
            self.figures[name].setText(value)
            self.notes[name].setText(note)

    @staticmethod
    def _share_rows(shares: tuple[Share, ...], total: int) -> list[list[str]]:
        return [
            [
                s.label,
                format_count(s.guests),
                format_count(s.nights),
                format_percent(ratio(s.nights, total)),
            ]
            for s in shares
        ]

    def _fill(self, name: str, rows: list[list[str]]) -> None:
        table = self.tables[name]
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if row[0] == "Totaal":
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)
        # Show every row: the page scrolls, not the table.
        height = table.horizontalHeader().height() + sum(
            table.rowHeight(r) for r in range(len(rows))
        )
        table.setFixedHeight(height + 2 * table.frameWidth())

    # ---- saving -------------------------------------------------------------------------

    def _file_name(self, extension: str) -> str:
        ov = self.ov
        period = str(self.year) if ov is None or ov.is_year else f"{self.year}-{self.month:02d}"
        return f"overzicht-{period}.{extension}"

    def save_pdf(self) -> None:
        from ..document_actions import save_pdf

        if self.ov is None:
            self.refresh()
        ov = self.ov
        assert ov is not None
        save_pdf(
            self.context,
            f"Overzicht {ov.label}",
            self._file_name("pdf"),
            lambda: overview_pdf(self.context.db, ov),
        )

    def mail_pdf(self) -> None:
        """The overview PDF by e-mail (figures only, no names)."""
        from ...mail.mail_drafts import overview_mail
        from ..mail.sending import mail_document

        if self.ov is None:
            self.refresh()
        ov = self.ov
        assert ov is not None
        mail_document(
            self.context, self, f"Overzicht {ov.label} versturen",
            lambda: overview_mail(self.context.db, ov),
        )  # fmt: skip

    def save_excel(self) -> None:
        from ...documents.billing.overview_xlsx import overview_xlsx

        if self.ov is None:
            self.refresh()
        ov = self.ov
        assert ov is not None
        title = f"Overzicht {ov.label}"
        path = self.context.prompter.save_file(title, self._file_name("xlsx"), "Excel (*.xlsx)")
        if path is None:
            return
        from ..document_actions import write_file

        saved = operations.run(
            self.context,
            lambda: write_file(Path(path), overview_xlsx(ov)),
            title=f"{title}: niet opgeslagen",
            done=f"{title} opgeslagen: {path}",
        )
        if saved is not None:
            self.context.prompter.open_document(Path(path))
