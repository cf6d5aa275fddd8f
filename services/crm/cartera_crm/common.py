"""What the crm modules share: the client check, events, timeline rows, timestamps."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_crm.models import client_replicas, outbox, timeline_entries
from cartera_crm.settings import CrmSettings
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.edge import part, settings_of
from cartera_shared.events import new_envelope
from cartera_shared.identity import Identity, require_scope
from cartera_shared.internal_calls import InternalClient
from cartera_shared.outbox import add_event
from cartera_shared.problems import Code, UnprocessableEntity
from cartera_shared.wire import utc_text

PRODUCER = "crm"

# The typed dependencies the crm routes share.
ReadIdentity = Annotated[Identity, require_scope("crm:read")]
WriteIdentity = Annotated[Identity, require_scope("crm:write")]
Directory = Annotated[ClientsDirectory, part(ClientsDirectory)]
Invoicing = Annotated[InternalClient, part(InternalClient)]
Settings = Annotated[CrmSettings, settings_of(CrmSettings)]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return utc_text(value)
    return value.isoformat()


async def require_client(
    session: AsyncSession,
    directory: ClientsDirectory,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    field: str = "client_id",
) -> RowMapping:
    """The tenant's client, from the local replica or, when the replica does not know it yet
    (created a moment ago), from the clients service. Another tenant's client is as unknown
    as one that never existed."""
    row = await directory.known_client(session, client_replicas, tenant_id, client_id)
    if row is None:
        raise UnprocessableEntity(
            f"{field}: there is no client {client_id}.",
            code=Code.UNKNOWN_REFERENCE,
            errors=[{"loc": ["body", field], "msg": "unknown client", "type": "unknown_client"}],
        )
    return row


async def publish(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    topic: str,
    subject: uuid.UUID,
    data: dict[str, Any],
    sequence: int = 1,
) -> None:
    await add_event(
        session,
        outbox,
        new_envelope(
            type=topic,
            tenant_id=tenant_id,
            producer=PRODUCER,
            subject=subject,
            sequence=sequence,
            data=data,
        ),
        topic=topic,
    )


async def add_timeline(session: AsyncSession, **values: Any) -> None:
    """One entry of the client's timeline, once per `dedup_key` (`timeline_row`'s arguments)."""
    await session.execute(
        pg_insert(timeline_entries).values(timeline_row(**values)).on_conflict_do_nothing()
    )


def timeline_row(
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    kind: str,
    occurred_at: dt.datetime,
    title: str,
    details: dict[str, Any],
    ref: dict[str, Any],
    dedup_key: str,
) -> dict[str, Any]:
    """A timeline entry's row."""
    return {
        "id": uuid.uuid4(),
        "tenant_id": tenant_id,
        "client_id": client_id,
        "kind": kind,
        "occurred_at": occurred_at,
        "title": title[:400],
        "details": details,
        "ref": ref,
        "dedup_key": dedup_key[:200],
    }


def not_in_future(value: dt.datetime, field: str) -> None:
    if value > now() + dt.timedelta(minutes=5):
        raise UnprocessableEntity(
            f"{field}: cannot be in the future.",
            code=Code.FUTURE_DATE,
            errors=[{"loc": ["body", field], "msg": "in the future", "type": "value_error"}],
        )
