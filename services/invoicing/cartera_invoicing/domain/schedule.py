"""The schedule of recurring invoices: the day of each period."""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


def add_months(day: dt.date, months: int, day_of_month: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def first_run(starts_on: dt.date, day_of_month: int) -> dt.date:
    candidate = starts_on.replace(day=day_of_month)
    return candidate if candidate >= starts_on else add_months(candidate, 1, day_of_month)
