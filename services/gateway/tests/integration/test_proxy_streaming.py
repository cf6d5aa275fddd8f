"""The proxy streams bodies both ways to a real upstream HTTP server on loopback, keeps its
header allow-lists, and refuses bodies over its limit before the upstream sees them. The stand-in
upstream answers for clients and invoicing, and is called along their real published paths: the
gateway forwards nothing else (and no path that climbs out of one)."""

import asyncio
import hashlib
import json
import socket
import uuid
from urllib.parse import parse_qsl

import httpx
import pytest
import uvicorn

from cartera_gateway.main import create_app
from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
LIMIT = 1024 * 1024
BIG = 3 * 1024 * 1024 + 17
CLIENT = uuid.uuid4()
# Published by the clients service: an upload (streamed), a read, and a download.
DOCUMENTS = f"/v1/clients/{CLIENT}/documents"
ONE_CLIENT = f"/v1/clients/{CLIENT}"
CONTENT = f"/v1/clients/{CLIENT}/documents/{uuid.uuid4()}/content"


class Upstream:
    """A bare ASGI app standing in for a service: it reports what reached it."""

    def __init__(self) -> None:
        self.requests: list[dict] = []

    async def __call__(self, scope, receive, send):
        assert scope["type"] == "http"
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        digest, size, chunks = hashlib.sha256(), 0, 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                self.requests.append({"path": scope["path"], "disconnected": True, "size": size})
                return
            digest.update(message.get("body", b""))
            size += len(message.get("body", b""))
            chunks += 1
            if not message.get("more_body"):
                break
        seen = {
            "path": scope["path"],
            "query": scope["query_string"].decode("latin-1"),
            "size": size,
            "sha256": digest.hexdigest(),
            "content_length": headers.get("content-length"),
            "transfer_encoding": headers.get("transfer-encoding"),
            "accept_encoding": headers.get("accept-encoding"),
            "identity": "x-cartera-identity" in headers,
        }
        self.requests.append(seen)
        if scope["path"].endswith("/content"):
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", b"application/pdf"),
                        (b"content-length", str(BIG).encode()),
                        (b"content-disposition", b'attachment; filename="big.pdf"'),
                        (b"etag", b'"abc"'),
                        (b"x-content-type-options", b"nosniff"),
                        (b"x-internal-secret", b"do-not-leak"),
                        (b"set-cookie", b"session=upstream"),
                    ],
                }
            )
            block = bytes(range(256)) * 256
            sent = 0
            while sent < BIG:
                piece = block[: min(len(block), BIG - sent)]
                sent += len(piece)
                await send({"type": "http.response.body", "body": piece, "more_body": sent < BIG})
            return
        body = json.dumps(seen).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 201,
                "headers": [(b"content-type", b"application/json"), (b"location", b"/x/1")],
            }
        )
        await send({"type": "http.response.body", "body": body})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
async def upstream():
    app = Upstream()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    yield app, f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


@pytest.fixture(scope="module")
async def gateway(owner_url, app_url, kafka_bootstrap, upstream):
    _, url = upstream
    settings = GatewaySettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=url,
        CARTERA_INVOICING_URL=url,
        CARTERA_COLLECTIONS_URL="http://127.0.0.1:1",  # nothing listens there
        CARTERA_GATEWAY_MAX_BODY_BYTES=LIMIT,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="module")
async def api(gateway):
    transport = httpx.ASGITransport(app=gateway)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as admin:
        key = (await admin.post("/v1/admin/tenants", headers=ADMIN)).json()["api_key"]
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://gateway",
        headers={"Authorization": f"Bearer {key}"},
    ) as client:
        yield client


async def test_a_body_with_a_length_is_forwarded_with_that_length(api):
    data = bytes(range(256)) * 2048  # 512 KiB
    answer = await api.post(DOCUMENTS, content=data)
    assert answer.status_code == 201
    assert answer.headers["location"] == "/x/1"
    seen = answer.json()
    assert seen["size"] == len(data)
    assert seen["sha256"] == hashlib.sha256(data).hexdigest()
    assert seen["content_length"] == str(len(data))
    assert seen["transfer_encoding"] is None
    assert seen["accept_encoding"] == "identity"
    assert seen["identity"]


async def test_a_chunked_body_is_forwarded_chunked(api):
    async def chunks():
        for _ in range(8):
            yield b"x" * 65536

    seen = (await api.post(DOCUMENTS, content=chunks())).json()
    assert seen["size"] == 8 * 65536
    assert seen["transfer_encoding"] == "chunked"
    assert seen["content_length"] is None


async def test_a_bodiless_call_sends_no_body(api):
    seen = (await api.get(ONE_CLIENT)).json()
    assert seen["size"] == 0
    assert seen["transfer_encoding"] is None
    assert seen["content_length"] in (None, "0")


async def test_a_declared_length_over_the_limit_never_reaches_the_service(api, upstream):
    app, _ = upstream
    before = len(app.requests)
    answer = await api.post(DOCUMENTS, content=bytes(LIMIT + 1))
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["max_bytes"] == LIMIT
    assert len(app.requests) == before


