"""The clients service's published contract against what it really answers: every answer has
exactly the keys it had before its models were typed (the wire did not change), the errors it
gives are the ones its OpenAPI document declares, and every operation says what it answers."""

import functools
import uuid

import pytest

from cartera_clients.documents import testing as samples
from cartera_clients.main import create_app
from cartera_clients.settings import ClientsSettings
from cartera_shared.testing import internal_headers, random_cif, secret_settings

as_tenant = functools.partial(
    internal_headers, service="clients", scopes=("clients:*",), subject="user:ana"
)

# The keys of each answer as they were on the wire before the answers were typed.
CLIENT_KEYS = {
    "id", "version", "legal_name", "trade_name", "kind", "tax_id", "country", "fiscal_address",
    "territory", "email", "phone", "contacts", "bank_accounts", "payment_terms", "tax_treatment",
    "tags", "notes", "dir3", "status", "valid_from", "created_at", "updated_at", "warnings",
}  # fmt: skip
VERSION_KEYS = {
    "version", "valid_from", "recorded_at", "changed_by", "reason", "changed_fields", "state",
}  # fmt: skip
DOCUMENT_KEYS = {
    "id", "client_id", "kind", "title", "document_date", "retain_until", "filename",
    "content_type", "size_bytes", "sha256", "uploaded_by", "created_at",
}  # fmt: skip
IMPORT_KEYS = {
    "id", "status", "dry_run", "filename", "total_rows", "processed_rows", "created_count",
    "updated_count", "unchanged_count", "error_count", "progress_fraction", "error", "created_at",
    "finished_at", "report",
}  # fmt: skip


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap, tmp_path_factory):
    """The clients app, its documents in a directory of this test's own."""
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


@pytest.fixture
def tenant():
    return uuid.uuid4()


def new_client(**overrides):
    return {
        "legal_name": "Ferretería Ruzafa S.L.",
        "kind": "company",
        "tax_id": random_cif(),
        "fiscal_address": {"street": "Calle Sueca 3", "postal_code": "46006", "city": "Valencia"},
        **overrides,
    }


async def test_client_answers_keep_their_keys(api, tenant):
    created = await api.post("/v1/clients", json=new_client(), headers=as_tenant(tenant))
    assert created.status_code == 201, created.text
    client = created.json()
    assert set(client) == CLIENT_KEYS | {"possible_duplicates"}
    path = f"/v1/clients/{client['id']}"
    assert created.headers["location"] == path
    fetched = await api.get(path, headers=as_tenant(tenant))
    assert set(fetched.json()) == CLIENT_KEYS
    as_of = await api.get(path, params={"as_of": client["valid_from"]}, headers=as_tenant(tenant))
    assert set(as_of.json()) == CLIENT_KEYS
    assert as_of.headers["cartera-client-status"] == "active"
    page = (await api.get("/v1/clients", headers=as_tenant(tenant))).json()
    assert set(page) == {"items", "total", "limit", "next_cursor"}
    assert [set(item) for item in page["items"]] == [CLIENT_KEYS]
    changed = await api.patch(path, json={"notes": "Paga puntual."}, headers=as_tenant(tenant))
    assert set(changed.json()) == CLIENT_KEYS | {"possible_duplicates"}
    history = (await api.get(f"{path}/history", headers=as_tenant(tenant))).json()["items"]
    assert [set(version) for version in history] == [VERSION_KEYS, VERSION_KEYS]


async def test_archive_and_restore_take_an_optional_reason(api, tenant):
    client = (await api.post("/v1/clients", json=new_client(), headers=as_tenant(tenant))).json()
    path = f"/v1/clients/{client['id']}"
    archived = await api.post(f"{path}/archive", headers=as_tenant(tenant))
    assert archived.status_code == 200, archived.text
    assert (set(archived.json()), archived.json()["status"]) == (CLIENT_KEYS, "archived")
    restored = await api.post(
        f"{path}/restore", json={"reason": "Vuelve a comprar."}, headers=as_tenant(tenant)
    )
    assert restored.json()["status"] == "active"
    history = (await api.get(f"{path}/history", headers=as_tenant(tenant))).json()["items"]
    assert [v["reason"] for v in history] == [None, None, "Vuelve a comprar."]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"reason": "x" * 501}, ["body", "reason"]),
        ({"reason": 7}, ["body", "reason"]),
        (["a list"], ["body"]),
    ],
)
async def test_a_bad_reason_is_refused_and_archives_nothing(api, tenant, body, where):
    client = (await api.post("/v1/clients", json=new_client(), headers=as_tenant(tenant))).json()
    path = f"/v1/clients/{client['id']}"
    refused = await api.post(f"{path}/archive", json=body, headers=as_tenant(tenant))
    assert refused.status_code == 422, refused.text
    assert [e["loc"] for e in refused.json()["errors"]] == [where]
    assert (await api.get(path, headers=as_tenant(tenant))).json()["status"] == "active"


