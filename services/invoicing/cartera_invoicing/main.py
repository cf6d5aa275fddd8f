"""Process entry point: the API and the Kafka consumers of the invoicing service."""

from __future__ import annotations

import asyncio
import contextlib
import os

from fastapi import FastAPI

from cartera_invoicing import (
    certificates,
    certificates_api,
    quotes,
    record_actions,
    recurring,
    verifactu_routes,
    verifactu_status,
)
from cartera_invoicing.api import router
from cartera_invoicing.consumers import setup_consumers
from cartera_invoicing.models import SCHEMA, client_replicas
from cartera_invoicing.settings import InvoicingSettings
from cartera_invoicing.verifactu_ports import VerifactuParts, close_parts, installed_parts
from cartera_invoicing.verifactu_sender import VerifactuSender
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import topics
from cartera_shared.replicas import client_replica_router
from cartera_shared.service import create_service_app, serve
from cartera_shared.settings import ServiceSettings

NAME = "invoicing"
DEFAULT_PORT = 8102


def create_app(
    settings: ServiceSettings | None = None, *, verifactu: VerifactuParts | None = None
) -> FastAPI:
    """`verifactu`: the AEAT client and certificate store to use (tests give fakes); by default
    the installed ones when VERIFACTU_ENDPOINT is set. The sender runs only when it is set."""
    invoicing_settings = (
        InvoicingSettings()
        if settings is None
        else InvoicingSettings.from_service_settings(settings)
    )
    parts = verifactu or installed_parts(
        invoicing_settings.verifactu_endpoint,
        ca_file=invoicing_settings.verifactu_ca_file,
        timeout_seconds=invoicing_settings.verifactu_timeout_seconds,
    )

    async def start(app: FastAPI) -> None:
        sessions = app.state.runtime.sessions
        app.state.recurring_job = asyncio.create_task(
            recurring.run_forever(
                sessions,
                app.state.clients_directory,
                app.state.verifactu_producer,
                invoicing_settings.recurring_interval_seconds,
            ),
            name="recurring-invoices",
        )
        app.state.certificate_expiry_job = asyncio.create_task(
            certificates.run_expiry_job_forever(
                app.state.runtime.sessions,
                invoicing_settings.certificate_expiry_interval_seconds,
            ),
            name="certificate-expiry",
        )
        jobs = [
            asyncio.create_task(
                verifactu_status.measure_forever(sessions, metrics_interval()),
                name="verifactu-metrics",
            )
        ]
        if invoicing_settings.verifactu_endpoint and parts is not None:
            sender = VerifactuSender(
                sessions,
                parts,
                poll_seconds=invoicing_settings.verifactu_poll_seconds,
                timeout_seconds=invoicing_settings.verifactu_timeout_seconds,
                backoff_seconds=invoicing_settings.verifactu_backoff_seconds,
                backoff_max_seconds=invoicing_settings.verifactu_backoff_max_seconds,
            )
            jobs.append(asyncio.create_task(sender.run_forever(), name="verifactu-sender"))
        app.state.verifactu_jobs = jobs

    async def stop(app: FastAPI) -> None:
        for job in (
            app.state.recurring_job,
            app.state.certificate_expiry_job,
            *app.state.verifactu_jobs,
        ):
            job.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await job
        if verifactu is None:
            await close_parts(parts)
        await app.state.clients_directory.close()

    app = create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=invoicing_settings,
        routers=[
            router,
            record_actions.router,
            certificates_api.router,
            quotes.router,
            recurring.router,
            verifactu_routes.router,
            client_replica_router(client_replicas),
        ],
        produces=(
            topics.INVOICE_ISSUED,
            topics.INVOICE_RECTIFIED,
            topics.INVOICE_CANCELLED,
            topics.QUOTE_ACCEPTED,
            topics.CERTIFICATE_EXPIRING,
            topics.VERIFACTU_ACCEPTED,
            topics.VERIFACTU_REJECTED,
        ),
        consumes=topics.CLIENT_EVENTS,
        setup_consumers=setup_consumers,
        description="Spanish-law invoices, series, rectifications, quotes, recurring invoices.",
        on_startup=start,
        on_shutdown=stop,
    )
    app.state.clients_directory = ClientsDirectory(
        invoicing_settings.clients_url,
        caller=NAME,
        internal_keys=lambda: app.state.internal_keys,
        timeout=invoicing_settings.clients_timeout_seconds,
    )
    # The data keys and the operator's certificate (read once, here), for the routes and for
    # certificates.submitter_for.
    certificates.install(certificates.keys_from_settings(invoicing_settings))
    app.state.verifactu_parts = parts
    app.state.verifactu_producer = (
        invoicing_settings.verifactu_producer_name,
        invoicing_settings.verifactu_producer_nif,
    )
    return app


def metrics_interval() -> float:
    return float(os.environ.get("CARTERA_METRICS_INTERVAL_SECONDS", "15"))


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
