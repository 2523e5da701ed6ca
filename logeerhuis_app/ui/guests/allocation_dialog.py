"""Add or change one allocation (beschikking, toewijzing, indicatie) of a guest."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from ...domain.enums import AllocationKind, VolumeFrequency
from ...house.allocations import AllocationData, kinds_for_funder, save_allocation
from ...house.contracts import list_contracts
from ...house.funders import list_funders
from ..context import AppContext
from ..widgets.fields import ChoiceField, DateField, IntField, NoteField, TextField
from ..widgets.form import Form
from ..widgets.form_dialog import FormDialog


class AllocationDialog(FormDialog):
    def __init__(
        self, context: AppContext, allocation: AllocationData, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.allocation = allocation
        self.saved: AllocationData | None = None
        self.setWindowTitle("Nieuwe toewijzing" if allocation.id is None else "Toewijzing wijzigen")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        grid = QFormLayout()
        layout.addLayout(grid)
        self.form = Form()
        funders = list_funders(context.db, include_inactive=False)
        self._funder_kinds = {f.id: f.kind for f in funders}
        self.form.add(
            grid,
            "funder_id",
            "Financier",
            ChoiceField([(0, "— kies —")] + [(f.id, f.name) for f in funders]),
        )
        self.form.add(grid, "contract_id", "Contract", ChoiceField([]))
        self.form.add(grid, "kind", "Soort", ChoiceField(AllocationKind.choices()))
        self.form.add(grid, "reference", "Kenmerk (toewijzingnummer)", TextField(max_length=50))
        self.form.add(grid, "decision_reference", "Beschikkingnummer", TextField(max_length=50))
        self.form.add(grid, "start_date", "Ingangsdatum", DateField(required=True))
        self.form.add(grid, "end_date", "Einddatum", DateField())
        self.form.add(grid, "volume", "Volume (etmalen)", IntField(minimum=1, maximum=366))
        self.form.add(grid, "volume_frequency", "Per", ChoiceField(VolumeFrequency.choices()))
        self.form.add(grid, "care_profile", "Zorgprofiel", TextField(max_length=20))
        self.form.add(grid, "notes", "Opmerkingen", NoteField(lines=2))
        self.form.fields["funder_id"].currentIndexChanged.connect(self._fill_contracts)
        self.add_message_and_buttons(layout)
        values = dict(allocation.__dict__)
        self.form.fields["funder_id"].set_value(allocation.funder_id)
        self._fill_contracts()
        self.form.set_values(values)

    def _fill_contracts(self) -> None:
        funder_id = self.form.fields["funder_id"].value()
        self._fill_kinds(funder_id)
        contracts = list_contracts(self.context.db, funder_id=funder_id) if funder_id else []
        self.form.fields["contract_id"].set_choices(
            [(None, "— geen —")] + [(c.id, f"{c.name} ({c.product_code})") for c in contracts]
        )

    def _fill_kinds(self, funder_id: int | None) -> None:
        """Only the kinds the funder can hold: no pgb under a zorgkantoor or gemeente."""
        funder_kind = self._funder_kinds.get(funder_id) if funder_id else None
        kinds = kinds_for_funder(funder_kind) if funder_kind else list(AllocationKind)
        field = self.form.fields["kind"]
        current = field.value()
        field.set_choices([(k.value, k.label) for k in kinds])
        if current in {k.value for k in kinds}:
            field.set_value(current)

    def store(self, values: dict[str, Any]) -> None:
        self.saved = save_allocation(self.context.db, replace(self.allocation, **values))
