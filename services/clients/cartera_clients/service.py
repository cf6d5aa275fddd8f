"""Use cases of the clients service: flush, never commit; every change adds its event."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_clients.models import clients, outbox
from cartera_clients.schemas import ClientCreate, ClientUpdate
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.clients import CLIENT_EVENT_VERSION, ClientState
from cartera_shared.outbox import add_event
from cartera_shared.problems import Conflict, NotFound

PRODUCER = "clients"


def _state(row: RowMapping) -> ClientState:
    return ClientState.model_validate(dict(row))


async def _publish(
    session: AsyncSession, tenant_id: uuid.UUID, topic: str, row: RowMapping
) -> None:
    state = _state(row)
    envelope = new_envelope(
        type=topic,
        version=CLIENT_EVENT_VERSION,
        tenant_id=tenant_id,
        producer=PRODUCER,
        subject=state.id,
        sequence=state.version,
        data=state.model_dump(mode="json"),
    )
    await add_event(session, outbox, envelope, topic=topic)


async def get(session: AsyncSession, *, tenant_id: uuid.UUID, client_id: uuid.UUID) -> RowMapping:
    row = (
        (
            await session.execute(
                select(clients).where(clients.c.tenant_id == tenant_id, clients.c.id == client_id)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Client {client_id} does not exist.")
    return row


async def get_all(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    limit: int,
    offset: int,
    search: str | None = None,
    status: str | None = None,
) -> tuple[list[RowMapping], int]:
    conditions: list[Any] = [clients.c.tenant_id == tenant_id]
    if search:
        pattern = f"%{search}%"
        conditions.append(
            or_(
                clients.c.legal_name.ilike(pattern),
                clients.c.trade_name.ilike(pattern),
                clients.c.tax_id.ilike(pattern),
            )
        )
    if status:
        conditions.append(clients.c.status == status)
    total = await session.scalar(select(func.count()).select_from(clients).where(*conditions))
    rows = (
        (
            await session.execute(
                select(clients)
                .where(*conditions)
                .order_by(clients.c.legal_name, clients.c.id)
                .limit(limit)
                .offset(offset)
            )
        )
        .mappings()
        .all()
    )
    return list(rows), int(total or 0)


async def create(session: AsyncSession, *, tenant_id: uuid.UUID, data: ClientCreate) -> RowMapping:
    values = data.model_dump(mode="json")
    row: RowMapping
    try:
        async with session.begin_nested():
            row = (
                (
                    await session.execute(
                        insert(clients)
                        .values(id=uuid.uuid4(), tenant_id=tenant_id, version=1, **values)
                        .returning(clients)
                    )
                )
                .mappings()
                .one()
            )
    except IntegrityError as exc:
        raise Conflict(
            f"A client with tax id {data.tax_id} ({data.country}) already exists."
        ) from exc
    await _publish(session, tenant_id, topics.CLIENT_CREATED, row)
    return row


async def update_client(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID,
    data: ClientUpdate,
    expected_version: int | None = None,
) -> RowMapping:
    current = await get(session, tenant_id=tenant_id, client_id=client_id)
    if expected_version is not None and current["version"] != expected_version:
        raise Conflict(
            f"Client {client_id} is at version {current['version']}, not {expected_version}.",
            current_version=current["version"],
        )
    changes = data.model_dump(mode="json", exclude_unset=True)
    if not changes:
        return current
    row: RowMapping | None
    try:
        async with session.begin_nested():
            row = (
                (
                    await session.execute(
                        update(clients)
                        .where(
                            clients.c.tenant_id == tenant_id,
                            clients.c.id == client_id,
                            clients.c.version == current["version"],
                        )
                        .values(**changes, version=clients.c.version + 1, updated_at=func.now())
                        .returning(clients)
                    )
                )
                .mappings()
                .first()
            )
    except IntegrityError as exc:
        raise Conflict("Another client already has that tax id.") from exc
    if row is None:
        raise Conflict(f"Client {client_id} changed meanwhile; read it again and retry.")
    await _publish(session, tenant_id, topics.CLIENT_UPDATED, row)
    return row


async def archive(
    session: AsyncSession, *, tenant_id: uuid.UUID, client_id: uuid.UUID
) -> RowMapping:
    current = await get(session, tenant_id=tenant_id, client_id=client_id)
    if current["status"] == "archived":
        return current
    row: RowMapping = (
        (
            await session.execute(
                update(clients)
                .where(clients.c.tenant_id == tenant_id, clients.c.id == client_id)
                .values(status="archived", version=clients.c.version + 1, updated_at=func.now())
                .returning(clients)
            )
        )
        .mappings()
        .one()
    )
    await _publish(session, tenant_id, topics.CLIENT_ARCHIVED, row)
    return row
