"""How a service process listens: uvicorn with an idle timeout on connections that send nothing,
a bounded request head, the trusted proxies whose forwarded addresses are believed, a graceful
stop (SIGTERM: not ready at once, a drain, then in-flight requests finish), and, for local rolling
restarts, a port shared with the instance that replaces it."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ipaddress
import logging
import os
import socket
import struct
from collections.abc import Awaitable, Callable, MutableMapping
from types import FrameType
from typing import Any

import uvicorn
from fastapi import FastAPI

from cartera_shared.problems import (
    PROBLEM_MEDIA_TYPE,
    problem_response,
)

# A connection that has not sent a whole request head within this many seconds of opening, or of
# its last answer, is closed: uvicorn itself waits forever for a first request and restarts its
# keep-alive timer on every byte, so a client sending a byte now and then held a connection.
IDLE_TIMEOUT_ENV = "HTTP_IDLE_TIMEOUT_SECONDS"
DEFAULT_IDLE_TIMEOUT_SECONDS = 10.0
MAX_HEAD_BYTES = 64 * 1024
# On SIGTERM a process first stops being ready and goes on serving for this many seconds: what
# routes to it (Kubernetes' endpoints, a load balancer) takes a few seconds to notice, and a
# process that stopped listening at once would refuse what still arrives. 0 (local runs) skips it.
DRAIN_ENV = "CARTERA_SHUTDOWN_DRAIN_SECONDS"
# Then it stops listening and waits at most this long for the requests in hand to finish.
GRACE_ENV = "CARTERA_SHUTDOWN_GRACE_SECONDS"
DEFAULT_GRACE_SECONDS = 20.0
# Set (to 1) by the local runner (deploy/local/stack.py): the process listens on a port another
# instance of the same service may share (SO_REUSEPORT), so `stack.py roll` starts the new
# instance beside the old one and stops the old one gracefully, and no request meets a closed
# port. Unset (Kubernetes, a process started by hand): the port is this process's alone, and a
# second process on it fails to start instead of silently taking half its connections.
REUSE_PORT_ENV = "CARTERA_REUSE_PORT"

log = logging.getLogger(__name__)


def _raw_problem(status: int, reason: str, detail: str, type_slug: str) -> bytes:
    """A whole HTTP answer with problem details, for where no ASGI app is reached yet."""
    body = problem_response(status, reason, detail, type_slug).body
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: {PROBLEM_MEDIA_TYPE}\r\n"
        f"connection: close\r\ncontent-length: {len(body)}\r\n\r\n"
    ).encode() + bytes(body)


HEAD_TOO_LARGE = _raw_problem(
    431,
    "Request Header Fields Too Large",
    f"The request's headers are larger than {MAX_HEAD_BYTES} bytes; nothing was done.",
    "headers-too-large",
)


LINGER_SECONDS = 1.0


class LingeringTransport:
    """A connection's transport whose `close` lingers, as web servers' closes do.

    A server that answers before reading the whole request (a 413 for a body over the limit, a
    408 for one too slow) and then closes leaves the rest of the body unread in the kernel, and
    closing a socket with unread data sends a reset, which can destroy the answer before the
    caller reads it (the gateway then saw "no answer" and said 503 instead of the service's 413).
    Here `close` first ends the sending side (the caller sees the answer and then the end) and
    discards whatever still arrives for up to LINGER_SECONDS, then closes.
    """

    def __init__(self, transport: Any, on_linger: Callable[[], None]) -> None:
        self._transport = transport
        self._on_linger = on_linger
        self._lingering = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)

    def is_closing(self) -> bool:
        return self._lingering or bool(self._transport.is_closing())

    def close(self) -> None:
        if self._lingering or self._transport.is_closing():
            return
        self._lingering = True
        self._on_linger()
        try:
            if self._transport.can_write_eof():
                self._transport.write_eof()
                with contextlib.suppress(Exception):
                    self._transport.resume_reading()  # flow control may have paused it
                asyncio.get_running_loop().call_later(LINGER_SECONDS, self._transport.close)
                return
        except Exception:  # noqa: S110 (closing at once is the fallback)
            pass
        self._transport.close()


def with_idle_timeout(protocol_class: type[Any], seconds: float) -> type[Any]:
    """uvicorn's HTTP protocol (h11 or httptools) with connections closed when idle or slow,
    request heads bounded, and closes that linger (`LingeringTransport`).

    Every `seconds` each connection is looked at: if no request was in progress at this look and
    at the one before, and no new request began in between, it has sat `seconds` or more without
    a whole request head (idle, or sending a byte at a time) and is closed. A request in progress
    is never cut here (its body has its own timeout where it is read). Only the parts every
    uvicorn HTTP protocol has are used: the asyncio callbacks, `transport` and `cycle`.
    """

    class IdleTimeoutProtocol(protocol_class):  # type: ignore[misc]
        _idle_timer: asyncio.TimerHandle | None = None
        _idle_seen: tuple[object] | None = None
        _head_bytes = 0

        _discarding = False

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(LingeringTransport(transport, self._discard))
            self._idle_seen = self._idle_state()
            self._idle_timer = asyncio.get_running_loop().call_later(seconds, self._idle_check)

        def _discard(self) -> None:
            self._discarding = True

        def data_received(self, data: bytes) -> None:
            if self._discarding:
                return  # the connection is closing: what still comes is read and dropped
            super().data_received(data)
            # httptools, unlike h11, puts no bound on a request head: count what arrives while
            # no head is complete, and refuse a head larger than any honest one.
            if self._idle_state() is None:
                self._head_bytes = 0  # a request is in progress: its head was complete
                return
            self._head_bytes += len(data)
            transport = getattr(self, "transport", None)
            if self._head_bytes > MAX_HEAD_BYTES and transport and not transport.is_closing():
                if getattr(self, "cycle", None) is None:
                    # Only on a connection that has had no answer yet: after one, these bytes
                    # may be the rest of a body refused early, and a second answer would be noise.
                    transport.write(HEAD_TOO_LARGE)
                transport.close()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
            super().connection_lost(exc)

        def _idle_state(self) -> tuple[object] | None:
            """None while a request is in progress; else which request last ended (or none)."""
            cycle = getattr(self, "cycle", None)
            if cycle is not None and not getattr(cycle, "response_complete", True):
                return None
            return (cycle,)

        def _idle_check(self) -> None:
            self._idle_timer = None
            transport = getattr(self, "transport", None)
            if transport is None or transport.is_closing():
                return
            state = self._idle_state()
            seen = self._idle_seen
            if state is not None and seen is not None and state[0] is seen[0]:
                transport.close()
                return
            self._idle_seen = state
            self._idle_timer = asyncio.get_running_loop().call_later(seconds, self._idle_check)

    IdleTimeoutProtocol.__name__ = f"IdleTimeout{protocol_class.__name__}"
    return IdleTimeoutProtocol


TRUSTED_PROXIES_ENV = "TRUSTED_PROXIES"


def trusted_proxies(value: str | None = None) -> list[str]:
    """The addresses and networks (comma-separated IPs or CIDRs) of the proxies in front of this
    process, from TRUSTED_PROXIES unless given; a value that is neither stops the start."""
    raw = os.environ.get(TRUSTED_PROXIES_ENV, "") if value is None else value
    proxies = [part.strip() for part in raw.split(",") if part.strip()]
    for proxy in proxies:
        # As strict as uvicorn reads them: what it cannot parse it would compare as text, and
        # never match, silently (a network with host bits set, "*" for everyone).
        try:
            if "/" in proxy:
                ipaddress.ip_network(proxy)
            else:
                ipaddress.ip_address(proxy)
        except ValueError as exc:
            raise ValueError(
                f"{TRUSTED_PROXIES_ENV}: {proxy!r} is not an IP address or network"
            ) from exc
    return proxies


def server_config(
    app: Any,
    *,
    host: str,
    port: int,
    idle_seconds: float,
    http: str = "auto",
    lifespan: str = "auto",
    proxies: list[str] | None = None,
) -> uvicorn.Config:
    """How uvicorn serves a service: logging left as configured, and the guarded protocol
    (`with_idle_timeout`) on whichever HTTP parser is chosen.

    The client address (`request.client`, which sign-in and public rate limits count) is the
    peer's, unless the peer is one of `proxies` (default: TRUSTED_PROXIES, none when unset):
    only then does X-Forwarded-For name it. Left to itself uvicorn believes X-Forwarded-For
    from 127.0.0.1, so any local caller could pick the address it is counted under."""
    proxies = trusted_proxies() if proxies is None else proxies
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        http=http,
        lifespan=lifespan,  # type: ignore[arg-type]
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )
    config.load()
    config.http_protocol_class = with_idle_timeout(config.http_protocol_class, idle_seconds)
    return config


def shared_listener(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) that other processes of this user may bind too: the kernel
    spreads new connections over every listener of the port (SO_REUSEPORT). Not listening yet:
    uvicorn listens once the app has started, so a starting instance gets no connection before
    it can answer."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


SO_ATTACH_REUSEPORT_CBPF = getattr(socket, "SO_ATTACH_REUSEPORT_CBPF", 51)  # Linux >= 4.5
BPF_RET_K = 0x06  # classic BPF: return the constant k


def send_new_connections_to_the_newest(sock: socket.socket) -> None:
    """Give every new connection on this port to the second listener of its group (Linux).

    A listener joins its port's group at the end, so with an instance and the one replacing it,
    the second is the newer: from the moment it listens, every new connection is its own, and
    the old instance only finishes the connections it has. Without this the kernel would go on
    handing the old one half the new connections until it closes its listener, and those still
    waiting in its accept queue then are reset: requests sent and never answered. With one
    listener the index is out of range and the kernel falls back to it; when the old one closes,
    the new one moves to the first place and has the port alone, until the next restart.
    """
    program = (ctypes.c_uint8 * 8).from_buffer_copy(struct.pack("=HBBI", BPF_RET_K, 0, 0, 1))
    # struct sock_fprog { unsigned short len; struct sock_filter *filter; }
    fprog = struct.pack("HxxxxxxQ", 1, ctypes.addressof(program))
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, fprog)
    except OSError as exc:  # not Linux, or an old kernel: the kernel spreads connections instead
        log.warning("could not steer new connections to the newest instance: %s", exc)


ASGIApp = Callable[..., Awaitable[None]]


class CloseWhileDraining:
    """Every answer given while the process drains says `Connection: close`, so the callers
    (the gateway's pool, a partner's) stop reusing connections to it and open new ones, which go
    to an instance that stays. By the end of the drain no caller holds a kept-alive connection
    it could send a request on just as this process closes it, provided callers let idle
    connections go sooner than the drain lasts (the gateway's pool after 2 s)."""

    def __init__(self, app: ASGIApp, draining: Callable[[], bool]) -> None:
        self.app = app
        self.draining = draining

    async def __call__(
        self, scope: MutableMapping[str, Any], receive: ASGIApp, send: ASGIApp
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def closing(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start" and self.draining():
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"connection"]
                message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, closing)


class DrainingServer(uvicorn.Server):
    """uvicorn, stopping in three steps on SIGTERM (or SIGINT):

    1. `on_stopping()` at once: the service's /ready answers 503 from then on;
    2. `drain_seconds` more of serving as usual, new requests included;
    3. uvicorn's own shutdown: it stops listening, closes idle keep-alive connections, lets the
       requests in hand finish (at most `config.timeout_graceful_shutdown`), then the lifespan's
       shutdown stops the jobs, the consumers (their offsets are committed message by message)
       and the outbox relay.

    A second signal during the drain stops at once (step 3)."""

    def __init__(
        self, config: uvicorn.Config, *, drain_seconds: float, on_stopping: Callable[[], None]
    ) -> None:
        super().__init__(config)
        self.drain_seconds = drain_seconds
        self.on_stopping = on_stopping
        self.draining = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self.shares_port = False

    async def serve(self, sockets: list[Any] | None = None) -> None:
        self._loop = asyncio.get_running_loop()
        if not self.config.loaded:
            self.config.load()
        if not isinstance(self.config.loaded_app, CloseWhileDraining):
            self.config.loaded_app = CloseWhileDraining(
                self.config.loaded_app, lambda: self.draining
            )
        await super().serve(sockets)

    async def startup(self, sockets: list[Any] | None = None) -> None:
        await super().startup(sockets)
        if self.shares_port and sockets:
            for sock in sockets:
                send_new_connections_to_the_newest(sock)

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.draining or self.drain_seconds <= 0 or self._loop is None:
            self._stop_being_ready()
            super().handle_exit(sig, frame)
            return
        self.draining = True
        self._stop_being_ready()
        log.info("stopping: not ready, serving %.1f s more before closing", self.drain_seconds)
        # Signal handlers run between two bytecodes of whatever the loop was doing: the only safe
        # way back into it is call_soon_threadsafe.
        self._loop.call_soon_threadsafe(
            self._loop.call_later, self.drain_seconds, super().handle_exit, sig, frame
        )

    def _stop_being_ready(self) -> None:
        try:
            self.on_stopping()
        except Exception:  # the stop goes on whatever the hook does
            log.exception("the stopping hook failed")


def _seconds(name: str, default: float) -> float:
    value = float(os.environ.get(name, default))
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def serve(app: FastAPI, default_port: int) -> None:
    """Run one service process (HOST and PORT from the environment, logs already JSON), stopping
    gracefully on SIGTERM (`DrainingServer`)."""
    config = server_config(
        app,
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", default_port)),
        idle_seconds=float(os.environ.get(IDLE_TIMEOUT_ENV, DEFAULT_IDLE_TIMEOUT_SECONDS)),
    )
    config.timeout_graceful_shutdown = int(_seconds(GRACE_ENV, DEFAULT_GRACE_SECONDS))
    runtime = getattr(app.state, "runtime", None)

    def stopping() -> None:
        if runtime is not None:
            runtime.stopping = True

    server = DrainingServer(config, drain_seconds=_seconds(DRAIN_ENV, 0), on_stopping=stopping)
    if os.environ.get(REUSE_PORT_ENV, "").strip() in ("", "0"):
        server.run()
    else:
        server.shares_port = True
        server.run(sockets=[shared_listener(config.host, config.port)])
    if not server.started:
        raise SystemExit(3)  # as uvicorn.run does when the app could not start
