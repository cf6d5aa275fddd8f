"""The answers the service sends are the ones its OpenAPI document declares, key for key, and the
document declares an answer and an example for every operation.

The app runs in this process on the real, migrated test database and broker; the client is in
the service's replica, so drafts, quotes and templates need no clients service (issuing does,
and is proven by the end-to-end suite). Each answer is read back with the `Answer` model the
route declares: those models refuse unknown keys, so a key added, dropped or renamed on the wire
fails here.
"""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import text

from cartera_invoicing.invoices.schemas import InvoicePage, InvoiceRead, IssuerRead, SeriesRead
from cartera_invoicing.quotes.schemas import QuoteList, QuoteRead
from cartera_invoicing.recurring.schemas import RecurringList, RecurringRead
from cartera_shared.db import create_engine, set_tenant
from cartera_shared.testing import internal_headers, random_cif
from cartera_shared.wire import TIMESTAMP_PATTERN

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}
LINES = [{"description": "Revisión", "quantity": "2", "unit_price": "80.00", "vat_rate": "21"}]
# Every timestamp as the wire writes it (cartera_shared.wire): UTC, "Z", six fractional digits.
UTC_Z = re.compile(TIMESTAMP_PATTERN)


def as_tenant(tenant_id: uuid.UUID, **extra: str) -> dict[str, str]:
    headers = internal_headers(tenant_id, service="invoicing", scopes=("*",), subject="user:ana")
    return {**headers, **extra}


@pytest.fixture
async def tenant(api, owner_url):
    """A tenant with its issuer, an ordinary series F and one active client in the replica."""
    tenant_id, client_id = uuid.uuid4(), uuid.uuid4()
    headers = as_tenant(tenant_id)
    issuer = {"legal_name": "Levante S.L.", "tax_id": random_cif(), "fiscal_address": ADDRESS}
    answer = await api.put("/v1/issuer", json=issuer, headers=headers)
    assert answer.status_code == 200, answer.text
    IssuerRead.model_validate(answer.json())
    answer = await api.post("/v1/series", json={"code": "F", "prefix": "F"}, headers=headers)
    assert answer.status_code == 201, answer.text
    SeriesRead.model_validate(answer.json())
    engine = create_engine(owner_url, pool_size=1)
    try:
        async with engine.begin() as conn:
            await set_tenant(conn, tenant_id)
            await conn.execute(
                text(
                    "INSERT INTO invoicing.client_replicas (tenant_id, client_id, version, status, "
                    "legal_name, tax_id, state, last_event_id) VALUES (:t, :c, 1, 'active', "
                    "'Replicada S.L.', 'B12345674', CAST(:s AS jsonb), :e)"
                ),
                {
                    "t": tenant_id,
                    "c": client_id,
                    "s": f'{{"id": "{client_id}"}}',
                    "e": uuid.uuid4(),
                },
            )
    finally:
        await engine.dispose()
    return tenant_id, client_id


async def test_a_draft_answers_as_declared_and_its_idempotency_key_gives_it_once(api, tenant):
    tenant_id, client_id = tenant
    keyed = as_tenant(tenant_id, **{"Idempotency-Key": f"k-{uuid.uuid4()}"})
    body = {"client_id": str(client_id), "series": "F", "lines": LINES}
    first = await api.post("/v1/invoices", json=body, headers=keyed)
    assert first.status_code == 201, first.text
    draft = InvoiceRead.model_validate(first.json())
    assert (draft.status, str(draft.totals.total)) == ("draft", "193.60")
    assert first.headers["location"] == f"/v1/invoices/{draft.id}"
    assert UTC_Z.match(first.json()["created_at"])

    again = await api.post("/v1/invoices", json=body, headers=keyed)
    assert (again.status_code, again.json()) == (201, first.json())
    assert again.headers["location"] == first.headers["location"]
    other = await api.post(
        "/v1/invoices",
        json={**body, "notes": "otra"},
        headers=keyed,
    )
    assert other.status_code == 409, other.text

    page = await api.get("/v1/invoices", headers=as_tenant(tenant_id))
    assert page.status_code == 200, page.text
    assert [item.id for item in InvoicePage.model_validate(page.json()).items] == [draft.id]
    shown = await api.get(f"/v1/invoices/{draft.id}", headers=as_tenant(tenant_id))
    assert InvoiceRead.model_validate(shown.json()).verifactu is None
    missing = await api.get(f"/v1/invoices/{uuid.uuid4()}", headers=as_tenant(tenant_id))
    assert missing.status_code == 404
    unprinted = await api.get(f"/v1/invoices/{draft.id}/pdf", headers=as_tenant(tenant_id))
    assert unprinted.status_code == 409, unprinted.text


