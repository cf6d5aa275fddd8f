"""A tenant's clients as another service sees them: its replica first, the clients service when
the replica does not know yet.

A client's events reach a replica a moment after the client is written, so a partner who creates
a client and uses it in the very next call would find the replica behind. `known_client` reads
through instead: on a miss (or, when the caller needs an active client, a replica that says
archived) it asks the clients service, keeps what it answers in the replica with the same version
guard as the events (a later or earlier event never moves it backwards), and goes on. A client the
source does not know is unknown; a source that does not answer is a retryable 503, raised before
the caller has written anything.

Invoicing also asks the source for the state in force on a day (`state_and_status`), which only
the source holds: the replica keeps the current state alone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Table, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_shared.events.clients import ClientState
from cartera_shared.identity import InternalKeys
from cartera_shared.internal_calls import InternalClient
from cartera_shared.replicas import READ_FROM_SOURCE, upsert_client_replica

# Set by the clients service on every client it answers: the status today, even beside a past state.
CURRENT_STATUS_HEADER = "Cartera-Client-Status"
READ_SCOPE = "clients:read"


class ClientsDirectory:
    """The clients service, asked by `caller` (its subject is `service:<caller>`)."""

    def __init__(
        self,
        base_url: str,
        *,
        caller: str,
        internal_keys: Callable[[], InternalKeys],
        timeout: float = 5.0,
    ) -> None:
        self.source = InternalClient(
            callee="clients",
            base_url=base_url,
            caller=caller,
            internal_keys=internal_keys,
            timeout=timeout,
        )

    async def close(self) -> None:
        await self.source.close()

    async def state(
        self, tenant_id: uuid.UUID, client_id: uuid.UUID, as_of: dt.date | None = None
    ) -> dict[str, Any] | None:
        """The client's state (on `as_of`), or None if the tenant has no such client."""
        found = await self._get(tenant_id, client_id, as_of)
        return found[0] if found else None

    async def state_and_status(
        self, tenant_id: uuid.UUID, client_id: uuid.UUID, as_of: dt.date | None = None
    ) -> tuple[dict[str, Any], str] | None:
        """The client's state (on `as_of`) and its status today, in one call; None if unknown."""
        found = await self._get(tenant_id, client_id, as_of)
        if found is None:
            return None
        state, current_status = found
        if current_status is None:
            # A clients service older than the header: ask for today's state as well.
            current = state if as_of is None else await self.state(tenant_id, client_id)
            current_status = current["status"] if current else "archived"
        return state, current_status

    async def _get(
        self, tenant_id: uuid.UUID, client_id: uuid.UUID, as_of: dt.date | None
    ) -> tuple[dict[str, Any], str | None] | None:
        found = await self.source.get(
            tenant_id,
            f"/v1/clients/{client_id}",
            scope=READ_SCOPE,
            what=f"client {client_id}",
            params={"as_of": as_of.isoformat()} if as_of else None,
        )
        if found is None:
            return None
        state, headers = found
        return state, headers.get(CURRENT_STATUS_HEADER)

    async def known_client(
        self,
        session: AsyncSession,
        replicas: Table,
        tenant_id: uuid.UUID,
        client_id: uuid.UUID,
        *,
        need_active: bool = False,
    ) -> RowMapping | None:
        """The replica's row of the tenant's client, read through to the clients service when
        the replica lacks it (or, with `need_active`, holds it as archived); None when neither
        knows it. What the source answers is kept in the replica, in the caller's transaction.
        """
        row = await replica_row(session, replicas, tenant_id, client_id)
        if row is not None and (not need_active or row["status"] == "active"):
            return row
        answer = await self.state(tenant_id, client_id)
        if answer is None:
            # The source does not know it: an archived row the replica holds still says why.
            return row
        try:
            state = ClientState.model_validate(answer)
        except ValidationError as exc:
            raise self.source.unavailable(
                f"answered client {client_id} without a state this service can keep"
            ) from exc
        if state.id != client_id:
            raise self.source.unavailable(f"answered another client when asked for {client_id}")
        await upsert_client_replica(session, replicas, tenant_id, state, READ_FROM_SOURCE)
        # Read again: an event committed meanwhile may have left a newer version in place.
        return await replica_row(session, replicas, tenant_id, client_id)


async def replica_row(
    session: AsyncSession, replicas: Table, tenant_id: uuid.UUID, client_id: uuid.UUID
) -> RowMapping | None:
    return (
        (
            await session.execute(
                select(replicas).where(
                    replicas.c.tenant_id == tenant_id, replicas.c.client_id == client_id
                )
            )
        )
        .mappings()
        .first()
    )
