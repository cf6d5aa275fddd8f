"""The per-client document archive, through the gateway: bytes in and out intact, the type read
from the bytes, retention enforced, and every bad upload refused with nothing left behind."""

from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import os
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text

from cartera_clients.documents import sniff
from cartera_clients.documents import testing as samples
from cartera_shared import business_day
from cartera_shared.db import create_engine, set_tenant

from .helpers import client_payload

PROBLEM = "application/problem+json"
MIB = 1024 * 1024
MAX_BYTES = int(os.environ.get("CARTERA_CLIENTS_DOCUMENTS_MAX_BYTES", 20 * MIB))
GATEWAY_MAX_BYTES = int(os.environ.get("CARTERA_GATEWAY_MAX_BODY_BYTES", 25 * MIB))

_spec = importlib.util.spec_from_file_location(
    "cartera_stack", Path(__file__).resolve().parents[2] / "deploy" / "local" / "stack.py"
)
assert _spec is not None
assert _spec.loader is not None
_stack_module = sys.modules.setdefault("cartera_stack", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(_stack_module)
# Where the test stack's clients service keeps document files.
DOCUMENTS_ROOT: Path = _stack_module.documents_path("test")


def today() -> date:
    return business_day.today()


def six_years_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 6)
    except ValueError:
        return day.replace(year=day.year + 6, day=28)


def assert_problem(answer, status):
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith(PROBLEM)
    body = answer.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


async def new_client(tenant) -> str:
    answer = await tenant.client.post("/v1/clients", json=client_payload())
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


async def upload(
    tenant,
    client_id,
    data: bytes | None = None,
    *,
    filename="contrato.pdf",
    declared="application/pdf",
    **fields,
):
    form = {"kind": "contract", "title": "Contrato de suministro 2026", **fields}
    files = {"file": (filename, samples.pdf() if data is None else data, declared)}
    return await tenant.client.post(f"/v1/clients/{client_id}/documents", data=form, files=files)


async def document_rows(owner, tenant_id):
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        return (
            (await conn.execute(text("SELECT * FROM clients.documents ORDER BY created_at")))
            .mappings()
            .all()
        )


def stored_files(tenant_id) -> list[Path]:
    return sorted(p for p in (DOCUMENTS_ROOT / str(tenant_id)).rglob("*") if p.is_file())


async def assert_nothing_stored(owner, tenant_id):
    assert await document_rows(owner, tenant_id) == []
    assert stored_files(tenant_id) == []


async def test_a_document_goes_in_and_comes_out_intact(tenant, owner):
    client_id = await new_client(tenant)
    data = samples.pdf()
    answer = await upload(
        tenant, client_id, data, filename="Contrato Aranda nº 7.pdf", document_date="2026-03-15"
    )
    assert answer.status_code == 201, answer.text
    document = answer.json()
    sha = hashlib.sha256(data).hexdigest()
    assert document["client_id"] == client_id
    assert document["kind"] == "contract"
    assert document["title"] == "Contrato de suministro 2026"
    assert document["document_date"] == "2026-03-15"
    assert document["retain_until"] == "2032-03-15"  # six years: Código de Comercio art. 30
    assert document["content_type"] == "application/pdf"
    assert document["size_bytes"] == len(data)
    assert document["sha256"] == sha
    assert document["filename"] == "Contrato Aranda nº 7.pdf"
    assert document["uploaded_by"].startswith("api_key:")
    location = f"/v1/clients/{client_id}/documents/{document['id']}"
    assert answer.headers["location"] == location
    assert answer.headers["etag"] == f'"{sha}"'

    listed = (await tenant.client.get(f"/v1/clients/{client_id}/documents")).json()
    assert listed["total"] == 1
    assert listed["items"] == [document]
    metadata = await tenant.client.get(location)
    assert metadata.json() == document
    assert metadata.headers["etag"] == f'"{sha}"'

    content = await tenant.client.get(f"{location}/content")
    assert content.status_code == 200
    assert content.content == data
    assert hashlib.sha256(content.content).hexdigest() == sha
    assert content.headers["content-type"] == "application/pdf"
    assert content.headers["content-length"] == str(len(data))
    assert content.headers["etag"] == f'"{sha}"'
    assert content.headers["x-content-type-options"] == "nosniff"
    assert content.headers["content-disposition"] == (
        'attachment; filename="Contrato Aranda no 7.pdf"; '
        "filename*=UTF-8''Contrato%20Aranda%20n%C2%BA%207.pdf"
    )
    cached = await tenant.client.get(f"{location}/content", headers={"If-None-Match": f'"{sha}"'})
    assert cached.status_code == 304
    assert cached.content == b""

    [row] = await document_rows(owner, tenant.id)
    assert row["storage_key"] == f"{tenant.id}/{client_id}/{document['id']}"
    assert stored_files(tenant.id) == [DOCUMENTS_ROOT / row["storage_key"]]
    assert (DOCUMENTS_ROOT / row["storage_key"]).read_bytes() == data


