"""Every route of the published API, tried with no credential, a revoked key, an expired key and
a key lacking the route's scope: none of them gets through, and none gets a 5xx."""

import asyncio
import datetime as dt
import re
import uuid

import httpx
import pytest

from .helpers import assert_problem, client_payload, eventually

# Routes anybody may call, or that only check who is calling (not what it may do).
# Accepting an invitation carries its one-time token: a person new to Cartera has no credential
# yet (one who has sends their session; an API key is refused).
PUBLIC = {
    ("post", "/v1/auth/sign-in"),
    ("post", "/v1/auth/password-reset"),
    ("post", "/v1/auth/invitation"),
}
# Signed by the tenant's inbound secret (checked by crm), or carrying their own one-time token.
PUBLIC_PREFIXES = ("/v1/inbound/", "/v1/public/")
ANY_CREDENTIAL = {("get", "/v1/auth/me"), ("post", "/v1/auth/sign-out")}
OPERATOR_ONLY = {
    ("post", "/v1/admin/tenants"),
    ("get", "/v1/admin/tenants/{tenant_id}"),
    ("patch", "/v1/admin/tenants/{tenant_id}"),
}
IBAN = "ES9121000418450200051332"


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)


async def operations(http):
    document = (await http.get("/v1/openapi.json")).json()
    assert "x-unavailable-services" not in document
    found = [
        (method, path)
        for path, item in document["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]
    assert len(found) > 60  # the whole API, not a part of it
    return found


async def call(http, method, path, headers):
    return await http.request(method.upper(), concrete(path), headers=headers, json={})


@pytest.mark.timeout(300)
async def test_no_route_lets_in_a_caller_without_a_valid_credential(tenant, http):
    expired = await tenant.client.post(
        "/v1/api-keys",
        json={
            "name": "short",
            "scopes": ["*"],
            "expires_at": (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)).isoformat(),
        },
    )
    revoked = (
        await tenant.client.post("/v1/api-keys", json={"name": "gone", "scopes": ["*"]})
    ).json()
    assert (await tenant.client.delete(f"/v1/api-keys/{revoked['id']}")).status_code == 204
    await asyncio.sleep(1.2)
    credentials = {
        "none": {},
        "garbage": {"Authorization": "Bearer ck_0000_0000"},
        "revoked": {"Authorization": f"Bearer {revoked['api_key']}"},
        "expired": {"Authorization": f"Bearer {expired.json()['api_key']}"},
    }
    let_in = []
    for method, path in await operations(http):
        if (method, path) in PUBLIC or path.startswith(PUBLIC_PREFIXES):
            continue
        for name, headers in credentials.items():
            answer = await call(http, method, path, headers)
            if answer.status_code != 401:
                let_in.append((name, method, path, answer.status_code))
    assert let_in == []


@pytest.mark.timeout(300)
async def test_no_route_serves_a_key_that_lacks_its_scope(tenant, http):
    # The narrowest key there is: it may only read webhook subscriptions.
    narrow = (
        await tenant.client.post("/v1/api-keys", json={"name": "n", "scopes": ["webhooks:read"]})
    ).json()
    headers = {"Authorization": f"Bearer {narrow['api_key']}"}
    served = []
    for method, path in await operations(http):
        if (method, path) in PUBLIC | ANY_CREDENTIAL | OPERATOR_ONLY:
            continue
        if path.startswith(PUBLIC_PREFIXES):
            continue
        if path.startswith("/v1/webhooks") and method == "get":
            continue
        answer = await call(http, method, path, headers)
        if answer.status_code != 403:
            served.append((method, path, answer.status_code))
    assert served == []


async def test_no_path_climbs_from_a_published_route_to_an_unpublished_one(stack, tenant, http):
    """A key that may only read webhooks once read a whole client (e-mail, IBAN) through
    /v1/invoices/..%2Fclient-replicas%2F{id}; services' /metrics and /ready were as close."""
    created = await tenant.client.post(
        "/v1/clients", json=client_payload(bank_accounts=[{"iban": IBAN}])
    )
    assert created.status_code == 201, created.text
    client_id = created.json()["id"]
    await eventually(
        lambda: _replica_held(stack, tenant.id, client_id), timeout=30
    )  # the hole needs a replica to leak
    narrow = (
        await tenant.client.post("/v1/api-keys", json={"name": "n", "scopes": ["webhooks:read"]})
    ).json()
    credentials = {
        "narrow": {"Authorization": f"Bearer {narrow['api_key']}"},
        "owner": {"Authorization": f"Bearer {tenant.api_key}"},
        "none": {},
    }
    climbs = [
        f"/v1/invoices/..%2Fclient-replicas%2F{client_id}",
        f"/v1/invoices/..%2fclient-replicas%2f{client_id}",
        f"/v1/invoices/%2E%2E%2Fclient-replicas%2F{client_id}",
        f"/v1/invoices/..%252Fclient-replicas%252F{client_id}",
        f"/v1/invoices/..%5Cclient-replicas%5C{client_id}",
        f"/v1/collections/..%2F..%2Fv1%2Fclient-replicas%2F{client_id}",
        "/v1/invoices/..%2F..%2Fmetrics",
        "/v1/invoices/..%2F..%2Fready",
        "/v1/analytics/..%2F..%2Fmetrics",
        "/v1/clients/%2E%2E/%2E%2E/ready",
        "/v1/clients//",
    ]
    unpublished = [f"/v1/client-replicas/{client_id}", "/v1/metrics", "/v1/ready"]
    leaked = []
    for name, headers in credentials.items():
        for path in climbs + unpublished:
            answer = await http.get(httpx.URL(f"{stack.gateway}{path}"), headers=headers)
            expected = 404 if path in unpublished else 400
            if answer.status_code != expected or IBAN in answer.text:
                leaked.append((name, path, answer.status_code, answer.text[:200]))
            elif expected == 400:
                assert_problem(answer, 400)
    assert leaked == []
    # The route the climb reached needs the clients' scope even when called directly.
    direct = await http.get(
        f"{stack.urls['invoicing']}/v1/client-replicas/{client_id}",
        headers=stack.internal_headers("invoicing", tenant.id, scopes=("webhooks:read",)),
    )
    assert_problem(direct, 403)
    allowed = await http.get(
        f"{stack.urls['invoicing']}/v1/client-replicas/{client_id}",
        headers=stack.internal_headers("invoicing", tenant.id, scopes=("clients:read",)),
    )
    assert allowed.status_code == 200
    # The replicas view through the gateway is what a narrow key may not read either.
    replicas = await http.get(f"/v1/clients/{client_id}/replicas", headers=credentials["narrow"])
    assert_problem(replicas, 403)


async def _replica_held(stack, tenant_id, client_id) -> bool:
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.get(
            f"{stack.urls['invoicing']}/v1/client-replicas/{client_id}",
            headers=stack.internal_headers("invoicing", tenant_id),
        )
    return answer.status_code == 200
