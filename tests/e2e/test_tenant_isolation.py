"""Tenant A never sees tenant B's rows, through the API or through SQL as the services' role."""

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from cartera_shared.db import create_engine, set_tenant

from .helpers import REPLICA_HOLDERS, client_payload, eventually, replica_versions


async def test_another_tenant_cannot_read_list_change_or_trace_a_client(tenant, other_tenant):
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    client_id = client["id"]

    for method, path, body in [
        ("GET", f"/v1/clients/{client_id}", None),
        ("PATCH", f"/v1/clients/{client_id}", {"legal_name": "Hijacked S.L."}),
        ("POST", f"/v1/clients/{client_id}/archive", None),
        ("GET", f"/v1/clients/{client_id}/replicas", None),
    ]:
        answer = await other_tenant.client.request(method, path, json=body)
        assert answer.status_code == 404, (method, path, answer.text)
    listed = (await other_tenant.client.get("/v1/clients", params={"q": client["tax_id"]})).json()
    assert listed["items"] == []
    assert (await tenant.client.get(f"/v1/clients/{client_id}")).json()["version"] == 1


async def test_the_same_tax_id_may_exist_in_two_tenants(tenant, other_tenant):
    payload = client_payload()
    assert (await tenant.client.post("/v1/clients", json=payload)).status_code == 201
    assert (await other_tenant.client.post("/v1/clients", json=payload)).status_code == 201


async def test_sql_as_each_services_role_sees_only_the_tenant_in_context(
    stack, tenant, other_tenant, service_app_url
):
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()

    async def replicated():
        return set((await replica_versions(stack, tenant.id, client["id"])).values()) == {1}

    await eventually(replicated)
    tables = {"clients": "clients.clients", **{s: f"{s}.client_replicas" for s in REPLICA_HOLDERS}}
    for service, table in tables.items():
        column = "id" if service == "clients" else "client_id"
        engine = create_engine(service_app_url(service), pool_size=1)
        try:
            async with engine.connect() as conn:
                async with conn.begin():
                    role = await conn.scalar(text("SELECT current_user"))
                assert role == f"cartera_{service}"

                async def visible(tenant_id, conn=conn, table=table, column=column):
                    async with conn.begin():
                        if tenant_id is not None:
                            await set_tenant(conn, tenant_id)
                        return await conn.scalar(
                            text(f"SELECT count(*) FROM {table} WHERE {column} = :id"),
                            {"id": client["id"]},
                        )

                assert await visible(tenant.id) == 1, table
                assert await visible(other_tenant.id) == 0, table
                assert await visible(uuid.uuid4()) == 0, table
                assert await visible(None) == 0, table
        finally:
            await engine.dispose()


SERVICES = ("clients", "invoicing", "collections", "crm", "analytics", "gateway")
# One table of each schema that holds what another service must never read.
GUARDED = {
    "clients": "clients.clients",
    "invoicing": "invoicing.invoices",
    "collections": "collections.payments",
    "crm": "crm.interactions",
    "analytics": "analytics.alerts",
    "gateway": "gateway.users",
}


async def test_a_services_role_cannot_read_another_services_schema(stack, service_app_url):
    """On main before each service had its own role, the one role all six shared read every
    schema: password hashes, webhook secrets, every outbox. Now each reads its own only."""
    for service in SERVICES:
        engine = create_engine(service_app_url(service), pool_size=1)
        try:
            for owner, table in GUARDED.items():
                async with engine.connect() as conn:
                    if owner == service:
                        async with conn.begin():
                            await conn.scalar(text(f"SELECT count(*) FROM {table}"))
                        continue
                    with pytest.raises(DBAPIError, match="permission denied"):
                        async with conn.begin():
                            await conn.scalar(text(f"SELECT count(*) FROM {table}"))
        finally:
            await engine.dispose()
