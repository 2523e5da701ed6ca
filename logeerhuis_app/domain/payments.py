"""What a payment on an invoice may be: the same rule for registering one, `check` and import.

A payment is never zero and never larger than the invoice itself; a refund (negative) may not
take back more than was received. So -EUR 10 million on an invoice of EUR 500 is refused,
while paying in two parts, or paying twice and refunding once, is fine.
"""

from __future__ import annotations

from .money import format_cents


def payment_problem(total_cents: int, paid_cents: int, amount_cents: int) -> str | None:
    """Dutch reason why `amount_cents` cannot be paid on an invoice of `total_cents` of which
    `paid_cents` has been paid so far; None when it can."""
    if amount_cents == 0:
        return "Vul het betaalde bedrag in."
    if abs(amount_cents) > abs(total_cents):
        return (
            f"Een betaling van {format_cents(amount_cents)} is groter dan het factuurbedrag "
            f"({format_cents(total_cents)})."
        )
    after = paid_cents + amount_cents
    if after * total_cents < 0:
        return (
            f"Na deze betaling van {format_cents(amount_cents)} is er meer terugbetaald dan "
            f"ontvangen (totaal betaald {format_cents(after)})."
        )
    return None
