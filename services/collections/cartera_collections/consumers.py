"""Kafka consumers of the collections service; offsets are committed after the transaction."""

from __future__ import annotations

from cartera_collections import cancellations, ledger
from cartera_collections.models import client_replicas, inbox
from cartera_shared.events import topics
from cartera_shared.inbox import IdempotentConsumer, broker_dead_letter, subscribe
from cartera_shared.replicas import subscribe_client_replicas
from cartera_shared.service import ServiceRuntime

GROUP_ID = "collections"


def setup_consumers(runtime: ServiceRuntime) -> None:
    settings = runtime.settings

    def consumer(name: str, handler: ledger.Handler) -> IdempotentConsumer:
        return IdempotentConsumer(
            name=name,
            sessions=runtime.sessions,
            inbox=inbox,
            handler=handler,
            dead_letter=broker_dead_letter(runtime.broker),
            max_attempts=settings.consumer_max_attempts,
            backoff_seconds=settings.consumer_retry_backoff_seconds,
        )

    subscribe_client_replicas(runtime, client_replicas, inbox)
    subscribe(
        runtime.broker,
        consumer("collections.receivables", cancellations.on_invoice_event),
        topics.INVOICE_ISSUED,
        topics.INVOICE_RECTIFIED,
        topics.INVOICE_CANCELLED,
        group_id=f"{GROUP_ID}.receivables",
        description="Creates receivables from issued invoices, adjusts them on rectification and "
        "cancels them (payments kept as the client's credit) when the invoice is cancelled.",
    )
