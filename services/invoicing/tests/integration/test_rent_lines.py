"""A draft's rent line keeps the property's cadastral reference; a malformed one is refused
with a 422 that names the field, and nothing is written (Modelo 347, RD 1065/2007 art. 34.1.d).

The invoicing service runs in this process on the real, migrated test database, with
CARTERA_CLIENTS_URL at a loopback port where nothing listens (a draft without a client needs no
call)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from cartera_shared.db import create_engine, set_tenant
from cartera_shared.testing import internal_headers, random_cif

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}
REFERENCE = "9872023VH5797S0001WX"


@pytest.fixture
async def tenant(api):
    tenant_id = uuid.uuid4()
    headers = as_tenant(tenant_id)
    issuer = {
        "legal_name": "Inmuebles Levante S.L.",
        "tax_id": random_cif(),
        "fiscal_address": ADDRESS,
    }
    assert (await api.put("/v1/issuer", json=issuer, headers=headers)).status_code == 200
    series = {"code": "F", "prefix": "F"}
    assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201
    return tenant_id


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")


def draft(client_id: uuid.UUID, reference: str) -> dict:
    rent = {"description": "Alquiler local, diciembre", "quantity": "1", "unit_price": "1000.00",
            "irpf_rate": "19", "cadastral_reference": reference}  # fmt: skip
    return {"client_id": str(client_id), "series": "F", "lines": [rent]}


async def replicated_client(owner_url, tenant_id) -> uuid.UUID:
    """A client the replica holds: a draft for it needs no call to the clients service."""
    client_id = uuid.uuid4()
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await set_tenant(conn, tenant_id)
            await conn.execute(
                text(
                    "INSERT INTO invoicing.client_replicas (tenant_id, client_id, version, "
                    "status, legal_name, tax_id, state, last_event_id) VALUES (:t, :c, 1, "
                    "'active', 'Tienda S.L.', 'B12345674', CAST(:s AS jsonb), :e)"
                ),
                {
                    "t": tenant_id,
                    "c": client_id,
                    "s": f'{{"id": "{client_id}"}}',
                    "e": uuid.uuid4(),
                },
            )
    finally:
        await engine.dispose()
    return client_id


async def test_a_rent_line_keeps_its_cadastral_reference(api, tenant, owner_url):
    client_id = await replicated_client(owner_url, tenant)
    made = await api.post(
        "/v1/invoices", json=draft(client_id, "9872023vh5797s0001wx"), headers=as_tenant(tenant)
    )
    assert made.status_code == 201, made.text
    assert made.json()["lines"][0]["cadastral_reference"] == REFERENCE


async def test_a_malformed_cadastral_reference_is_refused_naming_it(api, tenant, owner_url):
    client_id = await replicated_client(owner_url, tenant)
    refused = await api.post(
        "/v1/invoices", json=draft(client_id, "9872023VH5797S00"), headers=as_tenant(tenant)
    )
    assert refused.status_code == 422
    assert [e["loc"] for e in refused.json()["errors"]] == [
        ["body", "lines", 0, "cadastral_reference"]
    ]
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await set_tenant(conn, tenant)
            assert await conn.scalar(text("SELECT count(*) FROM invoicing.invoices")) == 0
    finally:
        await engine.dispose()
