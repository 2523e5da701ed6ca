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
from .mail import MailRecipient
from .messages import ReceivedMessage
from .people import Carer, Guest
from .planning import DateChange, RoomClosure, StayRequest, StaySeries, WlzNightsElsewhere
from .security import AccessLogEntry, AccessLogHead, User
from .sent_messages import (
    ClaimAnswer,
    ClaimLineAnswer,
    RejectedLineFix,
    SentCareProduct,
    SentMessage,
)
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
    "ClaimAnswer",
    "ClaimLine",
    "ClaimLineAnswer",
    "Contract",
    "DateChange",
    "Funder",
    "Guest",
    "IntakeAnswer",
    "IntakeOverride",
    "Invoice",
    "InvoiceLine",
    "InvoiceSeries",
    "MailRecipient",
    "MonthClosure",
    "Night",
    "NightCorrection",
    "Payment",
    "Provider",
    "RatePeriod",
    "ReceivedMessage",
    "RejectedLineFix",
    "Room",
    "RoomClosure",
    "SentCareProduct",
    "SentMessage",
    "Setting",
    "Stay",
    "StayRequest",
    "StaySeries",
    "User",
    "WlzNightsElsewhere",
]
