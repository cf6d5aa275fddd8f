"""The crm service's integration tests run as its own database role.

`crm` is the crm app on the real, migrated test database and the real broker, called through
`httpx.ASGITransport` with the headers the gateway sends. Its clients come from the local replica
(rows written here as the owner); about a client the replica lacks it asks the real clients
service, served on loopback for the session, which knows none of these tenants' clients; about
an invoice its `invoice_refs` lack, the real invoicing service, served the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from cartera_clients.main import create_app as create_clients_app
from cartera_clients.settings import ClientsSettings
from cartera_crm.main import create_app
from cartera_crm.settings import CrmSettings
from cartera_invoicing.main import create_app as create_invoicing_app
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.db import create_engine
from cartera_shared.testing import secret_settings, serving

from .tenants import Tenant


@pytest.fixture(scope="session")
def app_url(service_app_url):
    """This service's own database role, as it serves requests."""
    return service_app_url("crm")


# Module scope, not session (nor package, which is the session for a folder without
# __init__.py): these apps run their services' consumers (groups "clients" and "invoicing" on the
# shared test broker); left running for the session they would take the end-to-end stack's
# events and keep its groups busy (the restore drill refuses a busy group).
@pytest.fixture(scope="module")
async def known_clients_url(
    owner_url, service_app_url, kafka_bootstrap, tmp_path_factory
) -> AsyncIterator[str]:
    settings = ClientsSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=service_app_url("clients"),
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_DOCUMENTS_PATH=str(tmp_path_factory.mktemp("documents")),
    )
    app = create_clients_app(settings)
    async with app.router.lifespan_context(app), serving(app, idle_seconds=10) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
async def invoicing_url(
    owner_url, service_app_url, kafka_bootstrap, known_clients_url
) -> AsyncIterator[str]:
    """The real invoicing service, asked about an invoice crm has not heard of yet."""
    settings = InvoicingSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=service_app_url("invoicing"),
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=known_clients_url,
    )
    app = create_invoicing_app(settings)
    async with app.router.lifespan_context(app), serving(app, idle_seconds=10) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
async def crm(
    owner_url, app_url, kafka_bootstrap, known_clients_url, invoicing_url
) -> AsyncIterator[httpx.AsyncClient]:
    settings = CrmSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=known_clients_url,
        CARTERA_INVOICING_URL=invoicing_url,
        CARTERA_CRM_PUBLIC_BASE_URL="https://api.cartera.test",
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://crm") as client:
            yield client


@pytest.fixture(scope="module")
async def owner(owner_url) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


@pytest.fixture
async def tenant(owner) -> Tenant:
    found = Tenant(id=uuid.uuid4(), client_id=uuid.uuid4(), owner=owner)
    found.client_id = await found.add_client(email="compras@cliente.es", phone="+34 600 111 222")
    return found
