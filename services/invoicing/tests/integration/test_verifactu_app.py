"""The sender starts with the service when CARTERA_INVOICING_VERIFACTU_ENDPOINT is set, as the
recurring-invoice job does, and stops with it: an invoice issued through the API reaches the (fake)
AEAT by itself
and shows accepted with its CSV."""

from __future__ import annotations

import uuid

import httpx

from cartera_invoicing.main import create_app
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.testing import (
    eventually,
    free_tcp_port,
    internal_headers,
    random_cif,
    secret_settings,
)

from .verifactu_fakes import FakeAeat, parts

ADDRESS = {"street": "Calle Colón 1", "postal_code": "46004", "city": "Valencia", "country": "ES"}


async def test_an_issued_invoice_is_sent_by_the_services_own_sender(
    owner_url, app_url, kafka_bootstrap
):
    settings = InvoicingSettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL=f"http://127.0.0.1:{free_tcp_port()}",
        CARTERA_INVOICING_VERIFACTU_ENDPOINT="https://aeat.invalid/wlpl/TIKE-CONT/ws/SistemaFacturacion",
        CARTERA_INVOICING_VERIFACTU_POLL_SECONDS=0.1,
    )
    aeat = FakeAeat()
    app = create_app(settings, verifactu=parts(aeat))
    tenant = uuid.uuid4()
    headers = internal_headers(tenant, service="invoicing", scopes=("*",))
    async with app.router.lifespan_context(app):
        assert {job.get_name() for job in app.state.runtime.running} == {
            "invoicing:recurring-invoices",
            "invoicing:certificate-expiry",
            "invoicing:verifactu-metrics",
            "invoicing:verifactu-sender",
        }
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://invoicing") as api:
            issuer = {
                "legal_name": "Huerta S.L.",
                "tax_id": random_cif(),
                "fiscal_address": ADDRESS,
            }
            assert (await api.put("/v1/issuer", json=issuer, headers=headers)).status_code == 200
            series = {"code": "T", "prefix": "T", "kind": "simplified"}
            assert (await api.post("/v1/series", json=series, headers=headers)).status_code == 201
            line = {"description": "Menú", "quantity": "1", "unit_price": "14.00"}
            invoice = (
                await api.post(
                    "/v1/invoices?issue=true",
                    json={"series": "T", "lines": [line]},
                    headers=headers,
                )
            ).json()

            async def accepted() -> bool:
                answer = await api.get(f"/v1/invoices/{invoice['id']}/verifactu", headers=headers)
                return answer.json()["status"] == "accepted"

            await eventually(accepted, timeout=30)
            shown = (
                await api.get(f"/v1/invoices/{invoice['id']}/verifactu", headers=headers)
            ).json()
        jobs = app.state.runtime.running
    assert shown["csv"].startswith("CSV")
    assert any(r.records[0].number == invoice["number"] for r in aeat.requests)
    assert all(job.done() for job in jobs)  # stopped with the service
