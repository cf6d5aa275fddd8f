"""What every analytics feature's edge shares: the scopes, the period and month parameters and
their limits, and how a client id is written."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated

from cartera_analytics import queries
from cartera_analytics.domain.invoices import NO_CLIENT
from cartera_shared.business_day import today as today
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import Code, UnprocessableEntity, field_error

Reader = Annotated[Identity, require_scope("analytics:read")]
Writer = Annotated[Identity, require_scope("analytics:write")]

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
MAX_PERIOD_DAYS = 3700  # ten years and a little
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def check_period(start: dt.date, end: dt.date, *, names: tuple[str, str] = ("from", "to")) -> None:
    for name, value in zip(names, (start, end), strict=True):
        if not EARLIEST <= value <= LATEST:
            raise UnprocessableEntity(
                f"'{name}' must be between {EARLIEST} and {LATEST}.",
                field=name,
                errors=field_error("query", name, msg="out of range"),
            )
    if start > end:
        raise UnprocessableEntity(
            f"'{names[0]}' ({start}) is after '{names[1]}' ({end}).",
            code=Code.DATE_OUT_OF_ORDER,
            field=names[0],
            errors=field_error("query", names[0], msg=f"after '{names[1]}'"),
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        raise UnprocessableEntity(
            "A period is at most ten years long.",
            field=names[1],
            errors=field_error("query", names[1], msg="out of range"),
        )


def default_period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """Missing bounds: up to today, over the 365 days that end there."""
    end = end or today()
    start = start or max(EARLIEST, end - dt.timedelta(days=364))
    return start, end


def parse_month(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    match = MONTH.match(value)
    if match is None:
        raise UnprocessableEntity(
            f"'{name}' is a month written YYYY-MM.",
            field=name,
            errors=field_error("query", name, msg="not YYYY-MM"),
        )
    month = dt.date(int(match[1]), int(match[2]), 1)
    if not EARLIEST <= month <= LATEST:
        raise UnprocessableEntity(
            f"'{name}' must be between 2000-01 and 2100-12.",
            field=name,
            errors=field_error("query", name, msg="out of range"),
        )
    return month


def client_ref(client_id: uuid.UUID) -> str | None:
    return None if client_id == NO_CLIENT else str(client_id)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    out = []
    month = first
    while month <= last:
        out.append(month)
        month = queries.next_month(month)
    return out
