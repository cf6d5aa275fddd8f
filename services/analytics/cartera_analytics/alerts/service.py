"""The alerts raised for a tenant, and its alert thresholds and Modelo 347 setting."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics.alerts import raising
from cartera_analytics.common import client_ref
from cartera_analytics.domain.money import fmt_ratio
from cartera_analytics.models import alerts, tenant_settings
from cartera_shared.pagination import Keyset


async def list_alerts(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    kind: str | None,
    client_id: uuid.UUID | None,
    keyset: Keyset,
    limit: int,
) -> dict[str, Any]:
    """A page of the tenant's alerts, newest first, and the next page's cursor."""
    query = select(alerts).where(alerts.c.tenant_id == tenant_id)
    if kind is not None:
        query = query.where(alerts.c.kind == kind)
    if client_id is not None:
        query = query.where(alerts.c.client_id == client_id)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return {
        "next_cursor": next_cursor,
        "items": [
            {
                "id": str(r["id"]),
                "kind": r["kind"],
                # None for an alert about something else than a client (an expiring certificate).
                "client_id": client_ref(r["client_id"]),
                "period": r["period"],
                "value": r["value"],
                "threshold": r["threshold"],
                "message": r["message"],
                # As stored; the answer's model (AlertDetails) writes the wire's formats.
                "details": r["details"],
                "raised_at": r["raised_at"],
            }
            for r in rows
        ],
    }


def settings_json(t: raising.Thresholds) -> dict[str, Any]:
    return {
        "concentration_threshold_fraction": fmt_ratio(t.concentration),
        "drop_threshold_fraction": fmt_ratio(t.drop),
        "late_payer_fraction": fmt_ratio(t.late_ratio),
        "files_through_sii": t.files_through_sii,
    }


async def settings(session: AsyncSession, tenant_id: uuid.UUID) -> dict[str, Any]:
    return settings_json(await raising.thresholds(session, tenant_id))


async def set_settings(
    session: AsyncSession, tenant_id: uuid.UUID, values: dict[str, Decimal | bool]
) -> dict[str, Any]:
    statement = insert(tenant_settings).values(tenant_id=tenant_id, **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[tenant_settings.c.tenant_id],
            set_={**values, "updated_at": func.now()},
        )
    )
    return settings_json(await raising.thresholds(session, tenant_id))
