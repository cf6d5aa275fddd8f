"""Process entry point: the API and the Kafka consumers of the analytics service."""

from __future__ import annotations

from fastapi import FastAPI

from cartera_analytics.api import router
from cartera_analytics.consumers import consumers
from cartera_analytics.models import SCHEMA, client_replicas, inbox
from cartera_shared.app_factory import create_service_app
from cartera_shared.events import topics
from cartera_shared.replicas import client_replica_router
from cartera_shared.server import serve
from cartera_shared.settings import ServiceSettings

NAME = "analytics"
DEFAULT_PORT = 8105


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=settings or ServiceSettings(),
        routers=[router, client_replica_router(client_replicas)],
        produces=(topics.ALERT_RAISED,),
        inbox=inbox,
        consumers=consumers(),
        description=(
            "Read models: billing share, concentration, evolution, clients gained and lost, "
            "payment behaviour, satisfaction, clients at risk, Modelo 347, alerts."
        ),
    )


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
