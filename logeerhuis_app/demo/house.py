"""The demo house's own records: the provider, its rooms, the funders and their contracts,
and each guest's allocations.

All made up (the CBS municipality codes are real). Saved through the public services.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from ..domain.enums import (
    AllocationKind,
    CountingRule,
    FunderKind,
    RoomEnvironment,
    TariffModel,
    VolumeFrequency,
)
from ..house.allocations import AllocationData, save_allocation
from ..house.contracts import ContractData, RateData, save_contract
from ..house.funders import FunderData, save_funder
from ..house.provider import ProviderData, save_provider
from ..house.rooms import RoomData, save_room
from ..storage.database import Database
from ._model import _Guest, saved_id
from .people import TOWNS, Town

GEMEENTEN = ("0307", "0327", "0342")  # Amersfoort, Leusden, Soest
FLEX_START = date(2026, 1, 1)  # Wlz flexibel logeren (Z1003) exists from this day
ROOMS = (  # name, beds, environment, hoist, ground floor, wheelchair, notes
    ("Kamer 1 Linde", 2, RoomEnvironment.BESCHUT, False, True, True,
     "Tweepersoonskamer; ook voor echtparen."),
    ("Kamer 2 Eik", 1, RoomEnvironment.BESCHERMD, True, True, True, "Plafondtillift."),
    ("Kamer 3 Beuk", 1, RoomEnvironment.BESCHERMD, False, True, False, ""),
    ("Kamer 4 Kastanje", 1, RoomEnvironment.BESCHUT, False, False, False, ""),
    ("Kamer 5 Esdoorn", 1, RoomEnvironment.BESCHUT, True, False, True,
     "Eerste verdieping, bereikbaar met de lift. Mobiele tillift."),
    ("Kamer 6 Berk", 1, RoomEnvironment.BESCHERMD, False, False, False, "Eerste verdieping."),
)  # fmt: skip


def save_demo_provider(db: Database) -> None:
    save_provider(
        db,
        ProviderData(
            name="Logeerhuis De Linde",
            street="Bosweg 12",
            postcode="3818 LG",
            city="Amersfoort",
            phone="033-4612345",
            email="planning@delinde.example.com",
            kvk="90123456",
            agb_code="75751234",
            iban="NL44RABO0123456789",
            payment_term_days=30,
        ),
    )


def _room_data(order: int, spec: tuple) -> RoomData:
    name, beds, environment, hoist, ground, wheelchair, notes = spec
    return RoomData(
        name=name,
        beds=beds,
        environment=environment.value,
        has_hoist=hoist,
        ground_floor=ground,
        wheelchair_accessible=wheelchair,
        sort_order=order,
        notes=notes,
    )


def town_by_cbs(cbs: str) -> Town:
    return next(t for t in TOWNS.values() if t.cbs_code == cbs)


def save_demo_funders(db: Database) -> dict[str, FunderData]:
    funders = {}
    for cbs in GEMEENTEN:
        town = town_by_cbs(cbs)
        funders[f"wmo:{cbs}"] = FunderData(
            kind=FunderKind.GEMEENTE.value,
            name=f"Gemeente {town.name}",
            cbs_code=cbs,
            contact_name="Team Wmo",
            city=town.name,
            email=f"wmo@{town.name.lower()}.example.com",
            phone=f"{town.area_code}-4690000",
        )
    funders["zorgkantoor"] = FunderData(
        kind=FunderKind.ZORGKANTOOR.value,
        name="Zorgkantoor Utrecht",
        uzovi_code="5513",
        city="Utrecht",
        email="logeren@zorgkantoor.example.com",
        notes="Wlz: logeeropvang hoogstens 156 etmalen per kalenderjaar per cliënt.",
    )
    funders["zvw"] = FunderData(
        kind=FunderKind.ZORGVERZEKERAAR.value,
        name="Zilveren Kruis",
        uzovi_code="3311",
        notes="Geen contract voor logeerzorg; alleen vastgelegd.",
    )
    funders["pgb"] = FunderData(
        kind=FunderKind.PGB.value,
        name="Budgethouders (pgb)",
        invoice_to_guest=True,
        wants_invoice=True,
        notes="De factuur gaat naar de budgethouder.",
    )
    funders["private"] = FunderData(
        kind=FunderKind.PARTICULIER.value,
        name="Particulier",
        invoice_to_guest=True,
        wants_invoice=True,
    )
    return {key: save_funder(db, data) for key, data in funders.items()}


def _rates(today: date, start: date, old: int, new: int, *, split: bool = False):
    """Rate periods with a change on 1 January of this year, so stays span two tariffs."""
    change = date(today.year, 1, 1)

    def rate(valid_from: date, valid_to: date | None, cents: int) -> RateData:
        if split:  # housing part per contracted day, stay part per occupied night
            return RateData(
                valid_from=valid_from,
                valid_to=valid_to,
                housing_cents=cents // 3,
                stay_cents=cents * 2 // 3,
            )
        return RateData(valid_from=valid_from, valid_to=valid_to, amount_cents=cents)

    if start >= change:
        return (rate(start, None, new),)
    return (rate(start, change - timedelta(days=1), old), rate(change, None, new))


def save_demo_contracts(db: Database, funders: dict[str, FunderData], today: date):
    start = date(today.year - 2, 1, 1)
    flex = max(FLEX_START, start)
    wmo: dict[str, Any] = {"product_category": "04", "valid_from": start}
    specs = {
        "wmo:0307": ContractData(
            name="Wmo kortdurend verblijf (logeren)", reference="AMF-WMO-2025-014",
            product_code="04A04", rates=_rates(today, start, 14250, 14820), **wmo,
        ),
        "wmo:0327": ContractData(
            name="Wmo logeerbed (gereserveerd)", reference="LEU-2025-17", product_code="04A04",
            tariff_model=TariffModel.RESERVED_BED.value, late_cancel_billable=True,
            late_cancel_days=2, notes="De gemeente betaalt één bed per dag, bezet of niet.",
            rates=_rates(today, start, 11800, 12350), **wmo,
        ),
        "wmo:0342": ContractData(
            name="Wmo logeren: huisvesting + verblijf", reference="SOE-LOG-2025",
            product_code="04D03", tariff_model=TariffModel.SPLIT_DAY.value,
            counting_rule=CountingRule.ARRIVAL_BEFORE_20.value,
            rates=_rates(today, start, 15000, 15600, split=True), **wmo,
        ),
        "wlz_vv": ContractData(
            name="Wlz flexibel logeren VV (Z1003)", reference="ZK-UTR-FL-2026",
            product_code="Z1003", vv_only=True, valid_from=flex,
            notes="Alleen voor cliënten met een VV-zorgprofiel; geen zorgtoewijzing nodig.",
            rates=_rates(today, flex, 16250, 16990),
        ),
        "wlz": ContractData(
            name="Wlz logeeropvang (VPT/MPT)", reference="ZK-UTR-LO-2025", valid_from=start,
            product_code="ZK001",
            notes="Demo: prestatiecode ZK001 staat voor de code uit de productlijst van het "
            "zorgkantoor.",
            rates=_rates(today, start, 15500, 16100),
        ),
        "pgb": ContractData(
            name="Logeren met pgb (zorgovereenkomst)", valid_from=start,
            rates=_rates(today, start, 13500, 13900),
        ),
        "private": ContractData(
            name="Particulier logeren", valid_from=start, late_cancel_billable=True,
            late_cancel_days=3, rates=_rates(today, start, 12500, 12950),
        ),
    }  # fmt: skip
    funder_of = {"wlz_vv": "zorgkantoor", "wlz": "zorgkantoor"}
    return {
        key: save_contract(
            db, replace(data, funder_id=saved_id(funders[funder_of.get(key, key)].id))
        )
        for key, data in specs.items()
    }


def save_demo_rooms(db: Database) -> list[RoomData]:
    return [save_room(db, _room_data(i, spec)) for i, spec in enumerate(ROOMS, start=1)]


def save_demo_allocations(db, rng, today, guest: _Guest, funders, contracts, plans) -> None:
    """The guest's beschikking, toewijzing or indicatie, covering all of the planned stays."""
    mine = [p for p in plans if p.guest is guest]
    first = min((p.arrival for p in mine), default=today - timedelta(days=rng.randint(5, 40)))
    last = max((p.departure for p in mine), default=today + timedelta(days=90))
    start = first - timedelta(days=rng.randint(7, 60))
    base = AllocationData(guest_id=saved_id(guest.data.id), start_date=start)
    route = guest.route
    carer = guest.data.carers[0]
    if route.startswith("wmo:"):
        end = max(start + timedelta(days=364), last + timedelta(days=rng.randint(14, 120)))
        active = [d for p in mine if not p.cancelled for d in p.days]
        if guest.recurring:
            per_week = max((p.departure - p.arrival).days for p in mine)
            volume, frequency = per_week, VolumeFrequency.WEEK
        else:
            volume, frequency = max(14, -(-(len(active) + 5) // 7) * 7), VolumeFrequency.TOTAL
        cbs = route.removeprefix("wmo:")
        number = f"{start.year % 10}{cbs[1:]}{guest.data.id:05d}"  # iWmo: at most 9 digits
        items = [
            replace(
                base,
                funder_id=funders[route].id,
                contract_id=contracts[route].id,
                kind=AllocationKind.TOEWIJZING.value,
                reference=number,
                decision_reference=f"BS-{start.year}-{rng.randint(10000, 99999)}",
                end_date=end,
                volume=volume,
                volume_frequency=frequency.value,
            )
        ]
    elif route.startswith("wlz"):
        vv = route == "wlz_vv"
        profile = rng.choice(("4VV", "5VV", "5VV", "6VV") if vv else ("3VG", "5VG", "4LG"))
        wlz = replace(
            base,
            funder_id=funders["zorgkantoor"].id,
            kind=AllocationKind.INDICATIE.value,
            reference=f"CIZ-{rng.randint(1000000, 9999999)}",
            care_profile=profile,
            notes="Logeeropvang: hoogstens 156 etmalen per kalenderjaar.",
        )
        items = []
        if not vv or start < FLEX_START:
            end = FLEX_START - timedelta(days=1) if vv else None
            items.append(replace(wlz, contract_id=contracts["wlz"].id, end_date=end))
        if vv and last > FLEX_START:
            items.append(
                replace(wlz, contract_id=contracts["wlz_vv"].id, start_date=max(start, FLEX_START))
            )
    else:
        kind = AllocationKind.PGB if route == "pgb" else AllocationKind.PARTICULIER
        who = "Budgethouder" if route == "pgb" else "Factuur aan"
        items = [
            replace(
                base,
                funder_id=funders[route].id,
                contract_id=contracts[route].id,
                kind=kind.value,
                reference=f"PGB-{rng.randint(100000, 999999)}" if route == "pgb" else "",
                notes=f"{who}: {carer.name} ({carer.relation})",
            )
        ]
    for item in items:
        saved = save_allocation(db, item)
        guest.allocations.append((saved.start_date, saved.end_date, saved_id(saved.id)))
