"""Kamers: the rooms of the house, their beds, environment and features."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...domain.enums import RoomEnvironment
from ...house.rooms import MAX_BEDS, RoomData, get_room, list_rooms, save_room, validate_room
from ...services.changes import Change
from ..master_detail import MasterDetailPage
from ..widgets.fields import CheckField, ChoiceField, IntField, NoteField, TextField
from ..widgets.record_table import Column
from .closures_panel import ClosuresPanel
from .reservations_panel import ReservationsPanel


def _features(room: RoomData) -> str:
    marks = [
        ("tillift", room.has_hoist),
        ("begane grond", room.ground_floor),
        ("rolstoel", room.wheelchair_accessible),
    ]
    return ", ".join(name for name, present in marks if present)


class RoomsPage(MasterDetailPage):
    nav_title = "Kamers"
    # Rooms with their closures and reserved beds; a reservation names its funder, contract
    # and the guest of its toewijzing.
    topics = (Change.ROOMS, Change.FUNDERS, Change.GUESTS)
    new_label = "Nieuwe kamer"
    item_noun = "kamer"
    list_width = 600
    columns = (
        Column("Kamer", lambda r: r.name),
        Column("Bedden", lambda r: str(r.beds), align_right=True),
        Column("Omgeving", lambda r: RoomEnvironment(r.environment).label),
        Column("Voorzieningen", _features),
        Column("Status", lambda r: "open" if r.active else "gesloten"),
    )

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model.dimmed = lambda r: not r.active

    def load_records(self, search: str) -> list[Any]:
        return list_rooms(self.context.db)

    def refresh(self) -> None:
        super().refresh()
        if self.current is not None and self.current.id is not None:
            self.after_load(self.current)  # the panels show what another page changed

    def count_text(self, count: int) -> str:
        return "1 kamer" if count == 1 else f"{count} kamers"

    def blank(self) -> RoomData:
        return RoomData(sort_order=len(self.model.records) + 1)

    def fetch(self, item_id: int) -> RoomData:
        return get_room(self.context.db, item_id)

    def check(self, item) -> None:
        validate_room(item)

    def after_load(self, item: RoomData) -> None:
        self.closures.show_room(item.id)
        self.reservations.show_room(item.bed_ids)

    def save(self, item: RoomData) -> RoomData:
        return save_room(self.context.db, item)

    def build_editor(self, layout: QVBoxLayout) -> None:
        grid = QFormLayout()
        layout.addLayout(grid)
        add = self.form.add
        add(grid, "name", "Naam *", TextField(max_length=100))
        add(grid, "beds", "Aantal bedden", IntField(minimum=1, maximum=MAX_BEDS, required=True))
        add(grid, "environment", "Omgeving", ChoiceField(RoomEnvironment.choices()))
        add(grid, "has_hoist", "Voorzieningen", CheckField("Tillift"))
        add(grid, "ground_floor", "", CheckField("Begane grond"))
        add(grid, "wheelchair_accessible", "", CheckField("Rolstoeltoegankelijk"))
        add(grid, "sort_order", "Volgorde in de planner", IntField(minimum=0, maximum=999))
        add(grid, "active", "", CheckField("Open (gesloten kamers worden niet gepland)"))
        add(grid, "notes", "Opmerkingen", NoteField(lines=3))
        hint = QLabel(
            "Beschermd: voor gasten die niet zelfstandig de deur uit kunnen (bijvoorbeeld bij "
            "dementie). Beschut: toezicht in de buurt, vrije in- en uitloop."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        self.closures = ClosuresPanel(self.context)
        layout.addWidget(self.closures)
        self.reservations = ReservationsPanel(self.context)
        layout.addWidget(self.reservations)
        layout.addStretch(1)
