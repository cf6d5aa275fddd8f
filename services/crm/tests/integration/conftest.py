"""The crm service's integration tests run as its own database role."""

import pytest


@pytest.fixture(scope="session")
def app_url(service_app_url):
    """This service's own database role, as it serves requests."""
    return service_app_url("crm")
