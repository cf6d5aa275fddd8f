"""A tenant's plan and request rate, set by the operator on the real database: the rate binds
all the tenant's credentials (keys and sessions) at once on this replica, other tenants keep the
default, null goes back to it; only the operator's token opens these routes, and bad values are
refused without changing anything."""

import uuid

import pytest

from cartera_gateway.main import create_app
from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import clear_of_a_minute_boundary, secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
DEFAULT_PER_MINUTE = 4
PASSWORD = "Sierra-Nevada-2026!"


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    settings = GatewaySettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_GATEWAY_RATE_LIMIT_TENANT=f"{DEFAULT_PER_MINUTE}/minute",
        CARTERA_GATEWAY_SIGN_IN_RATE_LIMIT="1000/minute",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def new_tenant(api, **body):
    answer = await api.post("/v1/admin/tenants", json=body, headers=ADMIN)
    assert answer.status_code == 201, answer.text
    made = answer.json()
    return made["tenant_id"], {"Authorization": f"Bearer {made['api_key']}"}


async def served(api, headers, times, path="/v1/api-keys"):
    """How many of `times` calls were answered before the first 429 (which must come with its
    Retry-After and the limit that was reached), all in one minute."""
    await clear_of_a_minute_boundary()
    for n in range(times):
        answer = await api.get(path, headers=headers)
        if answer.status_code == 429:
            assert 1 <= int(answer.headers["Retry-After"]) <= 60
            return n, answer.json()["limit"]
        assert answer.status_code == 200, answer.text
    return times, None


async def terms(api, tenant_id, **body):
    answer = await api.patch(f"/v1/admin/tenants/{tenant_id}", json=body, headers=ADMIN)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def test_a_tenants_own_rate_binds_all_its_credentials_and_no_one_elses(api):
    big, big_key = await new_tenant(api, name="Distribuciones Grandes S.A.")
    small, small_key = await new_tenant(api, name="Kiosco Pequeño")

    shown = (await api.get(f"/v1/admin/tenants/{big}", headers=ADMIN)).json()
    assert shown == {
        "tenant_id": big,
        "name": "Distribuciones Grandes S.A.",
        "status": "active",
        "plan": "standard",
        "rate_limit_per_minute": None,
        "effective_rate_limit_per_minute": DEFAULT_PER_MINUTE,
    }
    assert await served(api, big_key, 10) == (DEFAULT_PER_MINUTE, "4 per 1 minute")

    # The contract grows: at once, with the key this replica had just remembered.
    assert await terms(api, big, plan="scale", rate_limit_per_minute=9) == shown | {
        "plan": "scale",
        "rate_limit_per_minute": 9,
        "effective_rate_limit_per_minute": 9,
    }
    assert await served(api, big_key, 20) == (9, "9 per 1 minute")
    assert await served(api, small_key, 10) == (DEFAULT_PER_MINUTE, "4 per 1 minute")

    # Only what is sent changes; null goes back to the default.
    assert (await terms(api, big, plan="enterprise"))["rate_limit_per_minute"] == 9
    back = await terms(api, big, rate_limit_per_minute=None)
    assert (back["plan"], back["rate_limit_per_minute"]) == ("enterprise", None)
    assert back["effective_rate_limit_per_minute"] == DEFAULT_PER_MINUTE
    assert (await terms(api, small))["plan"] == "standard"  # an empty change changes nothing


async def test_a_persons_session_counts_against_the_tenants_rate(api):
    email = f"ana-{uuid.uuid4().hex[:8]}@panaderia.es"
    tenant, _ = await new_tenant(
        api, name="Panadería Mar", owner={"email": email, "name": "Ana", "password": PASSWORD}
    )
    await terms(api, tenant, rate_limit_per_minute=6)
    signed = await api.post(
        "/v1/auth/sign-in", json={"email": email, "password": PASSWORD, "session": "token"}
    )
    assert signed.status_code == 200, signed.text
    session = {"Authorization": f"Bearer {signed.json()['token']}"}
    assert await served(api, session, 10, path="/v1/auth/me") == (6, "6 per 1 minute")


@pytest.mark.parametrize(
    "body",
    [
        {"rate_limit_per_minute": 0},
        {"rate_limit_per_minute": -5},
        {"rate_limit_per_minute": 1_000_001},
        {"rate_limit_per_minute": "lots"},
        {"rate_limit_per_minute": 1.5},
        {"plan": "Gold Plan!"},
        {"plan": ""},
        {"plan": "x" * 31},
        {"plan": None},
        {"plan": "scale", "status": "suspended"},
        ["plan", "scale"],
    ],
)
async def test_bad_terms_are_refused_and_change_nothing(api, body):
    tenant, _ = await new_tenant(api)
    before = (await api.get(f"/v1/admin/tenants/{tenant}", headers=ADMIN)).json()
    refused = await api.patch(f"/v1/admin/tenants/{tenant}", json=body, headers=ADMIN)
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert (await api.get(f"/v1/admin/tenants/{tenant}", headers=ADMIN)).json() == before


async def test_only_the_operator_sees_or_changes_a_tenants_terms(api):
    tenant, key = await new_tenant(api)
    path = f"/v1/admin/tenants/{tenant}"
    change = {"rate_limit_per_minute": 1_000_000}
    for headers in ({}, key, {"Authorization": "Bearer not-the-operator"}):
        assert (await api.get(path, headers=headers)).status_code == 401
        assert (await api.patch(path, json=change, headers=headers)).status_code == 401
    assert (await api.get(path, headers=ADMIN)).json()["rate_limit_per_minute"] is None

    unknown = f"/v1/admin/tenants/{uuid.uuid4()}"
    assert (await api.get(unknown, headers=ADMIN)).status_code == 404
    assert (await api.patch(unknown, json=change, headers=ADMIN)).status_code == 404
    malformed = await api.get("/v1/admin/tenants/not-a-uuid", headers=ADMIN)
    assert malformed.status_code == 422
    assert [e["loc"] for e in malformed.json()["errors"]] == [["path", "tenant_id"]]
