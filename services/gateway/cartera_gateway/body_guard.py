"""How much a caller may send, and how slowly: the size and pace of request bodies.

An ASGI middleware in front of every gateway route, whatever HTTP parser uvicorn uses:

- A body larger than the route's limit is refused with 413: at once when its Content-Length says
  so, or as soon as the bytes received pass it (chunked bodies). Routes forwarded to a service
  take CARTERA_GATEWAY_MAX_BODY_BYTES (documents, imports); the gateway's own routes (sign-in,
  users, API keys, webhooks, tenants) take small JSON documents only, OWN_MAX_BODY_BYTES, because
  FastAPI reads those bodies whole into memory.
- A body that arrives too slowly is refused with 408 and the connection closed: each piece must
  come within CARTERA_GATEWAY_BODY_TIMEOUT_SECONDS of the one before, and the whole body within that
  time plus one second per CARTERA_GATEWAY_BODY_MIN_BYTES_PER_SECOND received, so a client sending
  a byte now and then cannot hold a connection (and the service connection behind it) for ever.

After a refusal the route sees the caller as gone (`http.disconnect`) and whatever it answers is
dropped: the caller has its 413 or 408. Both come before the body was read, so the services'
`RequestContextMiddleware`, outside this one, says `Connection: close` on them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cartera_shared.problems import Code, problem_response

OWN_MAX_BODY_BYTES = 1024 * 1024


class BodyGuard:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body_bytes: int,
        proxied: Collection[str],
        timeout_seconds: float,
        min_bytes_per_second: int,
        own_max_body_bytes: int = OWN_MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.own_max_body_bytes = own_max_body_bytes
        self.proxied = frozenset(proxied)
        self.timeout_seconds = timeout_seconds
        self.min_bytes_per_second = min_bytes_per_second

    def limit_for(self, path: str) -> int:
        parts = path.split("/", 3)
        if len(parts) >= 3 and parts[1] == "v1" and parts[2] in self.proxied:
            return self.max_body_bytes
        return min(self.own_max_body_bytes, self.max_body_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await _refuse(scope, receive, send, 413, limit=limit)
            return

        started = time.monotonic()
        received = 0
        body_done = False
        refused = False
        answered = False

        async def guarded_receive() -> Message:
            nonlocal received, body_done, refused
            if refused:
                return {"type": "http.disconnect"}
            if body_done:
                return await receive()
            deadline = started + self.timeout_seconds + received / self.min_bytes_per_second
            wait = min(self.timeout_seconds, deadline - time.monotonic())
            try:
                message = await asyncio.wait_for(receive(), timeout=max(wait, 0.001))
            except TimeoutError:
                refused = True
                if not answered:
                    await _refuse(scope, receive, send, 408)
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if not message.get("more_body", False):
                    body_done = True
                if received > limit:
                    refused = True
                    if not answered:
                        await _refuse(scope, receive, send, 413, limit=limit)
                    return {"type": "http.disconnect"}
            else:
                body_done = True
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal answered
            if refused:
                return  # the caller has had its 408 or 413
            if message["type"] == "http.response.start":
                answered = True
            await send(message)

        await self.app(scope, guarded_receive, guarded_send)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return bytes(value).decode("latin-1").strip()
    return None


async def _refuse(
    scope: Scope, receive: Receive, send: Send, status: int, *, limit: int = 0
) -> None:
    if status == 413:
        response = problem_response(
            413,
            "Payload too large",
            f"The request body is larger than the gateway's limit of {limit} bytes.",
            "payload-too-large",
            code=Code.PAYLOAD_TOO_LARGE,
            max_bytes=limit,
        )
    else:
        response = problem_response(
            408,
            "Request timeout",
            "The request body arrived too slowly; send it again at a steady pace.",
            "request-timeout",
            code=Code.REQUEST_TIMEOUT,
        )
    await response(scope, receive, send)
