"""Row-level security as the services' role: one tenant never sees or writes another's rows."""

import uuid

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import DBAPIError

from cartera_shared.db import tenant_transaction


async def test_a_tenant_sees_only_its_rows(lab):
    tenant_a, tenant_b = uuid.uuid4(), uuid.uuid4()
    for tenant in (tenant_a, tenant_b):
        async with tenant_transaction(lab.sessions, tenant) as session:
            await session.execute(
                insert(lab.effects).values(id=uuid.uuid4(), tenant_id=tenant, note=str(tenant))
            )
    async with tenant_transaction(lab.sessions, tenant_a) as session:
        # No WHERE on purpose: the policy alone must hide tenant B's row.
        notes = (await session.execute(select(lab.effects.c.note))).scalars().all()
    assert notes == [str(tenant_a)]


async def test_without_a_tenant_nothing_is_visible(lab):
    tenant = uuid.uuid4()
    async with tenant_transaction(lab.sessions, tenant) as session:
        await session.execute(
            insert(lab.effects).values(id=uuid.uuid4(), tenant_id=tenant, note="mine")
        )
    async with lab.sessions() as session, session.begin():
        count = await session.scalar(select(func.count()).select_from(lab.effects))
    assert count == 0


async def test_writing_a_row_for_another_tenant_is_refused(lab):
    with pytest.raises(DBAPIError, match="row-level security"):
        async with tenant_transaction(lab.sessions, uuid.uuid4()) as session:
            await session.execute(
                insert(lab.effects).values(id=uuid.uuid4(), tenant_id=uuid.uuid4(), note="forged")
            )


async def test_the_tenant_context_ends_with_the_transaction(lab):
    tenant = uuid.uuid4()
    async with tenant_transaction(lab.sessions, tenant) as session:
        await session.execute(
            insert(lab.effects).values(id=uuid.uuid4(), tenant_id=tenant, note="mine")
        )
    async with lab.sessions() as session, session.begin():
        setting = await session.scalar(text("SELECT current_setting('app.tenant_id', true)"))
        visible = await session.scalar(select(func.count()).select_from(lab.effects))
    assert not setting
    assert visible == 0


async def test_the_services_role_cannot_switch_off_the_policy(lab):
    with pytest.raises(DBAPIError, match="must be owner"):
        async with lab.sessions() as session, session.begin():
            await session.execute(
                text(f'ALTER TABLE "{lab.schema}".effects DISABLE ROW LEVEL SECURITY')
            )
