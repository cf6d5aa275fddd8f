"""Process entry point: the API and the Kafka consumers of the invoicing service."""

from __future__ import annotations

import os

from fastapi import FastAPI

from cartera_invoicing.certificates import api as certificates_api
from cartera_invoicing.certificates import service as certificates
from cartera_invoicing.consumers import consumers
from cartera_invoicing.invoices.api import router
from cartera_invoicing.invoices.grouping import IssueGroups
from cartera_invoicing.models import SCHEMA, client_replicas, inbox
from cartera_invoicing.quotes import api as quotes_api
from cartera_invoicing.recurring import api as recurring_api
from cartera_invoicing.recurring import service as recurring
from cartera_invoicing.settings import InvoicingSettings
from cartera_invoicing.verifactu import api as verifactu_routes
from cartera_invoicing.verifactu import status as verifactu_status
from cartera_invoicing.verifactu.ports import (
    InstalledVerifactu,
    SoftwareProducer,
    VerifactuParts,
    close_parts,
    installed_parts,
)
from cartera_invoicing.verifactu.sender import VerifactuSender
from cartera_shared.app_factory import ServiceRuntime, create_service_app
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import topics
from cartera_shared.jobs import Job, every
from cartera_shared.replicas import client_replica_router
from cartera_shared.server import serve
from cartera_shared.settings import ServiceSettings

NAME = "invoicing"
DEFAULT_PORT = 8102


def create_app(
    settings: ServiceSettings | None = None, *, verifactu: VerifactuParts | None = None
) -> FastAPI:
    """`verifactu`: the AEAT client and certificate store to use (tests give fakes); by default
    the installed ones when CARTERA_INVOICING_VERIFACTU_ENDPOINT is set. The sender runs only when
    it is set."""
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

    internal_keys = invoicing_settings.internal_keys()
    directory = ClientsDirectory(
        invoicing_settings.clients_url,
        caller=NAME,
        internal_keys=lambda: internal_keys,
        timeout=invoicing_settings.clients_timeout_seconds,
    )
    producer = SoftwareProducer(
        invoicing_settings.verifactu_producer_name, invoicing_settings.verifactu_producer_nif
    )
    # The data keys and the operator's certificate (read once, here), for the routes and for
    # certificates.submitter_for.
    certificates.install(certificates.keys_from_settings(invoicing_settings))

    async def recurring_run(runtime: ServiceRuntime) -> None:
        await recurring.generate_due(runtime.sessions, directory, producer=producer)

    async def expiry_run(runtime: ServiceRuntime) -> None:
        await certificates.warn_expiring(runtime.sessions)

    async def measure_run(runtime: ServiceRuntime) -> None:
        await verifactu_status.measure_waiting(runtime.sessions)

    jobs = [
        every("recurring-invoices", invoicing_settings.recurring_interval_seconds, recurring_run),
        every(
            "certificate-expiry",
            invoicing_settings.certificate_expiry_interval_seconds,
            expiry_run,
        ),
        every("verifactu-metrics", metrics_interval, measure_run),
    ]
    if invoicing_settings.verifactu_endpoint and parts is not None:
        sending = parts

        async def send_forever(runtime: ServiceRuntime) -> None:
            sender = VerifactuSender(
                runtime.sessions,
                sending,
                poll_seconds=invoicing_settings.verifactu_poll_seconds,
                timeout_seconds=invoicing_settings.verifactu_timeout_seconds,
                backoff_seconds=invoicing_settings.verifactu_backoff_seconds,
                backoff_max_seconds=invoicing_settings.verifactu_backoff_max_seconds,
            )
            await sender.run_forever()

        jobs.append(Job("verifactu-sender", send_forever))

    async def stop(runtime: ServiceRuntime) -> None:
        if verifactu is None:
            await close_parts(parts)

    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=invoicing_settings,
        routers=[
            router,
            verifactu_routes.invoice_records_router,
            certificates_api.router,
            quotes_api.router,
            recurring_api.router,
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
        inbox=inbox,
        consumers=consumers(),
        jobs=jobs,
        parts=[
            directory,
            producer,
            InstalledVerifactu(parts),
            IssueGroups(invoicing_settings.effective_app_url),
        ],
        description="Spanish-law invoices, series, rectifications, quotes, recurring invoices.",
        on_shutdown=stop,
    )


def metrics_interval() -> float:
    return float(os.environ.get("CARTERA_METRICS_INTERVAL_SECONDS", "15"))


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
