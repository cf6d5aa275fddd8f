"""FacturaE through the invoicing app, on the real migrated database and broker:

- GET /v1/invoices/{id}/facturae is signed with the issuer's stored certificate by default
  (checked by xmlsec1), unsigned only when asked (`signed=false`), and a 409 that says what to do
  when there is no certificate to sign with;
- an invoice to a public administration is refused at issue without the client's DIR3 codes, and
  with them its FacturaE names them (AdministrativeCentres) without being told again.

The clients service is replaced by `Directory`, which answers from a dict what the clients
service's GET /v1/clients/{id} answers (the contract `ClientState`); nothing else is faked.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from lxml import etree

from cartera_invoicing.certificates.samples import (
    PASSWORD,
    issue,
    make_ca,
    pkcs12_file,
    spanish_subject,
)
from cartera_invoicing.main import create_app
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.testing import free_tcp_port, internal_headers, random_cif, secret_settings

from ..unit.facturae_checks import sha256_digest, signed_properties, verify_with_xmlsec1

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}
DS_SIGNATURE = "{http://www.w3.org/2000/09/xmldsig#}Signature"
FE = "{http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml}"
CA = make_ca()
DIR3 = {
    "oficina_contable": "L01462444",
    "organo_gestor": "L01462445",
    "unidad_tramitadora": "LA0003456",
}


class Directory(ClientsDirectory):
    """The clients service's answers, from `clients` (client id -> state)."""

    def __init__(self) -> None:
        self.clients: dict[uuid.UUID, dict[str, Any]] = {}

    async def _get(
        self, tenant_id: uuid.UUID, client_id: uuid.UUID, as_of: dt.date | None
    ) -> tuple[dict[str, Any], str | None] | None:
        state = self.clients.get(client_id)
        return None if state is None else (state, "active")

    async def close(self) -> None:
        return None


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    settings = InvoicingSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=f"http://127.0.0.1:{free_tcp_port()}",
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        parts = application.state.runtime.parts
        real = parts[ClientsDirectory]
        parts[ClientsDirectory] = Directory()
        yield application
        parts[ClientsDirectory] = real


@pytest.fixture
async def api(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://invoicing") as client:
        yield client


def as_tenant(tenant_id):
    return internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")


async def new_tenant(api, app) -> tuple[uuid.UUID, str, str]:
    """A tenant with its issuer profile and one invoice issued to a company: (tenant, NIF, id)."""
    tenant_id = uuid.uuid4()
    nif = random_cif("B")
    issuer = {"legal_name": "Levante S.L.", "tax_id": nif, "fiscal_address": ADDRESS}
    assert (await api.put("/v1/issuer", json=issuer, headers=as_tenant(tenant_id))).is_success
    invoice_id = await draft_for(api, app, tenant_id, company())
    issued = await api.post(f"/v1/invoices/{invoice_id}/issue", headers=as_tenant(tenant_id))
    assert issued.status_code == 200, issued.text
    return tenant_id, nif, invoice_id


async def upload_certificate(api, tenant_id, holder_nif: str):
    issued = issue(spanish_subject(holder_nif, style="entity_seal"), ca=CA)
    data = pkcs12_file(issued.key, issued.certificate, chain=[CA.certificate])
    answer = await api.put(
        "/v1/issuer/certificate",
        files={"file": ("certificado.p12", data, "application/x-pkcs12")},
        data={"password": PASSWORD},
        headers=as_tenant(tenant_id),
    )
    assert answer.status_code in (200, 201), answer.text
    return issued.certificate


def xmlsec1_verdict(document: bytes):
    return verify_with_xmlsec1(document, CA.certificate.public_bytes(serialization.Encoding.PEM))


async def test_the_file_is_signed_with_the_issuers_certificate(api, app):
    tenant_id, nif, invoice_id = await new_tenant(api, app)
    certificate = await upload_certificate(api, tenant_id, nif)
    answer = await api.get(f"/v1/invoices/{invoice_id}/facturae", headers=as_tenant(tenant_id))
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/xml")
    assert answer.headers["content-disposition"].endswith('.xsig"')
    verdict = xmlsec1_verdict(answer.content)
    assert verdict.ok, verdict.output
    said = signed_properties(answer.content)
    assert said.certificate_digest == sha256_digest(certificate)
    assert said.claimed_roles == ("emisor",)
    altered = answer.content.replace(b"<InvoiceTotal>121.00<", b"<InvoiceTotal>12.10<")
    assert altered != answer.content
    assert not xmlsec1_verdict(altered).ok

    unsigned = await api.get(
        f"/v1/invoices/{invoice_id}/facturae",
        params={"signed": "false"},
        headers=as_tenant(tenant_id),
    )
    assert unsigned.status_code == 200, unsigned.text
    assert etree.fromstring(unsigned.content).find(DS_SIGNATURE) is None


async def test_without_a_certificate_a_signed_file_is_a_409_that_says_what_to_do(api, app):
    tenant_id, _, invoice_id = await new_tenant(api, app)
    path = f"/v1/invoices/{invoice_id}/facturae"
    refused = await api.get(path, headers=as_tenant(tenant_id))
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    detail = refused.json()["detail"]
    assert "PUT /v1/issuer/certificate" in detail
    assert "signed=false" in detail
    explicit = await api.get(path, params={"signed": "true"}, headers=as_tenant(tenant_id))
    assert explicit.status_code == 409, explicit.text
    unsigned = await api.get(path, params={"signed": "false"}, headers=as_tenant(tenant_id))
    assert unsigned.status_code == 200, unsigned.text
    assert etree.fromstring(unsigned.content).find(DS_SIGNATURE) is None


async def test_a_representatives_certificate_does_not_sign_the_issuers_invoices(api, app):
    tenant_id, _, invoice_id = await new_tenant(api, app)
    gestoria = random_cif("B")
    declared = await api.put(
        f"/v1/issuer/representatives/{gestoria}",
        json={"name": "Gestoría Turia S.L.", "granted_on": "2026-01-15"},
        headers=as_tenant(tenant_id),
    )
    assert declared.is_success, declared.text
    await upload_certificate(api, tenant_id, gestoria)
    refused = await api.get(f"/v1/invoices/{invoice_id}/facturae", headers=as_tenant(tenant_id))
    assert refused.status_code == 409, refused.text
    assert "no certificate of the issuer's NIF" in refused.json()["detail"]


async def test_a_bad_signed_flag_is_a_422_naming_it(api, app):
    tenant_id, _, invoice_id = await new_tenant(api, app)
    answer = await api.get(
        f"/v1/invoices/{invoice_id}/facturae",
        params={"signed": "perhaps"},
        headers=as_tenant(tenant_id),
    )
    assert answer.status_code == 422, answer.text
    assert ["query", "signed"] in [e["loc"] for e in answer.json()["errors"]]


# ------------------------------------------------------------------ public bodies: DIR3 codes


def company() -> dict[str, Any]:
    return {
        **council(None),
        "legal_name": "Ferretería Ruzafa S.L.",
        "kind": "company",
        "tax_id": random_cif("B"),
    }


def council(dir3: dict[str, str] | None) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "version": 1,
        "legal_name": "Ajuntament de Burjassot",
        "kind": "public_administration",
        "tax_id": random_cif("P"),
        "country": "ES",
        "fiscal_address": {
            "street": "Plaça Emilio Castelar 1",
            "postal_code": "46100",
            "city": "Burjassot",
            "province": "Valencia",
            "country": "ES",
        },
        "territory": "peninsula_balearics",
        "dir3": dir3,
        "status": "active",
        "valid_from": "2020-01-01",
    }


