"""What every service process is made of, put together in one place: an HTTP API (FastAPI), its
Kafka consumers (FastStream), its outbox relay and its background jobs, started and stopped
together; health, readiness, metrics and the AsyncAPI document, the same everywhere.

A service declares its parts when the app is built (`parts`, `consumers`, `jobs`); nothing is
put on `app.state` afterwards. Routes reach the parts through the typed dependencies of
`cartera_shared.edge`.

`CARTERA_PROCESS` chooses what one process runs, so that the API and the consumers of a service
scale apart: `all` (the default), `api` (the routes; no consumer, no job) or `consumers` (the
consumers and the jobs; of HTTP only health, readiness and metrics). Both kinds run the outbox
relay, which any number of processes may share.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import inspect
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, cast, get_args

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from cartera_shared import telemetry
from cartera_shared.contract import operation_id, restore_example_nulls
from cartera_shared.db import create_engine, session_factory
from cartera_shared.events.asyncapi import typed_bus_document
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.topics import dlq
from cartera_shared.inbox import (
    STOP_WAIT_SECONDS,
    Consumer,
    IdempotentConsumer,
    OffsetCommitter,
    broker_dead_letter,
    stop_consuming,
    subscribe,
)
from cartera_shared.jobs import Job
from cartera_shared.kafka import KafkaConnection, ensure_topics
from cartera_shared.logging import configure_logging
from cartera_shared.metrics import KafkaMonitor, metrics_response
from cartera_shared.outbox import OutboxRelay
from cartera_shared.problems import install_problem_handlers
from cartera_shared.request_context import RequestContextMiddleware
from cartera_shared.settings import ServiceSettings, deprecated_in_use

log = logging.getLogger(__name__)
PartT = TypeVar("PartT")

PROCESS_ENV = "CARTERA_PROCESS"
# A stable name for this process across restarts (a StatefulSet's pod name): its consumers become
# static members of their groups (`inbox.subscribe`). Unset: dynamic members, as before.
INSTANCE_ENV = "CARTERA_KAFKA_INSTANCE_ID"
Process = Literal["all", "api", "consumers"]


def process_kind(value: str | None = None) -> Process:
    """What this process runs (`CARTERA_PROCESS`, default `all`); anything else stops start-up
    with a clear error instead of silently running everything."""
    raw = os.environ.get(PROCESS_ENV, "all") if value is None else value
    kind = raw.strip().lower() or "all"
    if kind not in get_args(Process):
        raise ValueError(f"{PROCESS_ENV} must be one of all, api, consumers; got {raw!r}")
    return cast(Process, kind)


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
    # The service's own long-lived objects (clients of other services, stores, caches), one per
    # type, declared to the factory; routes ask for them with `edge.part(Type)`.
    parts: dict[type, object] = field(default_factory=dict)
    # The inbox table every consumer of this service records processed events in.
    inbox: Table | None = None
    # The jobs' tasks while the service runs (named "<service>:<job>").
    running: list[asyncio.Task[None]] = field(default_factory=list)
    # Set when the process was told to stop (server.DrainingServer): /ready answers 503 while
    # the requests still arriving are served.
    stopping: bool = False
    # What this process runs (CARTERA_PROCESS) and the jobs it starts.
    process: Process = "all"
    job_names: tuple[str, ...] = ()

    def part(self, kind: type[PartT]) -> PartT:
        found = self.parts.get(kind)
        if found is None:
            raise LookupError(f"{self.name} was built without a {kind.__name__}")
        # Not checked with isinstance: a test may stand a fake of the same shape in its place.
        return cast(PartT, found)

    def idempotent_consumer(self, consumer: Consumer) -> IdempotentConsumer:
        if self.inbox is None:
            raise LookupError(f"{self.name} declares consumers but no inbox table")
        wanted = consumer.wanted

        async def wants(envelope: Envelope) -> bool:
            assert wanted is not None
            return await wanted(self, envelope)

        return IdempotentConsumer(
            name=consumer.name,
            sessions=self.sessions,
            inbox=self.inbox,
            handler=consumer.handler,
            dead_letter=broker_dead_letter(self.broker),
            max_attempts=self.settings.consumer_max_attempts,
            backoff_seconds=self.settings.consumer_retry_backoff_seconds,
            accepted_versions=consumer.accepted_versions,
            wanted=wants if wanted is not None else None,
            group_id=consumer.group_id,
            batch_handler=consumer.batch_handler,
        )


def new_broker(settings: ServiceSettings, name: str) -> KafkaBroker:
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=name,
        security=KafkaConnection().faststream_security(),
        # On stop, the messages in hand are processed before the consumers close.
        graceful_timeout=STOP_WAIT_SECONDS,
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
    inbox: Table | None = None,
    consumers: Sequence[Consumer] = (),
    jobs: Sequence[Job] = (),
    parts: Iterable[object] = (),
    version: str = "0.1.0",
    description: str = "",
    on_startup: Callable[[ServiceRuntime], Awaitable[None]] | None = None,
    on_shutdown: Callable[[ServiceRuntime], Awaitable[None]] | None = None,
    metrics_guard: Callable[[Request], None] | None = None,
    process: Process | None = None,
) -> FastAPI:
    """Build a service (`process`: what this process runs, default `CARTERA_PROCESS`).

    - `consumers` are subscribed as idempotent consumers recording into `inbox`; the topics they
      read are added to `consumes`.
    - `jobs` run from start-up to shutdown; each is cancelled, then awaited, at shutdown.
    - `parts` are the service's own objects, one per type. At shutdown, every part with an
      `async close()` is closed (after the jobs stop, in the reverse order of declaration).
    - `metrics_guard` is called before `/metrics` answers and refuses by raising a Problem: a
      service reachable from outside (the gateway) guards its metrics; those on the internal
      network leave them open to the scraper.
    """
    configure_logging(name, settings.log_level)
    kind = process_kind(process)
    if kind == "api":
        consumers, jobs = (), ()
    elif kind == "consumers":
        routers = ()
    # Once, at start-up, now that logs have their format: a former variable name still works,
    # and the operator learns which to rename before the aliases go.
    for former, new in deprecated_in_use(type(settings), KafkaConnection):
        log.warning("%s is deprecated: set %s instead (it wins when both are set)", former, new)
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
    declared_parts: dict[type, object] = {}
    for part in parts:
        if type(part) in declared_parts:
            raise ValueError(f"{name} declares two parts of type {type(part).__name__}")
        declared_parts[type(part)] = part
    runtime = ServiceRuntime(
        name=name,
        schema=schema,
        settings=settings,
        engine=engine,
        sessions=session_factory(engine),
        broker=broker,
        relay=relay,
        topics=produced | set(consumes) | {t for c in consumers for t in c.topics},
        parts=declared_parts,
        inbox=inbox,
        process=kind,
        job_names=tuple(job.name for job in jobs),
    )
    for topic in sorted(produced):
        # Declared so the generated AsyncAPI document lists what this service publishes.
        broker.publisher(topic, schema=Envelope, title=f"{name}:{topic}")
    committers: list[OffsetCommitter] = []
    instance = os.environ.get(INSTANCE_ENV, "").strip()
    members: dict[str, int] = {}
    for consumer in consumers:
        # One static member per group and process; a second consumer of the same group in this
        # process needs an id of its own.
        seen = members[consumer.group_id] = members.get(consumer.group_id, 0) + 1
        subscribe(
            broker,
            runtime.idempotent_consumer(consumer),
            *consumer.topics,
            group_id=consumer.group_id,
            description=consumer.description,
            start_from=consumer.start_from,
            batch_size=consumer.batch_size,
            committers=committers,
            group_instance_id=(instance + (f"-{seen}" if seen > 1 else "")) or None,
        )

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
            await on_startup(runtime)
        runtime.running = [
            asyncio.create_task(job.run(runtime), name=f"{name}:{job.name}") for job in jobs
        ]
        log.info(
            "service started",
            extra={
                "process_kind": kind,
                "topics": sorted(runtime.topics),
                "consumers": [c.group_id for c in consumers],
                "jobs": [job.name for job in jobs],
            },
        )
        try:
            yield
        finally:
            for task in runtime.running:
                task.cancel()
            for task in runtime.running:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            # The consumers before the parts their handlers use: the messages in hand finish
            # and their offsets are committed.
            await stop_consuming(broker, committers)
            if on_shutdown is not None:
                await on_shutdown(runtime)
            for part in reversed(list(declared_parts.values())):
                await close_part(part)
            await monitor.stop()
            if relay is not None:
                await relay.stop()
            await engine.dispose()
            telemetry.flush()

    app = FastAPI(
        title=f"Cartera {name}",
        version=version,
        description=description,
        lifespan=lifespan,
        openapi_url="/openapi.json",
        generate_unique_id_function=operation_id,
    )
    build_openapi = app.openapi

    def openapi_with_example_nulls() -> dict[str, Any]:
        return cast(dict[str, Any], restore_example_nulls(build_openapi()))

    app.openapi = openapi_with_example_nulls  # type: ignore[method-assign]
    app.state.runtime = runtime
    app.state.internal_keys = settings.internal_keys()
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware, service=name)
    for router in routers:
        app.include_router(router)
    app.include_router(operational_router(runtime, version, metrics_guard))
    return app


async def close_part(part: object) -> None:
    close = getattr(part, "close", None)
    if close is None or not inspect.iscoroutinefunction(close):
        return
    try:
        await close()
    except Exception:
        log.exception("closing %s failed", type(part).__name__)


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
        if runtime.stopping:
            # Out of the load balancer before the process stops listening.
            return JSONResponse({"status": "stopping", "checks": {}}, status_code=503)
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
        # Only the database decides. While Kafka is away the API still answers and the outbox
        # keeps every event until it is back; failing here would take every pod of every
        # service out of its Service at once. The broker's state is reported, and consumer lag
        # is watched through /metrics.
        ok = checks["database"] == "ok"
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
        # Each topic's message typed with its contract's payload, not a bare envelope.
        return typed_bus_document(spec.to_jsonable())

    return router
