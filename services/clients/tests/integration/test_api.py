"""The clients API on the real database: each change commits with its version and its event."""

import datetime as dt
import functools
import re
import secrets
import uuid
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select, text

from cartera_clients.main import create_app
from cartera_clients.models import outbox
from cartera_shared import business_day
from cartera_shared.db import set_tenant
from cartera_shared.identity import INTERNAL_TOKEN_HEADER, Identity, issue_internal_token
from cartera_shared.settings import ServiceSettings
from cartera_shared.testing import internal_headers, random_cif, secret_settings

TODAY = business_day.today()


# What the gateway sends for Ana, who works with clients.
as_tenant = functools.partial(
    internal_headers, service="clients", scopes=("clients:*",), subject="user:ana"
)


def payload(**overrides):
    return {
        "legal_name": "Ferretería Ruzafa S.L.",
        "kind": "company",
        "tax_id": random_cif(),
        "fiscal_address": {"street": "Calle Sueca 3", "postal_code": "46006", "city": "Valencia"},
        **overrides,
    }


@pytest.fixture
def tenant():
    return uuid.uuid4()


async def events_of(owner, client_id):
    async with owner.connect() as conn:
        rows = await conn.execute(
            select(outbox.c.type, outbox.c.payload)
            .where(outbox.c.key == str(client_id))
            .order_by(outbox.c.position)
        )
        return [(r.type, r.payload) for r in rows]


async def count_for_tenant(owner, tenant, table):
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        return await conn.scalar(text(f"SELECT count(*) FROM clients.{table}"))


async def test_creating_a_client_records_version_one_and_its_event(api, owner, tenant):
    answer = await api.post("/v1/clients", json=payload(), headers=as_tenant(tenant))
    assert answer.status_code == 201, answer.text
    client = answer.json()
    assert answer.headers["etag"] == '"1"'
    assert client["valid_from"] == TODAY.isoformat()
    assert client["territory"] == "peninsula_balearics"
    [(kind, event)] = await events_of(owner, client["id"])
    assert kind == "client.created"
    assert (event["tenant_id"], event["sequence"]) == (str(tenant), 1)
    assert event["data"]["fiscal_address"]["province"] == "Valencia"
    assert event["data"]["tax_treatment"]["vat_regime"] == "general"
    history = (
        await api.get(f"/v1/clients/{client['id']}/history", headers=as_tenant(tenant))
    ).json()["items"]
    assert [(v["version"], v["changed_by"]) for v in history] == [(1, "user:ana")]


async def test_a_refused_create_leaves_no_row_no_version_and_no_event(api, owner, tenant):
    first = payload()
    assert (await api.post("/v1/clients", json=first, headers=as_tenant(tenant))).status_code == 201
    clash = await api.post(
        "/v1/clients",
        json=payload(tax_id=first["tax_id"], legal_name="Otra S.L."),
        headers=as_tenant(tenant),
    )
    assert clash.status_code == 409
    assert clash.json()["existing_client_id"]
    invalid = await api.post(
        "/v1/clients", json=payload(tax_id="B00000001"), headers=as_tenant(tenant)
    )
    assert invalid.status_code == 422
    assert await count_for_tenant(owner, tenant, "clients") == 1
    assert await count_for_tenant(owner, tenant, "client_versions") == 1
    async with owner.connect() as conn:
        events = await conn.scalar(
            text("SELECT count(*) FROM clients.outbox WHERE tenant_id = :t"), {"t": str(tenant)}
        )
    assert events == 1


async def test_an_archived_clients_tax_id_may_be_reused_but_not_restored_over_an_active_one(
    api, tenant
):
    headers = as_tenant(tenant)
    old = (await api.post("/v1/clients", json=payload(), headers=headers)).json()
    assert (await api.post(f"/v1/clients/{old['id']}/archive", headers=headers)).status_code == 200
    new = await api.post("/v1/clients", json=payload(tax_id=old["tax_id"]), headers=headers)
    assert new.status_code == 201
    restore = await api.post(f"/v1/clients/{old['id']}/restore", headers=headers)
    assert restore.status_code == 409


