"""Due dates of an invoice from the client's payment terms.

Ley 3/2004 art. 4.3 (as worded by Ley 11/2013): between businesses, and between a business and
a public administration (art. 3), the agreed payment term never exceeds 60 calendar days. A
fixed payment day can push a due date past that (60 days plus "the 25th" gave 84 days); the due
date then moves back to the fixed day before, never on to a later one. Consumers are outside
the law (art. 3), so their terms are kept as agreed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from cartera_invoicing.domain.invoice import CENT, DueDate

# Ley 3/2004 art. 4.3: "en ningún caso podrá ser superior a 60 días naturales".
MAX_PAYMENT_DAYS = 60
# Client kinds the ceiling applies to. "foreign" is a client with a foreign tax id: in
# Cartera a business abroad (a consumer is an "individual" wherever they live), and the
# Directive 2011/7/EU that Ley 3/2004 transposes sets the same 60 days across the EU.
CEILING_KINDS = frozenset({"self_employed", "company", "public_administration", "foreign"})


def _fixed_day_in(year: int, month: int, fixed_day: int) -> dt.date:
    return dt.date(year, month, min(fixed_day, calendar.monthrange(year, month)[1]))


def _on_fixed_day(day: dt.date, fixed_day: int) -> dt.date:
    """The first date on or after `day` that falls on `fixed_day` (or the month's last day)."""
    year, month = day.year, day.month
    while True:
        candidate = _fixed_day_in(year, month, fixed_day)
        if candidate >= day:
            return candidate
        month += 1
        if month == 13:
            year, month = year + 1, 1


def _fixed_day_before(day: dt.date, fixed_day: int) -> dt.date:
    """The last date on or before `day` that falls on `fixed_day` (or the month's last day)."""
    year, month = day.year, day.month
    while True:
        candidate = _fixed_day_in(year, month, fixed_day)
        if candidate <= day:
            return candidate
        month -= 1
        if month == 0:
            year, month = year - 1, 12


def payment_ceiling(kind: str | None) -> int | None:
    """The most days Ley 3/2004 allows for this kind of client, or None where it does not apply."""
    return MAX_PAYMENT_DAYS if kind in CEILING_KINDS else None


def due_dates(
    issue_date: dt.date,
    total: Decimal,
    *,
    days: int = 30,
    instalments: int = 1,
    interval_days: int = 30,
    fixed_day: int | None = None,
    max_days: int | None = None,
    operation_date: dt.date | None = None,
) -> tuple[DueDate, ...]:
    """Equal instalments (the cents left over go to the last one).

    With `max_days`, no due date falls later than that many days after the invoice: a date the
    fixed day pushed past it takes the fixed day before; terms longer than the ceiling (agreed
    before it was checked) end on the ceiling's day, or the fixed day before it. The law counts
    from the delivery of the goods or services (art. 4.1): from `operation_date` when it is
    before the invoice, and never earlier than the invoice itself.
    """
    share = (total / instalments).quantize(CENT, rounding="ROUND_DOWN")
    latest = None
    if max_days is not None:
        start = min(operation_date or issue_date, issue_date)
        latest = max(start + dt.timedelta(days=max_days), issue_date)
    result = []
    for n in range(instalments):
        due = issue_date + dt.timedelta(days=days + n * interval_days)
        if latest is not None:
            due = min(due, latest)
        if fixed_day is not None:
            pushed = _on_fixed_day(due, fixed_day)
            if latest is not None and pushed > latest:
                pushed = max(_fixed_day_before(due, fixed_day), issue_date)
            due = pushed
        amount = share if n < instalments - 1 else total - share * (instalments - 1)
        result.append(DueDate(due_on=due, amount=amount))
    return tuple(result)
