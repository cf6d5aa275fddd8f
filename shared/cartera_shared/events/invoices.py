"""Contract of `invoice.cancelled`: an issued invoice cancelled with a Verifactu anulación.

The event carries the invoice as it was issued (the same document `invoice.issued` carries:
number, parties, `amounts`, `due_dates`, `client_id`) and, beside it, `cancellation`. So a
consumer that meets the cancellation before the issue (they travel on different topics, and
order across topics is not guaranteed) has everything it needs to know what it undoes.

What it means for everyone: the invoice's number stays used (series are gapless), nothing is
owed on it any more, and it no longer counts in any figure. It is never rectified afterwards,
and a rectifying invoice, or an invoice already rectified, is never cancelled (invoicing refuses
both), so the cancelled invoice is always an original with no rectifications.

Models are tolerant readers (extra="ignore"): invoicing may add fields without a new version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from cartera_shared.events.base import Day, Id, Moment, Tolerant
from cartera_shared.wire import ExchangeRate, Money, Percent, Quantity, UnitPrice

INVOICE_CANCELLED_VERSION = 1


class _Tolerant(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Cancellation(_Tolerant):
    reason: str = Field(min_length=1)
    cancelled_at: Moment
    cancelled_by: str | None = Field(default=None, description="Who cancelled it.")
    verifactu_huella: str = Field(
        description="The huella of the anulación record appended to the issuer's Verifactu chain."
    )


class CancelledTotals(_Tolerant):
    taxable_base: Decimal
    total: Decimal  # the total to pay that the invoice asked for


class CancelledAmounts(_Tolerant):
    totals: CancelledTotals


class InvoiceCancelled(_Tolerant):
    """The data of `invoice.cancelled` (envelope version `INVOICE_CANCELLED_VERSION`)."""

    id: uuid.UUID
    number: str
    series: str
    invoice_type: str
    issue_date: dt.date
    client_id: uuid.UUID | None = None
    currency: str = "EUR"
    amounts: CancelledAmounts
    due_dates: list[dict[str, Any]] = []
    cancellation: Cancellation


# ------------------------------------------------------------------ the whole document
#
# `InvoiceCancelled` above is the narrow reader consumers need. What invoicing publishes is the
# invoice as issued (`IssuedInvoiceDocument`, the same JSON it stores and prints), with a few
# fields beside it per topic. Fields that invoices issued before they existed lack have defaults.

INVOICE_EVENT_VERSION = 1


class Address(Tolerant):
    street: str
    postal_code: str
    city: str
    province: str | None = None
    country: str = Field(description="ISO 3166-1 alpha-2.")


class PublicBodyCodes(Tolerant):
    """A public administration's DIR3 codes (FacturaE AdministrativeCentres)."""

    oficina_contable: str
    organo_gestor: str
    unidad_tramitadora: str


class Party(Tolerant):
    """The issuer's or the recipient's fiscal identity as it stood on the issue date."""

    legal_name: str
    tax_id: str
    country: str = Field(description="ISO 3166-1 alpha-2.")
    address: Address | None = None
    kind: str = Field(
        default="company",
        description="company, individual, self_employed or public_administration.",
    )
    version: int | None = Field(
        default=None, description="The recipient client's version the invoice was issued to."
    )
    dir3: PublicBodyCodes | None = None


class InvoiceLine(Tolerant):
    description: str
    quantity: Quantity
    unit_price: UnitPrice
    discount_percent: Percent = Field(default=Decimal(0), description="A percentage: 10 is 10 %.")
    vat_rate: Percent = Field(default=Decimal(21), description="A percentage: 21 is 21 %.")
    surcharge_rate: Percent = Field(
        default=Decimal(0), description="Recargo de equivalencia, a percentage."
    )
    irpf_rate: Percent = Field(default=Decimal(0), description="IRPF withheld, a percentage.")
    exemption_reason: str | None = Field(default=None, description="Why a line bears no VAT.")
    cadastral_reference: str | None = Field(
        default=None, description="Only on a line renting urban property (absent otherwise)."
    )
    amount: Money | None = Field(
        default=None, description="quantity * unit_price less the discount, to the cent."
    )


