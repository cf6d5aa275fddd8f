"""Keyset cursors: what a page hands out comes back as it was; anything else is a 422."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

import pytest

from cartera_shared.pagination import decode_cursor, encode_cursor
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
    assert refused.value.extensions["errors"][0]["loc"] == ["query", "cursor"]


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
