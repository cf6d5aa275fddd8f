"""Keyset cursors: what a page hands out comes back as it was; anything else is a 422."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import Column, DateTime, MetaData, Table, Uuid, select
from sqlalchemy.dialects import postgresql

from cartera_shared.pagination import (
    Keyset,
    SortKey,
    SortKeyset,
    decode_cursor,
    decode_position,
    encode_cursor,
    encode_position,
    read_day,
    read_moment,
    write_moment,
)
from cartera_shared.problems import UnprocessableEntity


def test_a_cursor_comes_back_to_the_same_moment_and_id_to_the_microsecond():
    moment = dt.datetime(2026, 12, 5, 9, 30, 15, 123456, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    row_id = uuid.uuid4()
    cursor = encode_cursor(moment, row_id)
    assert not set(cursor) & set("=/+")  # safe in a query as it is
    assert decode_cursor(cursor) == (moment, row_id)


def raw(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "not-a-cursor",
        "%%%",
        raw("2026-12-05T09:30:00|not-a-uuid"),
        raw(f"2026-12-05T09:30:00|{uuid.uuid4()}"),  # no offset: which moment is unknown
        raw(f"yesterday|{uuid.uuid4()}"),
        base64.urlsafe_b64encode(b"\xff\xfe|x").decode(),
    ],
)
def test_anything_else_is_refused_naming_the_cursor(cursor):
    with pytest.raises(UnprocessableEntity) as refused:
        decode_cursor(cursor)
    assert refused.value.errors
    assert refused.value.errors[0]["loc"] == ["query", "cursor"]


def test_a_cursor_made_for_one_order_fits_that_order_only():
    moment = dt.datetime(2026, 12, 5, 9, 30, tzinfo=dt.UTC)
    row_id = uuid.uuid4()
    newest = encode_cursor(moment, row_id, "newest")

    assert decode_cursor(newest, "newest") == (moment, row_id)
    with pytest.raises(UnprocessableEntity):
        decode_cursor(newest)  # read in the default order it would page the wrong way
    with pytest.raises(UnprocessableEntity):
        decode_cursor(encode_cursor(moment, row_id), "newest")
    with pytest.raises(UnprocessableEntity):
        decode_cursor(raw(f"oldest|newest|2026-12-05T09:30:00+00:00|{row_id}"), "newest")


things = Table(
    "things",
    MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("made_at", DateTime(timezone=True)),
)


def sql(query) -> str:
    return " ".join(str(query.compile(dialect=postgresql.dialect())).split())


@pytest.mark.parametrize(
    ("order", "compares", "ordered"),
    [
        ("oldest", ">", "ORDER BY things.made_at, things.id"),
        ("newest", "<", "ORDER BY things.made_at DESC, things.id DESC"),
    ],
)
def test_a_keyset_pages_after_its_cursor_in_its_order(order, compares, ordered):
    moment, row_id = dt.datetime(2026, 12, 5, 9, 30, tzinfo=dt.UTC), uuid.uuid4()
    tag = "newest" if order == "newest" else ""
    first = Keyset(things.c.made_at, things.c.id, order)
    later = Keyset(things.c.made_at, things.c.id, order, encode_cursor(moment, row_id, tag))

    assert (first.after, later.after) == (None, (moment, row_id))
    assert "WHERE" not in sql(first.select(select(things), 10))
    query = sql(later.select(select(things), 10))
    assert f"WHERE (things.made_at, things.id) {compares} (" in query
    assert f"{ordered} LIMIT" in query
    assert later.select(select(things), 10)._limit == 11  # one row more: is there a next page?


def test_a_keyset_refuses_another_orders_cursor_when_made():
    cursor = encode_cursor(dt.datetime(2026, 12, 5, tzinfo=dt.UTC), uuid.uuid4(), "newest")
    with pytest.raises(UnprocessableEntity):
        Keyset(things.c.made_at, things.c.id, "oldest", cursor)


def test_a_keyset_page_has_a_next_cursor_only_when_a_row_is_left_over():
    base = dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
    rows = [
        {things.c.made_at: base + dt.timedelta(seconds=n), things.c.id: uuid.uuid4()}
        for n in range(3)
    ]
    keyset = Keyset(things.c.made_at, things.c.id, "newest")

    page, cursor = keyset.page(rows, 2)
    assert page == rows[:2]
    assert decode_cursor(cursor, "newest") == (rows[1][things.c.made_at], rows[1][things.c.id])
    assert keyset.page(rows, 3) == (rows, None)
    assert keyset.page([], 3) == ([], None)


def test_a_named_list_refuses_the_cursors_of_other_lists_and_orders():
    """A cursor names its list: one list's position is never read as another's."""
    moment, row_id = dt.datetime(2026, 12, 5, tzinfo=dt.UTC), uuid.uuid4()
    series = Keyset(things.c.made_at, things.c.id, name="series")
    log = Keyset(things.c.made_at, things.c.id, "newest", name="deliveries")
    series_cursor = series.page([{things.c.made_at: moment, things.c.id: row_id}] * 2, 1)[1]
    log_cursor = log.page([{things.c.made_at: moment, things.c.id: row_id}] * 2, 1)[1]
    assert series_cursor
    assert log_cursor

    assert Keyset(things.c.made_at, things.c.id, cursor=series_cursor, name="series").after == (
        moment,
        row_id,
    )
    for cursor, order, name in [
        (series_cursor, "oldest", "users"),  # another list
        (series_cursor, "newest", "series"),  # the other order
        (log_cursor, "oldest", "deliveries"),
        (log_cursor, "newest", "surveys"),
        (encode_cursor(moment, row_id), "oldest", "series"),  # an unnamed list's
    ]:
        with pytest.raises(UnprocessableEntity):
            Keyset(things.c.made_at, things.c.id, order, cursor, name=name)  # type: ignore[arg-type]
    # The lists paged before names came keep accepting the cursors they gave.
    assert Keyset(things.c.made_at, things.c.id, cursor=encode_cursor(moment, row_id)).after


@pytest.mark.parametrize(
    ("cursor", "size"),
    [
        (encode_position("history", "3", "4"), 1),  # too many parts
        (encode_position("history"), 1),  # too few
        (encode_position("other", "3"), 1),  # another list's
        (encode_position("", "3"), 1),  # untagged
        ("%%%", 1),
    ],
)
def test_a_position_comes_back_only_to_its_own_list_with_its_parts(cursor, size):
    assert decode_position(encode_position("history", "3"), "history", 1) == ["3"]
    with pytest.raises(UnprocessableEntity) as refused:
        decode_position(cursor, "history", size)
    assert refused.value.errors is not None
    assert refused.value.errors
    assert refused.value.errors[0]["loc"] == ["query", "cursor"]


# ------------------------------------------------------------------ a keyset over a list's own keys

_rows = sa.table(
    "rows",
    sa.column("due_on", sa.Date),
    sa.column("received_at", sa.DateTime(timezone=True)),
    sa.column("id", sa.Uuid),
)


def _keyset(cursor=None):
    return SortKeyset(
        (
            SortKey(_rows.c.due_on, read_day),
            SortKey(_rows.c.received_at, read_moment, write_moment, descending=True),
        ),
        _rows.c.id,
        "rows",
        cursor,
    )


def test_a_sort_keyset_cursor_holds_each_key_and_reads_them_back():
    row_id = uuid.uuid4()
    at = dt.datetime(2026, 12, 6, 11, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    row = {_rows.c.due_on: dt.date(2026, 12, 7), _rows.c.received_at: at, _rows.c.id: row_id}
    _, cursor = _keyset().page([row, row], 1)
    assert cursor is not None
    assert _keyset(cursor).after == (dt.date(2026, 12, 7), at, row_id)


def test_a_sort_keyset_goes_after_the_cursor_key_by_key_in_each_direction():
    row = {
        _rows.c.due_on: dt.date(2026, 12, 7),
        _rows.c.received_at: dt.datetime(2026, 12, 6, tzinfo=dt.UTC),
        _rows.c.id: uuid.uuid4(),
    }
    _, cursor = _keyset().page([row, row], 1)
    sql = str(_keyset(cursor).select(sa.select(_rows), 10).compile())
    assert "rows.due_on > " in sql
    assert "rows.due_on = " in sql
    assert "rows.received_at < " in sql
    assert "rows.id > " in sql
    assert "ORDER BY rows.due_on, rows.received_at DESC, rows.id" in sql


@pytest.mark.parametrize(
    "cursor",
    [
        encode_position("rows", "2026-12-07", "2026-12-06T00:00:00+00:00"),  # one part short
        encode_position("rows", "someday", "2026-12-06T00:00:00+00:00", str(uuid.uuid4())),
        encode_position("rows", "2026-12-07", "2026-12-06T00:00:00", str(uuid.uuid4())),  # naive
        encode_position("rows", "2026-12-07", "2026-12-06T00:00:00+00:00", "not-a-uuid"),
        encode_position("other", "2026-12-07", "2026-12-06T00:00:00+00:00", str(uuid.uuid4())),
        "not a cursor",
    ],
)
def test_a_sort_keyset_refuses_what_it_did_not_give(cursor):
    with pytest.raises(UnprocessableEntity) as refused:
        _keyset(cursor)
    assert refused.value.errors
    assert refused.value.errors[0]["loc"] == ["query", "cursor"]
