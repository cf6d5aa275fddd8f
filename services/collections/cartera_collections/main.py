"""Process entry point: the API, the Kafka consumers and the overdue job of collections."""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import FastAPI
from pydantic import Field

from cartera_collections import bank_statements, direct_debits, dunning, late_interest, overdue
from cartera_collections.api import router
from cartera_collections.consumers import setup_consumers
from cartera_collections.models import SCHEMA, client_replicas
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import topics
from cartera_shared.internal_calls import InternalClient
from cartera_shared.mail import SmtpSettings
from cartera_shared.replicas import client_replica_router
from cartera_shared.service import create_service_app, serve
from cartera_shared.settings import ServiceSettings

NAME = "collections"
DEFAULT_PORT = 8103


class CollectionsSettings(ServiceSettings):
    # Asked about a client the local replica does not know yet (created a moment ago).
    clients_url: str = Field(default="http://127.0.0.1:8101", validation_alias="CLIENTS_URL")
    clients_timeout_seconds: float = Field(
        default=5.0, gt=0, validation_alias="COLLECTIONS_CLIENTS_TIMEOUT_SECONDS"
    )
    # Asked about an invoice issued a moment ago whose event has not reached collections yet.
    invoicing_url: str = Field(default="http://127.0.0.1:8102", validation_alias="INVOICING_URL")
    invoicing_timeout_seconds: float = Field(
        default=5.0, gt=0, validation_alias="COLLECTIONS_INVOICING_TIMEOUT_SECONDS"
    )
    overdue_interval_seconds: float = Field(
        default=600.0, validation_alias="OVERDUE_INTERVAL_SECONDS"
    )
    dunning_interval_seconds: float = Field(
        default=900.0, validation_alias="DUNNING_INTERVAL_SECONDS"
    )
    smtp_host: str | None = Field(default=None, validation_alias="SMTP_HOST")
    smtp_port: int = Field(default=25, validation_alias="SMTP_PORT")
    smtp_from: str = Field(default="cobros@cartera.local", validation_alias="SMTP_FROM")
    smtp_username: str | None = Field(default=None, validation_alias="SMTP_USERNAME")
    smtp_password: str | None = Field(default=None, validation_alias="SMTP_PASSWORD")
    smtp_starttls: bool = Field(default=False, validation_alias="SMTP_STARTTLS")
    late_interest_rates: str = Field(
        default="",
        validation_alias="LATE_INTEREST_RATES",
        description="Statutory half-year rates not yet in the release: 2026-07-01=10.15,...",
    )

    def smtp(self) -> SmtpSettings:
        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            sender=self.smtp_from,
            username=self.smtp_username,
            password=self.smtp_password,
            starttls=self.smtp_starttls,
        )


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    collections_settings = (
        CollectionsSettings() if settings is None else CollectionsSettings(**settings.model_dump())
    )

    async def start(app: FastAPI) -> None:
        sessions = app.state.runtime.sessions
        app.state.jobs = [
            asyncio.create_task(
                overdue.run_forever(sessions, collections_settings.overdue_interval_seconds),
                name="overdue-job",
            ),
            asyncio.create_task(
                dunning.run_forever(
                    sessions,
                    app.state.smtp,
                    collections_settings.dunning_interval_seconds,
                    app.state.late_interest_rates,
                ),
                name="dunning-job",
            ),
        ]

    async def stop(app: FastAPI) -> None:
        for job in app.state.jobs:
            job.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await job
        await app.state.clients_directory.close()
        await app.state.invoicing.close()

    app = create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=collections_settings,
        routers=[
            router,
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
        ),
        consumes=(
            *topics.CLIENT_EVENTS,
            topics.INVOICE_ISSUED,
            topics.INVOICE_RECTIFIED,
            topics.INVOICE_CANCELLED,
        ),
        setup_consumers=setup_consumers,
        description="Receivables, payments, overdue detection, dunning, SEPA direct debits.",
        on_startup=start,
        on_shutdown=stop,
    )
    app.state.smtp = collections_settings.smtp()
    app.state.clients_directory = ClientsDirectory(
        collections_settings.clients_url,
        caller=NAME,
        internal_keys=lambda: app.state.internal_keys,
        timeout=collections_settings.clients_timeout_seconds,
    )
    app.state.invoicing = InternalClient(
        callee="invoicing",
        base_url=collections_settings.invoicing_url,
        caller=NAME,
        internal_keys=lambda: app.state.internal_keys,
        timeout=collections_settings.invoicing_timeout_seconds,
    )
    app.state.late_interest_rates = late_interest.rate_table(
        collections_settings.late_interest_rates
    )
    return app


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
