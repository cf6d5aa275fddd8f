"""The archive's use cases and upload parsing on the real database: rows and objects stay in
step whatever fails (the ordering of service.create / service.delete_document)."""

import asyncio
import functools
import hashlib
import io
import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text

from cartera_clients.documents import service
from cartera_clients.documents import testing as samples
from cartera_clients.documents.api import DocumentArchive
from cartera_clients.documents.storage import LocalStorage, document_key
from cartera_clients.main import create_app
from cartera_clients.settings import ClientsSettings
from cartera_shared.db import set_tenant
from cartera_shared.problems import Conflict, NotFound
from cartera_shared.settings import ServiceSettings
from cartera_shared.testing import internal_headers, random_cif, secret_settings

# What the gateway sends for Ana, who works with clients.
as_tenant = functools.partial(
    internal_headers, service="clients", scopes=("clients:*",), subject="user:ana"
)

MAX_BYTES = 256 * 1024


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap, tmp_path_factory):
    """The clients app with a small upload limit and its own documents directory."""
    settings = ClientsSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_DOCUMENTS_BACKEND="local",
        CARTERA_CLIENTS_DOCUMENTS_PATH=tmp_path_factory.mktemp("documents"),
        CARTERA_CLIENTS_DOCUMENTS_MAX_BYTES=MAX_BYTES,
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def storage(app) -> LocalStorage:
    return app.state.runtime.part(DocumentArchive).storage


@pytest.fixture
def sessions(app):
    return app.state.runtime.sessions


@pytest.fixture
async def tenant_client(api):
    """A fresh tenant and one of its clients, created through the clients API."""
    tenant = uuid.uuid4()
    answer = await api.post(
        "/v1/clients",
        json={"legal_name": "Ferretería Ruzafa S.L.", "kind": "company", "tax_id": random_cif()},
        headers=as_tenant(tenant),
    )
    assert answer.status_code == 201, answer.text
    return tenant, uuid.UUID(answer.json()["id"])


async def document_rows(owner, tenant):
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        return (
            (await conn.execute(text("SELECT id, storage_key FROM clients.documents")))
            .mappings()
            .all()
        )


async def stored_keys(storage, tenant):
    return [key async for key in storage.list_keys(f"{tenant}/")]


def create_args(tenant, client, data=b"%PDF-1.7 hola", **overrides):
    today = service.today()
    return {
        "tenant_id": tenant,
        "client_id": client,
        "source": io.BytesIO(data),
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "content_type": "application/pdf",
        "kind": "contract",
        "title": "Contrato",
        "document_date": None,
        "retain_until": service.legal_minimum(None, today),
        "filename": "contrato.pdf",
        "uploaded_by": "user:ana",
        **overrides,
    }


async def test_a_document_is_recorded_with_its_object(sessions, storage, owner, tenant_client):
    tenant, client = tenant_client
    row = await service.create(sessions, storage, **create_args(tenant, client))
    assert row["storage_key"] == document_key(tenant, client, row["id"])
    assert [r["id"] for r in await document_rows(owner, tenant)] == [row["id"]]
    assert await stored_keys(storage, tenant) == [row["storage_key"]]


async def test_an_unknown_client_leaves_no_object(sessions, storage, owner, tenant_client):
    tenant, _ = tenant_client
    with pytest.raises(NotFound):
        await service.create(sessions, storage, **create_args(tenant, uuid.uuid4()))
    assert await document_rows(owner, tenant) == []
    assert await stored_keys(storage, tenant) == []


async def test_another_tenants_client_leaves_no_object(sessions, storage, owner, tenant_client):
    _, client = tenant_client
    intruder = uuid.uuid4()
    with pytest.raises(NotFound):
        await service.create(sessions, storage, **create_args(intruder, client))
    assert await stored_keys(storage, intruder) == []


async def test_a_failed_insert_removes_the_object_it_stored(
    sessions, storage, owner, tenant_client
):
    tenant, client = tenant_client
    # Too long for the column: PostgreSQL refuses the insert after the object was stored.
    with pytest.raises(Exception, match="too long"):
        await service.create(sessions, storage, **create_args(tenant, client, title="x" * 400))
    assert await document_rows(owner, tenant) == []
    assert await stored_keys(storage, tenant) == []


async def test_a_cancelled_upload_leaves_both_or_neither(sessions, storage, owner, tenant_client):
    tenant, client = tenant_client
    for delay in (0, 0.001, 0.005, 0.02):
        task = asyncio.create_task(service.create(sessions, storage, **create_args(tenant, client)))
        await asyncio.sleep(delay)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    rows = await document_rows(owner, tenant)
    assert sorted(await stored_keys(storage, tenant)) == sorted(r["storage_key"] for r in rows)


async def test_delete_is_refused_while_retention_runs(sessions, storage, owner, tenant_client):
    tenant, client = tenant_client
    row = await service.create(sessions, storage, **create_args(tenant, client))
    for day in (service.today(), row["retain_until"]):
        with pytest.raises(Conflict):
            await service.delete_document(
                sessions, storage, tenant_id=tenant, client_id=client, document_id=row["id"], on=day
            )
    assert len(await document_rows(owner, tenant)) == 1
    assert await storage.exists(row["storage_key"])
    await service.delete_document(
        sessions,
        storage,
        tenant_id=tenant,
        client_id=client,
        document_id=row["id"],
        on=row["retain_until"] + timedelta(days=1),
    )
    assert await document_rows(owner, tenant) == []
    assert not await storage.exists(row["storage_key"])


