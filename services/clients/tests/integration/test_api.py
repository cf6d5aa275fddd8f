"""The clients API on the real database: each change and its event commit together, or neither."""

import uuid

import pytest
from sqlalchemy import select, text

from cartera_clients.models import clients, outbox
from cartera_shared.db import create_engine
from cartera_shared.identity import INTERNAL_TOKEN_HEADER, Identity, issue_internal_token
from cartera_shared.settings import LOCAL_INTERNAL_SECRET

CIF = "B12345674"


def as_tenant(tenant_id, scopes=("clients:*",)):
    token = issue_internal_token(
        Identity(tenant_id=tenant_id, subject="test", scopes=frozenset(scopes)),
        LOCAL_INTERNAL_SECRET,
    )
    return {INTERNAL_TOKEN_HEADER: token}


def payload(**overrides):
    return {"legal_name": "Ferretería Ruzafa S.L.", "kind": "company", "tax_id": CIF, **overrides}


@pytest.fixture
def tenant():
    return uuid.uuid4()


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


async def events_of(owner, client_id):
    async with owner.connect() as conn:
        rows = await conn.execute(
            select(outbox.c.type, outbox.c.payload)
            .where(outbox.c.key == str(client_id))
            .order_by(outbox.c.position)
        )
        return [(r.type, r.payload) for r in rows]


async def test_creating_a_client_writes_its_created_event_with_the_full_state(api, owner, tenant):
    answer = await api.post("/v1/clients", json=payload(), headers=as_tenant(tenant))
    assert answer.status_code == 201
    client = answer.json()
    assert answer.headers["etag"] == '"1"'
    [(kind, event)] = await events_of(owner, client["id"])
    assert kind == "client.created"
    assert event["tenant_id"] == str(tenant)
    assert event["sequence"] == 1
    assert event["data"]["legal_name"] == "Ferretería Ruzafa S.L."
    assert event["data"]["version"] == 1


async def test_a_refused_create_leaves_no_row_and_no_event(api, owner, tenant):
    first = await api.post("/v1/clients", json=payload(), headers=as_tenant(tenant))
    assert first.status_code == 201
    clash = await api.post(
        "/v1/clients", json=payload(legal_name="Otra S.L."), headers=as_tenant(tenant)
    )
    assert clash.status_code == 409
    async with owner.begin() as conn:
        await conn.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(tenant)})
        names = (await conn.execute(select(clients.c.legal_name))).scalars().all()
        events = await conn.scalar(
            text("SELECT count(*) FROM clients.outbox WHERE tenant_id = :t"), {"t": str(tenant)}
        )
    assert names == ["Ferretería Ruzafa S.L."]
    assert events == 1


async def test_each_change_is_a_new_version_with_its_event(api, owner, tenant):
    headers = as_tenant(tenant)
    client = (await api.post("/v1/clients", json=payload(), headers=headers)).json()
    changed = await api.patch(
        f"/v1/clients/{client['id']}",
        json={"legal_name": "Ferretería Ruzafa e Hijos S.L."},
        headers=headers,
    )
    assert changed.json()["version"] == 2
    unchanged = await api.patch(f"/v1/clients/{client['id']}", json={}, headers=headers)
    assert unchanged.json()["version"] == 2
    archived = await api.post(f"/v1/clients/{client['id']}/archive", headers=headers)
    again = await api.post(f"/v1/clients/{client['id']}/archive", headers=headers)
    assert archived.json()["version"] == again.json()["version"] == 3
    events = await events_of(owner, client["id"])
    assert [(k, e["sequence"]) for k, e in events] == [
        ("client.created", 1),
        ("client.updated", 2),
        ("client.archived", 3),
    ]
    assert events[2][1]["data"]["status"] == "archived"


async def test_listing_searches_filters_and_pages(api, tenant):
    headers = as_tenant(tenant)
    for n, name in enumerate(["Alfa S.L.", "Beta S.A.", "Gamma S.L."]):
        tax_id = f"B0000000{n}"
        answer = await api.post(
            "/v1/clients", json=payload(legal_name=name, tax_id=tax_id), headers=headers
        )
        assert answer.status_code == 201
    page = (await api.get("/v1/clients", params={"limit": 2}, headers=headers)).json()
    assert [c["legal_name"] for c in page["items"]] == ["Alfa S.L.", "Beta S.A."]
    assert page["total"] == 3
    rest = (await api.get("/v1/clients", params={"limit": 2, "offset": 2}, headers=headers)).json()
    assert [c["legal_name"] for c in rest["items"]] == ["Gamma S.L."]
    found = (await api.get("/v1/clients", params={"q": "s.a."}, headers=headers)).json()
    assert [c["legal_name"] for c in found["items"]] == ["Beta S.A."]


async def test_a_read_only_credential_cannot_write(api, tenant):
    answer = await api.post(
        "/v1/clients", json=payload(), headers=as_tenant(tenant, scopes=("clients:read",))
    )
    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/forbidden")
    listed = await api.get("/v1/clients", headers=as_tenant(tenant, scopes=("clients:read",)))
    assert listed.json()["total"] == 0


async def test_calls_without_an_identity_are_refused(api):
    assert (await api.get("/v1/clients")).status_code == 401
    forged = issue_internal_token(
        Identity(tenant_id=uuid.uuid4(), subject="x", scopes=frozenset({"*"})),
        "not-the-secret-but-long-enough-to-sign",
    )
    answer = await api.get("/v1/clients", headers={INTERNAL_TOKEN_HEADER: forged})
    assert answer.status_code == 401
