"""Process entry point: the API, and the outbox relay that publishes client events."""

from __future__ import annotations

import os

import uvicorn
from fastapi import FastAPI

from cartera_clients.api import router
from cartera_clients.models import SCHEMA
from cartera_shared.events import topics
from cartera_shared.service import create_service_app
from cartera_shared.settings import ServiceSettings

NAME = "clients"
DEFAULT_PORT = 8101


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=settings or ServiceSettings(),
        routers=[router],
        produces=topics.CLIENT_EVENTS,
        description="Client master data and fiscal data; publishes client.* events.",
    )


def run() -> None:
    uvicorn.run(
        create_app(),
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", DEFAULT_PORT)),
        log_config=None,
        access_log=False,
    )


if __name__ == "__main__":
    run()
