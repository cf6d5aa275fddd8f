"""Process entry point: the API and the Kafka consumers of the crm service."""

from __future__ import annotations

from fastapi import FastAPI

from cartera_crm.consumers import setup_consumers
from cartera_crm.models import SCHEMA, client_replicas
from cartera_shared.events import topics
from cartera_shared.replicas import client_replica_router
from cartera_shared.service import create_service_app, serve
from cartera_shared.settings import ServiceSettings

NAME = "crm"
DEFAULT_PORT = 8104


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=settings or ServiceSettings(),
        routers=[client_replica_router(client_replicas)],
        consumes=topics.CLIENT_EVENTS,
        setup_consumers=setup_consumers,
        description="Interactions, client requests, satisfaction, the client timeline.",
    )


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
