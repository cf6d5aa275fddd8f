"""How a service reads a client from the clients service (as issuing does, for the state in force
on a day), including one older than the status header (during a rolling update the two versions
answer side by side)."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
import pytest

from cartera_shared.clients_directory import CURRENT_STATUS_HEADER, ClientsDirectory
from cartera_shared.identity import INTERNAL_TOKEN_HEADER, InternalKeys, verify_internal_token
from cartera_shared.problems import ServiceUnavailable

KEYS = InternalKeys(current="current-" + uuid.uuid4().hex, previous="old-" + uuid.uuid4().hex)
TENANT = uuid.uuid4()
CLIENT = uuid.uuid4()
LAST_YEAR = dt.date(2025, 6, 30)


def directory(handler) -> tuple[ClientsDirectory, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    found = ClientsDirectory(
        "http://clients.internal/", caller="invoicing", internal_keys=lambda: KEYS
    )
    found.source.http = httpx.AsyncClient(transport=httpx.MockTransport(record))
    return found, seen


def client_state(status: str, name: str) -> dict:
    return {"id": str(CLIENT), "status": status, "legal_name": name}


async def test_one_call_gives_the_past_state_and_today_s_status():
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json=client_state("active", "Antigua S.L."),
            headers={CURRENT_STATUS_HEADER: "archived"},
        )

    clients, seen = directory(answer)
    state, status = await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR)
    assert (state["legal_name"], status) == ("Antigua S.L.", "archived")
    [request] = seen
    assert request.url.path == f"/v1/clients/{CLIENT}"
    assert request.url.params["as_of"] == "2025-06-30"
    # Made for the clients service alone, as this service, with the one scope it needs, signed
    # with the key the service signs with now (never the previous one).
    identity = verify_internal_token(
        request.headers[INTERNAL_TOKEN_HEADER], KEYS.current, service="clients"
    )
    assert identity.tenant_id == TENANT
    assert identity.subject == "service:invoicing"
    assert identity.scopes == frozenset({"clients:read"})


async def test_a_clients_service_without_the_header_is_asked_for_today_as_well():
    def answer(request: httpx.Request) -> httpx.Response:
        if "as_of" in request.url.params:
            return httpx.Response(200, json=client_state("active", "Antigua S.L."))
        return httpx.Response(200, json=client_state("archived", "Nueva S.L."))

    clients, seen = directory(answer)
    state, status = await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR)
    # The state of the day asked for; the status of today, which the past state cannot tell.
    assert (state["legal_name"], status) == ("Antigua S.L.", "archived")
    assert len(seen) == 2


async def test_without_the_header_and_without_a_day_the_state_is_today_s():
    clients, seen = directory(lambda _: httpx.Response(200, json=client_state("active", "Hoy")))
    assert (await clients.state_and_status(TENANT, CLIENT))[1] == "active"
    assert len(seen) == 1


async def test_a_client_unknown_today_counts_as_archived_on_an_older_service():
    def answer(request: httpx.Request) -> httpx.Response:
        if "as_of" in request.url.params:
            return httpx.Response(200, json=client_state("active", "Antigua S.L."))
        return httpx.Response(404, json={"status": 404})

    clients, _ = directory(answer)
    assert (await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR))[1] == "archived"


async def test_an_unknown_client_is_none():
    clients, _ = directory(lambda _: httpx.Response(404, json={"status": 404}))
    assert await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR) is None


def refuse_connection(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


@pytest.mark.parametrize(
    "failure",
    [
        lambda _: httpx.Response(500, json={"status": 500}),
        lambda _: httpx.Response(401, json={"status": 401}),
        refuse_connection,
    ],
)
async def test_a_clients_service_that_fails_is_a_retryable_error(failure):
    clients, _ = directory(failure)
    with pytest.raises(ServiceUnavailable) as stopped:
        await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR)
    assert stopped.value.retry_after == 5
    assert stopped.value.status == 503
    assert "nothing was written" in stopped.value.detail
