"""Prometheus metrics every service exposes at /metrics.

- HTTP latency by route *template* (`/v1/clients/{client_id}`, never the raw path, so the number
  of series stays bounded);
- job runs by outcome (`jobs.run_single`);
- outbox backlog and the age of its oldest unpublished row (measured by the relay, `outbox.py`);
- consumer lag per group, topic and partition (end offset minus committed offset) and the size of
  the dead-letter topics of what the service consumes, measured periodically by `KafkaMonitor`
  from the service's own consumer groups.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Mapping

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from fastapi import Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from starlette.routing import Match

from cartera_shared.kafka import kafka_options

log = logging.getLogger(__name__)

HTTP_LATENCY = Histogram(
    "cartera_http_request_duration_seconds",
    "HTTP request latency by route template",
    ["service", "method", "route", "status"],
)
JOB_RUNS = Counter(
    "cartera_job_runs_total", "Single-runner job runs, by outcome", ["service", "job", "outcome"]
)
CONSUMER_LAG = Gauge(
    "cartera_kafka_consumer_lag",
    "Messages not yet consumed: end offset minus the group's committed offset",
    ["service", "group", "topic", "partition"],
)
DLQ_SIZE = Gauge(
    "cartera_dlq_size",
    "Messages held in a dead-letter topic (end minus beginning offsets, all partitions)",
    ["service", "topic"],
)
KAFKA_MONITOR_RUNS = Counter(
    "cartera_kafka_monitor_runs_total",
    "Measurements of consumer lag and DLQ size, by outcome",
    ["service", "outcome"],
)


def route_template(request: Request) -> str:
    """The template of the route that served the request (`/v1/invoices/{invoice_id}`), never
    the raw path: unmatched paths share one label, so scanners cannot blow up the series."""
    route = request.scope.get("route")  # set by the router once it picked the route
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path
    for candidate in request.app.router.routes:
        match, _ = candidate.matches(request.scope)
        path = getattr(candidate, "path", None)
        if match == Match.FULL and isinstance(path, str):
            return path
    return "unmatched"


def observe_http(service: str, method: str, route: str, status: int, seconds: float) -> None:
    HTTP_LATENCY.labels(service, method, route, str(status)).observe(seconds)


def metrics_response() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


class KafkaMonitor:
    """Measures, every `interval` seconds, the lag of the service's consumer groups and the size
    of the dead-letter topics of what it consumes. One admin client and one group-less consumer
    (used only for offset look-ups) per process; a failed round is counted and retried."""

    def __init__(
        self,
        *,
        service: str,
        bootstrap_servers: str,
        groups: Mapping[str, Iterable[str]],
        dlq_topics: Iterable[str],
        interval: float = 15.0,
    ) -> None:
        self.service = service
        self.bootstrap_servers = bootstrap_servers
        self.groups = {group: sorted(set(topics)) for group, topics in groups.items()}
        self.dlq_topics = sorted(set(dlq_topics))
        self.interval = interval
        self._task: asyncio.Task[None] | None = None
        self._admin: AIOKafkaAdminClient | None = None
        self._offsets: AIOKafkaConsumer | None = None

    async def start(self) -> None:
        if self.groups or self.dlq_topics:
            self._task = asyncio.create_task(self._run(), name=f"{self.service}-kafka-monitor")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._close()

    async def _close(self) -> None:
        if self._admin is not None:
            with contextlib.suppress(Exception):
                await self._admin.close()
        if self._offsets is not None:
            with contextlib.suppress(Exception):
                await self._offsets.stop()
        self._admin = self._offsets = None

    async def _run(self) -> None:
        while True:
            try:
                await self.measure()
                KAFKA_MONITOR_RUNS.labels(self.service, "ok").inc()
            except asyncio.CancelledError:
                raise
            except Exception:
                KAFKA_MONITOR_RUNS.labels(self.service, "failed").inc()
                log.warning("consumer lag measurement failed", exc_info=True)
                await self._close()
            await asyncio.sleep(self.interval)

    async def _clients(self) -> tuple[AIOKafkaAdminClient, AIOKafkaConsumer]:
        if self._admin is None or self._offsets is None:
            self._admin = AIOKafkaAdminClient(
                bootstrap_servers=self.bootstrap_servers,
                client_id=f"{self.service}-monitor",
                **kafka_options(),
            )
            await self._admin.start()
            self._offsets = AIOKafkaConsumer(
                bootstrap_servers=self.bootstrap_servers,
                client_id=f"{self.service}-monitor",
                group_id=None,
                enable_auto_commit=False,
                **kafka_options(),
            )
            await self._offsets.start()
        return self._admin, self._offsets

    async def measure(self) -> None:
        admin, offsets = await self._clients()
        wanted = sorted({t for ts in self.groups.values() for t in ts} | set(self.dlq_topics))
        partitions: dict[str, list[TopicPartition]] = {}
        for described in await admin.describe_topics(wanted):
            # A topic not created yet (error code 3) has no partitions and no series.
            topic = described["topic"]
            partitions[topic] = sorted(
                TopicPartition(topic, p["partition"]) for p in described["partitions"]
            )
        every = [tp for tps in partitions.values() for tp in tps]
        if not every:
            return
        ends = await offsets.end_offsets(every)
        begins = await offsets.beginning_offsets(every)
        for group, topics in self.groups.items():
            committed = await admin.list_consumer_group_offsets(group)
            for topic in topics:
                for tp in partitions.get(topic, []):
                    meta = committed.get(tp)
                    # No commit yet: the group would start from the beginning of the partition.
                    position = meta.offset if meta is not None and meta.offset >= 0 else begins[tp]
                    CONSUMER_LAG.labels(self.service, group, topic, str(tp.partition)).set(
                        max(ends[tp] - position, 0)
                    )
        for topic in self.dlq_topics:
            DLQ_SIZE.labels(self.service, topic).set(
                sum(ends[tp] - begins[tp] for tp in partitions.get(topic, []))
            )
