"""Ley 3/2004 scope of each receivable, decided once from the debtor's client and kept on it.

The decision is taken when the receivable is made, from the client replica as it is then (its
kind and version). If the replica does not know the client yet (its event has not arrived), it
is taken the first time the receivable is looked at with the client known, and kept. Kept means
a later change of the client's kind does not rewrite what an issued invoice's debt rested on.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_collections.domain.late_payment_law import LateLawScope, scope_for
from cartera_collections.models import client_replicas, receivables


async def _client(
    session: AsyncSession, tenant_id: uuid.UUID, client_id: uuid.UUID | None
) -> tuple[str | None, int | None]:
    if client_id is None:
        return None, None
    return (await clients_of(session, tenant_id, {client_id})).get(client_id, (None, None))


async def clients_of(
    session: AsyncSession, tenant_id: uuid.UUID, client_ids: set[uuid.UUID]
) -> dict[uuid.UUID | None, tuple[str | None, int | None]]:
    """The replica's kind and version of each of these clients it knows, in one statement."""
    if not client_ids:
        return {}
    rows = await session.execute(
        select(
            client_replicas.c.client_id, client_replicas.c.state, client_replicas.c.version
        ).where(
            client_replicas.c.tenant_id == tenant_id,
            client_replicas.c.client_id.in_(sorted(client_ids, key=str)),
        )
    )
    return {row.client_id: ((row.state or {}).get("kind"), int(row.version)) for row in rows}


async def decide(session: AsyncSession, tenant_id: uuid.UUID, receivable: Any) -> LateLawScope:
    """The receivable's Ley 3/2004 scope: the kept decision, or one taken (and kept) now if the
    debtor's client is known; otherwise an undecided "does not apply" that is not kept."""
    if receivable["late_payment_law_applies"] is not None:
        return LateLawScope(
            applies=bool(receivable["late_payment_law_applies"]),
            debtor_kind=receivable["debtor_kind"],
            client_version=receivable["debtor_client_version"],
            basis=receivable["late_payment_law_basis"] or "",
        )
    kind, version = await _client(session, tenant_id, receivable["client_id"])
    scope = scope_for(kind, version)
    if kind is not None or receivable["client_id"] is None:
        await session.execute(
            update(receivables)
            .where(
                receivables.c.id == receivable["id"],
                receivables.c.late_payment_law_applies.is_(None),
            )
            .values(
                debtor_kind=scope.debtor_kind,
                debtor_client_version=scope.client_version,
                late_payment_law_applies=scope.applies,
                late_payment_law_basis=scope.basis,
            )
        )
    return scope


def scope_data(scope: LateLawScope) -> dict[str, Any]:
    return {
        "applies": scope.applies,
        "debtor_kind": scope.debtor_kind,
        "client_version": scope.client_version,
        "basis": scope.basis,
    }
