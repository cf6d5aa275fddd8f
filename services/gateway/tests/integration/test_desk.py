"""GET /v1/desk on the real gateway database, against stand-in services on loopback that answer
by the tenant of the internal token each call carries: a line holds its own tenant's figures
only, a service that fails or is slow for one business leaves that part null and named (the
desk still answers 200, within the per-call bound), and only businesses whose role holds
`desk:read` are shown."""

import asyncio
import time
import uuid

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cartera_gateway.desk import service as desk_service
from cartera_gateway.main import create_app
from cartera_gateway.scopes import ROLES
from cartera_gateway.settings import GatewaySettings
from cartera_shared.identity import INTERNAL_TOKEN_HEADER, verify_internal_token
from cartera_shared.testing import secret_settings, serving

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
PASSWORD = "Sierra-Nevada-2026!"

# What each stand-in service answers, by tenant id (filled by the test), and who asked.
ANSWERS: dict[str, dict[str, object]] = {}
CALLS: list[tuple[str, str, str, frozenset[str]]] = []
SLOW = "slow"
# A slow part answers far past the desk's bound for a call (set to BOUND_SECONDS in the test): the
# desk's answer coming well before it proves the bound, with room for a loaded machine.
SLOW_SECONDS = 12
BOUND_SECONDS = 2.0


def stand_in(service, keys):
    async def answer(request: Request):
        identity = verify_internal_token(
            request.headers[INTERNAL_TOKEN_HEADER], keys, service=service
        )
        tenant = str(identity.tenant_id)
        CALLS.append((service, request.url.path, tenant, identity.scopes))
        found = ANSWERS.get(tenant, {}).get(request.url.path)
        if found == SLOW:
            await asyncio.sleep(SLOW_SECONDS)
        if found is None or found == SLOW:
            return JSONResponse({"detail": "no"}, status_code=500)
        if isinstance(found, int):
            return JSONResponse({"detail": "status"}, status_code=found)
        return JSONResponse(found)

    paths = {
        "invoicing": ["/v1/verifactu/summary", "/v1/issuer/certificate"],
        "collections": [
            "/v1/collections/aging",
            "/v1/collections/bank-statement-lines",
            "/v1/collections/returned-debits",
        ],
        "analytics": ["/v1/analytics/tax-summary", "/v1/analytics/modelo-347"],
    }[service]
    return Starlette(routes=[Route(p, answer) for p in paths])


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    base = {
        **secret_settings(),
        "CARTERA_DATABASE_URL": owner_url,
        "CARTERA_DATABASE_APP_URL": app_url,
        "CARTERA_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "CARTERA_GATEWAY_SIGN_IN_RATE_LIMIT": "1000/minute",
    }
    keys = GatewaySettings(**base).internal_keys()
    async with (
        serving(stand_in("invoicing", keys), idle_seconds=5) as invoicing,
        serving(stand_in("collections", keys), idle_seconds=5) as collections,
        serving(stand_in("analytics", keys), idle_seconds=5) as analytics,
    ):
        application = create_app(
            GatewaySettings(
                **base,
                CARTERA_INVOICING_URL=f"http://127.0.0.1:{invoicing}",
                CARTERA_COLLECTIONS_URL=f"http://127.0.0.1:{collections}",
                CARTERA_ANALYTICS_URL=f"http://127.0.0.1:{analytics}",
            )
        )
        async with application.router.lifespan_context(application):
            yield application


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


async def new_company(api, name):
    email = f"duena-{uuid.uuid4().hex[:8]}@empresa.es"
    answer = await api.post(
        "/v1/admin/tenants",
        json={"name": name, "owner": {"email": email, "name": "Dueña", "password": PASSWORD}},
        headers=ADMIN,
    )
    assert answer.status_code == 201, answer.text
    owner = await api.post(
        "/v1/auth/sign-in", json={"email": email, "password": PASSWORD, "session": "token"}
    )
    return {
        "tenant_id": answer.json()["tenant_id"],
        "key": bearer(answer.json()["api_key"]),
        "owner": bearer(owner.json()["token"]),
    }


