"""The body guard: 413 past the route's limit, 408 for a body that does not keep coming."""

from __future__ import annotations

import asyncio
import json

from fastapi import FastAPI
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cartera_gateway.body_guard import BodyGuard
from cartera_shared.request_context import RequestContextMiddleware


async def echo_length(scope: Scope, receive: Receive, send: Send) -> None:
    try:
        body = await Request(scope, receive).body()
    except ClientDisconnect:
        # What a route does when its caller is gone; the guard drops this answer.
        await JSONResponse({"gone": True}, status_code=400)(scope, receive, send)
        return
    await JSONResponse({"length": len(body)})(scope, receive, send)


def guard(**overrides: object) -> BodyGuard:
    options: dict = {
        "max_body_bytes": 1000,
        "own_max_body_bytes": 100,
        "proxied": {"clients"},
        "timeout_seconds": 0.3,
        "min_bytes_per_second": 1000,
        **overrides,
    }
    return BodyGuard(echo_length, **options)


def as_served(app: BodyGuard) -> ASGIApp:
    """The guard inside the services' own middleware, as the gateway runs it."""
    return RequestContextMiddleware(app, service="gateway")


async def call(
    app: ASGIApp, path: str, chunks: list[bytes], *, pause: float = 0.0, length: int | None = None
) -> tuple[int, dict[str, str], dict]:
    # As on the wire: a body without a declared length comes chunked.
    headers = (
        [(b"content-length", str(length).encode())]
        if length is not None
        else [(b"transfer-encoding", b"chunked")]
    )
    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "query_string": b"",
        "headers": headers,
        "app": FastAPI(),  # no routes of its own: the request counts as an unmatched route
    }
    pending = list(chunks)

    async def receive() -> Message:
        if not pending:
            await asyncio.sleep(3600)
        await asyncio.sleep(pause)
        chunk = pending.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    await asyncio.wait_for(app(scope, receive, send), 5)
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, json.loads(body)


async def test_bodies_within_the_limit_pass():
    assert (await call(guard(), "/v1/clients", [b"x" * 600, b"x" * 400]))[2] == {"length": 1000}
    assert (await call(guard(), "/v1/auth/sign-in", [b"x" * 100]))[2] == {"length": 100}


async def test_a_declared_length_over_the_limit_is_refused_unread():
    status, headers, body = await call(guard(), "/v1/auth/sign-in", [], length=101)
    assert status == 413
    assert headers["content-type"] == "application/problem+json"
    assert body["max_bytes"] == 100


async def test_a_streamed_body_over_the_limit_is_refused_when_it_passes_it():
    status, _, body = await call(guard(), "/v1/clients", [b"x" * 600, b"x" * 600])
    assert (status, body["max_bytes"]) == (413, 1000)
    # The gateway's own routes take small documents only.
    status, _, body = await call(guard(), "/v1/api-keys", [b"x" * 60, b"x" * 60])
    assert (status, body["max_bytes"]) == (413, 100)


async def test_a_body_that_stops_coming_gets_408_and_the_connection_closed():
    status, headers, body = await call(as_served(guard()), "/v1/clients", [b"x", b"y"], pause=1.0)
    assert status == 408
    assert headers["connection"] == "close"
    assert body["type"].endswith("/request-timeout")


async def test_a_body_that_trickles_gets_408_though_each_piece_is_in_time():
    # Each piece within the 0.3 s timeout, but far below the minimum rate overall.
    status, _, _ = await call(
        guard(timeout_seconds=0.3, min_bytes_per_second=100), "/v1/clients", [b"x"] * 40, pause=0.1
    )
    assert status == 408