class _UndeletableStorage(LocalStorage):
    async def delete(self, key: str) -> None:
        raise OSError("the disk said no")


async def test_a_failed_object_delete_leaves_an_orphan_never_a_dangling_row(
    sessions, storage, owner, tenant_client
):
    tenant, client = tenant_client
    row = await service.create(sessions, storage, **create_args(tenant, client))
    stubborn = _UndeletableStorage(storage.root)
    await service.delete_document(
        sessions,
        stubborn,
        tenant_id=tenant,
        client_id=client,
        document_id=row["id"],
        on=row["retain_until"] + timedelta(days=1),
    )
    assert await document_rows(owner, tenant) == []
    assert [k async for k in service.orphan_keys(sessions, storage, tenant)] == [row["storage_key"]]


# Upload parsing, in process (the end-to-end tests go through the gateway).


def upload_fields(data=None, filename="contrato.pdf", **fields):
    form = {"kind": "contract", "title": "Contrato marco", **fields}
    files = {"file": (filename, data if data is not None else samples.pdf(), "application/pdf")}
    return {"data": form, "files": files}


async def test_an_upload_through_the_api_round_trips(api, storage, tenant_client):
    tenant, client = tenant_client
    answer = await api.post(
        f"/v1/clients/{client}/documents", headers=as_tenant(tenant), **upload_fields()
    )
    assert answer.status_code == 201, answer.text
    document = answer.json()
    content = await api.get(
        f"/v1/clients/{client}/documents/{document['id']}/content", headers=as_tenant(tenant)
    )
    assert content.content == samples.pdf()
    assert content.headers["etag"] == f'"{hashlib.sha256(samples.pdf()).hexdigest()}"'


async def test_a_chunked_upload_over_the_limit_is_cut_at_the_limit(api, storage, tenant_client):
    tenant, client = tenant_client
    boundary = "cartera-boundary"
    sent = 0

    async def body():
        nonlocal sent
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncontract\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nGrande\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n'
        ).encode()
        yield head
        for _ in range(64):  # 4 MiB offered, 256 KiB allowed
            sent += 64 * 1024
            yield bytes(64 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = await api.post(
        f"/v1/clients/{client}/documents",
        content=body(),
        headers={
            **as_tenant(tenant),
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    assert answer.status_code == 413, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["max_bytes"] == MAX_BYTES
    assert await stored_keys(storage, tenant) == []


async def test_a_declared_length_over_the_limit_is_refused_before_reading(api, tenant_client):
    tenant, client = tenant_client
    answer = await api.post(
        f"/v1/clients/{client}/documents",
        content=b"--x--\r\n",
        headers={
            **as_tenant(tenant),
            "Content-Type": "multipart/form-data; boundary=x",
            "Content-Length": str(MAX_BYTES * 4),
        },
    )
    assert answer.status_code == 413


@pytest.mark.parametrize(
    ("request_args", "status"),
    [
        ({"json": {"kind": "contract", "title": "x"}}, 415),
        ({"content": b"--x\r\nbroken", "headers": {"Content-Type": "multipart/form-data"}}, 400),
        (
            {
                "content": b'--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncon',
                "headers": {"Content-Type": "multipart/form-data; boundary=x"},
            },
            400,
        ),
    ],
)
async def test_bodies_that_are_not_a_complete_form_are_refused(
    api, tenant_client, request_args, status
):
    tenant, client = tenant_client
    headers = {**as_tenant(tenant), **request_args.pop("headers", {})}
    answer = await api.post(f"/v1/clients/{client}/documents", headers=headers, **request_args)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("body", [b"garbage\r\n", b"--xy\r\n"])
async def test_a_malformed_body_is_told_in_fixed_words_not_the_parser_s(api, tenant_client, body):
    tenant, client = tenant_client
    answer = await api.post(
        f"/v1/clients/{client}/documents",
        headers={**as_tenant(tenant), "Content-Type": "multipart/form-data; boundary=x"},
        content=body,
    )
    assert answer.status_code == 400, answer.text
    detail = answer.json()["detail"]
    assert detail.startswith("The multipart body is malformed")
    # python_multipart's own words ("Expected boundary character 45, got 103 at index 2").
    assert not any(word in detail for word in ("Expected", "index", "Did not find", " got "))


async def test_a_repeated_field_is_refused(api, tenant_client):
    tenant, client = tenant_client
    boundary = "b"
    parts = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in (("kind", "contract"), ("title", "a"), ("title", "b"))
    )
    answer = await api.post(
        f"/v1/clients/{client}/documents",
        content=parts + f"--{boundary}--\r\n".encode(),
        headers={**as_tenant(tenant), "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["loc"] == ["body", "title"]


async def test_the_openapi_document_describes_the_upload_form(app):
    operation = app.openapi()["paths"]["/v1/clients/{client_id}/documents"]["post"]
    schema = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert schema["required"] == ["file", "kind", "title"]
    assert schema["properties"]["file"]["format"] == "binary"


def test_a_plain_service_settings_still_builds_the_app(owner_url, app_url, tmp_path, monkeypatch):
    # export_docs and older callers pass a ServiceSettings: the documents' settings then come
    # from the environment.
    monkeypatch.setenv("CARTERA_CLIENTS_DOCUMENTS_PATH", str(tmp_path))
    application = create_app(
        ServiceSettings(
            CARTERA_DATABASE_URL=owner_url, CARTERA_DATABASE_APP_URL=app_url, **secret_settings()
        )
    )
    storage = application.state.runtime.part(DocumentArchive).storage
    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path


@pytest.fixture
async def api(app):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://clients") as client:
        yield client
