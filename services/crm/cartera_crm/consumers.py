"""Kafka consumers of the crm service; offsets are committed after the transaction."""

from __future__ import annotations

from cartera_crm.models import client_replicas
from cartera_crm.timeline import service as timeline
from cartera_shared.inbox import EVENT_BATCH_SIZE, Consumer
from cartera_shared.replicas import client_replica_consumer

GROUP_ID = "crm"


def consumers() -> list[Consumer]:
    return [
        client_replica_consumer(GROUP_ID, client_replicas),
        Consumer(
            name="crm.timeline",
            handler=timeline.on_event,
            topics=tuple(timeline.FOREIGN_TOPICS),
            group_id=f"{GROUP_ID}.timeline",
            description="Timeline entries from invoicing and collections (invoices, payments, "
            "overdue notices, dunning).",
            batch_size=EVENT_BATCH_SIZE,
            batch_handler=timeline.on_events,
        ),
    ]
