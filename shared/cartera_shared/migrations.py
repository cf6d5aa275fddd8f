"""Alembic, one history per service: each in its own schema, with its version table there too.

A service's `migrations/env.py` is two lines that call `run_migrations`. Migrations run as the
owner role (CARTERA_DATABASE_URL) with a lock timeout, so a migration never queues behind a long
transaction and blocks every request behind it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import context
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import async_engine_from_config

from cartera_shared.settings import MigrationSettings

LOCK_TIMEOUT = "5s"


def _include_name_for(schema: str) -> Any:
    def include_name(name: str | None, type_: str, parent_names: dict[str, str | None]) -> bool:
        if type_ == "schema":
            return name == schema
        return True

    return include_name


def _do_run(connection: Connection, metadata: MetaData, schema: str) -> None:
    connection.execute(text(f"SET lock_timeout = '{LOCK_TIMEOUT}'"))
    connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    connection.commit()
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table_schema=schema,
        include_schemas=True,
        include_name=_include_name_for(schema),
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations(metadata: MetaData, schema: str) -> None:
    """Entry point for a service's env.py (online mode only: we always migrate a live server)."""
    config = context.config
    url = config.get_main_option("sqlalchemy.url") or MigrationSettings().database_url
    engine = async_engine_from_config(
        {"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool
    )

    async def run() -> None:
        async with engine.connect() as connection:
            await connection.run_sync(_do_run, metadata, schema)
        await engine.dispose()

    asyncio.run(run())