async def test_fiscal_history_and_the_state_in_force_on_a_day(api, owner, tenant):
    headers = as_tenant(tenant)
    started = TODAY - dt.timedelta(days=400)
    person = (
        await api.post(
            "/v1/clients",
            json=payload(
                legal_name="Vicente Llorens Boix",
                kind="self_employed",
                tax_id="12345678Z",
                valid_from=started.isoformat(),
            ),
            headers=headers,
        )
    ).json()
    became_company = TODAY - dt.timedelta(days=30)
    new_cif = random_cif()
    changed = await api.patch(
        f"/v1/clients/{person['id']}",
        json={
            "legal_name": "Fontanería Llorens S.L.",
            "kind": "company",
            "tax_id": new_cif,
            "valid_from": became_company.isoformat(),
            "reason": "Constituida como S.L.",
        },
        headers=as_tenant(tenant, subject="user:contable"),
    )
    assert changed.status_code == 200, changed.text
    # A non-fiscal change keeps the date the fiscal data took effect.
    tagged = await api.patch(
        f"/v1/clients/{person['id']}", json={"tags": ["fontanería"]}, headers=headers
    )
    assert tagged.json()["valid_from"] == became_company.isoformat()

    history = (await api.get(f"/v1/clients/{person['id']}/history", headers=headers)).json()[
        "items"
    ]
    assert [(v["version"], v["valid_from"], v["changed_by"], v["reason"]) for v in history] == [
        (1, started.isoformat(), "user:ana", None),
        (2, became_company.isoformat(), "user:contable", "Constituida como S.L."),
        (3, became_company.isoformat(), "user:ana", None),
    ]
    assert history[1]["changed_fields"] == ["kind", "legal_name", "tax_id"]

    async def as_of(day):
        return await api.get(
            f"/v1/clients/{person['id']}", params={"as_of": day.isoformat()}, headers=headers
        )

    before = (await as_of(became_company - dt.timedelta(days=1))).json()
    assert (before["legal_name"], before["tax_id"], before["version"]) == (
        "Vicente Llorens Boix",
        "12345678Z",
        1,
    )
    after = (await as_of(became_company)).json()
    assert (after["legal_name"], after["tax_id"]) == ("Fontanería Llorens S.L.", new_cif)
    assert (await as_of(started - dt.timedelta(days=1))).status_code == 404

    events = await events_of(owner, person["id"])
    assert [(k, e["sequence"]) for k, e in events] == [
        ("client.created", 1),
        ("client.updated", 2),
        ("client.updated", 3),
    ]
    assert events[1][1]["data"]["changed_fields"] == ["kind", "legal_name", "tax_id"]
    assert events[1][1]["data"]["valid_from"] == became_company.isoformat()


@pytest.mark.parametrize(
    ("change", "status"),
    [
        (
            {"legal_name": "Nueva S.L.", "valid_from": (TODAY + dt.timedelta(days=1)).isoformat()},
            422,
        ),
        (
            {"legal_name": "Nueva S.L.", "valid_from": (TODAY - dt.timedelta(days=10)).isoformat()},
            422,
        ),
        ({"tags": ["x"], "valid_from": TODAY.isoformat()}, 422),
        ({"kind": "self_employed"}, 422),  # a CIF cannot belong to a person
        ({"payment_terms": {"days": 75}}, 422),
        (
            {
                "fiscal_address": {
                    "street": "x",
                    "postal_code": "08001",
                    "city": "x",
                    "province": "Girona",
                }
            },
            422,
        ),
        ({"status": "archived"}, 422),
        ({"version": 9}, 422),
    ],
)
async def test_bad_changes_are_refused_and_change_nothing(api, owner, tenant, change, status):
    headers = as_tenant(tenant)
    client = (await api.post("/v1/clients", json=payload(), headers=headers)).json()
    answer = await api.patch(f"/v1/clients/{client['id']}", json=change, headers=headers)
    assert answer.status_code == status, answer.text
    assert (await api.get(f"/v1/clients/{client['id']}", headers=headers)).json()["version"] == 1
    assert await count_for_tenant(owner, tenant, "client_versions") == 1


