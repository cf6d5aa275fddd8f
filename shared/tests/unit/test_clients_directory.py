"""How a service reads a client from the clients service (as issuing does, for the state in force
on a day), including one older than the status header (during a rolling update the two versions
answer side by side)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from cartera_shared.clients_directory import CURRENT_STATUS_HEADER, ClientsDirectory
from cartera_shared.identity import INTERNAL_TOKEN_HEADER, InternalKeys, verify_internal_token
from cartera_shared.problems import ServiceUnavailable
from cartera_shared.testing import free_tcp_port, http_stub

KEYS = InternalKeys(current="current-" + uuid.uuid4().hex, previous="old-" + uuid.uuid4().hex)
TENANT = uuid.uuid4()
CLIENT = uuid.uuid4()
LAST_YEAR = dt.date(2025, 6, 30)


@asynccontextmanager
async def directory(
    handler, timeout: float = 5.0
) -> AsyncIterator[tuple[ClientsDirectory, list[httpx.Request]]]:
    """The directory, asking a clients service played by `handler` over HTTP; and what it was
    asked. `handler=None`: nothing listens where the clients service should be."""
    if handler is None:
        found = ClientsDirectory(
            f"http://127.0.0.1:{free_tcp_port()}", caller="invoicing", internal_keys=lambda: KEYS
        )
        yield found, []
        await found.close()
        return
    async with http_stub(handler) as stub:
        found = ClientsDirectory(
            f"{stub.url}/", caller="invoicing", internal_keys=lambda: KEYS, timeout=timeout
        )
        try:
            yield found, stub.asked
        finally:
            await found.close()


def client_state(status: str, name: str) -> dict:
    return {"id": str(CLIENT), "status": status, "legal_name": name}


async def test_one_call_gives_the_past_state_and_today_s_status():
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json=client_state("active", "Antigua S.L."),
            headers={CURRENT_STATUS_HEADER: "archived"},
        )

    async with directory(answer) as (clients, seen):
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

    async with directory(answer) as (clients, seen):
        state, status = await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR)
        # The state of the day asked for; the status of today, which the past state cannot tell.
        assert (state["legal_name"], status) == ("Antigua S.L.", "archived")
        assert len(seen) == 2


async def test_without_the_header_and_without_a_day_the_state_is_today_s():
    today = client_state("active", "Hoy")
    async with directory(lambda _: httpx.Response(200, json=today)) as (clients, seen):
        assert (await clients.state_and_status(TENANT, CLIENT))[1] == "active"
        assert len(seen) == 1


async def test_a_client_unknown_today_counts_as_archived_on_an_older_service():
    def answer(request: httpx.Request) -> httpx.Response:
        if "as_of" in request.url.params:
            return httpx.Response(200, json=client_state("active", "Antigua S.L."))
        return httpx.Response(404, json={"status": 404})

    async with directory(answer) as (clients, _):
        assert (await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR))[1] == "archived"


async def test_an_unknown_client_is_none():
    async with directory(lambda _: httpx.Response(404, json={"status": 404})) as (clients, _):
        assert await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR) is None


@pytest.mark.parametrize(
    "failure",
    [
        lambda _: httpx.Response(500, json={"status": 500}),
        lambda _: httpx.Response(401, json={"status": 401}),
        lambda _: httpx.Response(302, headers={"location": "http://elsewhere.example/"}),
        lambda _: httpx.Response(200, content=b"<html>busy</html>"),
        lambda _: httpx.Response(200, content=b"\xff\xfe not utf-8"),
        lambda _: httpx.Response(200, json=["not", "a", "client"]),
        None,  # nothing listens
    ],
    ids=["500", "401", "redirect", "not json", "not utf-8", "not an object", "no answer"],
)
async def test_a_clients_service_that_fails_is_a_retryable_error(failure):
    async with directory(failure) as (clients, _):
        with pytest.raises(ServiceUnavailable) as stopped:
            await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR)
        assert stopped.value.retry_after == 5
        assert stopped.value.status == 503
        assert "nothing was written" in stopped.value.detail


async def test_a_clients_service_slower_than_the_time_out_is_a_retryable_error():
    async def late(_: httpx.Request) -> httpx.Response:
        await asyncio.sleep(1)
        return httpx.Response(200, json=client_state("active", "Tarde S.L."))

    async with directory(late, timeout=0.3) as (clients, seen):
        with pytest.raises(ServiceUnavailable) as stopped:
            await clients.state_and_status(TENANT, CLIENT, as_of=LAST_YEAR)
        assert "did not answer" in stopped.value.detail
        assert len(seen) == 1  # asked once: the time-out is not sent again