class TaxBreakdown(Tolerant):
    """One VAT rate (with its recargo) and the base it applies to."""

    vat_rate: Percent = Field(description="A percentage.")
    surcharge_rate: Percent = Field(description="A percentage.")
    taxable_base: Money
    vat: Money
    surcharge: Money
    exemption_reason: str | None = None


class Withholding(Tolerant):
    irpf_rate: Percent = Field(description="A percentage.")
    taxable_base: Money
    irpf: Money


class InvoiceTotals(Tolerant):
    taxable_base: Money
    vat: Money
    surcharge: Money
    irpf: Money
    total: Money = Field(description="To pay: base + VAT + recargo - IRPF.")
    tax_total: Money | None = Field(
        default=None, description="VAT and recargo charged (Verifactu CuotaTotal)."
    )
    invoice_amount: Money | None = Field(
        default=None, description="Base plus taxes, before withholding (Verifactu ImporteTotal)."
    )


class InvoiceAmounts(Tolerant):
    breakdown: list[TaxBreakdown]
    withholdings: list[Withholding] = []
    totals: InvoiceTotals


class RectifiedReference(Tolerant):
    number: str
    issue_date: Day


class DueDate(Tolerant):
    due_on: Day
    amount: Money


class IssuedInvoiceDocument(Tolerant):
    """An invoice as issued: it never changes afterwards."""

    id: Id
    series: str
    number: str = Field(description="Series and number as printed, e.g. F2026-000042.")
    invoice_type: str = Field(description="Verifactu TipoFactura: F1, F2, F3, R1 to R5.")
    issue_date: Day
    operation_date: Day | None = None
    issuer: Party
    recipient: Party | None = Field(default=None, description="None only on simplified invoices.")
    lines: list[InvoiceLine]
    amounts: InvoiceAmounts
    currency: str = Field(default="EUR", description="ISO 4217.")
    exchange_rate: ExchangeRate | None = Field(
        default=None, description="Euros per unit of `currency`, when it is not EUR."
    )
    description: str = "Prestación de servicios"
    notes: str | None = None
    rectified: list[RectifiedReference] = Field(
        default=[], description="The invoices a rectifying invoice rectifies."
    )
    rectification_kind: str | None = Field(
        default=None, description="S (substitution) or I (differences), on rectifying invoices."
    )
    rectification_reason: str | None = None
    due_dates: list[DueDate] = Field(
        default=[], description="When what is owed falls due; none when nothing is owed."
    )


_INVOICE_EXAMPLE: dict[str, Any] = {
    "id": "0b6c1f0e-5d1a-4b53-9a43-2f1e8f7a9c10",
    "series": "F2026",
    "number": "F2026-000042",
    "invoice_type": "F1",
    "issue_date": "2026-03-02",
    "operation_date": None,
    "issuer": {
        "legal_name": "Asesoría Norte SL",
        "tax_id": "B12345674",
        "country": "ES",
        "address": {
            "street": "Calle Mayor 1",
            "postal_code": "28013",
            "city": "Madrid",
            "province": "Madrid",
            "country": "ES",
        },
        "kind": "company",
        "version": None,
        "dir3": None,
    },
    "recipient": {
        "legal_name": "Talleres Ruiz SL",
        "tax_id": "B87654321",
        "country": "ES",
        "address": {
            "street": "Avenida de la Industria 7",
            "postal_code": "41015",
            "city": "Sevilla",
            "province": "Sevilla",
            "country": "ES",
        },
        "kind": "company",
        "version": 3,
        "dir3": None,
    },
    "lines": [
        {
            "description": "Asesoría fiscal, marzo",
            "quantity": "1.00",
            "unit_price": "100.00",
            "discount_percent": "0.00",
            "vat_rate": "21.00",
            "surcharge_rate": "0.00",
            "irpf_rate": "0.00",
            "exemption_reason": None,
            "amount": "100.00",
        }
    ],
    "amounts": {
        "breakdown": [
            {
                "vat_rate": "21.00",
                "surcharge_rate": "0.00",
                "taxable_base": "100.00",
                "vat": "21.00",
                "surcharge": "0.00",
                "exemption_reason": None,
            }
        ],
        "withholdings": [],
        "totals": {
            "taxable_base": "100.00",
            "vat": "21.00",
            "surcharge": "0.00",
            "irpf": "0.00",
            "total": "121.00",
            "tax_total": "21.00",
            "invoice_amount": "121.00",
        },
    },
    "currency": "EUR",
    "exchange_rate": None,
    "description": "Prestación de servicios",
    "notes": None,
    "rectified": [],
    "rectification_kind": None,
    "rectification_reason": None,
    "due_dates": [{"due_on": "2026-04-01", "amount": "121.00"}],
}
_CLIENT_ID = "5f0c3a52-8a7e-4a8e-9a36-1c2d3e4f5a6b"


