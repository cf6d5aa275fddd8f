"""The issued invoice to JSON and back (Decimals as strings, dates ISO), for storage and events."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from cartera_invoicing.domain.invoice import (
    Address,
    Amounts,
    DueDate,
    IssuedInvoice,
    Line,
    Party,
    PublicBodyCodes,
    RectifiedReference,
    TaxBreakdown,
    Totals,
    Withholding,
)


def to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Line):
            data["amount"] = to_json(value.amount)
            if value.cadastral_reference is None:
                del data["cadastral_reference"]  # only rents carry it; other lines as before
        if isinstance(value, Totals):
            data["tax_total"] = to_json(value.tax_total)
            data["invoice_amount"] = to_json(value.invoice_amount)
        return data
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    return value


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def party_from_json(data: dict[str, Any] | None) -> Party | None:
    if data is None:
        return None
    address = data.get("address")
    return Party(
        legal_name=data["legal_name"],
        tax_id=data["tax_id"],
        country=data["country"],
        address=Address(**address) if address else None,
        kind=data.get("kind", "company"),
        version=data.get("version"),
        dir3=PublicBodyCodes(**dir3) if (dir3 := data.get("dir3")) else None,
    )


def line_from_json(data: dict[str, Any]) -> Line:
    return Line(
        description=data["description"],
        quantity=Decimal(str(data["quantity"])),
        unit_price=Decimal(str(data["unit_price"])),
        discount_percent=Decimal(str(data.get("discount_percent", "0"))),
        vat_rate=Decimal(str(data.get("vat_rate", "21"))),
        surcharge_rate=Decimal(str(data.get("surcharge_rate", "0"))),
        irpf_rate=Decimal(str(data.get("irpf_rate", "0"))),
        exemption_reason=data.get("exemption_reason"),
        cadastral_reference=data.get("cadastral_reference"),
    )


def invoice_from_json(data: dict[str, Any]) -> IssuedInvoice:
    amounts = data["amounts"]
    totals = amounts["totals"]
    issuer = party_from_json(data["issuer"])
    assert issuer is not None
    return IssuedInvoice(
        id=data["id"],
        series=data["series"],
        number=data["number"],
        invoice_type=data["invoice_type"],
        issue_date=dt.date.fromisoformat(data["issue_date"]),
        operation_date=_date(data.get("operation_date")),
        issuer=issuer,
        recipient=party_from_json(data.get("recipient")),
        lines=tuple(line_from_json(line) for line in data["lines"]),
        amounts=Amounts(
            breakdown=tuple(
                TaxBreakdown(
                    vat_rate=Decimal(b["vat_rate"]),
                    surcharge_rate=Decimal(b["surcharge_rate"]),
                    taxable_base=Decimal(b["taxable_base"]),
                    vat=Decimal(b["vat"]),
                    surcharge=Decimal(b["surcharge"]),
                    exemption_reason=b.get("exemption_reason"),
                )
                for b in amounts["breakdown"]
            ),
            withholdings=tuple(
                Withholding(
                    irpf_rate=Decimal(w["irpf_rate"]),
                    taxable_base=Decimal(w["taxable_base"]),
                    irpf=Decimal(w["irpf"]),
                )
                for w in amounts["withholdings"]
            ),
            totals=Totals(
                taxable_base=Decimal(totals["taxable_base"]),
                vat=Decimal(totals["vat"]),
                surcharge=Decimal(totals["surcharge"]),
                irpf=Decimal(totals["irpf"]),
                total=Decimal(totals["total"]),
            ),
        ),
        currency=data.get("currency", "EUR"),
        exchange_rate=_decimal(data.get("exchange_rate")),
        description=data.get("description", "Prestación de servicios"),
        notes=data.get("notes"),
        rectified=tuple(
            RectifiedReference(
                number=r["number"], issue_date=dt.date.fromisoformat(r["issue_date"])
            )
            for r in data.get("rectified", [])
        ),
        rectification_kind=data.get("rectification_kind"),
        rectification_reason=data.get("rectification_reason"),
        due_dates=tuple(
            DueDate(due_on=dt.date.fromisoformat(d["due_on"]), amount=Decimal(d["amount"]))
            for d in data.get("due_dates", [])
        ),
    )
