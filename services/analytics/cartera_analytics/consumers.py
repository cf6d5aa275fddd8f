"""Kafka consumers of the analytics service; offsets are committed after the transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import alerts, facts, projector
from cartera_analytics.domain.invoices import InvalidFact
from cartera_analytics.models import client_replicas, inbox
from cartera_shared.events import topics
from cartera_shared.events.certificates import CERTIFICATE_EVENT_VERSION, CertificateExpiring
from cartera_shared.events.envelope import Envelope
from cartera_shared.inbox import IdempotentConsumer, PoisonMessage, broker_dead_letter, subscribe
from cartera_shared.replicas import subscribe_client_replicas
from cartera_shared.service import ServiceRuntime

GROUP_ID = "analytics"
# The inbox name of the read-model consumer: the rebuild records the events it applied under
# this name, so the live consumer skips them afterwards.
READ_MODELS_CONSUMER = "analytics.read-models"
CERTIFICATES_CONSUMER = "analytics.certificates"


async def handle(session: AsyncSession, envelope: Envelope) -> None:
    """Project the event, then apply the alert rules to what it changed (one transaction)."""
    try:
        effects = await projector.project(session, envelope)
    except InvalidFact as exc:
        raise PoisonMessage(str(exc)) from exc
    await alerts.evaluate(session, envelope.tenant_id, effects)


async def handle_certificate(session: AsyncSession, envelope: Envelope) -> None:
    """An expiring certificate becomes an alert (a payload that does not fit the contract is a
    ValidationError: dead-lettered at once)."""
    announced = CertificateExpiring.model_validate(envelope.data)
    await alerts.certificate_expiring(session, envelope.tenant_id, announced)


def setup_consumers(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    subscribe_client_replicas(runtime, client_replicas, inbox)
    subscribe(
        runtime.broker,
        IdempotentConsumer(
            name=READ_MODELS_CONSUMER,
            sessions=runtime.sessions,
            inbox=inbox,
            handler=handle,
            dead_letter=broker_dead_letter(runtime.broker),
            max_attempts=settings.consumer_max_attempts,
            backoff_seconds=settings.consumer_retry_backoff_seconds,
        ),
        *facts.READ_MODEL_TOPICS,
        group_id=f"{GROUP_ID}.read-models",
        description="Billing, payment, satisfaction and request read models, and the alerts.",
    )
    # Not a read model (a rebuild does not replay it): its own consumer and group.
    subscribe(
        runtime.broker,
        IdempotentConsumer(
            name=CERTIFICATES_CONSUMER,
            sessions=runtime.sessions,
            inbox=inbox,
            handler=handle_certificate,
            dead_letter=broker_dead_letter(runtime.broker),
            max_attempts=settings.consumer_max_attempts,
            backoff_seconds=settings.consumer_retry_backoff_seconds,
            accepted_versions=(CERTIFICATE_EVENT_VERSION,),
        ),
        topics.CERTIFICATE_EXPIRING,
        group_id=f"{GROUP_ID}.certificates",
        description="Expiring certificates, raised as alerts.",
    )
