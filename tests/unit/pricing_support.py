"""Rates and hypothesis strategies shared by the pricing and invoice-arithmetic unit tests."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from logeerhuis_app.domain.enums import CountingRule, TariffModel
from logeerhuis_app.domain.rates import RatePeriod

CHANGE = date(2026, 1, 1)
RATES = [
    RatePeriod(date(2020, 1, 1), CHANGE - timedelta(days=1), 14335, 5000, 9335),
    RatePeriod(CHANGE, None, 14820, 5200, 9620),
]
PER_NIGHT, SPLIT = TariffModel.PER_NIGHT, TariffModel.SPLIT_DAY

stay_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 1))
lengths = st.integers(min_value=1, max_value=100)
rules = st.sampled_from(list(CountingRule))
cents = st.integers(min_value=1, max_value=100_000)


@st.composite
def changing_rates(draw):
    """Two rate periods meeting at a change date drawn near the stays; every part of the new
    rate differs from the old, so the change must show as a split."""
    change = draw(st.dates(min_value=date(2024, 1, 2), max_value=date(2028, 3, 1)))
    old = draw(st.tuples(cents, cents, cents))
    new = tuple(a + draw(cents) for a in old)
    return change, [
        RatePeriod(date(2020, 1, 1), change - timedelta(days=1), *old),
        RatePeriod(change, None, *new),
    ]
