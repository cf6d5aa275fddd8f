"""Kafka consumers of the crm service; offsets are committed after the transaction."""

from __future__ import annotations

from cartera_crm import timeline
from cartera_crm.models import client_replicas, inbox
from cartera_shared.inbox import IdempotentConsumer, broker_dead_letter, subscribe
from cartera_shared.replicas import subscribe_client_replicas
from cartera_shared.service import ServiceRuntime

GROUP_ID = "crm"


def setup_consumers(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    subscribe_client_replicas(runtime, client_replicas, inbox)
    subscribe(
        runtime.broker,
        IdempotentConsumer(
            name="crm.timeline",
            sessions=runtime.sessions,
            inbox=inbox,
            handler=timeline.on_event,
            dead_letter=broker_dead_letter(runtime.broker),
            max_attempts=settings.consumer_max_attempts,
            backoff_seconds=settings.consumer_retry_backoff_seconds,
        ),
        *timeline.FOREIGN_TOPICS,
        group_id=f"{GROUP_ID}.timeline",
        description="Timeline entries from invoicing and collections (invoices, payments, "
        "overdue notices, dunning).",
    )
