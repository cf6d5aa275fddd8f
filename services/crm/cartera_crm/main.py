"""Process entry point: the API and the Kafka consumers of the crm service."""

from __future__ import annotations

from fastapi import FastAPI

from cartera_crm.consumers import consumers
from cartera_crm.followups import api as followups
from cartera_crm.inbound import api as inbound
from cartera_crm.interactions import api as interactions
from cartera_crm.models import SCHEMA, client_replicas, inbox
from cartera_crm.requests import api as client_requests
from cartera_crm.settings import CrmSettings
from cartera_crm.surveys import api as surveys
from cartera_crm.timeline import api as timeline
from cartera_shared.app_factory import create_service_app
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import topics
from cartera_shared.internal_calls import InternalClient
from cartera_shared.replicas import client_replica_router
from cartera_shared.server import serve
from cartera_shared.settings import ServiceSettings

NAME = "crm"
DEFAULT_PORT = 8104


def create_app(settings: ServiceSettings | None = None) -> FastAPI:
    if isinstance(settings, CrmSettings):
        crm_settings = settings
    else:  # the crm-only values come from the environment
        crm_settings = CrmSettings() if settings is None else CrmSettings(**settings.model_dump())
    internal_keys = crm_settings.internal_keys()
    directory = ClientsDirectory(
        crm_settings.clients_url,
        caller=NAME,
        internal_keys=lambda: internal_keys,
        timeout=crm_settings.clients_timeout_seconds,
    )
    invoicing = InternalClient(
        callee="invoicing",
        base_url=crm_settings.invoicing_url,
        caller=NAME,
        internal_keys=lambda: internal_keys,
        timeout=crm_settings.invoicing_timeout_seconds,
    )
    return create_service_app(
        name=NAME,
        schema=SCHEMA,
        settings=crm_settings,
        routers=[
            interactions.router,
            client_requests.router,
            client_requests.settings_router,
            surveys.router,
            surveys.public_router,
            followups.router,
            inbound.router,
            inbound.settings_router,
            timeline.router,
            client_replica_router(client_replicas),
        ],
        produces=(
            topics.INTERACTION_LOGGED,
            topics.REQUEST_OPENED,
            topics.REQUEST_CLOSED,
            topics.SATISFACTION_RECORDED,
        ),
        inbox=inbox,
        consumers=consumers(),
        parts=[directory, invoicing],
        description="Interactions, client requests, satisfaction, the client timeline.",
    )


def run() -> None:
    serve(create_app(), DEFAULT_PORT)


if __name__ == "__main__":
    run()
