"""Example bodies for the OpenAPI document: one issued invoice and its parts, reused by the
request and answer models so every example tells the same story."""

from __future__ import annotations

from typing import Any

INVOICE_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
CLIENT_ID = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
RECORD_ID = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"
HUELLA = "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"

ADDRESS: dict[str, Any] = {
    "street": "Calle Mayor 1",
    "postal_code": "28013",
    "city": "Madrid",
    "province": "Madrid",
    "country": "ES",
}

ISSUER: dict[str, Any] = {
    "version": 1,
    "valid_from": "2026-01-01",
    "legal_name": "Ejemplo Servicios SL",
    "tax_id": "B12345674",
    "country": "ES",
    "fiscal_address": ADDRESS,
    "changed_by": "user:ana@example.com",
    "reason": None,
    "recorded_at": "2026-01-01T09:00:00.000000Z",
    "simplified_invoice_activity": None,
}

SERIES: dict[str, Any] = {
    "id": "9b2f5c1e-7d3a-4e8b-9c0d-1e2f3a4b5c6d",
    "code": "F",
    "prefix": "F",
    "kind": "ordinary",
    "yearly_restart": True,
    "description": "Invoices",
    "last_issue_date": "2026-12-06",
    "created_at": "2026-01-01T09:00:00.000000Z",
}

LINE_IN: dict[str, Any] = {
    "description": "Consultoría, noviembre",
    "quantity": "10",
    "unit_price": "80.00",
    "discount_percent": "0",
    "vat_rate": "21",
    "surcharge_rate": "0",
    "irpf_rate": "15",
}

# A line as the answers write it (the request's "10" and "21" in the wire's formats).
LINE_READ: dict[str, Any] = {
    **LINE_IN,
    "quantity": "10.00",
    "discount_percent": "0.00",
    "vat_rate": "21.00",
    "surcharge_rate": "0.00",
    "irpf_rate": "15.00",
    "exemption_reason": None,
    "cadastral_reference": None,
}
LINE: dict[str, Any] = {**LINE_READ, "amount": "800.00"}

PARTY: dict[str, Any] = {
    "legal_name": "Cliente Ejemplo SA",
    "tax_id": "A58818501",
    "country": "ES",
    "address": {
        "street": "Avenida Diagonal 100",
        "postal_code": "08019",
        "city": "Barcelona",
        "province": "Barcelona",
        "country": "ES",
    },
    "kind": "company",
    "version": 3,
    "dir3": None,
}

VERIFACTU_SUBMISSION: dict[str, Any] = {
    "status": "accepted",
    "csv": "A-YDSW8NLFLANWPM",
    "error": None,
    "duplicate": False,
    "attempts": 1,
    "last_attempt_at": "2026-12-06T10:15:02.120000Z",
    "last_failure": None,
    "sent_with_incident": False,
    "answered_at": "2026-12-06T10:15:02.480000Z",
}

INVOICE_ISSUED: dict[str, Any] = {
    "id": INVOICE_ID,
    "status": "issued",
    "series": "F",
    "number": "F2026-000042",
    "invoice_type": "F1",
    "client_id": CLIENT_ID,
    "issue_date": "2026-12-06",
    "operation_date": None,
    "currency": "EUR",
    "exchange_rate": None,
    "lines": [LINE],
    "notes": None,
    "totals": {
        "taxable_base": "800.00",
        "vat": "168.00",
        "surcharge": "0.00",
        "irpf": "120.00",
        "total": "848.00",
    },
    "breakdown": [
        {
            "vat_rate": "21.00",
            "surcharge_rate": "0.00",
            "taxable_base": "800.00",
            "vat": "168.00",
            "surcharge": "0.00",
            "exemption_reason": None,
        }
    ],
    "withholdings": [{"irpf_rate": "15.00", "taxable_base": "800.00", "irpf": "120.00"}],
    "issuer": {
        "legal_name": "Ejemplo Servicios SL",
        "tax_id": "B12345674",
        "country": "ES",
        "address": ADDRESS,
        "kind": "company",
        "version": 1,
        "dir3": None,
    },
    "recipient": PARTY,
    "due_dates": [{"due_on": "2027-01-05", "amount": "848.00"}],
    "rectifies_id": None,
    "rectification": None,
    "rectifications": [],
    "net_total": "848.00",
    "created_at": "2026-12-06T10:14:58.000000Z",
    "updated_at": "2026-12-06T10:15:00.000000Z",
    "issued_at": "2026-12-06T10:15:00.000000Z",
    "cancelled_at": None,
    "cancellation": None,
    "verifactu_status": "accepted",
    "verifactu": {
        "record_id": RECORD_ID,
        "kind": "alta",
        "position": 42,
        **VERIFACTU_SUBMISSION,
    },
}

QUOTE: dict[str, Any] = {
    "id": "5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c",
    "number": "P2026-00007",
    "client_id": CLIENT_ID,
    "status": "sent",
    "quote_date": "2026-12-01",
    "valid_until": "2026-12-31",
    "currency": "EUR",
    "lines": [LINE_READ],
    "notes": None,
    "totals": INVOICE_ISSUED["totals"],
    "breakdown": INVOICE_ISSUED["breakdown"],
    "invoice_id": None,
    "sent_at": "2026-12-01T12:00:00.000000Z",
    "decided_at": None,
    "created_at": "2026-12-01T11:55:00.000000Z",
}

RECURRING: dict[str, Any] = {
    "id": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
    "client_id": CLIENT_ID,
    "series_id": SERIES["id"],
    "lines": [LINE_READ],
    "notes": "Cuota de mantenimiento",
    "frequency": "monthly",
    "day_of_month": 1,
    "starts_on": "2026-01-01",
    "ends_on": None,
    "next_run_on": "2027-01-01",
    "auto_issue": True,
    "active": True,
    "runs": [{"period_on": "2026-12-01", "invoice_id": INVOICE_ID, "issue_error": None}],
}

RECORD_FIELDS: dict[str, Any] = {
    "IDEmisorFactura": "B12345674",
    "NumSerieFactura": "F2026-000042",
    "FechaExpedicionFactura": "06-12-2026",
    "TipoFactura": "F1",
    "CuotaTotal": "168.00",
    "ImporteTotal": "968.00",
    "IDEmisorFacturaAnterior": "B12345674",
    "NumSerieFacturaAnterior": "F2026-000041",
    "FechaExpedicionFacturaAnterior": "05-12-2026",
    "HuellaAnterior": "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60",
    "FechaHoraHusoGenRegistro": "2026-12-06T11:15:00+01:00",
    "Huella": HUELLA,
}

RECORD_XML = "<sum1:RegistroAlta>…</sum1:RegistroAlta>"
