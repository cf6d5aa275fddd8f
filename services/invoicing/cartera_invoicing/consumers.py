"""Kafka consumers of the invoicing service; offsets are committed after the transaction."""

from __future__ import annotations

from cartera_invoicing.models import client_replicas
from cartera_shared.inbox import Consumer
from cartera_shared.replicas import client_replica_consumer

GROUP_ID = "invoicing"


def consumers() -> list[Consumer]:
    return [client_replica_consumer(GROUP_ID, client_replicas)]
