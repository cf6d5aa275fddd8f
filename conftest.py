"""Fixtures every test suite shares: the real PostgreSQL and Kafka that `make test` started.

Tests use the `cartera_test` database (DATABASE_TEST_URL / DATABASE_APP_TEST_URL) and the broker
at KAFKA_BOOTSTRAP_SERVERS. Nothing here is mocked.
"""

from __future__ import annotations

import os
import uuid

import pytest

OWNER_URL = os.environ.get(
    "DATABASE_TEST_URL",
    "postgresql+asyncpg://cartera_owner:cartera_owner@127.0.0.1:55432/cartera_test",
)
APP_URL = os.environ.get(
    "DATABASE_APP_TEST_URL",
    "postgresql+asyncpg://cartera_app:cartera_app@127.0.0.1:55432/cartera_test",
)
KAFKA = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")


@pytest.fixture(scope="session")
def owner_url() -> str:
    return OWNER_URL


@pytest.fixture(scope="session")
def app_url() -> str:
    return APP_URL


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    return KAFKA


@pytest.fixture
def unique() -> str:
    """A short random suffix for topic, group and tenant names, so tests never share state."""
    return uuid.uuid4().hex[:10]
