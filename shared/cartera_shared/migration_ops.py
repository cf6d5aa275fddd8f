"""Operations a service's migrations call after creating tables: RLS, grants, outbox wake-up."""

from __future__ import annotations

from collections.abc import Iterable

from alembic import op

from cartera_shared.outbox import outbox_notify_trigger_sql
from cartera_shared.settings import MigrationSettings
from cartera_shared.tenancy import (
    enable_tenant_rls_sql,
    grant_app_role_sql,
    revoke_other_roles_sql,
)


def enable_tenant_rls(schema: str, tables: Iterable[str]) -> None:
    for table in tables:
        for statement in enable_tenant_rls_sql(schema, table):
            op.execute(statement)


def install_outbox_notify(schema: str) -> None:
    for statement in outbox_notify_trigger_sql(schema):
        op.execute(statement)


def grant_app_role(schema: str) -> None:
    """Grant the service's own role every table of its schema, now and in later migrations."""
    for statement in grant_app_role_sql(schema, MigrationSettings().role_for(schema)):
        op.execute(statement)


def keep_schema_to_its_service(schema: str) -> None:
    """The schema for its owner and its service's own role only (see revoke_other_roles_sql)."""
    grant_app_role(schema)
    for statement in revoke_other_roles_sql(schema, MigrationSettings().role_for(schema)):
        op.execute(statement)
