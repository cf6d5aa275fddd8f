"""A kept-alive connection that the service closes just as the gateway sends a call on it (the
race between the gateway's pool and the service's keep-alive timer): a call that changes
nothing is sent again on a fresh connection and answered; any other call is not repeated, since
the service may have carried it out, and the caller gets a 503 to retry.

The stand-in service is a raw TCP server on loopback: it answers the first request of every
connection and keeps it open, and closes the connection unanswered when a second request comes
on it."""

import asyncio
import json
import socket
import uuid

import httpx
import pytest

from cartera_gateway.main import create_app
from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
ONE_CLIENT = f"/v1/clients/{uuid.uuid4()}"


class ClosingUpstream:
    def __init__(self) -> None:
        self.answered: list[str] = []  # "METHOD path" of each request answered
        self.dropped: list[str] = []  # ... of each request met with a closed connection

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        served = 0
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target = lines[0].split(" ")[:2]
                length = next(
                    (
                        int(line.split(":", 1)[1])
                        for line in lines
                        if line.lower().startswith("content-length:")
                    ),
                    0,
                )
                if length:
                    await reader.readexactly(length)
                if served:
                    self.dropped.append(f"{method} {target}")
                    return  # closed with no answer, as a keep-alive timer would
                served += 1
                self.answered.append(f"{method} {target}")
                body = json.dumps({"served": method}).encode()
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                    + f"content-length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            return
        finally:
            writer.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def upstream():
    service = ClosingUpstream()
    port = free_port()
    server = await asyncio.start_server(service.serve, "127.0.0.1", port)
    yield service, f"http://127.0.0.1:{port}"
    server.close()
    await server.wait_closed()


@pytest.fixture
async def api(owner_url, app_url, kafka_bootstrap, upstream):
    _, url = upstream
    settings = GatewaySettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=url,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as admin:
            key = (await admin.post("/v1/admin/tenants", headers=ADMIN)).json()["api_key"]
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://gateway",
            headers={"Authorization": f"Bearer {key}"},
        ) as client:
            yield client


async def test_a_read_on_a_connection_the_service_closed_is_sent_again(api, upstream):
    service, _ = upstream
    assert (await api.get(ONE_CLIENT)).status_code == 200
    again = await api.get(ONE_CLIENT)  # goes out on the kept-alive connection, which is closed
    assert again.status_code == 200, again.text
    assert again.json() == {"served": "GET"}
    assert service.dropped == [f"GET {ONE_CLIENT}"]
    assert service.answered == [f"GET {ONE_CLIENT}", f"GET {ONE_CLIENT}"]


ONE_DOCUMENT = f"{ONE_CLIENT}/documents/{uuid.uuid4()}"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/clients", {"legal_name": "Talleres Norte S.L."}),
        # Idempotent in HTTP's terms, and an HTTP client may send them again on its own (aiohttp
        # does, unless told not to); the service may have carried the first one out, though.
        ("PATCH", ONE_CLIENT, {"legal_name": "Talleres Sur S.L."}),
        ("DELETE", ONE_DOCUMENT, None),
    ],
)
async def test_a_write_is_never_sent_twice(api, upstream, method, path, body):
    service, _ = upstream
    assert (await api.get(ONE_CLIENT)).status_code == 200
    made = await api.request(method, path, json=body)
    assert made.status_code == 503, made.text
    assert made.headers["content-type"].startswith("application/problem+json")
    assert service.dropped == [f"{method} {path}"]
    assert service.answered == [f"GET {ONE_CLIENT}"]  # the write reached it once, unanswered
