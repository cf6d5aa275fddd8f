"""A process told to stop (SIGTERM) stops gracefully, served for real on loopback: /ready says
503 at once, requests arriving during the drain are still answered, the request in hand when it
stops listening finishes with its answer, and only then does the process stop; a second signal
cuts the drain short."""

from __future__ import annotations

import asyncio
import signal
import time

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cartera_shared.server import DrainingServer, server_config

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(autouse=True)
def signals_kept_in_the_test():
    """uvicorn raises the signals it caught again once it has stopped (so that a process ends
    by them); here the signals are the test's own calls, which must not end pytest."""
    before = signal.signal(signal.SIGTERM, lambda *_: None)
    yield
    signal.signal(signal.SIGTERM, before)


class Service:
    """A stand-in with a readiness flag and a slow route."""

    def __init__(self) -> None:
        self.stopping = False
        self.app = Starlette(
            routes=[Route("/ready", self.ready), Route("/slow", self.slow), Route("/", self.fast)]
        )

    async def ready(self, request: Request) -> JSONResponse:
        return JSONResponse({"ready": not self.stopping}, status_code=503 if self.stopping else 200)

    async def slow(self, request: Request) -> JSONResponse:
        await asyncio.sleep(float(request.query_params["seconds"]))
        return JSONResponse({"done": True})

    async def fast(self, request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})


async def started(drain_seconds: float) -> tuple[Service, DrainingServer, asyncio.Task[None], str]:
    service = Service()
    config = server_config(service.app, host="127.0.0.1", port=0, idle_seconds=5, lifespan="off")
    config.timeout_graceful_shutdown = 10

    def stopping() -> None:
        service.stopping = True

    server = DrainingServer(config, drain_seconds=drain_seconds, on_stopping=stopping)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return service, server, task, f"http://127.0.0.1:{port}"


async def test_a_stop_drains_then_finishes_the_requests_in_hand():
    service, server, task, base = await started(drain_seconds=1.0)
    async with httpx.AsyncClient(base_url=base, timeout=20) as http:
        assert (await http.get("/ready")).status_code == 200
        # In hand across the whole stop: asked before the signal, answered after the drain.
        in_hand = asyncio.create_task(http.get("/slow", params={"seconds": 1.6}))
        await asyncio.sleep(0.2)

        signalled = time.monotonic()
        server.handle_exit(signal.SIGTERM, None)
        assert service.stopping
        ready = await http.get("/ready")
        assert ready.status_code == 503
        # Still listening and serving during the drain: what the load balancer sends late.
        async with httpx.AsyncClient(base_url=base, timeout=5) as late:
            assert (await late.get("/")).json() == {"ok": True}
        assert not task.done()

        answer = await in_hand
        assert answer.status_code == 200
        assert answer.json() == {"done": True}
        await asyncio.wait_for(task, timeout=15)
        assert time.monotonic() - signalled >= 1.0
    # Gone: nothing listens any more.
    async with httpx.AsyncClient(base_url=base, timeout=2) as after:
        with pytest.raises(httpx.ConnectError):
            await after.get("/")


async def test_a_second_signal_cuts_the_drain_short():
    service, server, task, _ = await started(drain_seconds=30.0)
    server.handle_exit(signal.SIGTERM, None)
    assert service.stopping
    await asyncio.sleep(0.2)
    assert not task.done()
    began = time.monotonic()
    server.handle_exit(signal.SIGTERM, None)
    await asyncio.wait_for(task, timeout=10)
    assert time.monotonic() - began < 5


async def test_without_a_drain_the_stop_is_uvicorns_at_once():
    service, server, task, _ = await started(drain_seconds=0)
    server.handle_exit(signal.SIGTERM, None)
    assert service.stopping
    await asyncio.wait_for(task, timeout=10)
