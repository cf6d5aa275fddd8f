"""The invoicing service's integration tests run as its own database role, against the real
PostgreSQL and Kafka. `app` starts the service once per module, its clients source on a closed
port (a read-through is a refusal the tests can see); modules that need another start define
their own."""

from collections.abc import AsyncIterator

import httpx
import pytest

from cartera_invoicing.main import create_app
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.db import create_engine
from cartera_shared.testing import free_tcp_port, secret_settings


@pytest.fixture(scope="session")
def app_url(service_app_url):
    """This service's own database role, as it serves requests."""
    return service_app_url("invoicing")


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    settings = InvoicingSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=f"http://127.0.0.1:{free_tcp_port()}",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://invoicing") as client:
        yield client


@pytest.fixture
async def owner(owner_url):
    """The database as its owner (no row-level security), to look at what a test wrote."""
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()
