"""All ORM models; importing this package registers every table on Base.metadata."""

from .claims import Claim, ClaimLine
from .funding import Allocation, Contract, Funder, RatePeriod
from .house import Bed, Provider, Room
from .intake import CarerStrain, IntakeAnswer, IntakeOverride, Setting
from .invoicing import (
    BedReservation,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
    MonthClosure,
    NightCorrection,
    Payment,
)
from .people import Carer, Guest
from .planning import DateChange, RoomClosure, StayRequest, StaySeries, WlzNightsElsewhere
from .security import AccessLogEntry, AccessLogHead, User
from .stays import Night, Stay

__all__ = [
    "AccessLogEntry",
    "AccessLogHead",
    "Allocation",
    "Bed",
    "BedReservation",
    "Carer",
    "CarerStrain",
    "Claim",
    "ClaimLine",
    "Contract",
    "DateChange",
    "Funder",
    "Guest",
    "IntakeAnswer",
    "IntakeOverride",
    "Invoice",
    "InvoiceLine",
    "InvoiceSeries",
    "MonthClosure",
    "Night",
    "NightCorrection",
    "Payment",
    "Provider",
    "RatePeriod",
    "Room",
    "RoomClosure",
    "Setting",
    "Stay",
    "StayRequest",
    "StaySeries",
    "User",
    "WlzNightsElsewhere",
]
