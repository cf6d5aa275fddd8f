"""Process entry point: the API, and the outbox relay that publishes client events."""

from __future__ import annotations

from fastapi import FastAPI

from cartera_clients.clients.api import router
from cartera_clients.documents.api import DocumentArchive
from cartera_clients.documents.api import router as documents_router
from cartera_clients.documents.storage import create_storage
from cartera_clients.models import SCHEMA
from cartera_clients.settings import ClientsSettings
from cartera_clients.transfer import api as transfer_api
from cartera_clients.transfer.service import ImportTasks
from cartera_shared.app_factory import ServiceRuntime, create_service_app
from cartera_shared.events import topics
from cartera_shared.server import serve
from cartera_shared.settings import ServiceSettings

NAME = "clients"
DEFAULT_PORT = 8101


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    # A plain ServiceSettings is accepted too; the documents' settings then come from the env.
    clients_settings = (
        ClientsSettings() if settings is None else ClientsSettings.from_service_settings(settings)
    )
    storage = create_storage(clients_settings)

    async def start(runtime: ServiceRuntime) -> None:
        await storage.start()

    async def stop(runtime: ServiceRuntime) -> None:
        await storage.close()

    archive = DocumentArchive(
        storage=storage,
        max_bytes=clients_settings.documents_max_bytes,
        tmp_dir=clients_settings.documents_tmp_dir,
    )
    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=clients_settings,
        # Import and export first: their fixed paths must win over /v1/clients/{client_id}.
        routers=[transfer_api.router, router, documents_router],
        produces=topics.CLIENT_EVENTS,
        description="Client master data and fiscal data; publishes client.* events.",
        on_startup=start,
        on_shutdown=stop,
        parts=[archive, ImportTasks()],
    )


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
