"""Keyset cursors over (moment, id): stable pages however many rows arrive meanwhile."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from fastapi import Query
from sqlalchemy import ColumnElement, Select, and_, or_, tuple_
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_shared.problems import UnprocessableEntity

ListOrder = Annotated[
    Literal["oldest", "newest"],
    Query(description="`oldest` first (the order they came in) or `newest` first."),
]
ListCursor = Annotated[
    str | None, Query(max_length=200, description="A `next_cursor` given for the same `order`.")
]


def page_limit(default: int, maximum: int) -> Any:
    """The `limit` query parameter of a paged list: 1 to `maximum`, `default` when absent.

    Every paged list states both in its description, so a partner reads them in the reference."""
    return Query(
        default,
        ge=1,
        le=maximum,
        description=f"How many items on the page: 1 to {maximum}, {default} when not given.",
    )


def bad_cursor() -> UnprocessableEntity:
    """The 422 of a cursor this list did not give (raise it)."""
    return UnprocessableEntity(
        "cursor: not a cursor this list returned for this order.",
        errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "value_error"}],
    )


def encode_position(tag: str, *key: str) -> str:
    """An opaque cursor holding a row's sort key, tagged with the list (and order) it fits."""
    raw = "|".join([*([tag] if tag else []), *key]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_position(cursor: str, tag: str, size: int) -> list[str]:
    """The `size` parts of a cursor `encode_position` made with this `tag`; 422 naming
    `cursor` for anything else (another list's or order's cursor, or not a cursor at all)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad_cursor() from exc
    parts = raw.split("|")
    if len(parts) != size + (1 if tag else 0) or parts[: len(parts) - size] != (
        [tag] if tag else []
    ):
        raise bad_cursor()
    return parts[len(parts) - size :]


def encode_cursor(moment: dt.datetime, row_id: uuid.UUID, order: str = "") -> str:
    """An opaque cursor naming the last row of a page by its time and id.

    `order` tags the cursor with its list and non-default order: the cursor then only fits that
    list and order, since the same (moment, id) means "after" in one and "before" in the other."""
    return encode_position(order, moment.astimezone(dt.UTC).isoformat(), str(row_id))


def decode_cursor(cursor: str, order: str = "") -> tuple[dt.datetime, uuid.UUID]:
    """The (moment, id) of a cursor this API returned for this `order`; 422 naming `cursor` for
    anything else."""
    when, row_id = decode_position(cursor, order, 2)
    try:
        moment = dt.datetime.fromisoformat(when)
        if moment.tzinfo is None:
            raise ValueError("naive")
        return moment, uuid.UUID(row_id)
    except ValueError as exc:
        raise bad_cursor() from exc


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
    # Names the list in its cursors so that one list refuses another's (lists paged since the
    # second release of 2026-12-06 name themselves; the older ones keep the cursors they gave).
    name: str = ""
    after: tuple[dt.datetime, uuid.UUID] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.cursor:
            object.__setattr__(self, "after", decode_cursor(self.cursor, self.tag))

    @property
    def newest_first(self) -> bool:
        return self.order == "newest"

    @property
    def tag(self) -> str:
        return ":".join(p for p in (self.name, "newest" if self.newest_first else "") if p)

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

    async def fetch(
        self, session: AsyncSession, query: Select[Any], limit: int
    ) -> tuple[list[RowMapping], str | None]:
        """One page of the query's rows and the next page's cursor."""
        rows = (await session.execute(self.select(query, limit))).mappings().all()
        return self.page(rows, limit)


@dataclass(frozen=True)
class SortKey:
    """One column a list is sorted by, and how its value is read back from a cursor."""

    column: ColumnElement[Any]
    read: Callable[[str], Any]
    write: Callable[[Any], str] = str
    descending: bool = False


def read_day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def read_moment(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("naive")
    return moment


def write_moment(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


@dataclass(frozen=True)
class SortKeyset:
    """A page of a list sorted by its own keys (a due day, a time, a NIF: NOT NULL columns; each
    ascending or descending), then by id ascending: `Keyset` for lists whose order is not their
    rows' time alone. `row_id=None` when the keys alone are unique in the list (a NIF per tenant).

    The cursor holds the last row's sort values and id, tagged with the list's `name`; a cursor
    of another list, one whose values do not read as the keys' types, or anything not a cursor
    is a 422 naming `cursor`, before any transaction. A cursor whose values were altered but
    still read is only a position in the same list: it shows the caller nothing else. Sort
    values are written as text without `|` (days, instants, ids, tax ids)."""

    keys: tuple[SortKey, ...]
    row_id: ColumnElement[Any] | None
    name: str
    cursor: str | None = None
    after: tuple[Any, ...] | None = field(init=False, default=None)

    @property
    def all_keys(self) -> list[SortKey]:
        return [*self.keys, *([SortKey(self.row_id, uuid.UUID)] if self.row_id is not None else [])]

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a SortKeyset names its list")
        if self.cursor:
            keys = self.all_keys
            parts = decode_position(self.cursor, self.name, len(keys))
            try:
                values = tuple(key.read(text) for key, text in zip(keys, parts, strict=True))
            except ValueError as exc:
                raise bad_cursor() from exc
            object.__setattr__(self, "after", values)

    def select(self, query: Select[Any], limit: int) -> Select[Any]:
        """The query, after the cursor, in order, one row more than the page (is there more?)."""
        keys = self.all_keys
        if self.after:
            # Lexicographic "after", key by key, each in its own direction: (a after x) or
            # (a = x and b after y) or ...
            clauses = []
            for index, key in enumerate(keys):
                value = self.after[index]
                beyond = key.column < value if key.descending else key.column > value
                equal = [k.column == self.after[i] for i, k in enumerate(keys[:index])]
                clauses.append(and_(*equal, beyond))
            query = query.where(or_(*clauses))
        order = [key.column.desc() if key.descending else key.column for key in keys]
        return query.order_by(*order).limit(limit + 1)

    def page(self, rows: Sequence[RowMapping], limit: int) -> tuple[list[RowMapping], str | None]:
        """The page's rows and the cursor of the next page (None on the last)."""
        page = list(rows[:limit])
        if len(rows) <= limit:
            return page, None
        last = page[-1]
        return page, encode_position(self.name, *(k.write(last[k.column]) for k in self.all_keys))

    async def fetch(
        self, session: AsyncSession, query: Select[Any], limit: int
    ) -> tuple[list[RowMapping], str | None]:
        rows = (await session.execute(self.select(query, limit))).mappings().all()
        return self.page(rows, limit)
