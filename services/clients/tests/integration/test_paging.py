"""A client's documents (offsets before) and history (a bare array before) page like every list
(issue 19): `limit`, `cursor`, `next_cursor`, stable while rows arrive between pages."""

import functools
import uuid

import pytest

from cartera_clients.documents import testing as samples
from cartera_clients.main import create_app
from cartera_clients.settings import ClientsSettings
from cartera_shared.pagination import encode_position
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages
from cartera_shared.testing import internal_headers, random_cif, secret_settings

as_tenant = functools.partial(
    internal_headers, service="clients", scopes=("clients:*",), subject="user:ana"
)


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap, tmp_path_factory):
    settings = ClientsSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_DOCUMENTS_BACKEND="local",
        CARTERA_CLIENTS_DOCUMENTS_PATH=tmp_path_factory.mktemp("documents"),
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


async def new_client(api, tenant: uuid.UUID) -> str:
    answer = await api.post(
        "/v1/clients",
        json={"legal_name": "Ferretería Ruzafa S.L.", "kind": "company", "tax_id": random_cif()},
        headers=as_tenant(tenant),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


async def upload(api, tenant: uuid.UUID, client: str, title: str, kind: str = "contract") -> dict:
    answer = await api.post(
        f"/v1/clients/{client}/documents",
        headers=as_tenant(tenant),
        data={"kind": kind, "title": title},
        files={"file": (f"{title}.pdf", samples.pdf(), "application/pdf")},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_document_pages_hold_each_once_newest_first_while_documents_arrive(api):
    tenant = uuid.uuid4()
    client = await new_client(api, tenant)
    there = [await upload(api, tenant, client, f"d{n}") for n in range(5)]
    arrived: list[dict] = []

    async def upload_another(page: int) -> None:
        arrived.append(await upload(api, tenant, client, f"late{page}"))

    path = f"/v1/clients/{client}/documents"
    seen = await walk_pages(api, path, as_tenant(tenant), limit=2, between=upload_another)
    # Newest first: what arrives while reading is newer than the first page, so a walk shows
    # exactly what was there when it started, each once (offsets shifted and repeated items).
    assert [d["id"] for d in seen] == [d["id"] for d in reversed(there)]
    assert arrived
    first = (await api.get(path, params={"limit": 2}, headers=as_tenant(tenant))).json()
    assert first["total"] == 5 + len(arrived)
    assert first["limit"] == 2
    assert "offset" not in first


async def test_document_pages_keep_the_kind_filter_and_refuse_bad_paging(api):
    tenant, other = uuid.uuid4(), uuid.uuid4()
    client = await new_client(api, tenant)
    theirs = await new_client(api, other)
    for n in range(3):
        await upload(api, tenant, client, f"c{n}")
        await upload(api, tenant, client, f"i{n}", kind="other")
    await upload(api, other, theirs, "theirs")
    path = f"/v1/clients/{client}/documents"
    contracts = await walk_pages(api, path, as_tenant(tenant), limit=1, params={"kind": "contract"})
    assert [d["title"] for d in contracts] == ["c2", "c1", "c0"]
    first = (await api.get(path, params={"limit": 1}, headers=as_tenant(tenant))).json()
    await assert_refuses_bad_paging(api, path, as_tenant(tenant), valid=first["next_cursor"])
    # The series' cursor shape (oldest first, untagged) and the history's are refused here.
    history = encode_position("history", "1")
    answer = await api.get(path, params={"cursor": history}, headers=as_tenant(tenant))
    assert answer.status_code == 422
    # Another tenant's cursor is only a position: their own list, nothing of this tenant's.
    answer = await api.get(
        f"/v1/clients/{theirs}/documents",
        params={"cursor": first["next_cursor"]},
        headers=as_tenant(other),
    )
    assert answer.status_code == 200, answer.text
    assert {d["title"] for d in answer.json()["items"]} <= {"theirs"}
    # A reader still paging by offsets is told so, rather than served the first page forever.
    legacy = await api.get(path, params={"offset": 3}, headers=as_tenant(tenant))
    assert legacy.status_code == 422, legacy.text
    assert [e["loc"] for e in legacy.json()["errors"]] == [["query", "offset"]]
    first_page = await api.get(path, params={"offset": 0, "limit": 6}, headers=as_tenant(tenant))
    assert len(first_page.json()["items"]) == 6


async def test_history_pages_by_version_while_versions_are_added(api):
    tenant = uuid.uuid4()
    client = await new_client(api, tenant)
    headers = as_tenant(tenant)
    for n in range(4):
        answer = await api.patch(f"/v1/clients/{client}", json={"tags": [f"t{n}"]}, headers=headers)
        assert answer.status_code == 200, answer.text

    async def change(page: int) -> None:
        answer = await api.patch(
            f"/v1/clients/{client}", json={"tags": [f"late{page}"]}, headers=headers
        )
        assert answer.status_code == 200, answer.text

    path = f"/v1/clients/{client}/history"
    seen = await walk_pages(api, path, headers, limit=2, between=change)
    versions = [v["version"] for v in seen]
    # Oldest first: versions made while reading come at the end, none twice, none skipped.
    assert versions == list(range(1, len(versions) + 1))
    assert len(versions) > 5
    first = (await api.get(path, params={"limit": 1}, headers=headers)).json()
    await assert_refuses_bad_paging(api, path, headers, valid=first["next_cursor"])
    for forged in ("-1", "1e3", "99999999999999999999", "٣"):
        cursor = encode_position("history", forged)
        answer = await api.get(path, params={"cursor": cursor}, headers=headers)
        assert answer.status_code == 422, (forged, answer.text)
    missing = await api.get(f"/v1/clients/{uuid.uuid4()}/history", headers=headers)
    assert missing.status_code == 404
