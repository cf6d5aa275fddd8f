"""`GET /v1/analytics/alerts` pages like every list (issue 19): it gave the newest `limit` only."""

import uuid

import pytest
from sqlalchemy import insert

from cartera_analytics.models import alerts
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages
from cartera_shared.testing import internal_headers


def as_tenant(tenant_id: uuid.UUID) -> dict[str, str]:
    return internal_headers(tenant_id, service="analytics", scopes=("*",), subject="user:ana")


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


# The details the projector writes for each kind (the answer's model refuses others).
DETAILS = {
    "concentration": {"month": "2026-11", "base": "500.00", "total": "1000.00"},
    "late_payer": {"late": 3, "considered": 6, "max_days_late": 40},
}


async def raise_alert(owner, tenant_id: uuid.UUID, kind: str = "concentration") -> str:
    """An alert as the projector raises one (its own transaction: a later `raised_at`)."""
    alert_id = uuid.uuid4()
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        await conn.execute(
            insert(alerts).values(
                tenant_id=tenant_id,
                id=alert_id,
                kind=kind,
                client_id=uuid.uuid4(),
                period="2026-11",
                value="0.5",
                threshold="0.4",
                message="m",
                details=DETAILS[kind],
            )
        )
    return str(alert_id)


async def test_alerts_page_newest_first_each_once_while_more_are_raised(api, owner):
    tenant = uuid.uuid4()
    raised = [
        await raise_alert(owner, tenant, "concentration" if n % 2 else "late_payer")
        for n in range(6)
    ]
    later: list[str] = []

    async def another(page: int) -> None:
        later.append(await raise_alert(owner, tenant))

    path = "/v1/analytics/alerts"
    seen = await walk_pages(api, path, as_tenant(tenant), limit=2, between=another)
    # Newest first: what is raised while reading is newer than the first page and not shown.
    assert [a["id"] for a in seen] == list(reversed(raised))
    assert later
    late = await walk_pages(api, path, as_tenant(tenant), limit=1, params={"kind": "late_payer"})
    assert [a["id"] for a in late] == list(reversed(raised[0::2]))
    first = (await api.get(path, params={"limit": 1}, headers=as_tenant(tenant))).json()
    await assert_refuses_bad_paging(api, path, as_tenant(tenant), valid=first["next_cursor"])
    theirs = await api.get(
        path, params={"cursor": first["next_cursor"]}, headers=as_tenant(uuid.uuid4())
    )
    assert theirs.json() == {"items": [], "next_cursor": None}
