"""Fixtures every test suite shares: the real PostgreSQL and Kafka that `make test` started.

Tests use the `cartera_test` database and the broker at CARTERA_KAFKA_BOOTSTRAP_SERVERS, from the
environment `make test` gives them (deploy/local/infra.sh env): DATABASE_TEST_URL (the owner),
DATABASE_APP_TEST_URL_<SERVICE> (each service's own role) and DATABASE_APP_TEST_URL (a non-owner
role for the library's throw-away schemas). No URL or password has a default here: the local
cluster's passwords are random, made for each checkout. Nothing here is mocked.
"""

from __future__ import annotations

import os
import urllib.parse
import uuid
from collections.abc import Callable, Iterator

import pytest

from cartera_shared.events.testing import contracts_checked_at_outbox

# The former name too: an environment written before the CARTERA_ prefix still runs the tests.
KAFKA = (
    os.environ.get("CARTERA_KAFKA_BOOTSTRAP_SERVERS")
    or os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    or "127.0.0.1:9092"
)


def _url(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(
            f"{name} is not set: run the tests with `make test`, or first "
            'eval "$(deploy/local/infra.sh env)"',
            pytrace=False,
        )
    return value


@pytest.fixture(scope="session")
def owner_url() -> str:
    return _url("DATABASE_TEST_URL")


@pytest.fixture(scope="session")
def app_url() -> str:
    """A role that owns nothing: the library's tests grant it their throw-away schemas."""
    return _url("DATABASE_APP_TEST_URL")


@pytest.fixture(scope="session")
def service_app_url() -> Callable[[str], str]:
    """The URL a service serves requests with: its own role, which can use its schema only."""

    def url(service: str) -> str:
        return os.environ.get(f"DATABASE_APP_TEST_URL_{service.upper()}") or _url(
            "DATABASE_APP_TEST_URL"
        )

    return url


def role_of(url: str) -> str:
    return urllib.parse.urlsplit(url).username or ""


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    return KAFKA


@pytest.fixture
def unique() -> str:
    """A short random suffix for topic, group and tenant names, so tests never share state."""
    return uuid.uuid4().hex[:10]


_EVENTS_CHECKED: dict[str, int] = {}


@pytest.fixture(scope="session", autouse=True)
def events_follow_their_contracts() -> Iterator[None]:
    """Whatever a test makes a service write to its outbox is checked against its topic's
    contract (cartera_shared.events.registry): a producer that breaks one fails the test."""
    with contracts_checked_at_outbox() as seen:
        yield
    _EVENTS_CHECKED.update(seen)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _EVENTS_CHECKED:
        counts = ", ".join(f"{t} {n}" for t, n in sorted(_EVENTS_CHECKED.items()))
        terminalreporter.write_line(f"events checked against their contracts: {counts}")


# The long tests, marked `slow` so a quick loop can leave them out (`make test-quick`, that is
# `-m "not slow"`); `make test` and CI run them all. Whole folders, or single tests by name.
SLOW_FOLDERS = ("tests/faults/", "tests/browser/", "tests/ops/test_restore_drill.py")
SLOW_TESTS = (
    "test_fuzz.py::",
    "test_ten_thousand_rows_import",
    "test_a_hundred_concurrent_issues",
    "test_fifty_concurrent_one_call_issues",
    "test_a_multi_megabyte_file_is_never_held_in_memory",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        where = item.nodeid
        if where.startswith(SLOW_FOLDERS) or any(name in where for name in SLOW_TESTS):
            item.add_marker(pytest.mark.slow)
