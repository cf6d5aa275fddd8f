"""Clients as the trustworthy master of fiscal data, through the gateway on the real system."""

import datetime as dt
import uuid

import httpx
import pytest
from sqlalchemy import text

from cartera_shared import business_day
from cartera_shared.db import create_engine
from cartera_shared.testing import random_cif, random_nif

from .helpers import client_payload, eventually

TODAY = business_day.today()


async def invoicing_replica(stack, tenant_id, client_id):
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.get(
            f"{stack.urls['invoicing']}/v1/client-replicas/{client_id}",
            headers=stack.internal_headers("invoicing", tenant_id),
        )
    return answer.json() if answer.status_code == 200 else None


async def published_events(owner_url, tenant_id):
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            return await conn.scalar(
                text("SELECT count(*) FROM clients.outbox WHERE tenant_id = :t"),
                {"t": str(tenant_id)},
            )
    finally:
        await engine.dispose()


async def test_a_fiscal_change_reaches_the_invoicing_replica_with_its_new_version(stack, tenant):
    person = (
        await tenant.client.post(
            "/v1/clients",
            json=client_payload(
                legal_name="Vicente Llorens Boix",
                kind="self_employed",
                tax_id=random_nif(),
                valid_from=(TODAY - dt.timedelta(days=365)).isoformat(),
            ),
        )
    ).json()
    new_cif = random_cif()
    changed = await tenant.client.patch(
        f"/v1/clients/{person['id']}",
        json={
            "legal_name": "Fontanería Llorens S.L.",
            "kind": "company",
            "tax_id": new_cif,
            "fiscal_address": {
                "street": "Gran Vía Marqués del Turia 49",
                "postal_code": "46005",
                "city": "Valencia",
            },
            "reason": "Se constituye como S.L.",
        },
        headers={"If-Match": '"1"'},
    )
    assert changed.status_code == 200, changed.text

    async def replica_is_v2():
        replica = await invoicing_replica(stack, tenant.id, person["id"])
        return replica is not None and replica["version"] == 2

    await eventually(replica_is_v2)
    replica = await invoicing_replica(stack, tenant.id, person["id"])
    assert replica["tax_id"] == new_cif
    assert replica["state"]["legal_name"] == "Fontanería Llorens S.L."
    assert replica["state"]["fiscal_address"]["postal_code"] == "46005"
    assert replica["state"]["fiscal_address"]["province"] == "Valencia"
    assert replica["state"]["valid_from"] == TODAY.isoformat()

    # The old fiscal data is still what was in force a month ago.
    earlier = await tenant.client.get(
        f"/v1/clients/{person['id']}",
        params={"as_of": (TODAY - dt.timedelta(days=30)).isoformat()},
    )
    assert earlier.json()["legal_name"] == "Vicente Llorens Boix"
    assert earlier.headers["cartera-client-status"] == "active"
    archived = await tenant.client.post(f"/v1/clients/{person['id']}/archive")
    assert archived.status_code == 200, archived.text
    # A month ago it was active; today it is archived: one answer says both.
    past = await tenant.client.get(
        f"/v1/clients/{person['id']}",
        params={"as_of": (TODAY - dt.timedelta(days=30)).isoformat()},
    )
    assert past.json()["status"] == "active"
    assert past.headers["cartera-client-status"] == "archived"
    history = (await tenant.client.get(f"/v1/clients/{person['id']}/history")).json()["items"]
    assert [v["reason"] for v in history][:2] == [None, "Se constituye como S.L."]
    assert history[1]["changed_by"].startswith("api_key:")


