"""Keyset cursors over (moment, id): stable pages however many rows arrive meanwhile."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import Query
from sqlalchemy import ColumnElement, Select, tuple_
from sqlalchemy.engine import RowMapping

from cartera_shared.problems import UnprocessableEntity

ListOrder = Annotated[
    Literal["oldest", "newest"],
    Query(description="`oldest` first (the order they came in) or `newest` first."),
]
ListCursor = Annotated[
    str | None, Query(max_length=200, description="A `next_cursor` given for the same `order`.")
]


def encode_cursor(moment: dt.datetime, row_id: uuid.UUID, order: str = "") -> str:
    """An opaque cursor naming the last row of a page by its time and id.

    `order` names a list's non-default order: the cursor then only fits that order, since the
    same (moment, id) means "after" in one and "before" in the other."""
    parts = [order] if order else []
    raw = "|".join([*parts, moment.astimezone(dt.UTC).isoformat(), str(row_id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, order: str = "") -> tuple[dt.datetime, uuid.UUID]:
    """The (moment, id) of a cursor this API returned for this `order`; 422 naming `cursor` for
    anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        *tag, when, row_id = raw.split("|")
        if tag != ([order] if order else []):
            raise ValueError("a cursor of another order")
        moment = dt.datetime.fromisoformat(when)
        if moment.tzinfo is None:
            raise ValueError("naive")
        return moment, uuid.UUID(row_id)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnprocessableEntity(
            "cursor: not a cursor this list returned for this order.",
            errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "value_error"}],
        ) from exc


@dataclass(frozen=True)
class Keyset:
    """A page of a list ordered by (moment, id), oldest or newest first.

    Made from the request's `order` and `cursor` before any transaction, so a bad cursor is a
    422 without touching the database. Oldest-first cursors are untagged (the form they always
    had); newest-first ones say so, and each order refuses the other's."""

    moment: ColumnElement[Any]
    row_id: ColumnElement[Any]
    order: Literal["oldest", "newest"] = "oldest"
    cursor: str | None = None
    after: tuple[dt.datetime, uuid.UUID] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.cursor:
            object.__setattr__(self, "after", decode_cursor(self.cursor, self.tag))

    @property
    def newest_first(self) -> bool:
        return self.order == "newest"

    @property
    def tag(self) -> str:
        return "newest" if self.newest_first else ""

    def select(self, query: Select[Any], limit: int) -> Select[Any]:
        """The query, after the cursor, in order, one row more than the page (is there more?)."""
        key = tuple_(self.moment, self.row_id)
        if self.after:
            last = tuple_(*self.after)
            query = query.where(key < last if self.newest_first else key > last)
        if self.newest_first:
            query = query.order_by(self.moment.desc(), self.row_id.desc())
        else:
            query = query.order_by(self.moment, self.row_id)
        return query.limit(limit + 1)

    def page(self, rows: Sequence[RowMapping], limit: int) -> tuple[list[RowMapping], str | None]:
        """The page's rows and the cursor of the next page (None on the last)."""
        page = list(rows[:limit])
        if len(rows) <= limit:
            return page, None
        last = page[-1]
        return page, encode_cursor(last[self.moment], last[self.row_id], self.tag)
