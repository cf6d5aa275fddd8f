"""Cross-service tests: the whole system started as `make up` starts it, on the test profile.

The stack runs on ports 18000-18105 against the `cartera_test` database and the real broker,
so a developer's running `make up` stack is left alone.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from aiosmtpd.controller import Controller

from cartera_shared.testing import internal_headers

ROOT = Path(__file__).resolve().parents[1]
STACK = ROOT / "deploy" / "local" / "stack.py"


@pytest.fixture(scope="session")
def stack_script() -> ModuleType:
    """deploy/local/stack.py as a module (it is a script, not part of a package)."""
    spec = importlib.util.spec_from_file_location("stack", STACK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["stack"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Stack:
    urls: dict[str, str]
    # The random secrets the local runner made for this checkout (deploy/local/local_secrets.py).
    secrets: dict[str, str]

    @property
    def gateway(self) -> str:
        return self.urls["gateway"]

    # The AEAT conformance simulator's control API (it mints certificates, sets scenarios).
    aeat_control: str = ""

    @property
    def admin_token(self) -> str:
        return self.secrets["CARTERA_GATEWAY_ADMIN_TOKEN"]

    def internal_headers(
        self,
        service: str,
        tenant_id: uuid.UUID,
        *,
        scopes: tuple[str, ...] = ("*",),
        subject: str = "test",
    ) -> dict[str, str]:
        """What the gateway would send to `service`: lets a test ask one service directly."""
        return internal_headers(
            tenant_id,
            service=service,
            scopes=scopes,
            subject=subject,
            secret=self.secrets["CARTERA_INTERNAL_SECRET"],
        )


class Mailbox:
    """A real SMTP server on loopback that keeps what it receives (aiosmtpd)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        raw = envelope.content  # type: ignore[attr-defined]
        self.messages.append(
            BytesParser(policy=default_policy).parsebytes(raw)  # type: ignore[arg-type]
        )
        return "250 OK"


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    base = int(os.environ.get("CARTERA_TEST_PORT_BASE", "18000"))
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=base + 25)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def stack(mailbox: Mailbox, stack_script: ModuleType) -> Iterator[Stack]:
    # The services send mail to the test's own SMTP server.
    smtp_port = str(int(os.environ.get("CARTERA_TEST_PORT_BASE", "18000")) + 25)
    for service in ("COLLECTIONS", "GATEWAY"):
        os.environ[f"CARTERA_{service}_SMTP_HOST"] = "127.0.0.1"
        os.environ[f"CARTERA_{service}_SMTP_PORT"] = smtp_port
    up = subprocess.run(
        [sys.executable, str(STACK), "up", "--profile", "test"],
        capture_output=True,
        text=True,
        check=False,
    )
    if up.returncode != 0:
        pytest.fail(f"the test stack did not start:\n{up.stdout}\n{up.stderr}", pytrace=False)
    urls = json.loads(
        subprocess.run(
            [sys.executable, str(STACK), "urls", "--profile", "test"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    try:
        simulator = stack_script.aeat_simulator("test")
        control = simulator.ready_url.removesuffix("/health")
        yield Stack(urls, stack_script.local_secrets.ensure(), aeat_control=control)
    finally:
        subprocess.run([sys.executable, str(STACK), "down", "--profile", "test"], check=False)


@dataclass(frozen=True)
class Tenant:
    id: uuid.UUID
    api_key: str
    client: httpx.AsyncClient


@pytest.fixture
async def http(stack: Stack) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=30) as client:
        yield client


async def new_tenant(stack: Stack, name: str = "") -> Tenant:
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=30) as admin:
        answer = await admin.post(
            "/v1/admin/tenants",
            json={"name": name or f"Test {uuid.uuid4().hex[:6]}"},
            headers={"Authorization": f"Bearer {stack.admin_token}"},
        )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    client = httpx.AsyncClient(
        base_url=stack.gateway,
        timeout=30,
        headers={"Authorization": f"Bearer {body['api_key']}"},
    )
    return Tenant(uuid.UUID(body["tenant_id"]), body["api_key"], client)


@pytest.fixture
async def tenant(stack: Stack) -> AsyncIterator[Tenant]:
    created = await new_tenant(stack)
    yield created
    await created.client.aclose()


@pytest.fixture
async def other_tenant(stack: Stack) -> AsyncIterator[Tenant]:
    created = await new_tenant(stack)
    yield created
    await created.client.aclose()
