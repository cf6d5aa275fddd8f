"""Checks every paged list's tests share: walking the pages, and what a hostile caller sends."""

from __future__ import annotations

import base64
import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import httpx

from cartera_shared.pagination import encode_cursor, encode_position


async def walk_pages(
    api: httpx.AsyncClient,
    path: str,
    headers: Mapping[str, str],
    *,
    limit: int,
    params: Mapping[str, Any] | None = None,
    between: Callable[[int], Awaitable[None]] | None = None,
) -> list[dict[str, Any]]:
    """Every item of the list, following `next_cursor` with pages of `limit`; `between(n)` runs
    after page n (to insert rows while a caller reads)."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for page in range(1, 1000):
        query = {**(params or {}), "limit": limit, **({"cursor": cursor} if cursor else {})}
        answer = await api.get(path, params=query, headers=dict(headers))
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert len(body["items"]) <= limit, body
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
        # A next page is promised only when there is one (no empty last page).
        assert len(body["items"]) == limit, body
        if between is not None:
            await between(page)
    raise AssertionError(f"{path}: the cursors never end")


def hostile_cursors(valid: str | None = None) -> list[str]:
    """Cursors this list never gave: not base64, not ours, of another list, of the other order,
    too long; with `valid` (one it gave) also that one altered."""
    moment = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    forged = [
        "not-a-cursor",
        "%%%",
        "A" * 201,
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        base64.urlsafe_b64encode(b"2026-12-06T00:00:00|not-a-uuid").decode(),
        base64.urlsafe_b64encode(b"2026-12-06T00:00:00|" + str(uuid.uuid4()).encode()).decode(),
        encode_cursor(moment, uuid.uuid4(), "another-list"),
        encode_cursor(moment, uuid.uuid4(), "newest"),
        encode_position("history", "1", "2"),
    ]
    if valid:
        raw = base64.urlsafe_b64decode(valid + "=" * (-len(valid) % 4))
        forged += [
            base64.urlsafe_b64encode(b"other|" + raw).decode().rstrip("="),
            valid[:-3],
        ]
    return forged


async def assert_refuses_bad_paging(
    api: httpx.AsyncClient,
    path: str,
    headers: Mapping[str, str],
    *,
    valid: str | None = None,
) -> None:
    """A 422 naming `cursor` for each hostile cursor, and naming `limit` for a limit out of
    range."""
    for cursor in hostile_cursors(valid):
        answer = await api.get(path, params={"cursor": cursor}, headers=dict(headers))
        assert answer.status_code == 422, (cursor, answer.text)
        assert [e["loc"] for e in answer.json()["errors"]] == [["query", "cursor"]], answer.text
    for limit in ("0", "-1", "1000000", "ten", "1.5"):
        answer = await api.get(path, params={"limit": limit}, headers=dict(headers))
        assert answer.status_code == 422, (limit, answer.text)
        assert [e["loc"] for e in answer.json()["errors"]] == [["query", "limit"]], answer.text
