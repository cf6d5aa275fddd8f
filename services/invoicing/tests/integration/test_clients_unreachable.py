"""A draft, a quote or a template for a client the replica does not know yet asks the clients
service; when it does not answer, that is a retryable 503 and nothing is written. A client the
replica holds needs no call for a draft (issuing always asks, for the state on the issue date).

The invoicing service runs in this process on the real, migrated test database and the real
broker, with CARTERA_CLIENTS_URL at a loopback port where nothing listens.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from cartera_shared.db import create_engine, set_tenant
from cartera_shared.testing import internal_headers, random_cif

TABLES = ("invoices", "quotes", "recurring_invoices", "series_counters", "client_replicas")
ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


@pytest.fixture
async def tenant(api):
    tenant_id = uuid.uuid4()
    headers = as_tenant(tenant_id)
    issuer = {"legal_name": "Levante S.L.", "tax_id": random_cif(), "fiscal_address": ADDRESS}
    assert (await api.put("/v1/issuer", json=issuer, headers=headers)).status_code == 200
    series = {"code": "F", "prefix": "F"}
    assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201
    return tenant_id


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")


async def counts(owner, tenant_id) -> dict[str, int]:
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        found = {t: await conn.scalar(text(f"SELECT count(*) FROM invoicing.{t}")) for t in TABLES}
        found["idempotency_keys"] = await conn.scalar(
            text("SELECT count(*) FROM invoicing.idempotency_keys")
        )
        found["outbox"] = await conn.scalar(
            text("SELECT count(*) FROM invoicing.outbox WHERE tenant_id = :t"), {"t": tenant_id}
        )
        return found


def draft(client_id):
    return {
        "client_id": str(client_id),
        "series": "F",
        "lines": [{"description": "Revisión", "quantity": "1", "unit_price": "80.00"}],
    }


def assert_unavailable(answer):
    assert answer.status_code == 503, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert int(answer.headers["retry-after"]) > 0
    assert "clients service did not answer" in answer.json()["detail"]


async def test_a_client_the_replica_lacks_is_a_503_while_the_clients_service_is_down(
    api, owner, tenant
):
    client_id = uuid.uuid4()
    headers = {**as_tenant(tenant), "Idempotency-Key": f"k-{uuid.uuid4()}"}
    for path, body in (
        ("/v1/invoices", draft(client_id)),
        ("/v1/invoices?issue=true", draft(client_id)),
        ("/v1/quotes", {"client_id": str(client_id), "lines": draft(client_id)["lines"]}),
        (
            "/v1/recurring-invoices",
            {**draft(client_id), "frequency": "monthly", "starts_on": "2030-01-01"},
        ),
    ):
        assert_unavailable(await api.post(path, json=body, headers=headers))
    assert set((await counts(owner, tenant)).values()) == {0}


async def test_a_client_the_replica_holds_gets_its_draft_but_issuing_still_asks(api, owner, tenant):
    client_id = uuid.uuid4()
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        await conn.execute(
            text(
                "INSERT INTO invoicing.client_replicas (tenant_id, client_id, version, status, "
                "legal_name, tax_id, state, last_event_id) VALUES (:t, :c, 1, 'active', "
                "'Replicada S.L.', 'B12345674', CAST(:s AS jsonb), :e)"
            ),
            {"t": tenant, "c": client_id, "s": f'{{"id": "{client_id}"}}', "e": uuid.uuid4()},
        )
    made = await api.post("/v1/invoices", json=draft(client_id), headers=as_tenant(tenant))
    assert made.status_code == 201, made.text
    issuing = await api.post(f"/v1/invoices/{made.json()['id']}/issue", headers=as_tenant(tenant))
    assert_unavailable(issuing)
    at_once = await api.post(
        "/v1/invoices?issue=true", json=draft(client_id), headers=as_tenant(tenant)
    )
    assert_unavailable(at_once)
    after = await counts(owner, tenant)
    assert (after["invoices"], after["series_counters"], after["outbox"]) == (1, 0, 0)
