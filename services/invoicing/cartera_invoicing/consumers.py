"""Kafka consumers of the invoicing service; offsets are committed after the transaction."""

from __future__ import annotations

from cartera_invoicing.models import client_replicas, inbox
from cartera_shared.events import topics
from cartera_shared.inbox import IdempotentConsumer, broker_dead_letter, subscribe
from cartera_shared.replicas import client_replica_handler
from cartera_shared.service import ServiceRuntime

GROUP_ID = "invoicing"


def setup_consumers(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    subscribe(
        runtime.broker,
        IdempotentConsumer(
            name="invoicing.client-replica",
            sessions=runtime.sessions,
            inbox=inbox,
            handler=client_replica_handler(client_replicas),
            dead_letter=broker_dead_letter(runtime.broker),
            max_attempts=settings.consumer_max_attempts,
            backoff_seconds=settings.consumer_retry_backoff_seconds,
        ),
        *topics.CLIENT_EVENTS,
        group_id=GROUP_ID,
        description="Keeps the local replica of each client (event-carried state transfer).",
    )
