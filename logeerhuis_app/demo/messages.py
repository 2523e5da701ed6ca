"""The demo's example WMO301: a toewijzing from the demo municipality Amersfoort for a client
the house does not know yet, made with the program's own writer and saved in the 'berichten'
folder, so a newcomer can try Bestand > Bericht inlezen… (README, decision 0044)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from ..claims.received_messages import messages_dir
from ..db.models import Guest
from ..documents.claims.wmo301 import render_wmo301
from ..domain.allocation_messages import (
    AllocatedProduct,
    AllocationMessage,
    MessageClient,
    MessageHeader,
)
from ..house.provider import get_provider
from ..storage.database import Database
from ..storage.private_files import write_private
from .people import make_bsn

DEMO_MESSAGE_NAME = "voorbeeld-WMO301-toewijzing.xml"
DEMO_MUNICIPALITY = "0307"  # Amersfoort, a demo funder with contract 04/04A04


def demo_wmo301(db: Database, today: date) -> bytes:
    with db.session(write=False) as s:
        used = {b for b in s.scalars(select(Guest.bsn)) if b}
    client = MessageClient(
        bsn=make_bsn(random.Random(301), used), date_of_birth=date(1942, 6, 14), gender_code="2",
        last_name="Smits", first_names="Johanna", street="Utrechtseweg", house_number="88",
        postcode="3818ES", city="Amersfoort",
    )  # fmt: skip
    start = today.replace(day=1)
    product = AllocatedProduct(
        number=f"301{today:%y%m}01", category="04", code="04A04",
        allocated_on=today - timedelta(days=1), start=start,
        end=start + timedelta(days=364), volume=24, unit="14", frequency="6",
        comment="Logeren om de mantelzorger te ontlasten.",
    )  # fmt: skip
    header = MessageHeader(sender=DEMO_MUNICIPALITY, receiver=get_provider(db).agb_code,
                           identification=f"DEMO{today:%y%m%d}", dated=today)  # fmt: skip
    return render_wmo301(AllocationMessage(header, client, (product,)))


def save_demo_message(db: Database, data_dir: Path, today: date | None = None) -> Path:
    path = messages_dir(data_dir) / DEMO_MESSAGE_NAME
    write_private(path, demo_wmo301(db, today or date.today()))
    return path
