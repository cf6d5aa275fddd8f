"""Invoice events as invoicing writes them (breakdown by rate, withholdings by rate, totals),
built from a few lines; shared by the tax and export tests."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line(
    amount: str,
    vat: str = "21",
    *,
    surcharge: str = "0",
    irpf: str = "0",
    cadastral_reference: str | None = None,
    exemption_reason: str | None = None,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "description": "Servicio",
        "quantity": "1",
        "unit_price": amount,
        "amount": amount,
        "vat_rate": vat,
        "surcharge_rate": surcharge,
        "irpf_rate": irpf,
        "exemption_reason": exemption_reason,
    }
    if cadastral_reference:
        data["cadastral_reference"] = cadastral_reference
    return data


def invoice(
    lines: list[dict[str, Any]],
    *,
    day: dt.date,
    client_id: str | None = None,
    number: str | None = None,
    tax_id: str = "B87654321",
    invoice_id: str | None = None,
) -> dict[str, Any]:
    """An `invoice.issued` payload: taxes rounded half-up per rate on that rate's base."""
    rates: dict[tuple[Decimal, Decimal], Decimal] = {}
    held: dict[Decimal, Decimal] = {}
    for ln in lines:
        key = (Decimal(ln["vat_rate"]), Decimal(ln["surcharge_rate"]))
        rates[key] = rates.get(key, Decimal(0)) + Decimal(ln["amount"])
        if Decimal(ln["irpf_rate"]):
            held[Decimal(ln["irpf_rate"])] = held.get(Decimal(ln["irpf_rate"]), Decimal(0)) + (
                Decimal(ln["amount"])
            )
    breakdown = [
        {
            "vat_rate": f"{v:.2f}",
            "surcharge_rate": f"{s:.2f}",
            "taxable_base": f"{b:.2f}",
            "vat": f"{cents(b * v / 100):.2f}",
            "surcharge": f"{cents(b * s / 100):.2f}",
            "exemption_reason": None,
        }
        for (v, s), b in rates.items()
    ]
    withholdings = [
        {"irpf_rate": f"{r:.2f}", "taxable_base": f"{b:.2f}", "irpf": f"{cents(b * r / 100):.2f}"}
        for r, b in held.items()
    ]
    base = sum((Decimal(b["taxable_base"]) for b in breakdown), Decimal(0))
    vat = sum((Decimal(b["vat"]) for b in breakdown), Decimal(0))
    surcharge = sum((Decimal(b["surcharge"]) for b in breakdown), Decimal(0))
    irpf = sum((Decimal(w["irpf"]) for w in withholdings), Decimal(0))
    total = base + vat + surcharge - irpf
    return {
        "id": invoice_id or str(uuid.uuid4()),
        "series": "F",
        "number": number or f"F-{uuid.uuid4().hex[:8]}",
        "invoice_type": "F1",
        "issue_date": day.isoformat(),
        "client_id": client_id or str(uuid.uuid4()),
        "currency": "EUR",
        "recipient": {"legal_name": "Cliente SL", "tax_id": tax_id, "country": "ES"},
        "lines": lines,
        "amounts": {
            "breakdown": breakdown,
            "withholdings": withholdings,
            "totals": {
                "taxable_base": f"{base:.2f}",
                "vat": f"{vat:.2f}",
                "surcharge": f"{surcharge:.2f}",
                "irpf": f"{irpf:.2f}",
                "total": f"{total:.2f}",
            },
        },
        "due_dates": [
            {"due_on": (day + dt.timedelta(days=30)).isoformat(), "amount": f"{total:.2f}"}
        ],
    }


def rectification(
    original: dict[str, Any],
    lines: list[dict[str, Any]],
    *,
    day: dt.date,
    kind: str = "I",
    number: str | None = None,
) -> dict[str, Any]:
    """An `invoice.rectified` payload for `original` (by differences, I, or substitution, S)."""
    data = invoice(
        lines,
        day=day,
        client_id=original["client_id"],
        number=number or f"R-{uuid.uuid4().hex[:8]}",
    )
    data.update(
        invoice_type="R1",
        rectification_kind=kind,
        rectifies={"id": original["id"], "number": original["number"]},
        due_dates=[],
    )
    return data


def cancellation(original: dict[str, Any]) -> dict[str, Any]:
    return {
        **original,
        "cancellation": {
            "reason": "Emitida por error",
            "cancelled_at": "2026-03-03T09:15:00Z",
            "verifactu_huella": "F" * 64,
        },
    }


def payment(original: dict[str, Any], amount: str, day: dt.date, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "invoice_id": original["id"],
        "invoice_number": original["number"],
        "client_id": original["client_id"],
        "amount": amount,
        "applied": amount,
        "credit": "0.00",
        "currency": "EUR",
        "paid_on": day.isoformat(),
        "method": "direct_debit",
        "allocations": [{"seq": 1, "amount": amount}],
        "reversed": False,
        "receivable_status": "settled",
        **extra,
    }
