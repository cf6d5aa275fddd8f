"""Local replicas of clients, fed by client events (event-carried state transfer).

Every consuming service keeps its own copy in its own schema. Client events carry the full state
and its version, so the upsert keeps whichever is newest: a `client.updated` that arrives before
its `client.created` leaves the replica at the update's version, and the late create is ignored.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import ConfigDict
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    TextClause,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_shared.contract import Answer, errors
from cartera_shared.edge import TenantSession
from cartera_shared.events import topics
from cartera_shared.events.clients import ClientState
from cartera_shared.events.envelope import Envelope
from cartera_shared.identity import Identity, require_scope
from cartera_shared.inbox import (
    EVENT_BATCH_SIZE,
    BatchHandler,
    Consumer,
    EventHandler,
    PoisonMessage,
)
from cartera_shared.problems import NotFound


def client_replica_table(metadata: MetaData) -> Table:
    return Table(
        "client_replicas",
        metadata,
        Column("tenant_id", UUID(as_uuid=True), nullable=False),
        Column("client_id", UUID(as_uuid=True), nullable=False),
        Column("version", Integer, nullable=False),
        Column("status", String(20), nullable=False),
        Column("legal_name", String(300), nullable=False),
        Column("tax_id", String(40), nullable=False),
        Column("state", JSONB, nullable=False),
        Column("last_event_id", UUID(as_uuid=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        PrimaryKeyConstraint("tenant_id", "client_id"),
    )


def _carried_state(envelope: Envelope) -> ClientState:
    state = ClientState.model_validate(envelope.data)
    if str(state.id) != envelope.subject:
        raise PoisonMessage("the event's subject is not the client in its data")
    return state


def client_replica_handler(table: Table) -> EventHandler:
    async def apply(session: AsyncSession, envelope: Envelope) -> None:
        state = _carried_state(envelope)
        await upsert_client_replica(session, table, envelope.tenant_id, state, envelope.id)

    return apply


@cache
def _upsert_many(fullname: str) -> TextClause:
    """The replicas' upsert, the clients' columns as arrays: a newer version replaces a row,
    an older or equal one changes nothing."""
    return text(
        f"INSERT INTO {fullname} AS replica (tenant_id, client_id, version, status, legal_name,"
        " tax_id, state, last_event_id)"
        " SELECT CAST(:tenant_id AS uuid), client_id, version, status, legal_name, tax_id,"
        " CAST(state AS jsonb), last_event_id"
        " FROM unnest(CAST(:client_ids AS uuid[]), CAST(:versions AS integer[]),"
        " CAST(:statuses AS text[]), CAST(:legal_names AS text[]), CAST(:tax_ids AS text[]),"
        " CAST(:states AS text[]), CAST(:event_ids AS uuid[]))"
        " AS carried(client_id, version, status, legal_name, tax_id, state, last_event_id)"
        " ON CONFLICT (tenant_id, client_id) DO UPDATE SET version = excluded.version,"
        " status = excluded.status, legal_name = excluded.legal_name,"
        " tax_id = excluded.tax_id, state = excluded.state,"
        " last_event_id = excluded.last_event_id, updated_at = now()"
        " WHERE replica.version < excluded.version"
    )


def client_replica_batch_handler(table: Table) -> BatchHandler:
    """What `client_replica_handler` does to each event in turn, in one statement: per client
    the newest version of the batch (the first of equals, as one by one would keep), written
    unless the replica already holds that version or a newer one."""

    async def apply_many(
        session: AsyncSession, tenant_id: uuid.UUID, envelopes: Sequence[Envelope]
    ) -> None:
        newest: dict[uuid.UUID, tuple[ClientState, uuid.UUID]] = {}
        for envelope in envelopes:
            state = _carried_state(envelope)
            held = newest.get(state.id)
            if held is None or held[0].version < state.version:
                newest[state.id] = (state, envelope.id)
        await upsert_client_replicas(session, table, tenant_id, list(newest.values()))

    return apply_many


# `last_event_id` of a state read from the clients service rather than carried by an event.
READ_FROM_SOURCE = uuid.UUID(int=0)


async def upsert_client_replica(
    session: AsyncSession,
    table: Table,
    tenant_id: uuid.UUID,
    state: ClientState,
    event_id: uuid.UUID,
) -> None:
    """Keep `state` unless the replica already holds that version or a newer one, whether it
    came from an event or from the clients service (`event_id` = READ_FROM_SOURCE)."""
    await upsert_client_replicas(session, table, tenant_id, [(state, event_id)])


async def upsert_client_replicas(
    session: AsyncSession,
    table: Table,
    tenant_id: uuid.UUID,
    carried: Sequence[tuple[ClientState, uuid.UUID]],
) -> None:
    """`upsert_client_replica` for many clients (one state each) in one statement."""
    # Sorted by client, so two writers of overlapping clients lock rows in one order.
    chosen = sorted(carried, key=lambda item: item[0].id)
    await session.execute(
        _upsert_many(table.fullname),
        {
            "tenant_id": tenant_id,
            "client_ids": [state.id for state, _ in chosen],
            "versions": [state.version for state, _ in chosen],
            "statuses": [state.status for state, _ in chosen],
            "legal_names": [state.legal_name for state, _ in chosen],
            "tax_ids": [state.tax_id for state, _ in chosen],
            "states": [json.dumps(state.model_dump(mode="json")) for state, _ in chosen],
            "event_ids": [event_id for _, event_id in chosen],
        },
    )


class ClientReplicaRead(Answer):
    """Which version of a client this service holds."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
                    "version": 3,
                    "status": "active",
                    "legal_name": "Huerta del Turia S.L.",
                    "tax_id": "B12345674",
                    "state": {"legal_name": "Huerta del Turia S.L.", "tax_id": "B12345674"},
                    "updated_at": "2026-12-06T09:30:00Z",
                }
            ]
        }
    )

    client_id: uuid.UUID
    version: int
    status: str
    legal_name: str
    tax_id: str
    state: dict[str, Any]
    updated_at: datetime


