"""The certificate store through the invoicing app, on the real migrated database and broker:
who may use it, what it refuses and says, that the key is only ever ciphertext at rest and
never shown, that a data-key rotation re-encrypts it, the operator mode's rules, what the
submission worker is handed, and the expiry announcement.

The app is given an operator certificate (a PKCS#12 file written for the module) and the test
data key of `secret_settings()`. Certificates are made with `cryptography`
(cartera_invoicing.certificates.samples).
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from sqlalchemy import text

from cartera_invoicing.aeat.credentials import Party
from cartera_invoicing.certificates import service as certificates
from cartera_invoicing.certificates.samples import PASSWORD, certificate_file, make_ca
from cartera_invoicing.main import create_app
from cartera_invoicing.rotate_data_key import rotate
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared import business_day
from cartera_shared.data_keys import DataKeys
from cartera_shared.db import create_engine, set_tenant, tenant_transaction
from cartera_shared.events import topics
from cartera_shared.events.certificates import CertificateExpiring
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages
from cartera_shared.testing import (
    free_tcp_port,
    internal_headers,
    random_cif,
    random_nif,
    secret_settings,
)

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}
DATA_KEY = secret_settings()["CARTERA_DATA_KEY"]
CA = make_ca()
OPERATOR_NIF = random_cif("A")
ACCOUNTANT = (
    "clients:read",
    "clients:write",
    "invoices:read",
    "invoices:write",
    "quotes:read",
    "quotes:write",
    "collections:read",
    "collections:write",
    "crm:read",
    "analytics:read",
)
CERTIFICATE_ROUTES = (
    ("GET", "/v1/issuer/certificate"),
    ("PUT", "/v1/issuer/certificate"),
    ("GET", "/v1/issuer/representatives"),
    ("PUT", f"/v1/issuer/representatives/{OPERATOR_NIF}"),
    ("DELETE", f"/v1/issuer/representatives/{OPERATOR_NIF}"),
    ("GET", "/v1/issuer/verifactu"),
    ("PUT", "/v1/issuer/verifactu"),
)


@pytest.fixture(scope="module")
def operator_file(tmp_path_factory) -> Any:
    path = tmp_path_factory.mktemp("operator") / "operator.p12"
    path.write_bytes(
        certificate_file(OPERATOR_NIF, ca=CA, style="entity_seal", password="operador-pw")
    )
    return path


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap, operator_file):
    settings = InvoicingSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=f"http://127.0.0.1:{free_tcp_port()}",
        CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_FILE=str(operator_file),
        CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_PASSWORD="operador-pw",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://invoicing") as client:
        yield client


@pytest.fixture
async def owner(owner_url):
    engine = create_engine(owner_url, pool_size=1)
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(app):
    return app.state.runtime.sessions


def as_owner(tenant_id, *, scopes=("*",)):
    return internal_headers(tenant_id, service="invoicing", scopes=scopes, subject="user:owner")


@pytest.fixture
async def tenant(api) -> tuple[uuid.UUID, str]:
    """A tenant whose issuer profile is a company of its own NIF."""
    tenant_id = uuid.uuid4()
    nif = random_cif()
    issuer = {"legal_name": "Levante S.L.", "tax_id": nif, "fiscal_address": ADDRESS}
    answer = await api.put("/v1/issuer", json=issuer, headers=as_owner(tenant_id))
    assert answer.status_code == 200, answer.text
    return tenant_id, nif


async def upload(api, tenant_id, data: bytes, password: str = PASSWORD, **extra):
    files = {"file": ("certificado.p12", data, "application/x-pkcs12")}
    return await api.put(
        "/v1/issuer/certificate",
        files=files,
        data={"password": password, **extra},
        headers=as_owner(tenant_id),
    )


def assert_refused(answer, status, field=None, code=None):
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["status"] == status
    assert body["detail"]
    if field is not None:
        assert [e["loc"] for e in body["errors"]] == [["body", field]], body
    if code is not None:
        assert body["errors"][0]["type"] == code, body
    return body


async def stored_rows(owner, tenant_id) -> list[dict[str, Any]]:
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        rows = await conn.execute(
            text("SELECT * FROM invoicing.issuer_certificates ORDER BY uploaded_at")
        )
        return [dict(r._mapping) for r in rows]


# ------------------------------------------------------------------ uploading and reading


async def test_the_owner_uploads_the_issuers_certificate_and_reads_it_back(api, owner, tenant):
    tenant_id, nif = tenant
    answer = await upload(api, tenant_id, certificate_file(nif, ca=CA, style="entity_seal"))
    assert answer.status_code == 200, answer.text
    shown = (await api.get("/v1/issuer/certificate", headers=as_owner(tenant_id))).json()
    assert shown == answer.json()
    assert shown["holder_nif"] == nif
    assert shown["role"] == "issuer"
    assert shown["usable"] is True
    assert shown["issuer"] == CA.certificate.subject.rfc4514_string()
    assert 363 <= shown["days_to_expiry"] <= 365
    assert len(shown["fingerprint_sha256"]) == 64
    assert shown["uploaded_by"] == "user:owner"
    for field in ("subject", "serial", "not_before", "not_after"):
        assert shown[field]

    # At rest: ciphertext under the data key, bound to its row; the chain alone is plain.
    [row] = await stored_rows(owner, tenant_id)
    sealed = row["private_key_encrypted"]
    assert sealed.startswith(f"v1.{DataKeys(DATA_KEY).current_id}.")
    assert "PRIVATE KEY" not in sealed
    assert "PRIVATE KEY" not in row["chain_pem"]
    key_pem = DataKeys(DATA_KEY).decrypt(sealed, bound_to=str(row["id"]))
    key = serialization.load_pem_private_key(key_pem.encode(), password=None)
    leaf = x509.load_pem_x509_certificate(row["chain_pem"].encode())
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    assert key.public_key().public_bytes(*spki) == leaf.public_key().public_bytes(*spki)

    # Never shown: no field or text of an answer carries the key or its ciphertext.
    for text_shown in (
        answer.text,
        (await api.get("/v1/issuer/certificate", headers=as_owner(tenant_id))).text,
    ):
        assert "PRIVATE" not in text_shown
        assert sealed[:40] not in text_shown
        assert key_pem.splitlines()[1] not in text_shown


async def test_a_new_upload_replaces_the_certificate_of_the_same_nif(api, owner, tenant):
    tenant_id, nif = tenant
    first = await upload(api, tenant_id, certificate_file(nif, ca=CA, style="entity_seal"))
    second = await upload(
        api, tenant_id, certificate_file(nif, ca=CA, style="entity_seal", days_left=700)
    )
    assert first.status_code == second.status_code == 200
    assert first.json()["id"] != second.json()["id"]
    shown = (await api.get("/v1/issuer/certificate", headers=as_owner(tenant_id))).json()
    assert shown["id"] == second.json()["id"]
    old, new = await stored_rows(owner, tenant_id)
    assert old["replaced_at"] is not None
    assert old["private_key_encrypted"] is None  # a replaced key is erased
    assert new["replaced_at"] is None


async def test_the_records_summary_says_what_keeps_waiting_records_from_being_sent(api, tenant):
    """What the accountant's desk shows beside the waiting count: no valid certificate, or
    submission turned off; nothing once a certificate is there."""
    tenant_id, nif = tenant
    headers = as_owner(tenant_id)

    async def summary() -> dict[str, Any]:
        answer = await api.get("/v1/verifactu/summary", headers=headers)
        assert answer.status_code == 200, answer.text
        return answer.json()

    assert await summary() == {
        "rejected": 0,
        "waiting": 0,
        "accepted_with_errors": 0,
        "sending_blocked": None,
    }
    series = {"code": "T", "prefix": "T", "kind": "simplified"}
    assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201
    lines = [{"description": "Café", "quantity": "1", "unit_price": "1.50"}]
    issued = await api.post(
        "/v1/invoices?issue=true", json={"series": "T", "lines": lines}, headers=headers
    )
    assert issued.status_code == 201, issued.text
    assert (await summary())["waiting"] == 1
    assert (await summary())["sending_blocked"] == "no_valid_certificate"

    assert (await upload(api, tenant_id, certificate_file(nif, ca=CA))).status_code == 200
    assert (await summary())["sending_blocked"] is None

    off = await api.put("/v1/issuer/verifactu", json={"mode": "off"}, headers=headers)
    assert off.status_code == 200, off.text
    assert await summary() == {
        "rejected": 0,
        "waiting": 1,
        "accepted_with_errors": 0,
        "sending_blocked": "submission_off",
    }


async def test_another_tenant_sees_nothing(api, tenant):
    tenant_id, nif = tenant
    assert (await upload(api, tenant_id, certificate_file(nif, ca=CA))).status_code == 200
    other = uuid.uuid4()
    assert_refused(await api.get("/v1/issuer/certificate", headers=as_owner(other)), 404)
    listed = await api.get("/v1/issuer/representatives", headers=as_owner(other))
    assert listed.json() == {"items": [], "next_cursor": None}


# ------------------------------------------------------------------ who may


async def test_only_the_certificates_scopes_open_these_routes(api, tenant):
    tenant_id, _ = tenant
    for scopes in (ACCOUNTANT, ("invoices:*", "clients:*"), ("certificates:read",)):
        for method, path in CERTIFICATE_ROUTES:
            if scopes == ("certificates:read",) and method == "GET":
                continue
            answer = await api.request(method, path, headers=as_owner(tenant_id, scopes=scopes))
            assert_refused(answer, 403)
    reader = as_owner(tenant_id, scopes=("certificates:read",))
    assert (await api.get("/v1/issuer/verifactu", headers=reader)).status_code == 200
    assert (await api.get("/v1/issuer/representatives", headers=reader)).status_code == 200
    # An API key an owner gave `certificates:write` uploads.
    writer = as_owner(tenant_id, scopes=("certificates:write", "certificates:read"))
    nif = (await api.get("/v1/issuer", headers=as_owner(tenant_id))).json()["tax_id"]
    answer = await api.put(
        "/v1/issuer/certificate",
        files={"file": ("c.p12", certificate_file(nif, ca=CA), "application/x-pkcs12")},
        data={"password": PASSWORD},
        headers=writer,
    )
    assert answer.status_code == 200, answer.text


# ------------------------------------------------------------------ what is refused


async def test_uploads_that_cannot_be_the_tenants_certificate_are_refused(api, owner, tenant):
    tenant_id, nif = tenant
    good = certificate_file(nif, ca=CA)
    cases = [
        (await upload(api, tenant_id, good, "otra"), "password", "wrong_password"),
        (await upload(api, tenant_id, b"%PDF-1.7 not a certificate"), "file", "not_pkcs12"),
        (await upload(api, tenant_id, secrets.token_bytes(4000)), "file", "not_pkcs12"),
        (await upload(api, tenant_id, b""), "file", "empty_file"),
        (await upload(api, tenant_id, good[: len(good) // 2]), "file", "damaged"),
        (
            await upload(api, tenant_id, certificate_file(nif, ca=CA, days_left=-1)),
            "file",
            "expired",
        ),
        (
            await upload(api, tenant_id, certificate_file(random_nif(), ca=CA)),
            "file",
            "nif_not_allowed",
        ),
    ]
    for answer, field, code in cases:
        body = assert_refused(answer, 422, field, code)
        assert "Traceback" not in answer.text
        assert "deserialize" not in body["detail"].lower()  # the library's words stay in
    assert await stored_rows(owner, tenant_id) == []


async def test_bad_forms_are_told_apart(api, tenant):
    tenant_id, nif = tenant
    headers = as_owner(tenant_id)
    good = certificate_file(nif, ca=CA)
    assert_refused(
        await api.put("/v1/issuer/certificate", json={"password": "x"}, headers=headers), 415
    )
    assert_refused(
        await api.put(
            "/v1/issuer/certificate",
            content=b"file=abc",
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
        ),
        415,
    )
    no_password = await api.put(
        "/v1/issuer/certificate", files={"file": ("c.p12", good)}, headers=headers
    )
    assert_refused(no_password, 422, "password", "missing")
    no_file = await api.put(
        "/v1/issuer/certificate", files={"password": (None, PASSWORD)}, headers=headers
    )
    assert_refused(no_file, 422, "file", "missing")
    extra = await upload(api, tenant_id, good, note="hola")
    assert_refused(extra, 422, "note", "extra_forbidden")
    twice = await api.put(
        "/v1/issuer/certificate",
        files=[("file", ("a.p12", good)), ("file", ("b.p12", good)), ("password", (None, "x"))],
        headers=headers,
    )
    assert_refused(twice, 422, "file", "duplicate")
    broken = await api.put(
        "/v1/issuer/certificate",
        content=b"--xyz\r\nnot a header line\r\n\r\n",
        headers={**headers, "Content-Type": "multipart/form-data; boundary=xyz"},
    )
    assert_refused(broken, 400)
    no_boundary = await api.put(
        "/v1/issuer/certificate",
        content=b"x",
        headers={**headers, "Content-Type": "multipart/form-data"},
    )
    assert_refused(no_boundary, 400)


async def test_a_large_body_is_refused_before_it_is_read_or_as_soon_as_it_passes(api, tenant):
    tenant_id, _ = tenant
    huge = secrets.token_bytes(200 * 1024)
    assert_refused(await upload(api, tenant_id, huge), 413)

    async def chunked():  # no Content-Length: counted as it comes
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.p12"\r\n\r\n'
        for _ in range(100):
            yield secrets.token_bytes(1024)

    answer = await api.put(
        "/v1/issuer/certificate",
        content=chunked(),
        headers={**as_owner(tenant_id), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert_refused(answer, 413)


async def test_no_certificate_before_the_issuer_is_known(api):
    tenant_id = uuid.uuid4()
    answer = await upload(api, tenant_id, certificate_file(random_cif(), ca=CA))
    assert_refused(answer, 409)


# ------------------------------------------------------------------ representatives


async def test_a_representatives_certificate_needs_the_representation_declared(
    api, sessions, tenant
):
    tenant_id, nif = tenant
    gestor_nif = random_nif()
    gestor_file = certificate_file(gestor_nif, ca=CA)
    assert_refused(await upload(api, tenant_id, gestor_file), 422, "file", "nif_not_allowed")

    declared = await api.put(
        f"/v1/issuer/representatives/{gestor_nif.lower()}",
        json={"name": "Gestoría Pérez", "granted_on": "2026-11-02", "reference": "AP-2026-1"},
        headers=as_owner(tenant_id),
    )
    assert declared.status_code == 200, declared.text
    assert declared.json()["nif"] == gestor_nif  # stored normalised
    answer = await upload(api, tenant_id, gestor_file)
    assert answer.status_code == 200, answer.text
    assert answer.json()["role"] == "representative"

    async with tenant_transaction(sessions, tenant_id) as session:
        submitter = await certificates.submitter_for(session, tenant_id, Party(nif, "Levante"))
        assert await certificates.submission_enabled(session, tenant_id)
    assert submitter is not None
    assert submitter.credentials.nif == gestor_nif
    assert submitter.issuer == Party(nif, "Levante")
    assert submitter.representative == Party(gestor_nif, "Gestoría Pérez")

    # Withdrawn: its certificate is kept but no longer used, and GET says why.
    gone = await api.delete(f"/v1/issuer/representatives/{gestor_nif}", headers=as_owner(tenant_id))
    assert gone.status_code == 204
    shown = (await api.get("/v1/issuer/certificate", headers=as_owner(tenant_id))).json()
    assert (shown["usable"], shown["role"]) == (False, None)
    assert "neither the issuer's nor a declared representative's" in shown["unusable_reason"]
    async with tenant_transaction(sessions, tenant_id) as session:
        assert await certificates.submitter_for(session, tenant_id, Party(nif, "L")) is None
        assert not await certificates.submission_enabled(session, tenant_id)
    again = await api.delete(
        f"/v1/issuer/representatives/{gestor_nif}", headers=as_owner(tenant_id)
    )
    assert_refused(again, 404)


async def test_representatives_are_validated(api, tenant):
    tenant_id, nif = tenant
    headers = as_owner(tenant_id)
    body = {"name": "Gestoría", "granted_on": "2026-11-02"}
    assert_refused(
        await api.put("/v1/issuer/representatives/12345678A", json=body, headers=headers), 422
    )
    assert_refused(
        await api.put(f"/v1/issuer/representatives/{nif}", json=body, headers=headers), 422
    )
    future = {**body, "granted_on": (business_day.today() + dt.timedelta(days=3)).isoformat()}
    nif_ok = random_nif()
    assert_refused(
        await api.put(f"/v1/issuer/representatives/{nif_ok}", json=future, headers=headers), 422
    )
    for bad in (
        {"name": ""},
        {**body, "extra": 1},
        {**body, "name": "a\x07b"},
        {"granted_on": "x"},
    ):
        assert_refused(
            await api.put(f"/v1/issuer/representatives/{nif_ok}", json=bad, headers=headers), 422
        )
    assert (await api.get("/v1/issuer/representatives", headers=headers)).json() == {
        "items": [],
        "next_cursor": None,
    }


# ------------------------------------------------------------------ the worker's credentials


async def test_the_worker_gets_the_issuers_own_certificate_until_it_expires(
    api, owner, sessions, tenant
):
    tenant_id, nif = tenant
    async with tenant_transaction(sessions, tenant_id) as session:
        assert await certificates.submitter_for(session, tenant_id, Party(nif, "L")) is None
        assert not await certificates.submission_enabled(session, tenant_id)
    answer = await upload(api, tenant_id, certificate_file(nif, ca=CA, style="entity_seal"))
    async with tenant_transaction(sessions, tenant_id) as session:
        submitter = await certificates.submitter_for(session, tenant_id, Party(f"es{nif}", "L"))
        assert await certificates.submission_enabled(session, tenant_id)
        # Another issuer of the tenant (a NIF it no longer uses) has no certificate.
        assert (
            await certificates.submitter_for(session, tenant_id, Party(random_cif(), "X")) is None
        )
    assert submitter is not None
    assert submitter.representative is None
    assert submitter.credentials.nif == nif
    leaf = x509.load_pem_x509_certificate(submitter.credentials.certificate_pem)
    assert leaf.fingerprint(hashes.SHA256()).hex() == answer.json()["fingerprint_sha256"]
    assert submitter.credentials.certificate_pem.count(b"BEGIN CERTIFICATE") == 2  # and its CA
    key = serialization.load_pem_private_key(submitter.credentials.private_key_pem, None)
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    assert key.public_key().public_bytes(*spki) == leaf.public_key().public_bytes(*spki)

    # Time passes: the certificate expires, and records wait.
    async with owner.begin() as conn:
        await set_tenant(conn, tenant_id)
        await conn.execute(
            text(
                "UPDATE invoicing.issuer_certificates SET not_after = now() - interval '1 day' "
                "WHERE id = :id"
            ),
            {"id": answer.json()["id"]},
        )
    async with tenant_transaction(sessions, tenant_id) as session:
        assert await certificates.submitter_for(session, tenant_id, Party(nif, "L")) is None
        assert not await certificates.submission_enabled(session, tenant_id)
    shown = (await api.get("/v1/issuer/certificate", headers=as_owner(tenant_id))).json()
    assert shown["usable"] is False
    assert shown["days_to_expiry"] < 0


async def test_mode_off_sends_nothing(api, sessions, tenant):
    tenant_id, nif = tenant
    await upload(api, tenant_id, certificate_file(nif, ca=CA, style="entity_seal"))
    off = await api.put("/v1/issuer/verifactu", json={"mode": "off"}, headers=as_owner(tenant_id))
    assert off.json()["mode"] == "off"
    assert off.json()["submission_enabled"] is False
    async with tenant_transaction(sessions, tenant_id) as session:
        assert await certificates.submitter_for(session, tenant_id, Party(nif, "L")) is None
    back = await api.put(
        "/v1/issuer/verifactu", json={"mode": "own_certificate"}, headers=as_owner(tenant_id)
    )
    assert back.json()["submission_enabled"] is True
    for bad in ({"mode": "sometimes"}, {}, {"mode": "off", "x": 1}):
        assert_refused(
            await api.put("/v1/issuer/verifactu", json=bad, headers=as_owner(tenant_id)), 422
        )


# ------------------------------------------------------------------ operator mode


async def test_operator_mode_needs_the_operator_declared_as_representative(api, sessions, tenant):
    tenant_id, nif = tenant
    headers = as_owner(tenant_id)
    shown = (await api.get("/v1/issuer/verifactu", headers=headers)).json()
    assert shown["mode"] == "own_certificate"
    assert shown["operator"]["available"] is True
    assert shown["operator"]["nif"] == OPERATOR_NIF

    refused = await api.put("/v1/issuer/verifactu", json={"mode": "operator"}, headers=headers)
    body = assert_refused(refused, 422)
    assert body["operator_nif"] == OPERATOR_NIF
    assert body["errors"][0]["type"] == "operator_not_representative"

    declared = await api.put(
        f"/v1/issuer/representatives/{OPERATOR_NIF}",
        json={"name": "Cartera Servicios S.A.", "granted_on": "2026-12-01"},
        headers=headers,
    )
    assert declared.status_code == 200
    chosen = await api.put("/v1/issuer/verifactu", json={"mode": "operator"}, headers=headers)
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["submission_enabled"] is True  # without a certificate of its own
    async with tenant_transaction(sessions, tenant_id) as session:
        submitter = await certificates.submitter_for(session, tenant_id, Party(nif, "Levante"))
    assert submitter is not None
    assert submitter.credentials.nif == OPERATOR_NIF
    assert submitter.representative == Party(OPERATOR_NIF, "Cartera Servicios S.A.")
    assert submitter.issuer == Party(nif, "Levante")

    # The representation cannot be withdrawn while the operator sends on it.
    assert_refused(
        await api.delete(f"/v1/issuer/representatives/{OPERATOR_NIF}", headers=headers), 409
    )
    await api.put("/v1/issuer/verifactu", json={"mode": "off"}, headers=headers)
    gone = await api.delete(f"/v1/issuer/representatives/{OPERATOR_NIF}", headers=headers)
    assert gone.status_code == 204


async def test_operator_mode_needs_an_operator_certificate(api, tenant):
    tenant_id, _ = tenant
    headers = as_owner(tenant_id)
    await api.put(
        f"/v1/issuer/representatives/{OPERATOR_NIF}",
        json={"name": "Cartera", "granted_on": "2026-12-01"},
        headers=headers,
    )
    configured = certificates.installed()
    certificates.install(certificates.CertificateKeys(configured.data_keys))
    try:
        body = assert_refused(
            await api.put("/v1/issuer/verifactu", json={"mode": "operator"}, headers=headers), 422
        )
        assert body["errors"][0]["type"] == "no_operator"
        assert (await api.get("/v1/issuer/verifactu", headers=headers)).json()["operator"] == {
            "available": False,
            "nif": None,
            "name": None,
            "not_after": None,
        }
    finally:
        certificates.install(configured)


def test_an_unreadable_operator_certificate_is_reported_not_fatal(tmp_path):
    missing, problem = certificates.load_operator_certificate(tmp_path / "none.p12", "x")
    assert missing is None
    assert "cannot be read" in problem
    path = tmp_path / "operator.p12"
    path.write_bytes(certificate_file(OPERATOR_NIF, ca=CA))
    wrong, problem = certificates.load_operator_certificate(path, "not-the-password")
    assert wrong is None
    assert "password" in problem
    assert "not-the-password" not in problem


# ------------------------------------------------------------------ rotating the data key


async def test_a_rotation_re_encrypts_every_key_which_still_opens(api, owner, sessions, tenant):
    tenant_id, nif = tenant
    await upload(api, tenant_id, certificate_file(nif, ca=CA, style="entity_seal"))
    [before] = await stored_rows(owner, tenant_id)
    new_key = secrets.token_hex(32)
    rotating = DataKeys(new_key, previous=DATA_KEY)

    outcome = await rotate(sessions, rotating)
    assert outcome.reencrypted >= 1
    # Rows of earlier runs (another random test key) stay unreadable, and are named; not ours.
    assert str(before["id"]) not in {certificate for certificate, _ in outcome.unreadable}
    [after] = await stored_rows(owner, tenant_id)
    assert after["private_key_encrypted"] != before["private_key_encrypted"]
    assert after["private_key_encrypted"].startswith(f"v1.{rotating.current_id}.")
    assert DataKeys(new_key).decrypt(after["private_key_encrypted"], bound_to=str(after["id"])) == (
        DataKeys(DATA_KEY).decrypt(before["private_key_encrypted"], bound_to=str(before["id"]))
    )
    again = await rotate(sessions, rotating)  # nothing left to do for it
    assert again.reencrypted == 0

    configured = certificates.installed()
    certificates.install(certificates.CertificateKeys(DataKeys(new_key), configured.operator))
    try:
        async with tenant_transaction(sessions, tenant_id) as session:
            submitter = await certificates.submitter_for(session, tenant_id, Party(nif, "L"))
        assert submitter is not None
    finally:
        certificates.install(configured)
    # Rotated back, so the rest of the module's tenants read with the test key again.
    back = await rotate(sessions, DataKeys(DATA_KEY, previous=new_key))
    assert str(before["id"]) not in {certificate for certificate, _ in back.unreadable}
    # Under the old key only, the rotated key does not open: the worker is handed nothing.
    certificates.install(certificates.CertificateKeys(DataKeys(secrets.token_hex(32))))
    try:
        async with tenant_transaction(sessions, tenant_id) as session:
            assert await certificates.submitter_for(session, tenant_id, Party(nif, "L")) is None
    finally:
        certificates.install(configured)


# ------------------------------------------------------------------ the expiry announcement


async def test_a_certificate_entering_its_last_30_days_is_announced_once(
    api, owner, sessions, tenant
):
    tenant_id, nif = tenant
    soon = await upload(api, tenant_id, certificate_file(nif, ca=CA, days_left=10))
    later_nif = random_nif()
    await api.put(
        f"/v1/issuer/representatives/{later_nif}",
        json={"name": "Gestoría", "granted_on": "2026-11-02"},
        headers=as_owner(tenant_id),
    )
    await upload(api, tenant_id, certificate_file(later_nif, ca=CA, days_left=90))

    ran, _ = await certificates.warn_expiring(sessions)
    assert ran
    ran_again, _ = await certificates.warn_expiring(sessions)
    assert ran_again
    async with owner.begin() as conn:
        events = (
            await conn.execute(
                text(
                    "SELECT topic, key, payload FROM invoicing.outbox "
                    "WHERE tenant_id = :t AND topic = :topic"
                ),
                {"t": tenant_id, "topic": topics.CERTIFICATE_EXPIRING},
            )
        ).all()
    assert len(events) == 1
    [(_, key, payload)] = events
    assert key == soon.json()["id"]
    announced = CertificateExpiring.model_validate(payload["data"])
    assert announced.holder_nif == nif
    assert announced.role == "issuer"
    assert announced.days_left in (9, 10)
    assert announced.fingerprint_sha256 == soon.json()["fingerprint_sha256"]
    shown = (await api.get("/v1/issuer/certificate", headers=as_owner(tenant_id))).json()
    assert shown["expiry_warned_at"] is not None

    # Sixty days on, the other one is announced too, and only it.
    await certificates.warn_expiring(
        sessions, moment=dt.datetime.now(dt.UTC) + dt.timedelta(days=61)
    )
    async with owner.begin() as conn:
        keys = (
            (
                await conn.execute(
                    text(
                        "SELECT key FROM invoicing.outbox WHERE tenant_id = :t AND topic = :topic"
                    ),
                    {"t": tenant_id, "topic": topics.CERTIFICATE_EXPIRING},
                )
            )
            .scalars()
            .all()
        )
    assert len(keys) == 2


async def test_the_expiry_job_runs_in_one_replica_at_a_time(sessions):
    """Two runners at once: the advisory lock lets one of them work."""
    async with sessions() as holder, holder.begin():
        await holder.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"),
            {"name": certificates.EXPIRY_JOB},
        )
        ran, _ = await certificates.warn_expiring(sessions)
        assert not ran


async def test_one_run_announces_every_due_certificate_batch_after_batch(
    api, owner, sessions, tenant, monkeypatch
):
    tenant_id, nif = tenant
    gestor = random_nif()
    await api.put(
        f"/v1/issuer/representatives/{gestor}",
        json={"name": "Gestoría", "granted_on": "2026-11-02"},
        headers=as_owner(tenant_id),
    )
    for holder in (nif, gestor):
        answer = await upload(api, tenant_id, certificate_file(holder, ca=CA, days_left=5))
        assert answer.status_code == 200, answer.text
    monkeypatch.setattr(certificates, "EXPIRY_BATCH", 1)
    ran, _ = await certificates.warn_expiring(sessions)
    assert ran
    async with owner.begin() as conn:
        announced = await conn.scalar(
            text("SELECT count(*) FROM invoicing.outbox WHERE tenant_id = :t AND topic = :topic"),
            {"t": tenant_id, "topic": topics.CERTIFICATE_EXPIRING},
        )
    assert announced == 2


async def test_representatives_page_by_nif_each_once_and_refuse_bad_cursors(api, tenant):
    tenant_id, _ = tenant
    owner = as_owner(tenant_id)

    async def declare(nif: str) -> None:
        answer = await api.put(
            f"/v1/issuer/representatives/{nif}",
            json={"name": f"Gestoría {nif}", "granted_on": "2026-11-02"},
            headers=owner,
        )
        assert answer.status_code == 200, answer.text

    declared = [random_nif() for _ in range(5)]
    for nif in declared:
        await declare(nif)
    added: list[str] = []

    async def another(page: int) -> None:
        nif = random_nif()
        added.append(nif)
        await declare(nif)

    seen = [
        r["nif"]
        for r in await walk_pages(
            api, "/v1/issuer/representatives", owner, limit=2, between=another
        )
    ]
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen))
    assert set(declared) <= set(seen)
    # One added while reading shows up exactly when it sorts after the page already read.
    assert set(seen) <= set(declared) | set(added)
    first = (await api.get("/v1/issuer/representatives", params={"limit": 1}, headers=owner)).json()
    await assert_refuses_bad_paging(
        api, "/v1/issuer/representatives", owner, valid=first["next_cursor"]
    )
    for limit in ("10001", "abc"):
        answer = await api.get("/v1/issuer/representatives", params={"limit": limit}, headers=owner)
        assert answer.status_code == 422, answer.text
