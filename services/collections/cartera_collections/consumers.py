"""Kafka consumers of the collections service; offsets are committed after the transaction."""

from __future__ import annotations

from cartera_collections import cancellations
from cartera_collections.models import client_replicas
from cartera_shared.events import topics
from cartera_shared.inbox import EVENT_BATCH_SIZE, Consumer
from cartera_shared.replicas import client_replica_consumer

GROUP_ID = "collections"


def consumers() -> list[Consumer]:
    return [
        client_replica_consumer(GROUP_ID, client_replicas),
        Consumer(
            name="collections.receivables",
            handler=cancellations.on_invoice_event,
            topics=(topics.INVOICE_ISSUED, topics.INVOICE_RECTIFIED, topics.INVOICE_CANCELLED),
            group_id=f"{GROUP_ID}.receivables",
            description="Creates receivables from issued invoices, adjusts them on rectification "
            "and cancels them (payments kept as the client's credit) when the invoice is "
            "cancelled.",
            batch_size=EVENT_BATCH_SIZE,
            batch_handler=cancellations.on_invoice_events,
        ),
    ]
