"""Kafka consumers of the analytics service; offsets are committed after the transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import facts, projector
from cartera_analytics.alerts import raising as alerts
from cartera_analytics.domain.invoices import InvalidFact, InvoiceDoc, doc_from_event
from cartera_analytics.forecast.holds import handle_hold
from cartera_analytics.models import client_replicas
from cartera_shared.events import topics
from cartera_shared.events.certificates import CERTIFICATE_EVENT_VERSION, CertificateExpiring
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.receivables import COLLECTIONS_EVENT_VERSION
from cartera_shared.inbox import EVENT_BATCH_SIZE, Consumer, PoisonMessage
from cartera_shared.replicas import client_replica_consumer

GROUP_ID = "analytics"
# The inbox name of the read-model consumer: the rebuild records the events it applied under
# this name, so the live consumer skips them afterwards.
READ_MODELS_CONSUMER = "analytics.read-models"
CERTIFICATES_CONSUMER = "analytics.certificates"
HOLDS_CONSUMER = "analytics.dunning-holds"


async def handle(session: AsyncSession, envelope: Envelope) -> None:
    """Project the event, then apply the alert rules to what it changed (one transaction)."""
    try:
        effects = await projector.project(session, envelope)
    except InvalidFact as exc:
        raise PoisonMessage(str(exc)) from exc
    await alerts.evaluate(session, envelope.tenant_id, effects)


async def handle_many(
    session: AsyncSession, tenant_id: uuid.UUID, envelopes: Sequence[Envelope]
) -> None:
    """A tenant's events of one batch: runs of invoice documents of distinct chains are
    applied together (`projector.apply_invoices`), anything else one by one, in the order
    read; the alert rules then judge, once, the figures the batch leaves."""
    effects = projector.Effects()
    run: list[InvoiceDoc] = []

    async def apply_run() -> None:
        if run:
            await projector.apply_invoices(session, tenant_id, run, effects)
            run.clear()

    try:
        for envelope in envelopes:
            if envelope.type in facts.INVOICE_TOPICS:
                doc = doc_from_event(envelope.type, envelope.data)
                if not doc.cancelled:
                    if any(held.root_id == doc.root_id for held in run):
                        await apply_run()  # what it rectifies goes first
                    run.append(doc)
                    continue
            await apply_run()
            effects.merge(await projector.project(session, envelope))
        await apply_run()
    except InvalidFact as exc:
        raise PoisonMessage(str(exc)) from exc
    await alerts.evaluate(session, tenant_id, effects)


async def handle_certificate(session: AsyncSession, envelope: Envelope) -> None:
    """An expiring certificate becomes an alert (a payload that does not fit the contract is a
    ValidationError: dead-lettered at once)."""
    announced = CertificateExpiring.model_validate(envelope.data)
    await alerts.certificate_expiring(session, envelope.tenant_id, announced)


def consumers() -> list[Consumer]:
    return [
        client_replica_consumer(GROUP_ID, client_replicas),
        Consumer(
            name=READ_MODELS_CONSUMER,
            handler=handle,
            topics=tuple(facts.READ_MODEL_TOPICS),
            group_id=f"{GROUP_ID}.read-models",
            description="Billing, payment, satisfaction and request read models, and the alerts.",
            batch_size=EVENT_BATCH_SIZE,
            batch_handler=handle_many,
        ),
        # Not a read model (a rebuild does not replay it): its own consumer and group.
        Consumer(
            name=CERTIFICATES_CONSUMER,
            handler=handle_certificate,
            topics=(topics.CERTIFICATE_EXPIRING,),
            group_id=f"{GROUP_ID}.certificates",
            description="Expiring certificates, raised as alerts.",
            accepted_versions=(CERTIFICATE_EVENT_VERSION,),
        ),
        # Collections' holds in force, for the cash forecast: state, not a replayed read model.
        Consumer(
            name=HOLDS_CONSUMER,
            handler=handle_hold,
            topics=(topics.DUNNING_HOLD_CHANGED,),
            group_id=f"{GROUP_ID}.dunning-holds",
            description="Dunning holds in force (disputes, agreed plans), for the cash forecast.",
            accepted_versions=(COLLECTIONS_EVENT_VERSION,),
        ),
    ]