async def test_a_duplicate_tax_id_is_the_409_the_document_declares(app, api, tenant):
    first = (await api.post("/v1/clients", json=new_client(), headers=as_tenant(tenant))).json()
    clash = await api.post(
        "/v1/clients", json=new_client(tax_id=first["tax_id"]), headers=as_tenant(tenant)
    )
    assert clash.status_code == 409
    assert clash.headers["content-type"] == "application/problem+json"
    assert clash.json()["existing_client_id"] == first["id"]
    declared = app.openapi()["paths"]["/v1/clients"]["post"]["responses"]
    assert "409" in declared


async def test_unknown_ids_are_the_404_the_document_declares(app, api, tenant):
    missing = uuid.uuid4()
    document = app.openapi()["paths"]
    for method, path, template in [
        ("get", f"/v1/clients/{missing}", "/v1/clients/{client_id}"),
        ("get", f"/v1/clients/{missing}/history", "/v1/clients/{client_id}/history"),
        ("post", f"/v1/clients/{missing}/archive", "/v1/clients/{client_id}/archive"),
        ("get", f"/v1/clients/imports/{missing}", "/v1/clients/imports/{job_id}"),
        (
            "get",
            f"/v1/clients/{missing}/documents/{missing}",
            "/v1/clients/{client_id}/documents/{document_id}",
        ),
    ]:
        answer = await api.request(method, path, headers=as_tenant(tenant))
        assert answer.status_code == 404, (path, answer.text)
        assert "404" in document[template][method]["responses"], template


async def test_document_answers_keep_their_keys(api, tenant):
    client = (await api.post("/v1/clients", json=new_client(), headers=as_tenant(tenant))).json()
    base = f"/v1/clients/{client['id']}/documents"
    uploaded = await api.post(
        base,
        headers=as_tenant(tenant),
        data={"kind": "contract", "title": "Contrato marco"},
        files={"file": ("contrato.pdf", samples.pdf(), "application/pdf")},
    )
    assert uploaded.status_code == 201, uploaded.text
    document = uploaded.json()
    assert set(document) == DOCUMENT_KEYS
    page = (await api.get(base, headers=as_tenant(tenant))).json()
    assert set(page) == {"items", "total", "limit", "next_cursor"}
    assert [set(item) for item in page["items"]] == [DOCUMENT_KEYS]
    one = await api.get(f"{base}/{document['id']}", headers=as_tenant(tenant))
    assert set(one.json()) == DOCUMENT_KEYS
    content = await api.get(f"{base}/{document['id']}/content", headers=as_tenant(tenant))
    assert (content.headers["content-type"], content.content) == ("application/pdf", samples.pdf())
    # Still within its six years: the 409 the document declares.
    kept = await api.delete(f"{base}/{document['id']}", headers=as_tenant(tenant))
    assert kept.status_code == 409


async def test_an_import_report_keeps_its_two_kinds_of_row(api, tenant):
    good, bad = random_cif(), "B1234567X"
    content = f"legal_name,kind,tax_id\nUno S.L.,company,{good}\nDos S.L.,company,{bad}\n"
    started = await api.post(
        "/v1/clients/imports",
        headers=as_tenant(tenant),
        files={"file": ("clientes.csv", content.encode(), "text/csv")},
        data={"dry_run": "true"},
    )
    assert started.status_code == 202, started.text
    assert set(started.json()) == IMPORT_KEYS
    for _ in range(200):
        job = (await api.get(started.headers["location"], headers=as_tenant(tenant))).json()
        if job["status"] != "running":
            break
    assert job["status"] == "done", job
    assert set(job) == IMPORT_KEYS
    applied, refused = job["report"]
    assert set(applied) == {"line", "status", "client_id"}
    assert (applied["line"], applied["status"]) == (2, "created")
    assert set(refused) == {"line", "status", "errors"}
    assert (refused["line"], refused["status"]) == (3, "error")
    only_errors = await api.get(
        started.headers["location"], params={"only_errors": "true"}, headers=as_tenant(tenant)
    )
    assert only_errors.json()["report"] == [refused]


def test_every_operation_publishes_its_answer_its_errors_and_an_example(app):
    document = app.openapi()
    schemas = document["components"]["schemas"]
    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) == 15
    assert len({op["operationId"] for _, _, op in operations}) == len(operations)
    for path, method, operation in operations:
        where = f"{method.upper()} {path}"
        assert operation["tags"], where
        assert operation["description"], where
        assert {"401", "403", "422", "429", "503"} <= set(operation["responses"]), where
        [success] = [code for code in operation["responses"] if code.startswith("2")]
        content = operation["responses"][success].get("content", {})
        if success == "204":
            assert content == {}, where
            continue
        assert content, where
        for media_type, body in content.items():
            schema = body["schema"]
            if media_type != "application/json":
                assert schema == {"type": "string", "format": "binary"}, where
                continue
            ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
            assert ref, where
            assert schemas[ref.rsplit("/", 1)[1]].get("examples"), where
        request = operation.get("requestBody")
        if request is not None:
            for media_type, body in request["content"].items():
                if media_type == "application/json":
                    schema = body["schema"]
                    ref = schema.get("$ref") or schema["anyOf"][0]["$ref"]
                    assert schemas[ref.rsplit("/", 1)[1]].get("examples"), where
                else:
                    assert body.get("example"), where