async def test_a_quote_goes_from_draft_to_invoice_answering_as_declared(api, tenant):
    tenant_id, client_id = tenant
    headers = as_tenant(tenant_id)
    made = await api.post(
        "/v1/quotes", json={"client_id": str(client_id), "lines": LINES}, headers=headers
    )
    assert made.status_code == 201, made.text
    quote = QuoteRead.model_validate(made.json())
    assert made.headers["location"] == f"/v1/quotes/{quote.id}"
    assert (quote.status, made.json()["totals"]["total"], quote.invoice_id) == (
        "draft",
        "193.60",
        None,
    )
    assert UTC_Z.match(made.json()["created_at"])

    for action, status in (("send", "sent"), ("accept", "accepted")):
        moved = await api.post(f"/v1/quotes/{quote.id}/{action}", headers=headers)
        assert moved.status_code == 200, moved.text
        assert QuoteRead.model_validate(moved.json()).status == status
    refused = await api.post(f"/v1/quotes/{quote.id}/reject", headers=headers)
    assert refused.status_code == 409, refused.text

    convert = f"/v1/quotes/{quote.id}/convert"
    converted = await api.post(convert, json={"series": "F"}, headers=headers)
    assert converted.status_code == 201, converted.text
    invoice = InvoiceRead.model_validate(converted.json())
    assert converted.headers["location"] == f"/v1/invoices/{invoice.id}"
    twice = await api.post(convert, json={"series": "F"}, headers=headers)
    assert twice.status_code == 409, twice.text

    listed = QuoteList.model_validate((await api.get("/v1/quotes", headers=headers)).json())
    assert [(q.id, q.invoice_id) for q in listed.items] == [(quote.id, invoice.id)]
    assert (await api.get(f"/v1/quotes/{uuid.uuid4()}", headers=headers)).status_code == 404
    backwards = await api.post(
        "/v1/quotes",
        json={
            "client_id": str(client_id),
            "lines": LINES,
            "quote_date": "2026-03-10",
            "valid_until": "2026-03-01",
        },
        headers=headers,
    )
    assert backwards.status_code == 422, backwards.text


async def test_a_recurring_invoice_answers_as_declared(api, tenant):
    tenant_id, client_id = tenant
    headers = as_tenant(tenant_id)
    body = {
        "client_id": str(client_id),
        "series": "F",
        "lines": LINES,
        "frequency": "quarterly",
        "day_of_month": 5,
        "starts_on": "2031-01-10",
    }
    made = await api.post("/v1/recurring-invoices", json=body, headers=headers)
    assert made.status_code == 201, made.text
    template = RecurringRead.model_validate(made.json())
    assert (str(template.next_run_on), template.runs) == ("2031-02-05", [])

    paused = await api.patch(
        f"/v1/recurring-invoices/{template.id}", json={"active": False}, headers=headers
    )
    assert paused.status_code == 200, paused.text
    assert RecurringRead.model_validate(paused.json()).active is False
    listed = await api.get("/v1/recurring-invoices", headers=headers)
    assert [r.id for r in RecurringList.model_validate(listed.json()).items] == [template.id]
    shown = await api.get(f"/v1/recurring-invoices/{template.id}", headers=headers)
    assert RecurringRead.model_validate(shown.json()) == RecurringRead.model_validate(paused.json())

    unknown = await api.get(f"/v1/recurring-invoices/{uuid.uuid4()}", headers=headers)
    assert unknown.status_code == 404
    backwards = await api.post(
        "/v1/recurring-invoices", json={**body, "ends_on": "2030-12-31"}, headers=headers
    )
    assert backwards.status_code == 422, backwards.text
    ran = await api.post("/v1/recurring-invoices/run", headers=headers)
    assert ran.status_code == 200, ran.text
    # Nothing due (paused, and in 2031); `ran` is false if the app's own job held the lock.
    assert ran.json()["generated"] == 0


async def test_every_operation_declares_a_typed_answer_an_example_and_its_errors(app):
    document = app.openapi()
    schemas = document["components"]["schemas"]

    def example_of(schema):
        if "$ref" in schema:
            named = schemas[schema["$ref"].rsplit("/", 1)[-1]]
            return named.get("examples")
        if schema.get("type") == "array":
            return example_of(schema["items"])
        return schema.get("examples") or (schema.get("format") == "binary" or None)

    lacking = []
    for path, operations in document["paths"].items():
        if path.startswith("/v1/client-replicas"):
            continue  # the shared replica router, internal to the services
        for method, operation in operations.items():
            name = f"{method.upper()} {path}"
            success = {c: r for c, r in operation["responses"].items() if c.startswith("2")}
            assert len(success) == 1, name
            ((code, answer),) = success.items()
            if code == "204":
                assert "content" not in answer, name
            else:
                for media, content in answer["content"].items():
                    if not example_of(content.get("schema", {})):
                        lacking.append(f"{name} {code} {media}")
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None and not example_of(body["schema"]):
                lacking.append(f"{name} request body")
            assert {"401", "403", "422", "429", "503"} <= set(operation["responses"]), name
            assert operation.get("tags"), name
            assert operation.get("description"), name
    assert lacking == []
    downloads = {
        "/v1/invoices/{invoice_id}/pdf": "application/pdf",
        "/v1/invoices/{invoice_id}/facturae": "application/xml",
    }
    for path, media in downloads.items():
        content = document["paths"][path]["get"]["responses"]["200"]["content"]
        assert content[media]["schema"] == {"type": "string", "format": "binary"}
    for path, method in (
        ("/v1/invoices", "post"),
        ("/v1/invoices/{invoice_id}/issue", "post"),
        ("/v1/invoices/{invoice_id}/rectify", "post"),
        ("/v1/invoices/{invoice_id}/cancel", "post"),
        ("/v1/invoices/{invoice_id}/verifactu/correction", "post"),
    ):
        assert "409" in document["paths"][path][method]["responses"], (method, path)
