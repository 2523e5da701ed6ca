"""Instellingen: the house's identity on every invoice and declaration."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...domain.validation import format_iban
from ...house.provider import ProviderData, get_provider, save_provider, validate_provider
from ...services.changes import Change
from ..master_detail import MasterDetailPage
from ..widgets.fields import IntField, NoteField, TextField
from .intake_panel import IntakeSettingsPanel
from .logo_field import LogoField
from .mail_panel import MailSettingsPanel
from .retention_panel import RetentionPanel
from .security_panel import SecuritySettingsPanel


class SettingsPage(MasterDetailPage):
    """One record (the provider), so the list is hidden and the editor always open."""

    nav_title = "Instellingen"
    topics = (Change.SETTINGS,)  # the provider, intake, security, mail and retention
    item_noun = "instellingen"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # One record: no list pane and no splitter handle.
        list_pane = self.splitter.widget(0)
        assert list_pane is not None  # MasterDetailPage puts the list there
        list_pane.hide()
        self.splitter.setHandleWidth(0)

    def record_id(self, record: Any) -> int:
        return 1

    def load_records(self, search: str) -> list[Any]:
        return []

    def refresh(self) -> None:
        if self.is_dirty():
            return  # never overwrite what the user is typing
        self.show_item(get_provider(self.context.db))
        for panel in (
            self.intake_panel,
            self.security_panel,
            self.mail_panel,
            self.retention_panel,
        ):
            if not panel.typed_since_load():  # each panel saves on its own: keep its typing
                panel.load()

    def title_of(self, item: ProviderData) -> str:
        return "Gegevens van het logeerhuis"

    def to_values(self, item: ProviderData) -> dict[str, Any]:
        values = dict(item.__dict__)
        values["iban"] = format_iban(item.iban)
        values["logo"] = (item.logo, item.logo_filename)
        return values

    def from_values(self, item: ProviderData, values: dict[str, Any]) -> ProviderData:
        logo, logo_filename = values.pop("logo")
        return replace(item, logo=logo, logo_filename=logo_filename, **values)

    def check(self, item) -> None:
        validate_provider(item)

    def save(self, item: ProviderData) -> ProviderData:
        return save_provider(self.context.db, item)

    def save_current(self) -> bool:
        saved = super().save_current()
        if saved:
            self.context.status("Instellingen opgeslagen.")
        return saved

    def build_editor(self, layout: QVBoxLayout) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        column = QVBoxLayout(inner)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        add = self.form.add

        identity = QGroupBox("Zorgaanbieder")
        grid = QFormLayout(identity)
        add(grid, "name", "Naam *", TextField())
        add(grid, "street", "Adres", TextField())
        add(grid, "postcode", "Postcode", TextField(max_length=7))
        add(grid, "city", "Plaats", TextField())
        add(grid, "phone", "Telefoon", TextField(max_length=20))
        add(grid, "email", "E-mail", TextField())
        add(grid, "kvk", "KvK-nummer", TextField(max_length=10))
        add(grid, "agb_code", "AGB-code", TextField(max_length=10))
        column.addWidget(identity)

        money = QGroupBox("Facturen")
        grid = QFormLayout(money)
        add(grid, "iban", "IBAN", TextField(max_length=40))
        add(grid, "payment_term_days", "Betaaltermijn (dagen)", IntField(minimum=1, maximum=365))
        add(grid, "vat_exemption_text", "Tekst btw-vrijstelling", NoteField(lines=3))
        add(grid, "logo", "Logo", LogoField(self.context.prompter))
        column.addWidget(money)
        hint = QLabel(
            "Deze gegevens staan op elke factuur en declaratie. Naam, adres, KvK, AGB en IBAN "
            "zijn nodig voordat u kunt factureren."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        column.addWidget(hint)
        self.intake_panel = IntakeSettingsPanel(self.context)
        column.addWidget(self.intake_panel)
        self.security_panel = SecuritySettingsPanel(self.context)
        column.addWidget(self.security_panel)
        self.mail_panel = MailSettingsPanel(self.context)
        column.addWidget(self.mail_panel)
        self.retention_panel = RetentionPanel(self.context)
        column.addWidget(self.retention_panel)
        column.addStretch(1)