async def test_a_large_document_streams_both_ways(tenant):
    client_id = await new_client(tenant)
    data = b"%PDF-1.7\n" + os.urandom(MAX_BYTES - 9)  # exactly the limit
    answer = await upload(tenant, client_id, data, filename="escaneo.pdf")
    assert answer.status_code == 201, answer.text
    document = answer.json()
    assert document["size_bytes"] == MAX_BYTES
    url = f"/v1/clients/{client_id}/documents/{document['id']}/content"
    digest, size = hashlib.sha256(), 0
    async with tenant.client.stream("GET", url) as content:
        assert content.headers["content-length"] == str(MAX_BYTES)
        async for chunk in content.aiter_raw():
            digest.update(chunk)
            size += len(chunk)
    assert size == MAX_BYTES
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest() == document["sha256"]


@pytest.mark.parametrize(
    ("sample", "filename", "content_type"),
    [
        (samples.png, "foto.png", sniff.PNG),
        (samples.jpeg, "foto.jpg", sniff.JPEG),
        (samples.webp, "foto.webp", sniff.WEBP),
        (samples.gif, "logo.gif", sniff.GIF),
        (samples.tiff, "escaneo.tiff", sniff.TIFF),
        (samples.docx, "contrato.docx", sniff.DOCX),
        (samples.xlsx, "precios.xlsx", sniff.XLSX),
        (samples.odt, "contrato.odt", sniff.ODT),
        (samples.ods, "precios.ods", sniff.ODS),
        (samples.text, "albaran.txt", sniff.TEXT),
        (samples.csv_text, "pedidos.csv", sniff.CSV),
        (samples.xml, "factura.xml", sniff.XML),
        (samples.eml, "aceptacion.eml", sniff.EML),
    ],
)
async def test_every_accepted_type_is_archived_as_what_it_is(
    tenant, sample, filename, content_type
):
    client_id = await new_client(tenant)
    data = sample()  # once: some samples (XLSX) carry the time they were made
    # Declared as something else on purpose: the declared type is never what is stored.
    answer = await upload(
        tenant, client_id, data, filename=filename, declared="application/octet-stream"
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["content_type"] == content_type
    assert answer.json()["filename"] == filename
    content = await tenant.client.get(
        f"/v1/clients/{client_id}/documents/{answer.json()['id']}/content"
    )
    assert content.content == data
    assert content.headers["content-type"].split(";")[0] == content_type


async def test_a_mislabelled_image_is_stored_as_the_image_it_is(tenant):
    client_id = await new_client(tenant)
    answer = await upload(
        tenant, client_id, samples.png(), filename="factura.pdf", declared="application/pdf"
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["content_type"] == "image/png"
    assert answer.json()["filename"] == "factura.png"


@pytest.mark.parametrize(
    ("sample", "detected"),
    [
        (samples.windows_exe, "application/x-msdownload"),
        (samples.elf, "application/x-executable"),
        (samples.plain_zip, "application/zip"),
        (samples.fake_docx, "application/x-ooxml"),
        (samples.docm, "application/vnd.ms-office.vbaproject"),
        (samples.html, "text/html"),
        (samples.svg, "image/svg+xml"),
        (samples.latin1_text, "application/octet-stream"),
    ],
)
async def test_a_file_of_a_refused_type_is_refused_whatever_it_claims(
    tenant, owner, sample, detected
):
    client_id = await new_client(tenant)
    answer = await upload(
        tenant, client_id, sample(), filename="factura.pdf", declared="application/pdf"
    )
    body = assert_problem(answer, 415)
    assert body["detected_type"] == detected
    assert body["declared_type"] == "application/pdf"
    assert "application/pdf" in body["accepted"]
    await assert_nothing_stored(owner, tenant.id)


async def test_an_oversized_upload_is_refused_and_leaves_nothing(tenant, owner):
    client_id = await new_client(tenant)
    data = b"%PDF-1.7\n" + bytes(MAX_BYTES - 8)  # one byte over
    body = assert_problem(await upload(tenant, client_id, data), 413)
    assert body["max_bytes"] == MAX_BYTES
    await assert_nothing_stored(owner, tenant.id)


def chunked_upload(megabytes: int):
    """A multipart body sent without Content-Length (chunked), `megabytes` MiB of file."""
    boundary = "cartera-e2e"

    async def body():
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncontract\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nGrande\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="grande.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n'
        ).encode()
        for _ in range(megabytes):
            yield bytes(MIB)
        yield f"\r\n--{boundary}--\r\n".encode()

    return {
        "content": body(),
        "headers": {"Content-Type": f"multipart/form-data; boundary={boundary}"},
    }


async def test_an_oversized_chunked_upload_is_cut_off_while_it_streams(tenant, owner):
    """No Content-Length: the gateway streams it on (it is under the gateway's limit), and the
    service stops counting at its own limit."""
    client_id = await new_client(tenant)
    answer = await tenant.client.post(
        f"/v1/clients/{client_id}/documents", **chunked_upload(MAX_BYTES // MIB + 2)
    )
    assert assert_problem(answer, 413)["max_bytes"] == MAX_BYTES  # the service's limit
    await assert_nothing_stored(owner, tenant.id)


async def test_a_chunked_body_over_the_gateways_limit_is_cut_off_by_the_gateway(tenant, owner):
    client_id = await new_client(tenant)
    answer = await tenant.client.post(
        f"/v1/clients/{client_id}/documents", **chunked_upload(GATEWAY_MAX_BYTES // MIB + 2)
    )
    assert_problem(answer, 413)
    await assert_nothing_stored(owner, tenant.id)


async def test_the_gateway_refuses_a_body_over_its_limit_before_reading_it(stack, tenant, owner):
    client_id = await new_client(tenant)
    gateway = urlsplit(stack.gateway)
    reader, writer = await asyncio.open_connection(gateway.hostname, gateway.port)
    try:
        writer.write(
            (
                f"POST /v1/clients/{client_id}/documents HTTP/1.1\r\n"
                f"Host: {gateway.netloc}\r\nAuthorization: Bearer {tenant.api_key}\r\n"
                "Content-Type: multipart/form-data; boundary=x\r\n"
                f"Content-Length: {GATEWAY_MAX_BYTES + 1}\r\n\r\n--x\r\n"
            ).encode()
        )
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=10)
    finally:
        writer.close()
    assert head.startswith(b"HTTP/1.1 413 "), head
    assert b"application/problem+json" in head
    await assert_nothing_stored(owner, tenant.id)


async def test_an_empty_or_missing_file_is_refused(tenant, owner):
    client_id = await new_client(tenant)
    empty = assert_problem(await upload(tenant, client_id, b""), 422)
    assert ["body", "file"] in [e["loc"] for e in empty["errors"]]
    only_fields = await tenant.client.post(
        f"/v1/clients/{client_id}/documents",
        content=(
            b'--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncontract\r\n'
            b'--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nSin fichero\r\n--b--\r\n'
        ),
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    body = assert_problem(only_fields, 422)
    assert body["errors"] == [{"loc": ["body", "file"], "msg": "Field required", "type": "missing"}]
    await assert_nothing_stored(owner, tenant.id)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "receipt"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"title": ""}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"document_date": "15/03/2026"}, "document_date"),
        ({"document_date": "2026-02-30"}, "document_date"),
        ({"document_date": "1773532800"}, "document_date"),
        ({"document_date": "9999-12-31"}, "document_date"),
        ({"retain_until": "next year"}, "retain_until"),
        ({"retain_until": "2027-01-01"}, "retain_until"),  # shorter than six years
        ({"document_date": "2020-06-30", "retain_until": "2026-06-29"}, "retain_until"),
        ({"colour": "blue"}, "colour"),
    ],
)
async def test_bad_fields_are_refused_with_the_field_named(tenant, owner, fields, field):
    client_id = await new_client(tenant)
    body = assert_problem(await upload(tenant, client_id, **fields), 422)
    assert ["body", field] in [e["loc"] for e in body["errors"]], body
    await assert_nothing_stored(owner, tenant.id)


