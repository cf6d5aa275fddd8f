"""The analytics service's app on the real, migrated test database and the real broker."""

from collections.abc import AsyncIterator

import httpx
import pytest

from cartera_analytics.main import create_app
from cartera_shared.settings import ServiceSettings
from cartera_shared.testing import secret_settings


@pytest.fixture(scope="session")
def app_url(service_app_url):
    """This service's own database role, as it serves requests and projects events."""
    return service_app_url("analytics")


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    settings = ServiceSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://analytics") as client:
        yield client
