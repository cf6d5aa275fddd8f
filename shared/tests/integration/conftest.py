"""A throw-away schema built from the library's own table definitions, on the real server."""

from __future__ import annotations

import urllib.parse
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Column, MetaData, String, Table, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from cartera_shared.db import create_engine, service_metadata, session_factory
from cartera_shared.inbox import inbox_table
from cartera_shared.outbox import outbox_notify_trigger_sql, outbox_table
from cartera_shared.tenancy import enable_tenant_rls_sql, grant_app_role_sql


@dataclass
class Lab:
    schema: str
    metadata: MetaData
    outbox: Table
    inbox: Table
    effects: Table
    owner: AsyncEngine
    app: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    # The non-owner role the lab's schema is granted to (the user of DATABASE_APP_TEST_URL).
    role: str


@pytest.fixture
async def lab(owner_url: str, app_url: str) -> AsyncIterator[Lab]:
    schema = f"lab_{uuid.uuid4().hex[:8]}"
    role = urllib.parse.urlsplit(app_url).username or ""
    metadata = service_metadata(schema)
    outbox = outbox_table(metadata)
    inbox = inbox_table(metadata)
    effects = Table(
        "effects",
        metadata,
        Column("id", UUID(as_uuid=True), primary_key=True),
        Column("tenant_id", UUID(as_uuid=True), nullable=False),
        Column("note", String(200), nullable=False),
    )
    owner = create_engine(owner_url, pool_size=2)
    async with owner.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        await conn.run_sync(metadata.create_all)
        for statement in (
            *enable_tenant_rls_sql(schema, "effects"),
            *outbox_notify_trigger_sql(schema),
            *grant_app_role_sql(schema, role),
        ):
            await conn.execute(text(statement))
    app = create_engine(app_url, pool_size=5)
    try:
        yield Lab(schema, metadata, outbox, inbox, effects, owner, app, session_factory(app), role)
    finally:
        await app.dispose()
        async with owner.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await owner.dispose()
