"""Gasten: search the guests and edit everything the intake records about one (DOMAIN.md §5)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.enums import Grondslag
from ...domain.redaction import mask_bsn
from ...domain.validation import format_iban
from ...house.guests import GuestData, get_guest, save_guest, search_guests, validate_guest
from ...services.changes import Change
from ..master_detail import MasterDetailPage
from ..widgets.fields import CheckField, ChoiceField, DateField, IntField, NoteField, TextField
from ..widgets.municipality_field import MunicipalityCodeField
from ..widgets.record_table import Column
from .allocations_panel import AllocationsPanel
from .carers_table import CarersEditor
from .privacy_panel import PrivacyPanel

GENDERS = [("", "—"), ("V", "vrouw"), ("M", "man"), ("X", "anders / onbekend")]


class GuestsPage(MasterDetailPage):
    nav_title = "Gasten"
    # The guest list, and in the editor the guest's allocations with their funder and contract.
    topics = (Change.GUESTS, Change.ALLOCATIONS, Change.FUNDERS)
    search_placeholder = "Zoek op naam, BSN of geboortedatum (Ctrl+F)"
    new_label = "Nieuwe gast"
    item_noun = "gast"
    list_width = 520
    columns = (
        Column("Naam", lambda g: g.name),
        Column("Geboortedatum", lambda g: format_date(g.date_of_birth), align_right=True),
        Column("BSN", lambda g: mask_bsn(g.bsn)),  # in full only in the opened guest
        Column("Woonplaats", lambda g: g.city),
    )

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.show_inactive = QCheckBox("Ook inactieve gasten tonen")
        self.show_inactive.setObjectName("show_inactive")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(lambda _c: self.refresh())
        self.extra_filters.addWidget(self.show_inactive)
        self.model.dimmed = lambda g: not g.active

    def load_records(self, search: str) -> list[Any]:
        return search_guests(
            self.context.db, search, include_inactive=self.show_inactive.isChecked()
        )

    def refresh(self) -> None:
        super().refresh()
        if self.current is not None:  # the allocations panel shows what another page changed
            self.allocations.show_guest(self.current.id)

    def count_text(self, count: int) -> str:
        return "1 gast" if count == 1 else f"{count} gasten"

    def blank(self) -> GuestData:
        return GuestData()

    def fetch(self, item_id: int) -> GuestData:
        return get_guest(self.context.db, item_id)

    def title_of(self, item: GuestData) -> str:
        return item.display_name

    def check(self, item) -> None:
        validate_guest(item)

    def save(self, item: GuestData) -> GuestData:
        return save_guest(self.context.db, item)

    def to_values(self, item: GuestData) -> dict[str, Any]:
        values = dict(item.__dict__)
        values["iban"] = format_iban(item.iban)
        return values

    def after_load(self, item: GuestData) -> None:
        self.allocations.show_guest(item.id)

    def map_problems(self, problems: dict[str, str]) -> dict[str, str]:
        """Carer problems arrive per row ('carers.0.phone'); show them under the table."""
        mapped: dict[str, str] = {}
        for key, message in problems.items():
            if key.startswith("carers."):
                row = int(key.split(".")[1]) + 1
                previous = mapped.get("carers", "")
                mapped["carers"] = f"{previous} Mantelzorger {row}: {message}".strip()
            else:
                mapped[key] = message
        return mapped

    def build_editor(self, layout: QVBoxLayout) -> None:
        tabs = QTabWidget()
        tabs.setObjectName("guest_tabs")
        layout.addWidget(tabs, 1)
        add = self.form.add

        person = _tab(tabs, "Persoon")
        add(person, "first_name", "Voornaam", TextField(max_length=80))
        add(person, "prefix", "Tussenvoegsel", TextField(max_length=20))
        add(person, "last_name", "Achternaam *", TextField(max_length=80))
        add(person, "date_of_birth", "Geboortedatum", DateField())
        add(person, "gender", "Geslacht", ChoiceField(GENDERS))
        add(person, "bsn", "BSN", TextField(max_length=11))
        add(person, "street", "Straat en huisnummer", TextField())
        add(person, "postcode", "Postcode", TextField(max_length=7))
        add(person, "city", "Woonplaats", TextField(max_length=80))
        add(person, "municipality_code", "Gemeentecode (CBS)", MunicipalityCodeField())
        add(person, "phone", "Telefoon", TextField(max_length=20))
        add(person, "email", "E-mail", TextField())
        add(person, "iban", "IBAN", TextField(max_length=40))
        add(person, "active", "", CheckField("Actief (komt nog logeren)"))

        contacts = _tab(tabs, "Contacten")
        add(contacts, "carers", "Mantelzorgers", CarersEditor(context=self.context))
        add(contacts, "emergency_name", "Noodcontact", TextField())
        add(contacts, "emergency_relation", "Relatie noodcontact", TextField(max_length=60))
        add(contacts, "emergency_phone", "Telefoon noodcontact", TextField(max_length=20))
        add(contacts, "gp_name", "Huisarts", TextField())
        add(contacts, "gp_phone", "Telefoon huisarts", TextField(max_length=20))
        add(contacts, "pharmacy_name", "Apotheek", TextField())
        add(contacts, "pharmacy_phone", "Telefoon apotheek", TextField(max_length=20))
        add(contacts, "homecare_org", "Thuiszorg (organisatie)", TextField())
        add(contacts, "homecare_contact", "Contactpersoon thuiszorg", TextField())
        add(contacts, "homecare_phone", "Telefoon thuiszorg", TextField(max_length=20))
        add(contacts, "insurer", "Zorgverzekeraar", TextField())
        add(contacts, "policy_number", "Polisnummer", TextField(max_length=40))

        care = _tab(tabs, "Zorg en kamer")
        add(care, "grondslag", "Grondslag", ChoiceField(Grondslag.choices()))
        add(care, "height_cm", "Lengte (cm)", IntField(minimum=31, maximum=259, unit="cm"))
        add(care, "weight_kg", "Gewicht (kg)", IntField(minimum=11, maximum=399, unit="kg"))
        add(care, "care_needs", "Zorgbehoefte", NoteField(lines=4))
        add(care, "needs_hoist", "Kamerwensen", CheckField("Tillift nodig"))
        add(care, "needs_ground_floor", "", CheckField("Begane grond nodig"))
        add(care, "needs_wheelchair_access", "", CheckField("Rolstoeltoegankelijk nodig"))
        add(care, "notes", "Opmerkingen", NoteField(lines=4))

        self.allocations = AllocationsPanel(self.context)
        tabs.addTab(self.allocations, "Toewijzingen")
        self.privacy = PrivacyPanel(
            self.context, lambda: (self.current.id or None) if self.current is not None else None
        )
        tabs.addTab(self.privacy, "Privacy")
        self.tabs = tabs
        note = QLabel("Velden met * zijn verplicht. Data als dd-mm-jjjj.")
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)


def _tab(tabs: QTabWidget, title: str) -> QFormLayout:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    inner = QWidget()
    grid = QFormLayout(inner)
    grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    scroll.setWidget(inner)
    tabs.addTab(scroll, title)
    return grid