async def test_similar_names_are_flagged_as_possible_duplicates(api, tenant):
    headers = as_tenant(tenant)
    first = (
        await api.post(
            "/v1/clients", json=payload(legal_name="Talleres Aranda S.L."), headers=headers
        )
    ).json()
    similar = (
        await api.post(
            "/v1/clients", json=payload(legal_name="TALLERES ARANDA, S.L.U."), headers=headers
        )
    ).json()
    unrelated = (
        await api.post(
            "/v1/clients", json=payload(legal_name="Hotel Malvarrosa S.A."), headers=headers
        )
    ).json()
    assert [d["id"] for d in similar["possible_duplicates"]] == [first["id"]]
    similarity = similar["possible_duplicates"][0]["similarity_fraction"]
    assert re.fullmatch(r"0\.\d{4}|1\.0000", similarity), similarity  # a fraction, four decimals
    assert Decimal(similarity) >= Decimal("0.45")
    assert unrelated["possible_duplicates"] == []


async def test_listing_searches_filters_and_pages_with_a_stable_cursor(api, tenant):
    headers = as_tenant(tenant)
    names = ["Alfa S.L.", "Beta S.A.", "Gamma S.L.", "Delta S.L.", "Épsilon S.L."]
    for n, name in enumerate(names):
        answer = await api.post(
            "/v1/clients",
            json=payload(legal_name=name, tags=["horeca"] if n % 2 else ["retail"]),
            headers=headers,
        )
        assert answer.status_code == 201
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await api.get("/v1/clients", params=params, headers=headers)).json()
        assert page["total"] == 5
        seen += [c["legal_name"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(names)
    newest = (
        await api.get("/v1/clients", params={"sort": "-created_at", "limit": 1}, headers=headers)
    ).json()
    assert newest["items"][0]["legal_name"] == "Épsilon S.L."
    found = (await api.get("/v1/clients", params={"q": "s.a."}, headers=headers)).json()
    assert [c["legal_name"] for c in found["items"]] == ["Beta S.A."]
    tagged = (await api.get("/v1/clients", params={"tag": "horeca"}, headers=headers)).json()
    assert [c["legal_name"] for c in tagged["items"]] == ["Beta S.A.", "Delta S.L."]
    wildcard = (await api.get("/v1/clients", params={"q": "%"}, headers=headers)).json()
    assert wildcard["total"] == 0  # LIKE wildcards in a search are literal characters


@pytest.mark.parametrize("cursor", ["garbage", "e30", "WyJsZWdhbF9uYW1lIl0"])
async def test_a_forged_cursor_is_refused(api, tenant, cursor):
    answer = await api.get("/v1/clients", params={"cursor": cursor}, headers=as_tenant(tenant))
    assert answer.status_code == 422


async def test_a_read_only_credential_cannot_write(api, tenant):
    read_only = as_tenant(tenant, scopes=("clients:read",))
    answer = await api.post("/v1/clients", json=payload(), headers=read_only)
    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/forbidden")
    assert (await api.get("/v1/clients", headers=read_only)).json()["total"] == 0


async def test_calls_without_an_identity_are_refused(api):
    assert (await api.get("/v1/clients")).status_code == 401
    forged = issue_internal_token(
        Identity(tenant_id=uuid.uuid4(), subject="x", scopes=frozenset({"*"})),
        "not-the-secret-but-long-enough-to-sign",
        service="clients",
    )
    answer = await api.get("/v1/clients", headers={INTERNAL_TOKEN_HEADER: forged})
    assert answer.status_code == 401


async def test_a_token_forged_with_the_former_default_secret_is_refused(api):
    """On main before this change, a token signed with the secret the code defaulted to read a
    tenant's clients, IBAN included, straight from the service's port."""
    forged = issue_internal_token(
        Identity(tenant_id=uuid.uuid4(), subject="x", scopes=frozenset({"*"})),
        "cartera-local-internal-secret-change-me",
        service="clients",
    )
    answer = await api.get("/v1/clients", headers={INTERNAL_TOKEN_HEADER: forged})
    assert answer.status_code == 401


async def test_a_token_meant_for_another_service_is_refused(api):
    """A token taken from a call to invoicing is no key to clients."""
    tenant_id = uuid.uuid4()
    for_invoicing = internal_headers(tenant_id, service="invoicing", scopes=("clients:*",))
    assert (await api.get("/v1/clients", headers=for_invoicing)).status_code == 401
    for_clients = internal_headers(tenant_id, service="clients", scopes=("clients:*",))
    assert (await api.get("/v1/clients", headers=for_clients)).status_code == 200


async def test_a_rotation_accepts_the_previous_secret_until_the_overlap_ends(
    owner_url, app_url, kafka_bootstrap
):
    """Tokens signed with the former secret (a gateway not yet rolled) keep working during the
    overlap; after it, only the new secret opens the door."""
    old, new = secrets.token_hex(32), secrets.token_hex(32)

    async def status_with(token_secret: str, until: dt.datetime) -> int:
        settings = ServiceSettings(
            **{
                **secret_settings(),
                "CARTERA_DATABASE_URL": owner_url,
                "CARTERA_DATABASE_APP_URL": app_url,
                "CARTERA_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
                "CARTERA_INTERNAL_SECRET": new,
                "CARTERA_INTERNAL_SECRET_PREVIOUS": old,
                "CARTERA_INTERNAL_SECRET_PREVIOUS_UNTIL": until.isoformat(),
            }
        )
        rotated = create_app(settings)
        headers = internal_headers(
            uuid.uuid4(), service="clients", scopes=("clients:read",), secret=token_secret
        )
        transport = httpx.ASGITransport(app=rotated)
        async with (
            rotated.router.lifespan_context(rotated),
            httpx.AsyncClient(transport=transport, base_url="http://c") as client,
        ):
            return (await client.get("/v1/clients", headers=headers)).status_code

    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    assert await status_with(old, later) == 200
    assert await status_with(new, later) == 200
    assert await status_with(old, earlier) == 401
    assert await status_with(new, earlier) == 200


# A public body's DIR3 codes (LCSP DA 32ª; Orden HAP/492/2014 DA 3ª): kept with the client, in
# its history and in its events, so that invoicing can name them at issue.
DIR3 = {
    "oficina_contable": "L01462444",
    "organo_gestor": "L01462444",
    "unidad_tramitadora": "LA0003456",
}


async def test_a_public_bodys_dir3_codes_are_kept_versioned_and_published(api, owner, tenant):
    headers = as_tenant(tenant)
    council = await api.post(
        "/v1/clients",
        json=payload(
            legal_name="Ajuntament de Burjassot",
            kind="public_administration",
            tax_id=random_cif("P"),
        ),
        headers=headers,
    )
    assert council.status_code == 201, council.text
    client_id = council.json()["id"]
    assert council.json()["dir3"] is None  # not required to exist; required to invoice
    bad = await api.patch(
        f"/v1/clients/{client_id}",
        json={"dir3": {**DIR3, "organo_gestor": "L0146"}},
        headers=headers,
    )
    assert bad.status_code == 422, bad.text
    assert ["body", "dir3", "organo_gestor"] in [e["loc"] for e in bad.json()["errors"]]
    lower = {k: v.lower() for k, v in DIR3.items()}
    added = await api.patch(f"/v1/clients/{client_id}", json={"dir3": lower}, headers=headers)
    assert added.status_code == 200, added.text
    assert added.json()["dir3"] == DIR3
    assert added.json()["version"] == 2
    read = await api.get(f"/v1/clients/{client_id}", headers=headers)
    assert read.json()["dir3"] == DIR3
    history = (await api.get(f"/v1/clients/{client_id}/history", headers=headers)).json()["items"]
    assert [v["state"].get("dir3") for v in history] == [None, DIR3]
    assert history[1]["changed_fields"] == ["dir3"]
    events = await events_of(owner, client_id)
    assert [e["data"].get("dir3") for _, e in events] == [None, DIR3]


async def test_dir3_codes_on_another_kind_of_client_are_refused(api, owner, tenant):
    refused = await api.post("/v1/clients", json=payload(dir3=DIR3), headers=as_tenant(tenant))
    assert refused.status_code == 422, refused.text
    assert "dir3" in refused.text
    assert await count_for_tenant(owner, tenant, "clients") == 0