async def join(api, company, session, email, role="accountant"):
    invited = await api.post(
        "/v1/members", json={"email": email, "role": role}, headers=company["owner"]
    )
    assert invited.status_code == 201, invited.text
    accepted = await api.post(
        "/v1/auth/invitation",
        json={"token": invited.json()["invitation_token"]},
        headers=session,
    )
    assert accepted.status_code == 200, accepted.text


def figures(
    rejected,
    waiting,
    overdue_client,
    tax_base,
    missing_tax_id,
    unmatched,
    returned=0,
    sending_blocked=None,
):
    return {
        "/v1/verifactu/summary": {
            "rejected": rejected,
            "waiting": waiting,
            "accepted_with_errors": 0,
            "sending_blocked": sending_blocked,
        },
        "/v1/collections/aging": {
            "as_of": "2026-12-07",
            "clients": [
                {
                    "client_id": str(uuid.uuid4()),
                    "legal_name": "Cliente",
                    "current": "100.00",
                    "1-30": overdue_client,
                    "31-60": "0.00",
                    "61-90": "0.00",
                    "over_90": "10.00",
                },
                {
                    "client_id": str(uuid.uuid4()),
                    "legal_name": "Al día",
                    "current": "50.00",
                    "1-30": "0.00",
                    "31-60": "0.00",
                    "61-90": "0.00",
                    "over_90": "0.00",
                },
            ],
            "total": {
                "current": "150.00",
                "1-30": overdue_client,
                "31-60": "0.00",
                "61-90": "0.00",
                "over_90": "10.00",
            },
        },
        "/v1/analytics/tax-summary": {
            "year": 2026,
            "quarter": 4,
            "taxable_base_total": tax_base,
            "vat_total": "21.00",
            "surcharge_total": "0.00",
            "irpf_withheld_total": "15.00",
        },
        "/v1/analytics/modelo-347": {
            "year": 2026,
            "items": [{"tax_id": "B12345674"}] + [{"tax_id": ""}] * missing_tax_id,
        },
        "/v1/collections/bank-statement-lines": {"items": [{}] * unmatched},
        "/v1/collections/returned-debits": {"items": [{}] * returned, "next_cursor": None},
        "/v1/issuer/certificate": 404,
    }


