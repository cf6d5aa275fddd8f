"""serve()'s protocol guards, on both of uvicorn's HTTP parsers: idle and trickling connections
are closed, a request head larger than any honest one is refused, a large body right behind a
small head is not, and an answer given before the body is read reaches the caller and says
that the connection ends with it."""

import asyncio
import json

import httpx
import pytest
from fastapi import FastAPI, Request, Response

from cartera_shared.request_context import RequestContextMiddleware
from cartera_shared.server import MAX_HEAD_BYTES
from cartera_shared.testing import serving

# Short, so the idle test is quick.
IDLE_SECONDS = 0.5


@pytest.fixture(params=["h11", "httptools"])
def parser(request) -> str:
    return request.param


def with_ordinary_routes(app: FastAPI) -> FastAPI:
    """`/` answers at once; `/upload` reads the whole body and says how long it was."""

    @app.get("/")
    async def root() -> dict[str, str]:
        return {"ok": "yes"}

    @app.post("/upload")
    async def upload(incoming: Request) -> dict[str, int]:
        return {"bytes": len(await incoming.body())}

    return app


@pytest.fixture
def app() -> FastAPI:
    app = with_ordinary_routes(FastAPI())

    @app.post("/refused")
    async def refused() -> Response:
        # Answered without reading the body, as a size limit does.
        return Response(status_code=413, headers={"Connection": "close"})

    return app


@pytest.fixture
async def port(app, parser):
    # Idle connections are closed only after 5 s here: what these tests see comes sooner.
    async with serving(app, idle_seconds=5, http=parser) as bound:
        yield bound


async def test_idle_and_trickling_connections_are_closed(app, parser):
    async with serving(app, idle_seconds=IDLE_SECONDS, http=parser) as port:
        await idle_and_trickling(port)


async def idle_and_trickling(port: int) -> None:
    # Idle: closed after one to two periods.
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    assert await asyncio.wait_for(reader.read(), 4 * IDLE_SECONDS) == b""
    writer.close()
    # Headers a byte at a time: closed too, though bytes keep coming.
    reader, writer = await asyncio.open_connection("127.0.0.1", port)

    async def trickle() -> None:
        for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 100:
            writer.write(bytes([byte]))
            await asyncio.sleep(0.05)

    sender = asyncio.create_task(trickle())
    assert await asyncio.wait_for(reader.read(), 4 * IDLE_SECONDS) == b""
    sender.cancel()
    writer.close()
    # A request in progress is not cut, and the answer comes.
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 2)
    assert head.startswith(b"HTTP/1.1 200")
    writer.close()


async def test_an_endless_request_head_is_refused(port, parser):
    started = asyncio.get_running_loop().time()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /upload HTTP/1.1\r\nHost: x\r\n")
    padding = b"X-Pad: " + b"a" * 8000 + b"\r\n"
    assert MAX_HEAD_BYTES < 1024 * 1024
    try:
        for _ in range(1024 * 1024 // len(padding)):
            writer.write(padding)
            await writer.drain()
    except ConnectionError:
        pass  # closed while sending: refused
    try:
        answer = await asyncio.wait_for(reader.read(), 5)
    except ConnectionResetError:
        answer = b""  # closed with our bytes unread: refused as well
    # Refused by size, at once: not served, and not left to the 5 s idle timeout.
    assert asyncio.get_running_loop().time() - started < 2
    assert answer == b"" or answer.split(b" ", 2)[1] in (b"400", b"431")
    if answer and parser == "httptools":
        # Ours (h11 refuses by itself, in its own words): problem details, like every refusal.
        head, _, body = answer.partition(b"\r\n\r\n")
        assert b"application/problem+json" in head
        assert json.loads(body)["status"] == 431
    writer.close()


async def test_a_large_body_behind_a_small_head_is_served(port):
    body = b"z" * (1024 * 1024)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
    )
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    assert head.startswith(b"HTTP/1.1 200"), head
    assert b'{"bytes":1048576}' in await asyncio.wait_for(reader.read(100), 5)
    writer.close()


SIZE = 8 * 1024 * 1024


async def send_body(writer: asyncio.StreamWriter) -> None:
    try:
        for _ in range(SIZE // 65536):
            writer.write(bytes(65536))
            await writer.drain()
    except ConnectionError:
        pass


async def test_an_answer_given_before_the_body_is_read_reaches_the_caller(port):
    """The server closes with body bytes still coming: a plain close resets the connection, which
    destroys the 413 before a caller busy sending reads it; the lingering close lets it through."""
    for _ in range(5):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"POST /refused HTTP/1.1\r\nHost: x\r\nContent-Length: {SIZE}\r\n\r\n".encode()
        )
        # As a proxy does: the whole body first, then the answer.
        await send_body(writer)
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        assert head.startswith(b"HTTP/1.1 413"), head
        writer.close()


@pytest.fixture
def service_app() -> FastAPI:
    """An app behind the services' own middleware, with a route that refuses unread."""
    app = with_ordinary_routes(FastAPI())
    app.add_middleware(RequestContextMiddleware, service="lab")

    @app.post("/too-large")
    async def too_large() -> Response:
        return Response(status_code=413)  # the body is never read

    return app


async def test_an_answer_before_the_body_says_the_connection_closes(service_app, parser):
    """The rest of a refused body is never read, so that connection cannot carry a next request.
    Without `Connection: close` a pooling client sent its next request on it and, now and then,
    got no answer at all ("Server disconnected without sending a response")."""

    async def body():
        for _ in range(32):
            yield bytes(65536)

    async with (
        serving(service_app, idle_seconds=5, http=parser) as bound,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{bound}", timeout=10) as client,
    ):
        for _ in range(20):
            refused = await client.post("/too-large", content=body())
            assert refused.status_code == 413
            assert refused.headers["connection"] == "close"
            # The next request, at once, on whatever connection the pool gives.
            assert (await client.get("/")).status_code == 200
        # A body that was read keeps the connection for the next request.
        kept = await client.post("/upload", content=b"x" * 1000)
        assert kept.json() == {"bytes": 1000}
        assert "connection" not in kept.headers
        declared_empty = await client.post("/too-large", content=b"")
        assert "connection" not in declared_empty.headers
