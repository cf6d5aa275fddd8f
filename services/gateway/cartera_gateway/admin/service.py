"""The operator's actions: a tenant is created with its first API key (every scope), its owner
when one is named, and `tenant.created` in the outbox, all in one transaction; a tenant's plan
and request rate are read and changed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_gateway.admin.schemas import TenantAdmin, TenantCreate, TenantCreated, TenantTerms
from cartera_gateway.keys import generate_key
from cartera_gateway.models import api_keys, outbox, tenants
from cartera_gateway.people.schemas import User, UserIn
from cartera_gateway.people.service import create_user
from cartera_shared.events import new_envelope, topics
from cartera_shared.outbox import add_event
from cartera_shared.problems import NotFound

ALL_SCOPES = ["*"]


async def create_tenant(session: AsyncSession, body: TenantCreate | None) -> TenantCreated:
    """In the caller's transaction: the answer holds the key's secret, shown this once."""
    tenant_id = uuid.uuid4()
    name = (body.name if body else "") or f"Tenant {datetime.now(UTC):%Y-%m-%d %H:%M}"
    key = generate_key()
    owner = None
    await session.execute(insert(tenants).values(id=tenant_id, name=name))
    if body and body.owner:
        owner = await create_user(
            session,
            tenant_id,
            UserIn(
                email=body.owner.email,
                name=body.owner.name,
                role="owner",
                password=body.owner.password,
            ),
        )
    await session.execute(
        insert(api_keys).values(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            name="initial key",
            prefix=key.prefix,
            secret_hash=key.secret_hash,
            scopes=ALL_SCOPES,
        )
    )
    await add_event(
        session,
        outbox,
        new_envelope(
            type=topics.TENANT_CREATED,
            tenant_id=tenant_id,
            producer="gateway",
            subject=tenant_id,
            sequence=1,
            data={"id": str(tenant_id), "name": name},
        ),
        topic=topics.TENANT_CREATED,
    )
    return TenantCreated(
        tenant_id=tenant_id,
        name=name,
        api_key=key.plaintext,
        owner=User.model_validate(owner) if owner else None,
    )


async def tenant_terms(
    session: AsyncSession, tenant_id: uuid.UUID, default_per_minute: int
) -> TenantAdmin:
    row = (
        (
            await session.execute(
                select(
                    tenants.c.id,
                    tenants.c.name,
                    tenants.c.status,
                    tenants.c.plan,
                    tenants.c.rate_limit_per_minute,
                ).where(tenants.c.id == tenant_id)
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound("No such tenant.")
    return TenantAdmin(
        tenant_id=row["id"],
        name=row["name"],
        status=row["status"],
        plan=row["plan"],
        rate_limit_per_minute=row["rate_limit_per_minute"],
        effective_rate_limit_per_minute=row["rate_limit_per_minute"] or default_per_minute,
    )


async def change_terms(
    session: AsyncSession, tenant_id: uuid.UUID, body: TenantTerms, default_per_minute: int
) -> TenantAdmin:
    """In the caller's transaction: only the members the body sent change."""
    values = body.model_dump(exclude_unset=True)
    if values:
        changed = await session.execute(
            update(tenants).where(tenants.c.id == tenant_id).values(**values)
        )
        if changed.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFound("No such tenant.")
    return await tenant_terms(session, tenant_id, default_per_minute)
