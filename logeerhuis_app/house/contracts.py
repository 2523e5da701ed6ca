"""Contracts with a funder: product, unit, counting rule, tariff model and rate periods."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.models import Contract, RatePeriod
from ..domain.enums import CountingRule, TariffModel, Unit
from ..domain.funding_rules import is_vv_only
from ..domain.rates import RatePeriod as DomainRate
from ..domain.rates import validate_rate_periods
from ..services.errors import ConflictError, NotFoundError
from ..services.field_check import FieldCheck
from ..storage.database import Database
from .funders import load_funder


@dataclass(frozen=True)
class RateData:
    id: int | None = None
    valid_from: date = date(2026, 1, 1)
    valid_to: date | None = None
    amount_cents: int = 0
    housing_cents: int = 0
    stay_cents: int = 0


@dataclass(frozen=True)
class ContractData:
    id: int | None = None
    version: int = 0
    funder_id: int = 0
    name: str = ""
    reference: str = ""
    product_category: str = ""
    product_code: str = ""
    unit: str = Unit.ETMAAL.value
    tariff_model: str = TariffModel.PER_NIGHT.value
    counting_rule: str = CountingRule.NIGHTS.value
    vv_only: bool = False
    late_cancel_billable: bool = False
    late_cancel_days: int = 7
    valid_from: date = date(2026, 1, 1)
    valid_to: date | None = None
    active: bool = True
    notes: str = ""
    rates: tuple[RateData, ...] = field(default_factory=tuple)


_FIELDS = [f.name for f in fields(ContractData) if f.name not in ("id", "version", "rates")]
_RATE_FIELDS = [f.name for f in fields(RateData) if f.name != "id"]


def list_contracts(db: Database, *, funder_id: int | None = None) -> list[ContractData]:
    query = (
        select(Contract)
        .options(selectinload(Contract.rates))
        .order_by(Contract.funder_id, Contract.name)
    )
    if funder_id is not None:
        query = query.where(Contract.funder_id == funder_id)
    with db.session(write=False) as s:
        return [_to_data(c) for c in s.scalars(query)]


def get_contract(db: Database, contract_id: int) -> ContractData:
    with db.session(write=False) as s:
        return _to_data(_load(s, contract_id))


def _load(s: Session, contract_id: int) -> Contract:
    contract = s.get(Contract, contract_id, options=[selectinload(Contract.rates)])
    if contract is None:
        raise NotFoundError("Dit contract bestaat niet (meer).")
    return contract


def _to_data(c: Contract) -> ContractData:
    rates = tuple(RateData(id=r.id, **{n: getattr(r, n) for n in _RATE_FIELDS}) for r in c.rates)
    return ContractData(
        id=c.id, version=c.version, rates=rates, **{n: getattr(c, n) for n in _FIELDS}
    )


def validate_contract(data: ContractData) -> ContractData:
    check = FieldCheck()
    check.rule("funder_id", data.funder_id > 0, "Kies de financier van dit contract.")
    check.required("name", data.name, "Geef het contract een naam.")
    name = check.text("name", data.name, label="De naam", max_length=200)
    category = data.product_category.strip()
    check.rule(
        "product_category",
        category == "" or (len(category) == 2 and category.isdigit()),
        "De productcategorie heeft 2 cijfers, bijvoorbeeld 04.",
    )
    code = data.product_code.strip().upper()
    check.rule(
        "product_code",
        (len(code) <= 5 and code.isalnum()) or code == "",
        "De productcode heeft hoogstens 5 letters of cijfers, bijvoorbeeld 04A04.",
    )
    check.rule("unit", data.unit in {u.value for u in Unit}, "Kies een eenheid.")
    check.rule(
        "tariff_model", data.tariff_model in {m.value for m in TariffModel}, "Kies een tariefmodel."
    )
    check.rule(
        "counting_rule", data.counting_rule in {r.value for r in CountingRule}, "Kies een telregel."
    )
    check.rule("late_cancel_days", 0 <= data.late_cancel_days <= 60, "Vul 0 tot 60 dagen in.")
    check.rule(
        "valid_to",
        data.valid_to is None or data.valid_to >= data.valid_from,
        "De einddatum ligt vóór de begindatum.",
    )
    check.rule("rates", bool(data.rates), "Voeg minstens één tariefperiode toe.")
    if data.rates and data.tariff_model in {m.value for m in TariffModel}:
        problems = validate_rate_periods(
            TariffModel(data.tariff_model),
            [
                DomainRate(r.valid_from, r.valid_to, r.amount_cents, r.housing_cents, r.stay_cents)
                for r in data.rates
            ],
        )
        if problems:
            check.rule("rates", False, " ".join(problems))
    check.raise_if_any()
    return replace(
        data,
        name=name,
        product_category=category,
        product_code=code,
        vv_only=is_vv_only(code, data.vv_only),  # Z1003 is VV-only, whatever the box says
        reference=data.reference.strip(),
        notes=data.notes.strip(),
        rates=tuple(sorted(data.rates, key=lambda r: r.valid_from)),
    )


def save_contract(db: Database, data: ContractData) -> ContractData:
    data = validate_contract(data)
    with db.session() as s:
        load_funder(s, data.funder_id)
        if data.id is None:
            contract = Contract(version=1)
            s.add(contract)
        else:
            contract = _load(s, data.id)
            if contract.version != data.version:
                raise ConflictError("Dit contract is intussen elders gewijzigd. Open het opnieuw.")
            contract.version += 1
        for name in _FIELDS:
            setattr(contract, name, getattr(data, name))
        existing = {r.id: r for r in contract.rates}
        kept = []
        for rate in data.rates:
            row = existing.get(rate.id) if rate.id is not None else None
            row = row or RatePeriod()
            for name in _RATE_FIELDS:
                setattr(row, name, getattr(rate, name))
            kept.append(row)
        contract.rates = kept
        s.flush()
        return _to_data(contract)
