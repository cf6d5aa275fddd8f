"""The gateway's own lists (API keys, people, webhook subscriptions and their delivery log) page
like every list (issue 19): `limit`, `cursor`, `next_cursor`; the subscriptions were unpaged and
the delivery log gave the first `limit` only."""

import uuid

import pytest
from sqlalchemy import insert

from cartera_gateway.main import create_app
from cartera_gateway.models import webhook_deliveries
from cartera_gateway.settings import GatewaySettings
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages
from cartera_shared.testing import secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
PASSWORD = "Sierra-Nevada-2026!"


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    settings = GatewaySettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_GATEWAY_WEBHOOKS_ALLOW_PRIVATE="true",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def new_tenant(api) -> tuple[str, dict[str, str]]:
    answer = await api.post(
        "/v1/admin/tenants",
        json={
            "name": "Levante S.L.",
            "owner": {
                "email": f"duena-{uuid.uuid4().hex[:8]}@levante.es",
                "name": "María",
                "password": PASSWORD,
            },
        },
        headers=ADMIN,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    return body["tenant_id"], {"Authorization": f"Bearer {body['api_key']}"}


async def add_key(api, headers) -> str:
    answer = await api.post(
        "/v1/api-keys", json={"name": "k", "scopes": ["clients:read"]}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


async def add_user(api, headers) -> str:
    answer = await api.post(
        "/v1/users",
        json={
            "email": f"p-{uuid.uuid4().hex[:8]}@levante.es",
            "name": "Pepa",
            "role": "read_only",
            "password": PASSWORD,
        },
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


async def add_subscription(api, headers) -> str:
    answer = await api.post(
        "/v1/webhooks",
        json={"url": "http://127.0.0.1:9/in", "event_types": ["*"]},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


@pytest.mark.parametrize(
    ("path", "add"),
    [("/v1/api-keys", add_key), ("/v1/users", add_user), ("/v1/webhooks", add_subscription)],
)
async def test_oldest_first_lists_hold_each_once_while_rows_are_added(api, path, add):
    _, headers = await new_tenant(api)
    for _ in range(4):
        await add(api, headers)
    added: list[str] = []

    async def add_another(page: int) -> None:
        added.append(await add(api, headers))

    seen = await walk_pages(api, path, headers, limit=2, between=add_another)
    whole = (await api.get(path, headers=headers)).json()
    assert whole["next_cursor"] is None
    # Oldest first: what is added while reading comes last, nothing twice, nothing skipped.
    assert [i["id"] for i in seen] == [i["id"] for i in whole["items"]]
    assert len({i["id"] for i in seen}) == len(seen)
    assert set(added) <= {i["id"] for i in seen}
    assert len(added) >= 2

    first = (await api.get(path, params={"limit": 1}, headers=headers)).json()
    await assert_refuses_bad_paging(api, path, headers, valid=first["next_cursor"])
    # Another tenant's cursor is only a position in that tenant's own list.
    _, theirs = await new_tenant(api)
    other = await api.get(path, params={"cursor": first["next_cursor"]}, headers=theirs)
    assert other.status_code == 200, other.text
    assert not {i["id"] for i in other.json()["items"]} & {i["id"] for i in seen}


async def deliver(owner, tenant_id: str, subscription_id: str, status: str) -> uuid.UUID:
    """A delivery row as the dispatcher writes one (its own transaction: a later `created_at`)."""
    delivery_id = uuid.uuid4()
    async with owner.begin() as conn:
        await conn.execute(
            insert(webhook_deliveries).values(
                id=delivery_id,
                tenant_id=uuid.UUID(tenant_id),
                subscription_id=uuid.UUID(subscription_id),
                event_id=uuid.uuid4(),
                event_type="client.created",
                payload={},
                status=status,
            )
        )
    return delivery_id


async def test_the_delivery_log_pages_newest_first_while_deliveries_arrive(api, owner):
    tenant_id, headers = await new_tenant(api)
    subscription = await add_subscription(api, headers)
    there = [
        await deliver(owner, tenant_id, subscription, "delivered" if n % 2 else "failed")
        for n in range(6)
    ]
    arrived: list[uuid.UUID] = []

    async def another(page: int) -> None:
        arrived.append(await deliver(owner, tenant_id, subscription, "delivered"))

    path = f"/v1/webhooks/{subscription}/deliveries"
    seen = await walk_pages(api, path, headers, limit=2, between=another)
    # Newest first: what arrives while reading is newer than the first page and not shown; the
    # log as it was when the walk began, each once (the first `limit` was all one could read).
    assert [d["id"] for d in seen] == [str(i) for i in reversed(there)]
    assert arrived
    failed = await walk_pages(api, path, headers, limit=1, params={"status": "failed"})
    assert [d["id"] for d in failed] == [str(i) for i in reversed(there[0::2])]

    first = (await api.get(path, params={"limit": 1}, headers=headers)).json()
    await assert_refuses_bad_paging(api, path, headers, valid=first["next_cursor"])
    # The subscriptions' cursors (oldest first) are not the log's.
    subscriptions = await api.get("/v1/webhooks", params={"limit": 1}, headers=headers)
    assert subscriptions.json()["next_cursor"] is None
    await add_subscription(api, headers)
    theirs = (await api.get("/v1/webhooks", params={"limit": 1}, headers=headers)).json()
    refused = await api.get(path, params={"cursor": theirs["next_cursor"]}, headers=headers)
    assert refused.status_code == 422, refused.text
    _, stranger = await new_tenant(api)
    assert (await api.get(path, headers=stranger)).status_code == 404
