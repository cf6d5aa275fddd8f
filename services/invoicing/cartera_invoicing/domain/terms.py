"""Due dates of an invoice from the client's payment terms."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from cartera_invoicing.domain.invoice import CENT, DueDate


def _on_fixed_day(day: dt.date, fixed_day: int) -> dt.date:
    """The first date on or after `day` that falls on `fixed_day` (or the month's last day)."""
    year, month = day.year, day.month
    while True:
        last = calendar.monthrange(year, month)[1]
        candidate = dt.date(year, month, min(fixed_day, last))
        if candidate >= day:
            return candidate
        month += 1
        if month == 13:
            year, month = year + 1, 1


def due_dates(
    issue_date: dt.date,
    total: Decimal,
    *,
    days: int = 30,
    instalments: int = 1,
    interval_days: int = 30,
    fixed_day: int | None = None,
) -> tuple[DueDate, ...]:
    """Equal instalments (the cents left over go to the last one)."""
    share = (total / instalments).quantize(CENT, rounding="ROUND_DOWN")
    result = []
    for n in range(instalments):
        due = issue_date + dt.timedelta(days=days + n * interval_days)
        if fixed_day is not None:
            due = _on_fixed_day(due, fixed_day)
        amount = share if n < instalments - 1 else total - share * (instalments - 1)
        result.append(DueDate(due_on=due, amount=amount))
    return tuple(result)