async def test_each_business_has_its_own_line_and_a_failing_part_is_only_that_part(
    api, monkeypatch
):
    monkeypatch.setattr(desk_service, "CALL_SECONDS", BOUND_SECONDS)
    gestoria = await new_company(api, "C Gestoría")
    sol = await new_company(api, "A Ferretería Sol")
    mar = await new_company(api, "B Panadería Mar")
    lectura = await new_company(api, "D Solo lectura")
    stranger = await new_company(api, "E Ajena")
    email = f"lucia-{uuid.uuid4().hex[:8]}@gestoria.es"
    made = await api.post(
        "/v1/users",
        json={"email": email, "name": "Lucía", "role": "accountant", "password": PASSWORD},
        headers=gestoria["key"],
    )
    assert made.status_code == 201, made.text
    signed = await api.post(
        "/v1/auth/sign-in", json={"email": email, "password": PASSWORD, "session": "token"}
    )
    lucia = bearer(signed.json()["token"])
    await join(api, sol, lucia, email)
    await join(api, mar, lucia, email)
    await join(api, lectura, lucia, email, role="read_only")

    ANSWERS[sol["tenant_id"]] = figures(2, 1, "1000.00", "100.00", 1, 3, returned=2)
    ANSWERS[mar["tenant_id"]] = figures(
        0, 4, "5.00", "200.00", 0, 0, sending_blocked="no_valid_certificate"
    ) | {
        "/v1/analytics/tax-summary": 503,
        "/v1/analytics/modelo-347": SLOW,
    }
    # Nothing waits: that submission is off says nothing needs a person.
    ANSWERS[gestoria["tenant_id"]] = figures(
        0, 0, "0.00", "0.00", 0, 0, sending_blocked="submission_off"
    )
    ANSWERS[stranger["tenant_id"]] = figures(9, 9, "9999.00", "9999.00", 9, 9)
    CALLS.clear()

    started = time.monotonic()
    answer = await api.get("/v1/desk", headers=lucia)
    elapsed = time.monotonic() - started
    assert answer.status_code == 200, answer.text
    assert elapsed < SLOW_SECONDS - 3, elapsed  # the slow part waited its bound, not its 12 s
    desk = answer.json()
    lines = {line["tenant_id"]: line for line in desk["lines"]}
    # Read-only there: not on the desk; a stranger's business never.
    assert list(lines) == [sol["tenant_id"], mar["tenant_id"], gestoria["tenant_id"]]
    assert [line["name"] for line in desk["lines"]] == [
        "A Ferretería Sol",
        "B Panadería Mar",
        "C Gestoría",
    ]

    first = lines[sol["tenant_id"]]
    assert first["role"] == "accountant"
    assert first["verifactu"] == {"rejected": 2, "waiting": 1, "sending_blocked": None}
    assert first["overdue"] == {"clients": 1, "amount": "1010.00"}
    assert first["tax"]["taxable_base_total"] == "100.00"
    assert first["tax"]["irpf_withheld_total"] == "15.00"
    assert (first["tax"]["year"], first["tax"]["quarter"]) == (desk["year"], desk["quarter"])
    assert first["modelo_347"]["declarable"] == 2
    assert first["modelo_347"]["missing_tax_id"] == 1
    assert first["needs_human"] == [
        {"reason": "bank_lines_unmatched", "count": 3},
        {"reason": "direct_debits_returned", "count": 2},
        {"reason": "modelo_347_missing_tax_id", "count": 1},
        {"reason": "verifactu_rejected", "count": 2},
    ]
    assert first["unavailable"] == []

    second = lines[mar["tenant_id"]]
    assert second["verifactu"] == {
        "rejected": 0,
        "waiting": 4,
        "sending_blocked": "no_valid_certificate",
    }
    assert second["overdue"] == {"clients": 1, "amount": "15.00"}
    assert second["tax"]["vat_total"] is None
    assert second["modelo_347"]["declarable"] is None
    assert second["unavailable"] == ["modelo_347", "tax"]
    # The four waiting records wait for a certificate, not for the AEAT: a person must act.
    assert second["needs_human"] == [{"reason": "verifactu_no_valid_certificate", "count": 4}]
    third = lines[gestoria["tenant_id"]]
    assert third["verifactu"]["sending_blocked"] == "submission_off"
    assert third["needs_human"] == []

    # Every call carried the tenant of the line it filled, with the role's scopes there; no
    # certificate was asked for (an accountant lacks certificates:read).
    asked = {tenant for _, _, tenant, _ in CALLS}
    assert asked == {sol["tenant_id"], mar["tenant_id"], gestoria["tenant_id"]}
    assert all(scopes == ROLES["accountant"] for *_, scopes in CALLS)
    assert not any(path == "/v1/issuer/certificate" for _, path, _, _ in CALLS)

    # An owner's key sees its own business only, certificate included.
    CALLS.clear()
    ANSWERS[stranger["tenant_id"]]["/v1/issuer/certificate"] = {
        "days_to_expiry": 10,
        "usable": True,
    }
    own = (await api.get("/v1/desk", headers=stranger["key"])).json()
    assert [line["tenant_id"] for line in own["lines"]] == [stranger["tenant_id"]]
    assert own["lines"][0]["role"] is None
    assert {"reason": "certificate_expiring", "count": 1} in own["lines"][0]["needs_human"]
    assert {tenant for _, _, tenant, _ in CALLS} == {stranger["tenant_id"]}

    # A credential without desk:read is refused; so is a read-only person.
    key = await api.post(
        "/v1/api-keys", json={"name": "k", "scopes": ["invoices:read"]}, headers=sol["key"]
    )
    refused = await api.get("/v1/desk", headers=bearer(key.json()["api_key"]))
    assert refused.status_code == 403
    switched = await api.post(
        "/v1/auth/switch", json={"tenant_id": lectura["tenant_id"]}, headers=lucia
    )
    assert switched.status_code == 200, switched.text
    reader = bearer(switched.json()["token"])
    assert (await api.get("/v1/desk", headers=reader)).status_code == 403
