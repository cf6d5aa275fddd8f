"""Keyset cursors over (moment, id): stable pages however many rows arrive meanwhile."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

from cartera_shared.problems import UnprocessableEntity


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
