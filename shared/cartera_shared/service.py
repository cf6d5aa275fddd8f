"""What every service process is made of: an HTTP API (FastAPI), its Kafka consumers (FastStream)
and its outbox relay, started and stopped together; health, readiness, metrics and the AsyncAPI
document, the same everywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import logging
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import uvicorn
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from opentelemetry.trace import SpanKind
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cartera_shared import telemetry
from cartera_shared.db import create_engine, session_factory
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.topics import dlq
from cartera_shared.kafka import KafkaConnection, ensure_topics
from cartera_shared.logging import configure_logging, request_id_var, trace_id_var
from cartera_shared.metrics import (
    KafkaMonitor,
    metrics_response,
    observe_http,
    route_template,
)
from cartera_shared.outbox import OutboxRelay
from cartera_shared.problems import (
    PROBLEM_MEDIA_TYPE,
    install_problem_handlers,
    problem_response,
)
from cartera_shared.settings import ServiceSettings
from cartera_shared.tracing import (
    TRACEPARENT,
    new_span_id,
    new_trace_id,
    parse_traceparent,
    span_id_var,
)

log = logging.getLogger(__name__)

REQUEST_ID_HEADER = "X-Request-ID"


@dataclass
class ServiceRuntime:
    """The live parts of one service process, kept on `app.state.runtime`."""

    name: str
    schema: str
    settings: ServiceSettings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    broker: KafkaBroker
    relay: OutboxRelay | None
    topics: set[str] = field(default_factory=set)
    # A service's own live parts that its consumers and routes share (caches).
    shared: dict[str, Any] = field(default_factory=dict)


ConsumerSetup = Callable[[ServiceRuntime], None]


def new_broker(settings: ServiceSettings, name: str) -> KafkaBroker:
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=name,
        security=KafkaConnection().faststream_security(),
        acks="all",
        enable_idempotence=True,
        logger=logging.getLogger(f"{name}.kafka"),
    )


def create_service_app(
    *,
    name: str,
    schema: str,
    settings: ServiceSettings,
    routers: Sequence[APIRouter],
    produces: Iterable[str] = (),
    consumes: Iterable[str] = (),
    setup_consumers: ConsumerSetup | None = None,
    version: str = "0.1.0",
    description: str = "",
    on_startup: Callable[[FastAPI], Awaitable[None]] | None = None,
    on_shutdown: Callable[[FastAPI], Awaitable[None]] | None = None,
    metrics_guard: Callable[[Request], None] | None = None,
) -> FastAPI:
    """`metrics_guard` is called before `/metrics` answers and refuses by raising a Problem:
    a service reachable from outside (the gateway) guards its metrics; those on the internal
    network leave them open to the scraper."""
    configure_logging(name, settings.log_level)
    telemetry.configure(name)  # exports spans only when OTEL_EXPORTER_OTLP_ENDPOINT is set
    engine = create_engine(
        settings.effective_app_url, pool_size=settings.database_pool_size, application_name=name
    )
    broker = new_broker(settings, name)
    produced = set(produces)
    relay = (
        OutboxRelay(
            database_url=settings.effective_app_url,
            schema=schema,
            bootstrap_servers=settings.kafka_bootstrap_servers,
            service=name,
            poll_seconds=settings.outbox_poll_seconds,
            retention=(
                dt.timedelta(days=settings.outbox_retention_days)
                if settings.outbox_retention_days
                else None
            ),
        )
        if produced
        else None
    )
    runtime = ServiceRuntime(
        name=name,
        schema=schema,
        settings=settings,
        engine=engine,
        sessions=session_factory(engine),
        broker=broker,
        relay=relay,
        topics=produced | set(consumes),
    )
    for topic in sorted(produced):
        # Declared so the generated AsyncAPI document lists what this service publishes.
        broker.publisher(topic, schema=Envelope, title=f"{name}:{topic}")
    if setup_consumers is not None:
        setup_consumers(runtime)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if runtime.topics and settings.kafka_create_topics:
            await ensure_topics(
                settings.kafka_bootstrap_servers,
                runtime.topics,
                partitions=settings.kafka_topic_partitions,
            )
        await broker.start()
        if relay is not None:
            await relay.start()
        monitor = kafka_monitor(runtime)
        await monitor.start()
        if on_startup is not None:
            await on_startup(app)
        log.info("service started", extra={"topics": sorted(runtime.topics)})
        try:
            yield
        finally:
            if on_shutdown is not None:
                await on_shutdown(app)
            await monitor.stop()
            if relay is not None:
                await relay.stop()
            await broker.stop()
            await engine.dispose()
            telemetry.flush()

    app = FastAPI(
        title=f"Cartera {name}",
        version=version,
        description=description,
        lifespan=lifespan,
        openapi_url="/openapi.json",
    )
    app.state.runtime = runtime
    app.state.internal_keys = settings.internal_keys()
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware, service=name)
    for router in routers:
        app.include_router(router)
    app.include_router(operational_router(runtime, version, metrics_guard))
    return app


def kafka_monitor(runtime: ServiceRuntime) -> KafkaMonitor:
    """Lag of this service's own consumer groups and the size of the DLQs of what it consumes,
    measured every CARTERA_METRICS_INTERVAL_SECONDS (15 by default)."""
    groups: dict[str, set[str]] = {}
    for subscriber in runtime.broker.subscribers:
        group = getattr(subscriber, "group_id", None)
        if group:
            groups.setdefault(group, set()).update(getattr(subscriber, "topic_names", ()))
    consumed = {t for topics in groups.values() for t in topics}
    return KafkaMonitor(
        service=runtime.name,
        bootstrap_servers=runtime.settings.kafka_bootstrap_servers,
        groups=groups,
        dlq_topics={dlq(t) for t in consumed},
        interval=float(os.environ.get("CARTERA_METRICS_INTERVAL_SECONDS", "15")),
    )


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Paths whose segments after these prefixes are secrets (one-time survey links).
_SECRET_PATHS = ("/v1/public/surveys/",)
access_log = logging.getLogger("cartera.access")


def loggable_path(path: str) -> str:
    for prefix in _SECRET_PATHS:
        if path.startswith(prefix):
            return prefix + "***"
    return path


class RequestContextMiddleware:
    """Request id, trace context, latency metric and one access-log line per request (never the
    query string, headers or bodies, which may carry secrets).

    Plain ASGI rather than `@app.middleware("http")`: that form runs every request through an
    extra task and an in-memory stream per middleware, a measurable share of a busy gateway.
    """

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if "\x00" in path or "\x00" in unquote(scope.get("query_string", b"").decode("latin-1")):
            # No text field anywhere holds a NUL character; refusing it here also covers answers
            # that are streamed (an export), which could no longer turn a late error into a 422.
            refusal = problem_response(
                422,
                "Unprocessable entity",
                "The address carries a NUL character.",
                "validation-error",
            )
            await refusal(scope, receive, send)
            return
        headers = Headers(scope=scope)
        sent_id = headers.get(REQUEST_ID_HEADER, "")
        request_id = sent_id if _REQUEST_ID.match(sent_id) else uuid.uuid4().hex
        request_id_var.set(request_id)
        parent = parse_traceparent(headers.get(TRACEPARENT))
        method: str = scope["method"]
        status = 500
        started = time.perf_counter()
        with telemetry.span(
            f"{method} {path}",  # renamed to the route template below
            kind=SpanKind.SERVER,
            parent=parent,
            attributes={"http.request.method": method},
        ) as server_span:
            # With OpenTelemetry on, the server span's ids are the ones propagated onwards.
            trace_id = telemetry.trace_id_of(server_span) or (
                parent[0] if parent else new_trace_id()
            )
            trace_id_var.set(trace_id)
            span_id_var.set(telemetry.span_id_of(server_span) or new_span_id())

            body_unread = "transfer-encoding" in headers or headers.get(
                "content-length", "0"
            ) not in ("", "0")

            async def receive_tracking_body() -> Message:
                nonlocal body_unread
                message = await receive()
                if message["type"] != "http.request" or not message.get("more_body", False):
                    body_unread = False
                return message

            async def send_with_ids(message: Message) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                    response_headers = MutableHeaders(scope=message)
                    response_headers[REQUEST_ID_HEADER] = request_id
                    response_headers["X-Trace-ID"] = trace_id
                    if body_unread:
                        # Answered before the whole body was read (a 413, a 408, a refusal):
                        # the rest will not be read, so the connection is closed after this
                        # answer. Saying so keeps the caller from sending its next request on
                        # a connection about to end, which it would see as "no answer".
                        response_headers["Connection"] = "close"
                await send(message)

            try:
                await self.app(
                    scope, receive_tracking_body if body_unread else receive, send_with_ids
                )
            finally:
                elapsed = time.perf_counter() - started
                route = route_template(Request(scope))
                observe_http(self.service, method, route, status, elapsed)
                if server_span is not None:
                    server_span.update_name(f"{method} {route}")
                    server_span.set_attribute("http.route", route)
                    server_span.set_attribute("http.response.status_code", status)
        if path not in ("/health", "/ready", "/metrics"):
            access_log.info(
                "request",
                extra={
                    "method": method,
                    "path": loggable_path(path),
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )


def operational_router(
    runtime: ServiceRuntime,
    version: str,
    metrics_guard: Callable[[Request], None] | None = None,
) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok", "service": runtime.name}

    @router.get("/ready")
    async def ready() -> JSONResponse:
        checks: dict[str, str] = {}
        try:
            async with runtime.engine.connect() as conn:
                await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=2)
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"failed: {type(exc).__name__}"
        try:
            alive = await runtime.broker.ping(timeout=2)
            checks["kafka"] = "ok" if alive else "failed: no answer"
        except Exception as exc:
            checks["kafka"] = f"failed: {type(exc).__name__}"
        ok = all(v == "ok" for v in checks.values())
        return JSONResponse(
            {"status": "ready" if ok else "not ready", "checks": checks},
            status_code=200 if ok else 503,
        )

    @router.get("/metrics")
    async def metrics(request: Request) -> Response:
        if metrics_guard is not None:
            metrics_guard(request)
        return metrics_response()

    @router.get("/asyncapi.json")
    async def asyncapi() -> Any:
        spec = AsyncAPI(
            runtime.broker, title=f"Cartera {runtime.name} events", version=version
        ).to_specification()
        return spec.to_jsonable()

    return router


# A connection that has not sent a whole request head within this many seconds of opening, or of
# its last answer, is closed: uvicorn itself waits forever for a first request and restarts its
# keep-alive timer on every byte, so a client sending a byte now and then held a connection.
IDLE_TIMEOUT_ENV = "HTTP_IDLE_TIMEOUT_SECONDS"
DEFAULT_IDLE_TIMEOUT_SECONDS = 10.0
MAX_HEAD_BYTES = 64 * 1024


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


def serve(app: FastAPI, default_port: int) -> None:
    """Run one service process (HOST and PORT from the environment, logs already JSON)."""
    config = server_config(
        app,
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", default_port)),
        idle_seconds=float(os.environ.get(IDLE_TIMEOUT_ENV, DEFAULT_IDLE_TIMEOUT_SECONDS)),
    )
    server = uvicorn.Server(config)
    server.run()
    if not server.started:
        raise SystemExit(3)  # as uvicorn.run does when the app could not start
