"""How the timeline places and titles what other services announce (no I/O).

When an event carries a business date that is not the day it was published (an invoice issued
with an earlier date, a payment recorded days after it arrived), the entry is placed on that
date, at 12:00 UTC; otherwise at the event's own time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cartera_shared import business_day
from cartera_shared.events.envelope import Envelope

TONES = {"friendly": "recordatorio", "formal": "requerimiento", "final": "último aviso"}


def money(amount: str, currency: str = "EUR") -> str:
    """Spanish format, for titles only (details keep the decimal string and currency)."""
    value = Decimal(amount)
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    sign = "-" if value < 0 else ""
    symbol = "€" if currency == "EUR" else currency
    return f"{sign}{int(whole):,}".replace(",", ".") + f",{cents} {symbol}"


def placed_at(envelope: Envelope, business_date: str | None) -> dt.datetime:
    if not business_date:
        return envelope.occurred_at
    day = dt.date.fromisoformat(business_date)
    if day == business_day.day_of(envelope.occurred_at):
        return envelope.occurred_at
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)