class InvoiceIssued(IssuedInvoiceDocument):
    """`invoice.issued`: an invoice was issued (numbered, and appended to the Verifactu chain).
    What is owed on it is `due_dates`; the envelope's subject is the invoice's id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_INVOICE_EXAMPLE,
                    "client_id": _CLIENT_ID,
                    "verifactu_huella": "3C464DAF61ACB827C65FDA19F352A4E3"
                    "BDC2C640E9E9FC4CC058073F38F12F60",
                }
            ]
        }
    )

    client_id: Id | None = Field(description="The client invoiced; null on simplified invoices.")
    verifactu_huella: str = Field(description="The huella of the invoice's Verifactu record.")


class RectifiedInvoice(Tolerant):
    id: Id
    number: str


class InvoiceRectified(InvoiceIssued):
    """`invoice.rectified`: a rectifying invoice was issued for `rectifies` (the original never
    changes). With `rectification_kind` S it replaces the original's amounts; with I its amounts
    are the differences."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_INVOICE_EXAMPLE,
                    "id": "7d1f0a3c-2b4e-4c6d-8e9f-0a1b2c3d4e5f",
                    "series": "R2026",
                    "number": "R2026-000003",
                    "invoice_type": "R1",
                    "rectified": [{"number": "F2026-000042", "issue_date": "2026-03-02"}],
                    "rectification_kind": "I",
                    "rectification_reason": "Descuento no aplicado",
                    "client_id": _CLIENT_ID,
                    "verifactu_huella": "9A1E2C7B4D5F60718293A4B5C6D7E8F9"
                    "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
                    "rectifies": {
                        "id": "0b6c1f0e-5d1a-4b53-9a43-2f1e8f7a9c10",
                        "number": "F2026-000042",
                    },
                }
            ]
        }
    )

    rectifies: RectifiedInvoice = Field(description="The invoice this one rectifies.")


class InvoiceCancelledDocument(IssuedInvoiceDocument):
    """`invoice.cancelled`: an issued invoice was cancelled with a Verifactu anulación. The data
    is the invoice as it was issued and, beside it, `cancellation`. Its number stays used (series
    are gapless), nothing is owed on it any more and it no longer counts in any figure; it is
    never rectified afterwards. The envelope's subject is the invoice's id, its sequence 2."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_INVOICE_EXAMPLE,
                    "client_id": _CLIENT_ID,
                    "cancellation": {
                        "reason": "Emitida por error",
                        "cancelled_at": "2026-03-03T09:15:00.000000Z",
                        "cancelled_by": "ana@asesorianorte.es",
                        "verifactu_huella": "F00DCAFE61ACB827C65FDA19F352A4E3"
                        "BDC2C640E9E9FC4CC058073F38F12F60",
                    },
                }
            ]
        }
    )

    client_id: Id | None = None
    cancellation: Cancellation


__all__ = [
    "INVOICE_CANCELLED_VERSION",
    "INVOICE_EVENT_VERSION",
    "Cancellation",
    "InvoiceCancelled",
    "InvoiceCancelledDocument",
    "InvoiceIssued",
    "InvoiceRectified",
    "IssuedInvoiceDocument",
]
