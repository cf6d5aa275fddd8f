"""The collections service's integration tests run as its own database role, against the real
PostgreSQL and Kafka; each module starts the service once (its clients and invoicing sources point
at closed ports, so a read-through is a refusal the tests can see)."""

from collections.abc import AsyncIterator

import httpx
import pytest

from cartera_collections.main import CollectionsSettings, create_app
from cartera_shared.testing import free_tcp_port, secret_settings


@pytest.fixture(scope="session")
def app_url(service_app_url):
    """This service's own database role, as it serves requests."""
    return service_app_url("collections")


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    settings = CollectionsSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=f"http://127.0.0.1:{free_tcp_port()}",
        CARTERA_INVOICING_URL=f"http://127.0.0.1:{free_tcp_port()}",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://collections") as client:
        yield client
