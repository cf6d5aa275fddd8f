"""Process entry point: the API and the Kafka consumers of the analytics service."""

from __future__ import annotations

from fastapi import FastAPI

from cartera_analytics.consumers import setup_consumers
from cartera_analytics.models import SCHEMA, client_replicas
from cartera_shared.events import topics
from cartera_shared.replicas import client_replica_router
from cartera_shared.service import create_service_app, serve
from cartera_shared.settings import ServiceSettings

NAME = "analytics"
DEFAULT_PORT = 8105


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=settings or ServiceSettings(),
        routers=[client_replica_router(client_replicas)],
        consumes=topics.CLIENT_EVENTS,
        setup_consumers=setup_consumers,
        description=(
            "Read models: billing share, concentration, evolution, payment behaviour, Modelo 347."
        ),
    )


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
