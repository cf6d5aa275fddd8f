"""Contract of `quote.accepted`: a quote the client was sent was accepted.

The data is the quote as the API shows it (GET /v1/quotes/{id}). Nothing is invoiced by the
acceptance itself: an invoice made from the quote is announced by `invoice.issued`. Tolerant
reader: invoicing may add fields without a new version.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from cartera_shared.events.base import Day, Id, Moment, Tolerant
from cartera_shared.wire import Money, Percent, Quantity, UnitPrice

QUOTE_EVENT_VERSION = 1


class QuoteLine(Tolerant):
    description: str
    quantity: Quantity
    unit_price: UnitPrice
    discount_percent: Percent | None = Field(default=None, description="A percentage.")
    vat_rate: Percent | None = Field(default=None, description="A percentage.")
    surcharge_rate: Percent | None = Field(default=None, description="A percentage.")
    irpf_rate: Percent | None = Field(default=None, description="A percentage.")
    exemption_reason: str | None = None
    cadastral_reference: str | None = None


class QuoteTotals(Tolerant):
    taxable_base: Money
    vat: Money
    surcharge: Money
    irpf: Money
    total: Money


class QuoteBreakdown(Tolerant):
    vat_rate: Percent = Field(description="A percentage.")
    surcharge_rate: Percent = Field(description="A percentage.")
    taxable_base: Money
    vat: Money
    surcharge: Money
    exemption_reason: str | None = None


class QuoteAccepted(Tolerant):
    """`quote.accepted`: the quote, now `accepted`; the envelope's subject is its id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "2c9a6f1e-3b7d-4e8a-9f0b-1c2d3e4f5a6b",
                    "number": "P2026-00007",
                    "client_id": "5f0c3a52-8a7e-4a8e-9a36-1c2d3e4f5a6b",
                    "status": "accepted",
                    "quote_date": "2026-03-01",
                    "valid_until": "2026-03-31",
                    "currency": "EUR",
                    "lines": [
                        {
                            "description": "Implantación",
                            "quantity": "1.00",
                            "unit_price": "1000.00",
                            "discount_percent": "0.00",
                            "vat_rate": "21.00",
                            "surcharge_rate": "0.00",
                            "irpf_rate": "0.00",
                            "exemption_reason": None,
                            "cadastral_reference": None,
                        }
                    ],
                    "notes": None,
                    "totals": {
                        "taxable_base": "1000.00",
                        "vat": "210.00",
                        "surcharge": "0.00",
                        "irpf": "0.00",
                        "total": "1210.00",
                    },
                    "breakdown": [
                        {
                            "vat_rate": "21.00",
                            "surcharge_rate": "0.00",
                            "taxable_base": "1000.00",
                            "vat": "210.00",
                            "surcharge": "0.00",
                            "exemption_reason": None,
                        }
                    ],
                    "invoice_id": None,
                    "sent_at": "2026-03-01T10:00:00.123456Z",
                    "decided_at": "2026-03-04T16:30:00.654321Z",
                    "created_at": "2026-03-01T09:58:12.000001Z",
                }
            ]
        }
    )

    id: Id
    number: str = Field(description="P<year>-<5 digits>; not a fiscal number.")
    client_id: Id
    status: str = Field(description="accepted, in this event.")
    quote_date: Day
    valid_until: Day
    currency: str = "EUR"
    lines: list[QuoteLine]
    notes: str | None = None
    totals: QuoteTotals
    breakdown: list[QuoteBreakdown] = []
    invoice_id: Id | None = Field(default=None, description="The invoice made from it, if any.")
    sent_at: Moment | None = None
    decided_at: Moment | None = Field(default=None, description="When it was accepted.")
    created_at: Moment


__all__ = ["QUOTE_EVENT_VERSION", "QuoteAccepted"]
