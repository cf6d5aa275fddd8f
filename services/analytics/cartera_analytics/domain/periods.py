"""Calendar periods: the aggregates are kept per day, month, quarter and year, and a period is
read from the coarsest pieces that fit in it (whole years, then whole quarters, then whole
months, then the days at either end)."""

from __future__ import annotations

import datetime as dt

LEVELS = ("year", "quarter", "month", "day")
_MONTHS = {"year": 12, "quarter": 3, "month": 1}


def truncate(level: str, day: dt.date) -> dt.date:
    """The first day of the `level` period that holds `day`."""
    if level == "day":
        return day
    span = _MONTHS[level]
    return dt.date(day.year, (day.month - 1) // span * span + 1, 1)


def following(level: str, start: dt.date) -> dt.date:
    """The first day of the period after the one starting on `start`."""
    if level == "day":
        return start + dt.timedelta(days=1)
    index = start.year * 12 + start.month - 1 + _MONTHS[level]
    return dt.date(index // 12, index % 12 + 1, 1)


def ceiling(level: str, day: dt.date) -> dt.date:
    start = truncate(level, day)
    return start if start == day else following(level, start)


def cover(
    start: dt.date, end: dt.date, levels: tuple[str, ...] = LEVELS
) -> list[tuple[str, dt.date, dt.date]]:
    """Pieces (level, first, last exclusive) that together are exactly [start, end] (inclusive),
    each level's pieces as coarse as fit; day pieces are ranges of days."""
    return _cover(start, end + dt.timedelta(days=1), levels)


def _cover(
    start: dt.date, stop: dt.date, levels: tuple[str, ...]
) -> list[tuple[str, dt.date, dt.date]]:
    if start >= stop:
        return []
    level, finer = levels[0], levels[1:]
    if not finer:
        return [(level, start, stop)]
    first, last = ceiling(level, start), truncate(level, stop)
    if first >= last:
        return _cover(start, stop, finer)
    return [*_cover(start, first, finer), (level, first, last), *_cover(last, stop, finer)]


def shift_month(month: dt.date, by: int) -> dt.date:
    """The first day of the month `by` months after (or before, if negative) `month`'s."""
    index = month.year * 12 + month.month - 1 + by
    return dt.date(index // 12, index % 12 + 1, 1)


def same_days_last_month(day: dt.date) -> tuple[dt.date, dt.date]:
    """The days of last month a month in progress is compared with: its 1st to the same day
    number as `day`, clamped to last month's length (on 31 March, 1-28 or 1-29 February; on
    the 1st, just the 1st)."""
    first = day.replace(day=1)
    last_of_previous = first - dt.timedelta(days=1)
    return last_of_previous.replace(day=1), last_of_previous.replace(
        day=min(day.day, last_of_previous.day)
    )