async def test_a_longer_retention_is_kept_and_the_minimum_is_accepted(tenant):
    client_id = await new_client(tenant)
    longer = await upload(tenant, client_id, document_date="2020-06-30", retain_until="2040-01-01")
    assert longer.json()["retain_until"] == "2040-01-01"
    exact = await upload(tenant, client_id, document_date="2020-06-30", retain_until="2026-06-30")
    assert exact.status_code == 201, exact.text
    undated = await upload(tenant, client_id)
    assert undated.json()["retain_until"] == six_years_after(today()).isoformat()


async def test_a_json_body_is_not_an_upload(tenant):
    client_id = await new_client(tenant)
    answer = await tenant.client.post(
        f"/v1/clients/{client_id}/documents", json={"kind": "contract", "title": "x"}
    )
    assert_problem(answer, 415)


async def test_deleting_is_refused_while_the_law_requires_keeping(tenant, owner):
    client_id = await new_client(tenant)
    document = (await upload(tenant, client_id)).json()
    location = f"/v1/clients/{client_id}/documents/{document['id']}"
    body = assert_problem(await tenant.client.delete(location), 409)
    assert body["retain_until"] == document["retain_until"]
    assert (await tenant.client.get(location)).status_code == 200
    assert len(stored_files(tenant.id)) == 1