@pytest.mark.parametrize(
    "bad",
    [
        {"tax_id": "B12345675"},
        {"tax_id": "00000000A", "kind": "individual"},
        {"kind": "foreign", "country": "DE", "tax_id": "DE123456788"},
        {"bank_accounts": [{"iban": "ES00 0000 0000 0000 0000 0000"}]},
        {"bank_accounts": [{"iban": "not an iban"}]},
        {
            "fiscal_address": {
                "street": "x",
                "postal_code": "46001",
                "city": "x",
                "province": "Madrid",
            }
        },
        {"fiscal_address": {"street": "x", "postal_code": "60001", "city": "x"}},
        {"payment_terms": {"days": 120}},
        {"contacts": [{"name": "Ana", "phone": "<script>"}]},
        {"unknown_field": 1},
    ],
)
async def test_invalid_fiscal_data_is_refused_and_nothing_is_published(tenant, owner_url, bad):
    before = await published_events(owner_url, tenant.id)
    answer = await tenant.client.post("/v1/clients", json=client_payload(**bad))
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert (await tenant.client.get("/v1/clients")).json()["total"] == 0
    assert await published_events(owner_url, tenant.id) == before


async def test_an_invalid_change_is_refused_and_nothing_is_published(tenant, owner_url):
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    before = await published_events(owner_url, tenant.id)
    for bad in (
        {"tax_id": "B12345675"},
        {"bank_accounts": [{"iban": "ES9121000418450200051333"}]},
        {"legal_name": "X", "valid_from": (TODAY + dt.timedelta(days=3)).isoformat()},
    ):
        answer = await tenant.client.patch(f"/v1/clients/{client['id']}", json=bad)
        assert answer.status_code == 422, (bad, answer.text)
    assert (await tenant.client.get(f"/v1/clients/{client['id']}")).json()["version"] == 1
    assert await published_events(owner_url, tenant.id) == before


async def test_the_same_tax_id_twice_is_a_conflict_unless_the_first_is_archived(tenant):
    first = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    again = await tenant.client.post(
        "/v1/clients", json=client_payload(tax_id=f"es-{first['tax_id'].lower()}")
    )
    assert again.status_code == 409
    assert again.json()["existing_client_id"] == first["id"]
    await tenant.client.post(f"/v1/clients/{first['id']}/archive")
    reused = await tenant.client.post("/v1/clients", json=client_payload(tax_id=first["tax_id"]))
    assert reused.status_code == 201
    assert [d["id"] for d in reused.json()["possible_duplicates"]] == [first["id"]]


async def test_another_tenants_client_history_and_past_states_are_not_found(tenant, other_tenant):
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    for path, params in (
        (f"/v1/clients/{client['id']}/history", {}),
        (f"/v1/clients/{client['id']}", {"as_of": TODAY.isoformat()}),
        (f"/v1/clients/{client['id']}/restore", None),
    ):
        if params is None:
            answer = await other_tenant.client.post(path)
        else:
            answer = await other_tenant.client.get(path, params=params)
        assert answer.status_code == 404, path
    missing = await tenant.client.get(f"/v1/clients/{uuid.uuid4()}/history")
    assert missing.status_code == 404


@pytest.mark.parametrize("as_of", ["yesterday", "2026-13-01", "01/02/2026"])
async def test_a_malformed_as_of_is_refused(tenant, as_of):
    client = (await tenant.client.post("/v1/clients", json=client_payload())).json()
    answer = await tenant.client.get(f"/v1/clients/{client['id']}", params={"as_of": as_of})
    assert answer.status_code == 422


async def test_pages_follow_the_cursor_to_the_end_in_a_stable_order(tenant):
    for name in ["Carpintería Soler S.L.", "Aceites Ribera S.A.", "Bodegas Olleria S.L."]:
        assert (
            await tenant.client.post("/v1/clients", json=client_payload(legal_name=name))
        ).status_code == 201
    first = (await tenant.client.get("/v1/clients", params={"limit": 2})).json()
    second = (
        await tenant.client.get("/v1/clients", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    names = [c["legal_name"] for c in first["items"] + second["items"]]
    assert names == ["Aceites Ribera S.A.", "Bodegas Olleria S.L.", "Carpintería Soler S.L."]
    assert second["next_cursor"] is None
