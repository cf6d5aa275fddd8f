"""Process entry point: the API, the Kafka consumers and the overdue job of collections."""

from __future__ import annotations

from fastapi import FastAPI

from cartera_collections import overdue
from cartera_collections.bank_statements import api as bank_statements
from cartera_collections.consumers import consumers
from cartera_collections.direct_debits import api as direct_debits
from cartera_collections.domain.claims import rate_table
from cartera_collections.dunning import api as dunning
from cartera_collections.dunning.service import send_due
from cartera_collections.late_interest import api as late_interest
from cartera_collections.late_interest.service import ConfiguredRates
from cartera_collections.models import SCHEMA, client_replicas, inbox
from cartera_collections.receivables import api as receivables
from cartera_collections.reports import api as reports
from cartera_collections.settings import CollectionsSettings
from cartera_shared.app_factory import ServiceRuntime, create_service_app
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import topics
from cartera_shared.internal_calls import InternalClient
from cartera_shared.jobs import every
from cartera_shared.replicas import client_replica_router
from cartera_shared.server import serve
from cartera_shared.settings import ServiceSettings

NAME = "collections"
DEFAULT_PORT = 8103


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    collections_settings = (
        CollectionsSettings() if settings is None else CollectionsSettings(**settings.model_dump())
    )

    smtp = collections_settings.smtp()
    rates = ConfiguredRates(rate_table(collections_settings.late_interest_rates))
    internal_keys = collections_settings.internal_keys()
    directory = ClientsDirectory(
        collections_settings.clients_url,
        caller=NAME,
        internal_keys=lambda: internal_keys,
        timeout=collections_settings.clients_timeout_seconds,
    )
    invoicing = InternalClient(
        callee="invoicing",
        base_url=collections_settings.invoicing_url,
        caller=NAME,
        internal_keys=lambda: internal_keys,
        timeout=collections_settings.invoicing_timeout_seconds,
    )

    async def overdue_run(runtime: ServiceRuntime) -> None:
        await overdue.mark_overdue(runtime.sessions)

    async def dunning_run(runtime: ServiceRuntime) -> None:
        await send_due(runtime.sessions, smtp, extra_rates=rates.table)

    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=collections_settings,
        routers=[
            receivables.router,
            reports.router,
            dunning.router,
            direct_debits.router,
            bank_statements.router,
            late_interest.router,
            client_replica_router(client_replicas),
        ],
        produces=(
            topics.PAYMENT_RECORDED,
            topics.PAYMENT_REVERSED,
            topics.RECEIVABLE_SETTLED,
            topics.RECEIVABLE_OVERDUE,
            topics.DUNNING_SENT,
            topics.DUNNING_HOLD_CHANGED,
        ),
        consumes=(
            *topics.CLIENT_EVENTS,
            topics.INVOICE_ISSUED,
            topics.INVOICE_RECTIFIED,
            topics.INVOICE_CANCELLED,
        ),
        inbox=inbox,
        consumers=consumers(),
        jobs=[
            every("overdue", collections_settings.overdue_interval_seconds, overdue_run),
            every("dunning", collections_settings.dunning_interval_seconds, dunning_run),
        ],
        parts=[smtp, rates, directory, invoicing],
        description="Receivables, payments, overdue detection, dunning, SEPA direct debits.",
    )


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
