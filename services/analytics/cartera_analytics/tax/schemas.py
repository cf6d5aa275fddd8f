"""The answer of the tax summary (the desk reads it: keep its names)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_analytics.wire import Money
from cartera_shared.contract import Answer
from cartera_shared.wire import Percent


class RateFigures(Answer):
    vat_rate: Percent
    surcharge_rate: Percent = Field(description="Recargo de equivalencia; 0.00 when none.")
    taxable_base: Money
    vat: Money
    surcharge: Money


class Rectifications(Answer):
    taxable_base: Money
    vat: Money
    surcharge: Money
    by_rate: list[RateFigures]


class IrpfWithheld(Answer):
    irpf_rate: Percent
    modelo: Literal["111", "115"] = Field(
        description="The payer's return: 111 (activities) or 115 (rents of urban property)."
    )
    taxable_base: Money
    irpf: Money


class Box(Answer):
    box: str = Field(description="The casilla's number on Modelo 303, as printed (01, 150 ...).")
    description: str
    value: Money = Field(description="An amount, or the rate of a tipo box (21.00 is 21 %).")


_EXAMPLE: dict[str, Any] = {
    "year": 2026,
    "quarter": 1,
    "period_start": "2026-01-01",
    "period_end": "2026-03-31",
    "taxable_base_total": "1900.00",
    "vat_total": "399.00",
    "surcharge_total": "26.00",
    "irpf_withheld_total": "150.00",
    "by_rate": [
        {
            "vat_rate": "21.00",
            "surcharge_rate": "0.00",
            "taxable_base": "1400.00",
            "vat": "294.00",
            "surcharge": "0.00",
        },
        {
            "vat_rate": "21.00",
            "surcharge_rate": "5.20",
            "taxable_base": "500.00",
            "vat": "105.00",
            "surcharge": "26.00",
        },
    ],
    "rectifications": {
        "taxable_base": "-100.00",
        "vat": "-21.00",
        "surcharge": "0.00",
        "by_rate": [
            {
                "vat_rate": "21.00",
                "surcharge_rate": "0.00",
                "taxable_base": "-100.00",
                "vat": "-21.00",
                "surcharge": "0.00",
            }
        ],
    },
    "irpf_withheld": [
        {"irpf_rate": "15.00", "modelo": "111", "taxable_base": "1000.00", "irpf": "150.00"}
    ],
    "boxes": [
        {"box": "07", "description": "Régimen general 21.00 %: base imponible", "value": "2000.00"},
        {"box": "08", "description": "Régimen general 21.00 %: tipo", "value": "21.00"},
        {"box": "09", "description": "Régimen general 21.00 %: cuota", "value": "420.00"},
        {"box": "14", "description": "Modificación bases (rectificativas)", "value": "-100.00"},
        {"box": "15", "description": "Modificación cuotas (rectificativas)", "value": "-21.00"},
        {
            "box": "22",
            "description": "Recargo de equivalencia 5.20 %: base imponible",
            "value": "500.00",
        },
        {"box": "23", "description": "Recargo de equivalencia 5.20 %: tipo", "value": "5.20"},
        {"box": "24", "description": "Recargo de equivalencia 5.20 %: cuota", "value": "26.00"},
        {"box": "25", "description": "Modificación bases del recargo", "value": "0.00"},
        {"box": "26", "description": "Modificación cuotas del recargo", "value": "0.00"},
        {
            "box": "27",
            "description": "Total cuota devengada (de las facturas emitidas)",
            "value": "425.00",
        },
    ],
}


class TaxSummary(Answer):
    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    year: int
    quarter: int = Field(ge=1, le=4)
    period_start: str = Field(description="The quarter's first day, YYYY-MM-DD.")
    period_end: str = Field(description="The quarter's last day, YYYY-MM-DD.")
    taxable_base_total: Money = Field(description="Net of rectifications; cancelled: nothing.")
    vat_total: Money
    surcharge_total: Money
    irpf_withheld_total: Money
    by_rate: list[RateFigures] = Field(description="Every document of the quarter, by rate.")
    rectifications: Rectifications = Field(description="The rectifying invoices' part alone.")
    irpf_withheld: list[IrpfWithheld]
    boxes: list[Box] = Field(
        description="Modelo 303 casillas of IVA devengado that issued invoices fill "
        "(docs/compliance.md)."
    )
