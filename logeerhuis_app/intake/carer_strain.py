"""The Caregiver Strain Index of a carer: record a measurement (only with consent), list them.

This is health data about the carer, so nothing is stored unless the carer agreed and the
staff member who asked is named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..db.models import Carer, CarerStrain, Stay
from ..domain import carer_strain as csi
from ..services.errors import NotFoundError
from ..services.field_check import FieldCheck
from ..storage.database import Database

NO_CONSENT = (
    "Vraag eerst toestemming aan de mantelzorger; zonder toestemming wordt niets vastgelegd."
)
_MOMENTS = {value for value, _label in csi.MOMENTS}


@dataclass(frozen=True)
class StrainData:
    """One measurement to record. answers: 13 booleans, True for "ja"."""

    carer_id: int
    stay_id: int | None = None
    measured_on: date | None = None
    moment: str = "intake"
    answers: tuple[bool, ...] = ()
    consent: bool = False
    consent_recorded_by: str = ""
    note: str = ""


@dataclass(frozen=True)
class StrainRecord:
    id: int
    carer_id: int
    stay_id: int | None
    measured_on: date
    moment: str
    answers: tuple[bool, ...]
    score: int
    overburdened: bool
    consent_recorded_by: str
    note: str

    @property
    def moment_label(self) -> str:
        return dict(csi.MOMENTS).get(self.moment, self.moment)


@dataclass(frozen=True)
class CarerStrainOverview:
    """A carer of the guest with the measurements so far (oldest first) and their trend."""

    carer_id: int
    name: str
    relation: str
    records: tuple[StrainRecord, ...] = field(default_factory=tuple)

    @property
    def latest(self) -> StrainRecord | None:
        return self.records[-1] if self.records else None

    @property
    def trend(self) -> str:
        return csi.trend([(r.measured_on, r.score) for r in self.records])


def record_strain(db: Database, data: StrainData) -> StrainRecord:
    """Store one measurement; refuses it without consent or without all 13 answers."""
    check = FieldCheck()
    check.rule("consent", bool(data.consent), NO_CONSENT)
    recorded_by = check.text(
        "consent_recorded_by",
        data.consent_recorded_by,
        label="De naam",
        max_length=200,
    )
    check.required("consent_recorded_by", recorded_by, "Vul in wie de toestemming heeft gevraagd.")
    check.required("measured_on", data.measured_on, "Vul de datum van de meting in.")
    if data.measured_on is not None:
        check.rule("measured_on", data.measured_on <= date.today(), "De datum ligt in de toekomst.")
    check.rule("moment", data.moment in _MOMENTS, "Kies intake of evaluatie.")
    answers = tuple(bool(a) for a in data.answers)
    check.rule(
        "answers",
        len(answers) == csi.COUNT,
        f"Beantwoord alle {csi.COUNT} vragen met ja of nee.",
    )
    check.raise_if_any()
    with db.session() as s:
        carer = s.get(Carer, data.carer_id)
        if carer is None:
            raise NotFoundError("Deze mantelzorger bestaat niet (meer). Sla de gast eerst op.")
        if data.stay_id is not None:
            stay = s.get(Stay, data.stay_id)
            if stay is None or stay.guest_id != carer.guest_id:
                raise NotFoundError("Dit verblijf hoort niet bij de gast van deze mantelzorger.")
        row = CarerStrain(
            carer_id=carer.id,
            stay_id=data.stay_id,
            measured_on=data.measured_on,
            moment=data.moment,
            answers=csi.encode(answers),
            score=csi.score(answers),
            consent=True,
            consent_recorded_by=recorded_by,
            note=(data.note or "").strip(),
        )
        s.add(row)
        s.flush()
        return _record(row)


def list_strain(db: Database, carer_id: int) -> list[StrainRecord]:
    """The measurements of one carer, oldest first."""
    query = (
        select(CarerStrain)
        .where(CarerStrain.carer_id == carer_id)
        .order_by(CarerStrain.measured_on, CarerStrain.id)
    )
    with db.session() as s:
        return [_record(row) for row in s.scalars(query)]


def carers_with_strain(db: Database, guest_id: int) -> list[CarerStrainOverview]:
    """The guest's carers who have at least one measurement, each with all of them."""
    query = (
        select(Carer, CarerStrain)
        .join(CarerStrain, CarerStrain.carer_id == Carer.id)
        .where(Carer.guest_id == guest_id)
        .order_by(Carer.id, CarerStrain.measured_on, CarerStrain.id)
    )
    with db.session() as s:
        grouped: dict[int, tuple[Carer, list[StrainRecord]]] = {}
        for carer, row in s.execute(query):
            grouped.setdefault(carer.id, (carer, []))[1].append(_record(row))
        return [
            CarerStrainOverview(carer.id, carer.name, carer.relation, tuple(records))
            for carer, records in grouped.values()
        ]


def _record(row: CarerStrain) -> StrainRecord:
    return StrainRecord(
        id=row.id,
        carer_id=row.carer_id,
        stay_id=row.stay_id,
        measured_on=row.measured_on,
        moment=row.moment,
        answers=csi.decode(row.answers),
        score=row.score,
        overburdened=csi.is_overburdened(row.score),
        consent_recorded_by=row.consent_recorded_by,
        note=row.note,
    )
