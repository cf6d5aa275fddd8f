"""Process entry point: the API, the Kafka consumers and the overdue job of collections."""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import FastAPI
from pydantic import Field

from cartera_collections import overdue
from cartera_collections.api import router
from cartera_collections.consumers import setup_consumers
from cartera_collections.models import SCHEMA, client_replicas
from cartera_shared.events import topics
from cartera_shared.replicas import client_replica_router
from cartera_shared.service import create_service_app, serve
from cartera_shared.settings import ServiceSettings

NAME = "collections"
DEFAULT_PORT = 8103


class CollectionsSettings(ServiceSettings):
    overdue_interval_seconds: float = Field(
        default=600.0, validation_alias="OVERDUE_INTERVAL_SECONDS"
    )


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    collections_settings = (
        CollectionsSettings() if settings is None else CollectionsSettings(**settings.model_dump())
    )

    async def start(app: FastAPI) -> None:
        app.state.overdue_job = asyncio.create_task(
            overdue.run_forever(
                app.state.runtime.sessions, collections_settings.overdue_interval_seconds
            ),
            name="overdue-job",
        )

    async def stop(app: FastAPI) -> None:
        app.state.overdue_job.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await app.state.overdue_job

    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=collections_settings,
        routers=[router, client_replica_router(client_replicas)],
        produces=(
            topics.PAYMENT_RECORDED,
            topics.PAYMENT_REVERSED,
            topics.RECEIVABLE_SETTLED,
            topics.RECEIVABLE_OVERDUE,
        ),
        consumes=(*topics.CLIENT_EVENTS, topics.INVOICE_ISSUED, topics.INVOICE_RECTIFIED),
        setup_consumers=setup_consumers,
        description="Receivables, payments, overdue detection, dunning, SEPA direct debits.",
        on_startup=start,
        on_shutdown=stop,
    )


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