def client_replica_router(table: Table) -> APIRouter:
    """`GET /v1/client-replicas/{id}`: which version of a client this service holds (ops, lag)."""
    router = APIRouter(tags=["replicas"], responses=errors())

    @router.get(
        "/v1/client-replicas/{client_id}",
        response_model=ClientReplicaRead,
        operation_id="get_client_replica",
        responses=errors(404),
    )
    async def get_replica(
        client_id: uuid.UUID,
        # The replica is a whole client record (contacts, IBAN): the same scope as the source.
        identity: Annotated[Identity, require_scope("clients:read")],
        session: TenantSession,
    ) -> ClientReplicaRead:
        """The version of the client this service holds (operations: how far behind a replica
        is); 404 until the client's first event has arrived here."""
        row = (
            await session.execute(
                select(table).where(
                    table.c.tenant_id == identity.tenant_id, table.c.client_id == client_id
                )
            )
        ).first()
        if row is None:
            raise NotFound(f"No replica of client {client_id} here yet.")
        return ClientReplicaRead(
            client_id=row.client_id,
            version=row.version,
            status=row.status,
            legal_name=row.legal_name,
            tax_id=row.tax_id,
            state=row.state,
            updated_at=row.updated_at,
        )

    return router


def client_replica_consumer(service: str, table: Table) -> Consumer:
    """Keep this service's replica of every client, as consumer `<service>.client-replica`
    in the service's own consumer group."""
    return Consumer(
        name=f"{service}.client-replica",
        handler=client_replica_handler(table),
        batch_handler=client_replica_batch_handler(table),
        topics=tuple(topics.CLIENT_EVENTS),
        group_id=service,
        description="Keeps the local replica of each client (event-carried state transfer).",
        # An import creates thousands of clients at once; each replica keeps the newest version
        # whatever the order, so a batch can be applied in one statement.
        batch_size=EVENT_BATCH_SIZE,
    )
