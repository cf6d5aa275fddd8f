"""Tenant A never sees tenant B's rows, through the API or through SQL as the services' role."""

import uuid

from sqlalchemy import text

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


async def test_sql_as_the_services_role_sees_only_the_tenant_in_context(
    stack, tenant, other_tenant, app_url
):
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()

    async def replicated():
        return set((await replica_versions(stack, tenant.id, client["id"])).values()) == {1}

    await eventually(replicated)
    tables = ["clients.clients", *(f"{s}.client_replicas" for s in REPLICA_HOLDERS)]
    id_column = {"clients.clients": "id"}
    engine = create_engine(app_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            async with conn.begin():
                role = await conn.scalar(text("SELECT current_user"))
            for table in tables:
                column = id_column.get(table, "client_id")

                async def visible(tenant_id, table=table, column=column):
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
    assert role == "cartera_app"
