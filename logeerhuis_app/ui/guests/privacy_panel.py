"""Gasten > Privacy: everything about this guest for an inzage request, and removal of the care
data on request (stays, invoices and claims stay for their legal 7 years)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ...access.privacy import erase_care_data, guest_dossier
from ...services.errors import ServiceError
from ...storage.private_files import write_private
from .. import operations
from ..context import AppContext


class PrivacyPanel(QWidget):
    def __init__(
        self, context: AppContext, guest_id: Callable[[], int | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.guest_id = context, guest_id
        layout = QVBoxLayout(self)
        text = QLabel(
            "Inzage: alles wat het logeerhuis over deze gast bewaart, in één bestand (JSON) om "
            "aan de gast of de vertegenwoordiger te geven.\n\n"
            "Zorggegevens verwijderen: op verzoek van de gast. Zorgbehoefte, contacten, "
            "huisarts, intake-antwoorden en belastingsscores verdwijnen; naam, adres, BSN, "
            "verblijven, facturen en declaraties blijven 7 jaar (wettelijke bewaarplicht)."
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.export_button = QPushButton("Inzage bewaren…")
        self.export_button.setObjectName("inzage")
        self.export_button.clicked.connect(self.save_dossier)
        layout.addWidget(self.export_button)
        self.erase_button = QPushButton("Zorggegevens verwijderen…")
        self.erase_button.setObjectName("erase_care")
        self.erase_button.clicked.connect(self.erase)
        layout.addWidget(self.erase_button)
        layout.addStretch(1)

    def save_dossier(self) -> None:
        guest_id = self._guest()
        if guest_id is None:
            return
        path = self.context.prompter.save_file(
            "Inzage bewaren", f"inzage-gast-{guest_id}.json", "JSON (*.json)"
        )
        if path is None:
            return
        try:
            operations.run(
                self.context,
                lambda: write_private(
                    Path(path), guest_dossier(self.context.db, guest_id, now=datetime.now())
                ),
                title="Inzage niet gemaakt",
                done=f"Inzage bewaard: {path}",
            )
        except OSError as exc:
            self.context.prompter.error("Inzage niet bewaard", f"{path}: {exc.strerror or exc}")

    def erase(self) -> None:
        guest_id = self._guest()
        if guest_id is None:
            return
        reason = self.context.prompter.ask_text(
            "Zorggegevens verwijderen", "Waarom (bijvoorbeeld: verzoek van de gast per brief)?"
        )
        if reason is None:
            return
        if not self.context.prompter.confirm(
            "Zorggegevens verwijderen",
            "De zorggegevens van deze gast worden definitief verwijderd. Dit kan niet ongedaan "
            "worden gemaakt (alleen met een backup). Doorgaan?",
        ):
            return
        operations.run(
            self.context,
            lambda: erase_care_data(self.context.db, guest_id, reason=reason),
            title="Niet verwijderd",
            done=lambda erased: (
                f"Zorggegevens verwijderd ({erased.intake_answers} intake-antwoorden, "
                f"{erased.strain_scores} belastingsscores)."
            ),
        )

    def _guest(self) -> int | None:
        guest_id = self.guest_id()
        if guest_id is None:
            refusal = ServiceError("Kies eerst een opgeslagen gast.")
            operations.show_error(self.context, refusal, title="Privacy")
        return guest_id
