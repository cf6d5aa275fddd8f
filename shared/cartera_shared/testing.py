"""Helpers for tests that talk to the real broker and real servers (no in-memory fakes here)."""

from __future__ import annotations

import asyncio
import inspect
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord

from cartera_shared.events import new_envelope
from cartera_shared.identity import INTERNAL_TOKEN_HEADER, Identity, issue_internal_token
from cartera_shared.inbox import Delivery

# The internal secret of the apps that tests build in-process: random for each test run, as a
# real installation's is (services refuse fixed or weak ones).
TEST_INTERNAL_SECRET = secrets.token_hex(32)


def secret_settings() -> dict[str, str]:
    """Settings for the secrets every service needs, fresh for this test run."""
    return {
        "CARTERA_INTERNAL_SECRET": TEST_INTERNAL_SECRET,
        "CARTERA_GATEWAY_ADMIN_TOKEN": _TEST_ADMIN_TOKEN,
        "CARTERA_GATEWAY_METRICS_TOKEN": _TEST_METRICS_TOKEN,
        "CARTERA_DATA_KEY": _TEST_DATA_KEY,
        "CARTERA_CRM_INBOUND_KEY": _TEST_INBOUND_KEY,
    }


def unstarted_settings() -> dict[str, str]:
    """Settings for an app that is built but never started (its wiring, its documents): no
    server is reached, so the database URL names none."""
    return {
        "CARTERA_DATABASE_URL": "postgresql+asyncpg://unstarted@127.0.0.1:1/none",
        **secret_settings(),
    }


_TEST_ADMIN_TOKEN = "cop_" + secrets.token_hex(32)
_TEST_METRICS_TOKEN = "cmt_" + secrets.token_hex(32)
_TEST_DATA_KEY = secrets.token_hex(32)
_TEST_INBOUND_KEY = secrets.token_hex(32)


async def read_topic(
    bootstrap_servers: str,
    topic: str,
    *,
    until: Callable[[list[ConsumerRecord[bytes, bytes]]], bool],
    timeout: float = 20.0,  # noqa: ASYNC109 (a deadline for the reading loop)
) -> list[ConsumerRecord[bytes, bytes]]:
    """Read a topic from its beginning until `until(records)` holds or the time is up."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap_servers,
        group_id=f"test-reader-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    try:
        deadline = asyncio.get_running_loop().time() + timeout
        while not until(records):
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                break
            batches = await consumer.getmany(timeout_ms=int(min(remaining, 0.5) * 1000))
            for batch in batches.values():
                records.extend(batch)
    finally:
        await consumer.stop()
    return records


async def publish_raw(
    bootstrap_servers: str,
    topic: str,
    messages: Sequence[tuple[bytes | None, bytes]],
    *,
    partition: int | None = None,
) -> None:
    """Publish raw (key, value) pairs in order, as a misbehaving or duplicating producer would."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        for key, value in messages:
            await producer.send_and_wait(topic, value=value, key=key, partition=partition)
    finally:
        await producer.stop()


def header(record: ConsumerRecord[bytes, bytes], name: str) -> str | None:
    for key, value in record.headers or ():
        if key == name:
            return bytes(value).decode()
    return None


_CIF_CONTROL_LETTERS = "JABCDEFGHI"
_NIF_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def internal_headers(
    tenant_id: uuid.UUID,
    *,
    service: str,
    scopes: Iterable[str] = ("*",),
    subject: str = "test",
    secret: str = TEST_INTERNAL_SECRET,
) -> dict[str, str]:
    """What the gateway sends with each call to `service`: lets a test ask it directly."""
    identity = Identity(tenant_id=tenant_id, subject=subject, scopes=frozenset(scopes))
    token = issue_internal_token(identity, secret, service=service)
    return {INTERNAL_TOKEN_HEADER: token}


def random_cif(org_letter: str = "B") -> str:
    """A fresh, valid Spanish CIF (so each test's client has its own tax id)."""
    return numbered_cif(uuid.uuid4().int % 10_000_000, org_letter)


def numbered_cif(number: int, org_letter: str = "B") -> str:
    """The valid Spanish CIF with these seven digits: distinct numbers give distinct tax ids,
    where thousands of random ones would sometimes meet (two of 1,500 do about one time in
    ten)."""
    digits = f"{number % 10_000_000:07d}"
    odd = sum(sum(divmod(int(d) * 2, 10)) for d in digits[0::2])
    even = sum(int(d) for d in digits[1::2])
    control = (10 - (odd + even) % 10) % 10
    check = str(control) if org_letter in "ABEH" else _CIF_CONTROL_LETTERS[control]
    return f"{org_letter}{digits}{check}"


