"""Kafka consumers of the crm service; offsets are committed after the transaction."""

from __future__ import annotations

from cartera_crm.models import client_replicas, inbox
from cartera_shared.replicas import subscribe_client_replicas
from cartera_shared.service import ServiceRuntime


def setup_consumers(runtime: ServiceRuntime) -> None:
    subscribe_client_replicas(runtime, client_replicas, inbox)
