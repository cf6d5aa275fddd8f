"""Every route of the published API, tried with no credential, a revoked key, an expired key and
a key lacking the route's scope: none of them gets through, and none gets a 5xx."""

import asyncio
import datetime as dt
import re
import uuid

import pytest

# Routes anybody may call, or that only check who is calling (not what it may do).
PUBLIC = {("post", "/v1/auth/sign-in"), ("post", "/v1/auth/password-reset")}
# Signed by the tenant's inbound secret (checked by crm), or carrying their own one-time token.
PUBLIC_PREFIXES = ("/v1/inbound/", "/v1/public/")
ANY_CREDENTIAL = {("get", "/v1/auth/me"), ("post", "/v1/auth/sign-out")}
OPERATOR_ONLY = {("post", "/v1/admin/tenants")}


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