def random_nif() -> str:
    """A fresh, valid Spanish DNI-style NIF."""
    number = 10_000_000 + uuid.uuid4().int % 89_999_999
    return f"{number}{_NIF_LETTERS[number % 23]}"


def free_tcp_port() -> int:
    """A port nothing listens on right now, on loopback."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def clear_of_a_minute_boundary(seconds: float = 10.0) -> None:
    """Wait for the next minute when fewer than `seconds` are left of this one.

    The gateway's rate limits count in wall-clock minutes, and a sliding-window counter weighs
    the minute before by how much of it still overlaps. A test that counts exact answers
    (4 served, then 429) would let one more through if it straddled a minute's end."""
    left = 60 - time.time() % 60
    if left < seconds:
        await asyncio.sleep(left + 0.05)


async def eventually(
    probe: Callable[[], Awaitable[bool]],
    *,
    timeout: float = 15.0,  # noqa: ASYNC109 (a deadline for the polling loop)
    interval: float = 0.05,
) -> float:
    """Wait until `probe()` holds; return the seconds it took, or fail after `timeout`."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while True:
        if await probe():
            return loop.time() - started
        if loop.time() - started > timeout:
            raise AssertionError(f"condition not reached within {timeout}s")
        await asyncio.sleep(interval)


@asynccontextmanager
async def serving(
    app: Any, *, idle_seconds: float, http: str = "auto", proxies: list[str] | None = None
) -> AsyncIterator[int]:
    """`app` served as every service is (`server_config`), on a free loopback port, for the
    block; yields the port. `proxies` stands for TRUSTED_PROXIES."""
    import uvicorn

    from cartera_shared.server import server_config

    config = server_config(
        app,
        host="127.0.0.1",
        port=0,
        idle_seconds=idle_seconds,
        http=http,
        lifespan="off",
        proxies=proxies,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()  # it failed to start: say why
        await asyncio.sleep(0.01)
    try:
        yield server.servers[0].sockets[0].getsockname()[1]
    finally:
        server.should_exit = True
        await task


class HttpStub:
    """Another service, played by a test over real HTTP: each request is handed to `answer` as an
    `httpx.Request` (and kept in `asked`), and the `httpx.Response` it returns is sent back."""

    def __init__(
        self, answer: Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]
    ) -> None:
        self.answer = answer
        self.asked: list[httpx.Request] = []
        self.url = ""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        query = scope["query_string"].decode()
        request = httpx.Request(
            scope["method"],
            f"{self.url}{scope['path']}" + (f"?{query}" if query else ""),
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]],
            content=body,
        )
        self.asked.append(request)
        answer = self.answer(request)
        if inspect.isawaitable(answer):
            answer = await answer
        await send(
            {
                "type": "http.response.start",
                "status": answer.status_code,
                "headers": [(k.encode(), v.encode()) for k, v in answer.headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": answer.content})


@asynccontextmanager
async def http_stub(
    answer: Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]],
) -> AsyncIterator[HttpStub]:
    """An `HttpStub` listening on a free loopback port for the block (its `url`)."""
    stub = HttpStub(answer)
    async with serving(stub, idle_seconds=5) as port:
        stub.url = f"http://127.0.0.1:{port}"
        yield stub


def event_delivery(tenant_id: uuid.UUID, kind: str, data: dict[str, Any], offset: int) -> Delivery:
    """An event of `kind` (its topic too) as a consumer receives it: partition 0 at `offset`,
    keyed by its tenant."""
    envelope = new_envelope(
        type=kind, tenant_id=tenant_id, producer="test", subject=data["id"], sequence=offset + 1,
        data=data,
    )  # fmt: skip
    return Delivery(
        topic=kind, partition=0, offset=offset, key=str(tenant_id).encode(),
        value=envelope.to_bytes(), headers=(),
    )  # fmt: skip


async def no_dead_letters(topic: str, value: bytes, key: bytes | None, headers: Any) -> None:
    """A dead-letter publisher for tests in which nothing may be dead-lettered."""
    raise AssertionError(f"nothing here should be dead-lettered ({topic})")
