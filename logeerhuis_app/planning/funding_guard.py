"""Funding rules that refuse a plan outright (issue 18): no override, the allocation is wrong.

The rules themselves are domain.funding_rules; the planner, month close and claims report the
same findings for stays that were planned before a rule (or the contract) changed.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..db.models import Allocation, Contract, Funder
from ..domain.funding_rules import Finding, pgb_payer_finding, vv_only_finding
from ..services.errors import ValidationError


def allocation_findings(s: Session, allocation: Allocation) -> list[Finding]:
    contract = s.get(Contract, allocation.contract_id) if allocation.contract_id else None
    funder = s.get(Funder, allocation.funder_id)
    found = [
        vv_only_finding(contract.name, contract.product_code, contract.vv_only,
                        allocation.care_profile) if contract is not None else None,
        pgb_payer_finding(allocation.kind, funder.kind) if funder is not None else None,
    ]  # fmt: skip
    return [f for f in found if f is not None]


def refuse_unfundable(s: Session, allocation: Allocation) -> None:
    found = allocation_findings(s, allocation)
    if found:
        raise ValidationError({"allocation_id": " ".join(f.text for f in found)})
