"""A process told to stop (SIGTERM) stops gracefully, served for real on loopback: /ready says
503 at once, requests arriving during the drain are still answered, the request in hand when it
stops listening finishes with its answer, and only then does the process stop; a second signal
cuts the drain short. Answers given during the drain close their connection; two instances on a
shared port hand over without a failed request, the newer taking every new connection."""

from __future__ import annotations

import asyncio
import signal
import socket
import time

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from cartera_shared.server import DrainingServer, server_config, shared_listener

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(autouse=True)
def signals_kept_in_the_test():
    """uvicorn raises the signals it caught again once it has stopped (so that a process ends
    by them); here the signals are the test's own calls, which must not end pytest."""
    before = signal.signal(signal.SIGTERM, lambda *_: None)
    yield
    signal.signal(signal.SIGTERM, before)


class Service:
    """A stand-in with a readiness flag, a slow route and a route that names the instance."""

    def __init__(self, name: str = "") -> None:
        self.name = name
        self.stopping = False
        self.app = Starlette(
            routes=[
                Route("/ready", self.ready),
                Route("/slow", self.slow),
                Route("/who", self.who, methods=["POST"]),
                Route("/", self.fast),
            ]
        )

    async def who(self, request: Request) -> JSONResponse:
        return JSONResponse({"name": self.name, "body": (await request.body()).decode()})

    async def ready(self, request: Request) -> JSONResponse:
        return JSONResponse({"ready": not self.stopping}, status_code=503 if self.stopping else 200)

    async def slow(self, request: Request) -> JSONResponse:
        await asyncio.sleep(float(request.query_params["seconds"]))
        return JSONResponse({"done": True})

    async def fast(self, request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})


async def started(
    drain_seconds: float, *, name: str = "", shared_port: int | None = None
) -> tuple[Service, DrainingServer, asyncio.Task[None], str]:
    service = Service(name)
    config = server_config(
        service.app, host="127.0.0.1", port=shared_port or 0, idle_seconds=5, lifespan="off"
    )
    config.timeout_graceful_shutdown = 10

    def stopping() -> None:
        service.stopping = True

    server = DrainingServer(config, drain_seconds=drain_seconds, on_stopping=stopping)
    sockets = None
    if shared_port is not None:
        server.shares_port = True  # as serve() does with CARTERA_REUSE_PORT set
        sockets = [shared_listener("127.0.0.1", shared_port)]
    task = asyncio.create_task(server.serve(sockets))
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


async def test_answers_during_the_drain_close_their_connection():
    _, server, task, base = await started(drain_seconds=1.0)
    async with httpx.AsyncClient(base_url=base, timeout=5) as http:
        before = await http.get("/")
        assert before.headers.get("connection") != "close"
        server.handle_exit(signal.SIGTERM, None)
        during = await http.get("/")
        assert during.status_code == 200
        assert during.headers["connection"] == "close"
    await asyncio.wait_for(task, timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_an_instance_replaced_on_its_shared_port_fails_no_request():
    """The rolling restart of `stack.py roll`, in one process: a second instance starts on the
    old one's port, the old one is stopped with a drain, and a caller sending requests on new
    and kept-alive connections all along (POSTs with a body, which nobody may send twice) gets
    every answer; from the moment the new instance listens, new connections are all its own."""
    port = free_port()
    _, old, old_task, base = await started(drain_seconds=0.8, name="old", shared_port=port)
    answers: list[str] = []
    failures: list[str] = []
    stop = asyncio.Event()

    async def caller(keep_alive: bool) -> None:
        # Idle connections let go sooner than the drain lasts, as the gateway's pool does.
        limits = httpx.Limits(
            max_keepalive_connections=4 if keep_alive else 0, keepalive_expiry=0.5
        )
        async with httpx.AsyncClient(base_url=base, timeout=10, limits=limits) as http:
            sent = 0
            while not stop.is_set():
                sent += 1
                try:
                    answer = await http.post("/who", content=f"{sent}")
                    assert answer.json()["body"] == f"{sent}"
                    answers.append(answer.json()["name"])
                except (httpx.HTTPError, AssertionError) as exc:
                    failures.append(repr(exc))
                await asyncio.sleep(0.002)

    callers = [asyncio.create_task(caller(keep_alive)) for keep_alive in (True, False, True)]
    await asyncio.sleep(0.3)
    assert set(answers) == {"old"}

    _, new, new_task, _ = await started(drain_seconds=0, name="new", shared_port=port)
    await asyncio.sleep(0.1)
    async with httpx.AsyncClient(base_url=base, timeout=5) as fresh:
        named = {(await fresh.post("/who", headers={"connection": "close"})).json()["name"]
                 for _ in range(20)}  # fmt: skip
    assert named == {"new"}, "new connections go to the newer instance"

    old.handle_exit(signal.SIGTERM, None)
    await asyncio.wait_for(old_task, timeout=10)
    handed_over = len(answers)
    await asyncio.sleep(0.3)
    stop.set()
    await asyncio.gather(*callers)
    assert failures == []
    assert set(answers[handed_over:]) == {"new"}
    assert len(answers) > handed_over + 10, "the callers went on being answered after the stop"
    new.handle_exit(signal.SIGTERM, None)
    await asyncio.wait_for(new_task, timeout=10)