async def test_a_chunked_body_over_the_limit_is_cut_off(api, upstream):
    async def chunks():
        for _ in range(LIMIT // 65536 + 4):
            yield bytes(65536)

    answer = await api.post(DOCUMENTS, content=chunks())
    assert answer.status_code == 413
    assert answer.json()["max_bytes"] == LIMIT


async def test_a_large_answer_is_relayed_whole_with_only_the_allowed_headers(api):
    answer = await api.get(CONTENT)
    assert answer.status_code == 200
    assert len(answer.content) == BIG
    expected = (bytes(range(256)) * 256 * (BIG // 65536 + 1))[:BIG]
    assert answer.content == expected
    assert answer.headers["content-length"] == str(BIG)
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'attachment; filename="big.pdf"'
    assert answer.headers["etag"] == '"abc"'
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "x-internal-secret" not in answer.headers
    assert "set-cookie" not in answer.headers


async def test_an_unreachable_service_is_still_a_503_problem(api):
    answer = await api.post("/v1/payments", content=b"{}")
    assert answer.status_code == 503
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["service"] == "collections"


async def test_a_published_route_reaches_its_service_as_the_same_path(api, upstream):
    app, _ = upstream
    answer = await api.get(ONE_CLIENT)
    assert answer.status_code == 201
    assert app.requests[-1]["path"] == ONE_CLIENT


TRAVERSALS = [
    f"/v1/invoices/..%2Fclient-replicas%2F{CLIENT}",
    f"/v1/invoices/..%252Fclient-replicas%252F{CLIENT}",
    f"/v1/invoices/%2E%2E%2Fclient-replicas%2F{CLIENT}",
    f"/v1/invoices/..%5Cclient-replicas%5C{CLIENT}",
    "/v1/invoices/..%2F..%2Fmetrics",
    "/v1/invoices/..%2F..%2Fready",
    "/v1/clients/%2E%2E",
    f"/v1/clients//{CLIENT}",
    "/v1/clients/",
]
UNPUBLISHED = [
    f"/v1/client-replicas/{CLIENT}",
    f"/v1/invoices/{CLIENT}/metrics",
    f"/v1/clients/{CLIENT}/metrics",
    "/v1/unknown",
]


@pytest.mark.parametrize("path", TRAVERSALS)
async def test_a_path_that_climbs_or_hides_a_slash_is_400_and_reaches_no_service(
    api, upstream, path
):
    app, _ = upstream
    before = len(app.requests)
    for credential in ({}, {"Authorization": "Bearer ck_0000_0000"}):
        # Sent byte for byte (httpx would otherwise resolve '..' itself).
        answer = await api.get(httpx.URL(f"http://gateway{path}"), headers=credential)
        assert answer.status_code == 400, (path, answer.status_code, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["type"].endswith("/malformed-path")
    assert len(app.requests) == before


@pytest.mark.parametrize("path", UNPUBLISHED)
async def test_a_route_no_service_publishes_is_404_before_any_credential(api, upstream, path):
    app, _ = upstream
    before = len(app.requests)
    answer = await api.get(path)
    assert answer.status_code == 404, answer.text
    anonymous = await api.get(path, headers={"Authorization": ""})
    assert anonymous.status_code == 404  # not 401: the route is refused first
    assert len(app.requests) == before


async def test_a_published_path_with_an_unpublished_method_is_405(api, upstream):
    app, _ = upstream
    before = len(app.requests)
    answer = await api.put(ONE_CLIENT, json={})
    assert answer.status_code == 405
    assert answer.json()["allowed"] == ["GET", "PATCH"]
    assert len(app.requests) == before


@pytest.mark.parametrize(
    ("sent", "received"),
    [
        ("q=a%20b&q=c", [("q", "a b"), ("q", "c")]),
        ("name=Caf%C3%A9+%26+Co", [("name", "Café & Co")]),
        ("q=%09%0A%7F", [("q", "\t\n\x7f")]),
        ("path=..%2F..%2Fetc", [("path", "../../etc")]),
        ("q=%FF%FE", [("q", "\ufffd\ufffd")]),  # not UTF-8: read as the gateway reads it
        ("a[]=1&=2&empty=", [("a[]", "1"), ("", "2"), ("empty", "")]),
        ("q=" + "x" * 4000, [("q", "x" * 4000)]),
    ],
    ids=["repeated", "encoded", "control", "slashes", "not utf-8", "odd names", "long"],
)
async def test_a_query_reaches_the_service_as_the_gateway_read_it(api, sent, received):
    answer = await api.get(f"{ONE_CLIENT}?{sent}")
    assert answer.status_code == 201, answer.text
    assert parse_qsl(answer.json()["query"], keep_blank_values=True) == received


async def test_a_query_with_a_nul_is_refused_before_any_service(api, upstream):
    app, _ = upstream
    before = len(app.requests)
    answer = await api.get(f"{ONE_CLIENT}?q=a%00b")
    assert answer.status_code == 422
    assert "NUL" in answer.json()["detail"]
    assert len(app.requests) == before
