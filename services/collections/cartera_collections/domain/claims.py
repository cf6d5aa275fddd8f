"""What a late payer owes on top of an invoice, as pure rules over its instalments and payments
(Ley 3/2004): interest on each part paid late up to the day it was paid and on the rest up to
the day asked for, whether any instalment was late (the 40 € compensation), and the rate table
with the operator's added half-years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from cartera_collections.domain.interest import (
    STATUTORY_RATES,
    InterestBreakdown,
    RateTable,
    late_interest,
)

ZERO = Decimal("0.00")


def rate_table(extra: str) -> tuple[tuple[dt.date, Decimal], ...]:
    """The statutory table plus operator-supplied half-years: ``YYYY-MM-DD=percent,...``.

    An extra entry must start a half-year the table lacks; a figure the table already has is
    never overridden from the environment.
    """
    table = dict(STATUTORY_RATES)
    for item in filter(None, (part.strip() for part in extra.split(","))):
        day_text, _, rate_text = item.partition("=")
        try:
            day = dt.date.fromisoformat(day_text.strip())
            rate = Decimal(rate_text.strip())
        except (ValueError, InvalidOperation) as exc:
            raise ValueError(
                f"CARTERA_COLLECTIONS_LATE_INTEREST_RATES: cannot read {item!r}"
            ) from exc
        if day.day != 1 or day.month not in (1, 7):
            raise ValueError(
                f"CARTERA_COLLECTIONS_LATE_INTEREST_RATES: {day} is not the first day of a "
                "half-year"
            )
        if not (Decimal(0) <= rate < Decimal(100)):
            raise ValueError(f"CARTERA_COLLECTIONS_LATE_INTEREST_RATES: {rate} is not a percentage")
        if day in table and table[day] != rate:
            raise ValueError(
                f"CARTERA_COLLECTIONS_LATE_INTEREST_RATES: {day} is already in the table at "
                f"{table[day]}"
            )
        table[day] = rate
    return tuple(sorted(table.items()))


def _periods(breakdown: InterestBreakdown) -> list[dict[str, Any]]:
    return [
        {
            "from": p.start.isoformat(),
            "through": p.end.isoformat(),
            "days": p.days,
            "rate": str(p.rate),
            "interest": str(p.interest),
        }
        for p in breakdown.periods
    ]


def instalment_interest(
    *,
    amount: Decimal,
    due_on: dt.date,
    paid_parts: Sequence[tuple[Decimal, dt.date]],
    until: dt.date,
    table: RateTable,
) -> dict[str, Any]:
    """Interest on one instalment through ``until``: each paid part accrues up to its payment
    day, what is still unpaid on ``until`` accrues up to ``until``."""
    pieces: list[tuple[Decimal, dt.date]] = []
    unpaid = amount
    for part, paid_on in sorted(paid_parts, key=lambda p: p[1]):
        if paid_on > until:
            continue
        unpaid -= part
        if paid_on > due_on:
            pieces.append((part, paid_on))
    unpaid = max(unpaid, ZERO)
    if unpaid > 0 and until > due_on:
        pieces.append((unpaid, until))
    late = []
    total = ZERO
    for part, through in pieces:
        breakdown = late_interest(part, due_on, through, table)
        total += breakdown.total
        late.append(
            {
                "amount": str(part),
                "late_through": through.isoformat(),
                "days_late": (through - due_on).days,
                "interest": str(breakdown.total),
                "periods": _periods(breakdown),
            }
        )
    return {
        "due_on": due_on.isoformat(),
        "amount": str(amount),
        "unpaid_on_until": str(unpaid),
        "late_amounts": late,
        "interest": str(total),
    }


def was_late(
    rows: Sequence[Any], parts: dict[int, list[tuple[Decimal, dt.date]]], until: dt.date
) -> bool:
    """Whether some instalment was paid after its due date or is still unpaid after it."""
    for row in rows:
        paid = [(amount, day) for amount, day in parts.get(row["seq"], []) if day <= until]
        if any(day > row["due_on"] for _, day in paid):
            return True
        if until > row["due_on"] and sum((a for a, _ in paid), ZERO) < row["amount"]:
            return True
    return False
