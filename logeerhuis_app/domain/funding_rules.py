"""The funding rules of DOMAIN.md section 2, as one typed set (issue 18).

Planning, month close and claims all use these: a finding carries its rule, so a caller picks
findings by rule and never by matching words in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .enums import AllocationKind, FunderKind

# Wlz flexibel logeren (Z1003) is only for clients with a VV care profile, never GHZ or GGZ.
VV_ONLY_CODES = frozenset({"Z1003"})

# A pgb is paid by the budget holder: an invoice to them, never a funder's claim.
CLAIMING_FUNDERS = frozenset({FunderKind.GEMEENTE, FunderKind.ZORGKANTOOR})


class Rule(StrEnum):
    NO_FUNDING = "no_funding"
    OUTSIDE_PERIOD = "outside_period"
    VOLUME = "volume"
    WLZ_CAP = "wlz_cap"
    VV_ONLY = "vv_only"
    PGB_PAYER = "pgb_payer"


# The rules month close and claims repeat from the planner (the rest have their own checks).
MONTH_RULES = frozenset({Rule.VOLUME, Rule.WLZ_CAP, Rule.VV_ONLY, Rule.PGB_PAYER})


@dataclass(frozen=True)
class Finding:
    rule: Rule
    text: str  # Dutch, one sentence


def is_vv_only(product_code: str, flagged: bool = False) -> bool:
    """Derived from the prestatiecode (Z1003), or set by hand for another contract."""
    return flagged or (product_code or "").strip().upper() in VV_ONLY_CODES


def has_vv_profile(care_profile: str) -> bool:
    """'5VV', 'VV5', 'zzp vv 5': a VV profile; '4VG', 'GGZ-B', '' are not."""
    return "VV" in (care_profile or "").upper()


def vv_only_finding(
    contract_name: str, product_code: str, flagged: bool, care_profile: str
) -> Finding | None:
    if not is_vv_only(product_code, flagged) or has_vv_profile(care_profile):
        return None
    profile = (care_profile or "").strip() or "geen"
    return Finding(
        Rule.VV_ONLY,
        f"{contract_name} is alleen voor cliënten met een VV-zorgprofiel (zorgprofiel: {profile}).",
    )


def pgb_law(care_profile: str) -> str:
    """The law a pgb falls under: a Wlz pgb rests on an indication with a care profile, a Wmo
    pgb on a municipality's decision (decision 0032)."""
    return "Wlz" if (care_profile or "").strip() else "Wmo"


def svb_reference(bsn: str, budget_number: str, care_profile: str) -> str:
    """What the SVB needs on a pgb invoice besides number, date, period, tariff and KvK:
    'Pgb Wlz, BSN 111222333, budgetnummer PGB-123456'."""
    parts = [f"Pgb {pgb_law(care_profile)}"]
    parts += [f"BSN {bsn}"] if bsn else []
    parts += [f"budgetnummer {budget_number}"] if budget_number else []
    return ", ".join(parts)


def pgb_payer_finding(allocation_kind: str, funder_kind: str) -> Finding | None:
    """A pgb under a municipality or zorgkantoor would be claimed from the wrong payer."""
    if allocation_kind == AllocationKind.PGB and funder_kind in CLAIMING_FUNDERS:
        return Finding(
            Rule.PGB_PAYER,
            "Een pgb wordt gefactureerd aan de budgethouder, nooit gedeclareerd bij de "
            f"{FunderKind(funder_kind).label.lower()}: kies de budgethouder als financier.",
        )
    return None
