"""The answer of Modelo 347 (the JSON one; the CSV download is described on its route)."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from cartera_analytics.wire import Money
from cartera_shared.contract import Answer


class Modelo347Quarters(Answer):
    Q1: Money
    Q2: Money
    Q3: Money
    Q4: Money


class CashForEarlierYear(Answer):
    operation_year: int = Field(description="The year of the operations the cash paid for.")
    amount: Money


class UrbanRent(Answer):
    cadastral_reference: str
    amount: Money = Field(description="Rent of the year, VAT included (euros).")


class Modelo347Counterparty(Answer):
    tax_id: str
    name: str
    total: Money = Field(description="Operations of the year, VAT included (euros).")
    quarters: Modelo347Quarters
    cash_received: Money | None = Field(
        description="Cash received in the year for the year's operations, when above 6,000 EUR."
    )
    cash_operation_year: int | None = Field(description="The year, when `cash_received` is set.")
    cash_received_earlier_years: list[CashForEarlierYear] = Field(
        description="Cash received in the year for earlier years' operations (art. 35.5)."
    )
    rents: list[UrbanRent]


class Modelo347(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "year": 2025,
                    "threshold": "3005.06",
                    "currency": "EUR",
                    "files_through_sii": False,
                    "covers": "sales_only",
                    "note": "Sales only: operations with clients, from the invoices issued with "
                    "Cartera. …",
                    "items": [
                        {
                            "tax_id": "B12345674",
                            "name": "Talleres Norte SL",
                            "total": "7260.00",
                            "quarters": {"Q1": "7260.00", "Q2": "0.00", "Q3": "0.00", "Q4": "0.00"},
                            "cash_received": "7260.00",
                            "cash_operation_year": 2025,
                            "cash_received_earlier_years": [],
                            "rents": [],
                        }
                    ],
                }
            ]
        }
    )

    year: int
    threshold: Money = Field(description="Operations above this amount are declared (euros).")
    currency: Literal["EUR"]
    files_through_sii: bool
    covers: Literal["sales_only"] = Field(description="Purchases are not covered yet.")
    note: str
    items: list[Modelo347Counterparty]
