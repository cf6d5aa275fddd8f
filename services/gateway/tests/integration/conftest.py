"""The gateway service's integration tests run as its own database role.

Each module makes its `app` (the gateway with the settings it needs); `api` calls it in process
and `owner` reads the database behind it as the owner role.
"""

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from cartera_shared.db import create_engine


@pytest.fixture(scope="session")
def app_url(service_app_url):
    """This service's own database role, as it serves requests."""
    return service_app_url("gateway")


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
        yield client


@pytest.fixture
async def owner(owner_url) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()
