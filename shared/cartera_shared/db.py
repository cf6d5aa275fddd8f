"""Engines, sessions and the tenant context of a transaction.

One request or one message is one transaction, committed at the edge (the request handler or the
consumer wrapper); service code flushes, never commits.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import MetaData, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata(schema: str) -> MetaData:
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def create_engine(
    url: str, *, pool_size: int = 10, application_name: str = "cartera"
) -> AsyncEngine:
    # No pre-ping: it is one more round trip before every transaction, the largest avoidable
    # cost on a busy service. After a database restart the first statement on a dead pooled
    # connection fails instead; SQLAlchemy then discards every connection older than the failure,
    # the request answers 503 (retry) and a consumer retries (see `database_unavailable`).
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=False,
        connect_args={"server_settings": {"application_name": application_name}},
    )


def database_unavailable(exc: BaseException) -> bool:
    """True when the database error says it could not be reached, not that the work is wrong.

    Such an error says nothing about the message or request: the same work succeeds once the
    database is back (a restart, a failover, a connection that died while pooled).
    """
    if not isinstance(exc, DBAPIError):
        return False
    sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
    return exc.connection_invalidated or sqlstate.startswith(("08", "57P"))


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def set_tenant(session: AsyncSession | AsyncConnection, tenant_id: uuid.UUID | str) -> None:
    """Scope the current transaction to one tenant; the RLS policies read this setting.

    `set_config(..., true)` is `SET LOCAL` with a bind parameter: it ends with the transaction,
    so a pooled connection never carries one tenant's context into another's request.
    """
    await session.execute(_SET_TENANT, {"tenant_id": str(uuid.UUID(str(tenant_id)))})


_SET_TENANT = text("SELECT set_config('app.tenant_id', :tenant_id, true)")


@asynccontextmanager
async def tenant_transaction(
    sessions: async_sessionmaker[AsyncSession], tenant_id: uuid.UUID | str
) -> AsyncIterator[AsyncSession]:
    """One transaction scoped to a tenant, committed when the block ends without error."""
    async with sessions() as session, session.begin():
        await set_tenant(session, tenant_id)
        yield session


def to_libpq_url(url: str) -> str:
    """`postgresql+asyncpg://...` to the plain form that asyncpg.connect and psql accept."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)
