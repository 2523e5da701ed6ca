"""All ORM models; importing this package registers every table on Base.metadata."""

from .funding import Allocation, Contract, Funder, RatePeriod
from .house import Bed, Provider, Room
from .people import Carer, Guest
from .planning import DateChange, RoomClosure, StayRequest, StaySeries, WlzNightsElsewhere
from .stays import Night, Stay

__all__ = [
    "Allocation",
    "Bed",
    "Carer",
    "Contract",
    "DateChange",
    "Funder",
    "Guest",
    "Night",
    "Provider",
    "RatePeriod",
    "Room",
    "RoomClosure",
    "Stay",
    "StayRequest",
    "StaySeries",
    "WlzNightsElsewhere",
]
