"""Keyset cursors over (moment, id): stable pages however many rows arrive meanwhile."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

from cartera_shared.problems import UnprocessableEntity


def encode_cursor(moment: dt.datetime, row_id: uuid.UUID) -> str:
    """An opaque cursor naming the last row of a page by its time and id."""
    raw = f"{moment.astimezone(dt.UTC).isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.datetime, uuid.UUID]:
    """The (moment, id) of a cursor this API returned; 422 naming `cursor` for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, _, row_id = raw.partition("|")
        moment = dt.datetime.fromisoformat(when)
        if moment.tzinfo is None:
            raise ValueError("naive")
        return moment, uuid.UUID(row_id)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnprocessableEntity(
            "cursor: not a cursor this API returned.",
            errors=[{"loc": ["query", "cursor"], "msg": "invalid cursor", "type": "value_error"}],
        ) from exc
