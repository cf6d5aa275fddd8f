"""How late what is owed is, who owes it, and how each client pays: pure rules over the unpaid
instalments and the payment figures the service reads.

- Aging buckets: days past the due date, ``current`` (not yet due), 1-30, 31-60, 61-90,
  ``over_90``.
- Defaulters: clients owing instalments more than ``min_days`` late, at least ``min_amount``.
- Behaviour: the on-time ratio (settled by the due date, over settled plus overdue and unpaid:
  a client that pays nothing is not "always on time"), the average days late weighted by
  amount (paying early counts as 0), and DSO: what is still owed over what was billed in the
  last 90 days, times 90.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

BUCKETS = (
    ("current", None, 0),
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("over_90", 91, None),
)
DSO_WINDOW_DAYS = 90
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class UnpaidInstalment:
    client_id: str
    invoice_number: str
    due_on: dt.date
    outstanding: Decimal


def bucket(days_late: int) -> str:
    for name, low, high in BUCKETS:
        if (low is None and days_late <= 0) or (
            low is not None and days_late >= low and (high is None or days_late <= high)
        ):
            return name
    return "current"


def empty_buckets() -> dict[str, Decimal]:
    return {name: ZERO for name, _, _ in BUCKETS}


def aging(
    unpaid: Iterable[UnpaidInstalment], today: dt.date
) -> tuple[dict[str, Decimal], list[tuple[str, dict[str, Decimal]]]]:
    """The total per bucket, and each client's buckets, most owed first."""
    total = empty_buckets()
    per_client: dict[str, dict[str, Decimal]] = {}
    for row in unpaid:
        name = bucket((today - row.due_on).days)
        total[name] += row.outstanding
        per_client.setdefault(row.client_id, empty_buckets())[name] += row.outstanding
    return total, sorted(per_client.items(), key=lambda item: -sum(item[1].values()))


@dataclass
class Defaulter:
    client_id: str
    overdue: Decimal
    oldest_due_on: dt.date
    invoices: set[str] = field(default_factory=set)

    def days_late(self, today: dt.date) -> int:
        return (today - self.oldest_due_on).days


def defaulters(
    unpaid: Iterable[UnpaidInstalment], today: dt.date, min_days: int, min_amount: Decimal
) -> list[Defaulter]:
    """Clients owing instalments more than ``min_days`` late, at least ``min_amount`` of them,
    most overdue first."""
    found: dict[str, Defaulter] = {}
    for row in unpaid:
        if (today - row.due_on).days <= min_days:
            continue
        entry = found.setdefault(row.client_id, Defaulter(row.client_id, ZERO, row.due_on))
        entry.overdue += row.outstanding
        entry.oldest_due_on = min(entry.oldest_due_on, row.due_on)
        entry.invoices.add(row.invoice_number)
    chosen = [e for e in found.values() if e.overdue >= min_amount]
    return sorted(chosen, key=lambda e: -e.overdue)


def ratio(part: int, whole: int) -> str | None:
    return f"{Decimal(part) / Decimal(whole):.4f}" if whole else None


def behaviour_totals(rows: Iterable[Mapping[Any, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {
        "settled": 0,
        "on_time": 0,
        "late_open": 0,
        "outstanding": ZERO,
        "overdue": ZERO,
        "weighted_days": Decimal(0),
        "settled_amount": Decimal(0),
    }
    for row in rows:
        for key in totals:
            totals[key] += row[key] or 0
    return totals


def behaviour(row: Mapping[Any, Any], sales: Decimal) -> dict[str, Any]:
    """One client's (or the total's) figures, as the API writes them."""
    settled_amount = row["settled_amount"] or Decimal(0)
    outstanding = row["outstanding"] or ZERO
    return {
        "instalments_settled": row["settled"],
        "instalments_paid_on_time": row["on_time"],
        "instalments_overdue": row["late_open"],
        "on_time_fraction": ratio(row["on_time"], row["settled"] + row["late_open"]),
        "average_days_late": (
            f"{row['weighted_days'] / settled_amount:.1f}" if settled_amount else None
        ),
        "outstanding": str(outstanding),
        "current_overdue": str(row["overdue"] or ZERO),
        "billed_last_90_days": str(sales),
        "dso": f"{outstanding / sales * DSO_WINDOW_DAYS:.1f}" if sales else None,
    }
