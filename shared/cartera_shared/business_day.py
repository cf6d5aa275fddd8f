"""The business day: the date in Spain, not in UTC.

Issue dates, due dates, overdue detection, "this month" and every other "today" a user sees are
days of Spain's calendar. A server clock on UTC runs one hour (winter) or two (summer) behind the
peninsula, so for that long after midnight a UTC "today" is still yesterday there: an invoice
dated today by the person issuing it would be refused as dated in the future, and a receivable
due yesterday would not yet be overdue.

The peninsula's zone stands for the whole country. Canarias runs one hour behind it, so no
Spanish business is ever on a later date than Madrid: a date checked against `today()` is never
refused there as "in the future" while it is already that day locally.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SPAIN = ZoneInfo("Europe/Madrid")


def day_of(moment: dt.datetime) -> dt.date:
    """The date in peninsular Spain of an aware moment, such as when a notice was sent."""
    return moment.astimezone(SPAIN).date()


def now() -> dt.datetime:
    """The current moment; tests replace it to stand at a given hour."""
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """The date in peninsular Spain now."""
    return day_of(now())