async def test_deleting_after_retention_removes_row_and_file(tenant, owner):
    client_id = await new_client(tenant)
    document = (await upload(tenant, client_id)).json()
    kept = (await upload(tenant, client_id, samples.png(), filename="otro.png")).json()
    location = f"/v1/clients/{client_id}/documents/{document['id']}"
    # The API refuses a past retain_until; the owner role can set one (as a data fix would).
    async with owner.begin() as conn:
        await set_tenant(conn, tenant.id)
        await conn.execute(
            text("UPDATE clients.documents SET retain_until = :day WHERE id = :id"),
            {"day": today() - timedelta(days=2), "id": uuid.UUID(document["id"])},
        )
    answer = await tenant.client.delete(location)
    assert answer.status_code == 204, answer.text
    assert_problem(await tenant.client.get(location), 404)
    assert_problem(await tenant.client.get(f"{location}/content"), 404)
    assert_problem(await tenant.client.delete(location), 404)
    listed = (await tenant.client.get(f"/v1/clients/{client_id}/documents")).json()
    assert [d["id"] for d in listed["items"]] == [kept["id"]]
    rows = await document_rows(owner, tenant.id)
    assert [str(r["id"]) for r in rows] == [kept["id"]]
    assert stored_files(tenant.id) == [DOCUMENTS_ROOT / rows[0]["storage_key"]]


async def test_another_tenants_clients_and_documents_do_not_exist(tenant, other_tenant, owner):
    client_id = await new_client(tenant)
    document = (await upload(tenant, client_id)).json()
    location = f"/v1/clients/{client_id}/documents/{document['id']}"
    their_client = await new_client(other_tenant)

    for method, path in [
        ("GET", f"/v1/clients/{client_id}/documents"),
        ("GET", location),
        ("GET", f"{location}/content"),
        ("DELETE", location),
        # Their own client id with our document id: still not theirs.
        ("GET", f"/v1/clients/{their_client}/documents/{document['id']}"),
        ("GET", f"/v1/clients/{their_client}/documents/{document['id']}/content"),
        ("DELETE", f"/v1/clients/{their_client}/documents/{document['id']}"),
    ]:
        assert_problem(await other_tenant.client.request(method, path), 404)
    assert_problem(await upload(other_tenant, client_id), 404)
    await assert_nothing_stored(owner, other_tenant.id)
    assert (await tenant.client.get(f"{location}/content")).content == samples.pdf()


async def test_a_document_is_reached_only_through_its_own_client(tenant):
    client_id, sibling = await new_client(tenant), await new_client(tenant)
    document = (await upload(tenant, client_id)).json()
    assert_problem(
        await tenant.client.get(f"/v1/clients/{sibling}/documents/{document['id']}"), 404
    )
    assert (await tenant.client.get(f"/v1/clients/{sibling}/documents")).json()["total"] == 0


async def test_a_client_that_does_not_exist_has_no_documents(tenant, owner):
    nobody = uuid.uuid4()
    assert_problem(await upload(tenant, nobody), 404)
    assert_problem(await tenant.client.get(f"/v1/clients/{nobody}/documents"), 404)
    assert_problem(await tenant.client.get(f"/v1/clients/{nobody}/documents/{uuid.uuid4()}"), 404)
    assert_problem(await tenant.client.get("/v1/clients/not-a-uuid/documents"), 422)
    await assert_nothing_stored(owner, tenant.id)


async def test_a_hostile_file_name_cannot_break_the_download_headers(tenant):
    client_id = await new_client(tenant)
    answer = await upload(
        tenant, client_id, filename='..\\..\\x"; filename=evil.exe\r\nX-Injected: 1.pdf'
    )
    assert answer.status_code == 201, answer.text
    document = answer.json()
    content = await tenant.client.get(f"/v1/clients/{client_id}/documents/{document['id']}/content")
    assert "x-injected" not in content.headers
    disposition = content.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="')
    assert disposition.count("filename=") == 1
    assert 'evil.exe"' not in disposition


async def test_documents_are_listed_newest_first_and_filtered_by_kind(tenant):
    client_id = await new_client(tenant)
    first = (await upload(tenant, client_id, kind="quote")).json()
    second = (await upload(tenant, client_id, samples.png(), filename="a.png", kind="other")).json()
    listed = (await tenant.client.get(f"/v1/clients/{client_id}/documents")).json()
    assert [d["id"] for d in listed["items"]] == [second["id"], first["id"]]
    quotes = (
        await tenant.client.get(f"/v1/clients/{client_id}/documents", params={"kind": "quote"})
    ).json()
    assert [d["id"] for d in quotes["items"]] == [first["id"]]
    assert_problem(
        await tenant.client.get(f"/v1/clients/{client_id}/documents", params={"kind": "x"}), 422
    )
