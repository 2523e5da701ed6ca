"""WMO301 test messages, made with the program's own writer (never copied from the standard)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from logeerhuis_app.documents.claims.wmo301 import render_wmo301
from logeerhuis_app.domain.allocation_messages import (
    AllocatedProduct,
    AllocationMessage,
    MessageClient,
    MessageHeader,
)

STANDARDS = Path(__file__).resolve().parents[2] / "shared" / "standards" / "iwmo-3.2"

HEADER = MessageHeader(sender="0308", receiver="73730123", identification="B2026000001",
                       dated=date(2026, 2, 20))  # fmt: skip
KNOWN = MessageClient(bsn="999900006", date_of_birth=date(1941, 5, 2), gender_code="1",
                      last_name="Bos", first_names="Gerrit", street="Eemnesserweg",
                      house_number="12", postcode="3743AB", city="Baarn")  # fmt: skip
NEW_CLIENT = MessageClient(bsn="999900018", date_of_birth=date(1938, 11, 23), gender_code="2",
                           last_name="Dijk", prefix="van", first_names="Truus", street="Brink",
                           house_number="3", postcode="3741AA", city="Baarn")  # fmt: skip
PRODUCT = AllocatedProduct(number="123456789", category="04", code="04A04",
                           allocated_on=date(2026, 2, 19), start=date(2026, 1, 1),
                           end=date(2026, 12, 31), volume=40, unit="14", frequency="6")  # fmt: skip


def message(*, client=KNOWN, header=HEADER, **product) -> AllocationMessage:
    return AllocationMessage(header, client, (replace(PRODUCT, **product),))


def wmo301(*, client=KNOWN, header=HEADER, **product) -> bytes:
    return render_wmo301(message(client=client, header=header, **product))


def xsd_errors(xml: bytes, kind: str = "WMO301") -> list[str] | None:
    """Errors against the real XSD in ../shared; None when the standard is not there."""
    from lxml import etree

    path = STANDARDS / f"{kind}.xsd"
    if not path.exists():
        return None
    schema = etree.XMLSchema(etree.parse(str(path)))
    if schema.validate(etree.fromstring(xml)):
        return []
    return [f"regel {e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]