async def draft_for(api, app, tenant_id, client: dict[str, Any]) -> str:
    app.state.runtime.parts[ClientsDirectory].clients[uuid.UUID(client["id"])] = client
    series = await api.post(
        "/v1/series", json={"code": "F", "prefix": "F"}, headers=as_tenant(tenant_id)
    )
    assert series.status_code in (201, 409), series.text
    made = await api.post(
        "/v1/invoices",
        json={
            "series": "F",
            "client_id": client["id"],
            "lines": [{"description": "Mantenimiento", "quantity": "1", "unit_price": "100.00"}],
        },
        headers=as_tenant(tenant_id),
    )
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


@pytest.mark.parametrize("stored_before_the_codes_existed", [False, True])
async def test_a_public_body_without_its_dir3_codes_is_not_invoiced(
    api, app, stored_before_the_codes_existed
):
    tenant_id, _, _ = await new_tenant(api, app)
    client = council(None)
    if stored_before_the_codes_existed:
        del client["dir3"]
    invoice_id = await draft_for(api, app, tenant_id, client)
    missing = ["oficina_contable", "organo_gestor", "unidad_tramitadora"]
    refused = await api.post(f"/v1/invoices/{invoice_id}/issue", headers=as_tenant(tenant_id))
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert [e["loc"] for e in body["errors"]] == [["client", "dir3", m] for m in missing]
    for name in missing:
        assert name in body["detail"]
    still = await api.get(f"/v1/invoices/{invoice_id}", headers=as_tenant(tenant_id))
    assert still.json()["status"] == "draft"
    assert still.json()["number"] is None


async def test_a_public_bodys_invoice_names_its_dir3_codes_in_the_signed_facturae(api, app):
    tenant_id, nif, _ = await new_tenant(api, app)
    await upload_certificate(api, tenant_id, nif)
    invoice_id = await draft_for(api, app, tenant_id, council(DIR3))
    issued = await api.post(f"/v1/invoices/{invoice_id}/issue", headers=as_tenant(tenant_id))
    assert issued.status_code == 200, issued.text
    answer = await api.get(f"/v1/invoices/{invoice_id}/facturae", headers=as_tenant(tenant_id))
    assert answer.status_code == 200, answer.text
    assert xmlsec1_verdict(answer.content).ok
    buyer = etree.fromstring(answer.content).find("Parties/BuyerParty")
    assert buyer is not None
    centres = {
        centre.findtext("RoleTypeCode"): centre.findtext("CentreCode")
        for centre in buyer.iterfind("AdministrativeCentres/AdministrativeCentre")
    }
    assert centres == {
        "01": DIR3["oficina_contable"],
        "02": DIR3["organo_gestor"],
        "03": DIR3["unidad_tramitadora"],
    }
