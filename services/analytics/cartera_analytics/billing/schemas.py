"""The answers of the billing figures: portfolio, evolution and revenue bridge."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_analytics.wire import C1, C2, CLIENT_ID, Fraction, Money, Month
from cartera_shared.contract import Answer

# --- portfolio ------------------------------------------------------------------------------


class PortfolioTotals(Answer):
    taxable_base: Money = Field(
        description="Net taxable base of the period (euros, decimal as a string)."
    )
    total: Money = Field(description="Invoice totals of the period, VAT included (euros).")
    invoices: int
    clients: int


class PortfolioConcentration(Answer):
    top1_share_fraction: Fraction = Field(
        description="Share of the largest client in the positive taxable bases: a fraction of "
        "1 (not a percentage), decimal as a string, four decimals."
    )
    top5_share_fraction: Fraction = Field(
        description="Share of the five largest clients: a fraction of 1 (not a percentage)."
    )
    hhi_fraction: Fraction = Field(
        description="Herfindahl-Hirschman index on a 0-1 scale (sum of the squared shares, each "
        "a fraction of 1; not the 0-10,000 scale), decimal as a string, four decimals."
    )


class AbcClass(Answer):
    clients: int
    taxable_base: Money
    share_fraction: Fraction = Field(
        description="The class's share of the positive taxable bases: a fraction of 1 (not a "
        "percentage)."
    )


class AbcClasses(Answer):
    A: AbcClass = Field(description="Clients making the first 80 % of billing.")
    B: AbcClass = Field(description="The next 15 %.")
    C: AbcClass = Field(description="The rest.")


class PortfolioClient(Answer):
    rank: int = Field(description="1 for the client with the largest taxable base.")
    client_id: uuid.UUID | None = Field(description=CLIENT_ID)
    legal_name: str | None
    tax_id: str | None
    taxable_base: Money
    total: Money
    invoices: int
    share_fraction: Fraction = Field(
        description="Its share of the positive taxable bases: a fraction of 1 (not a percentage)."
    )
    cumulative_share_fraction: Fraction = Field(
        description="Share of this client and all ranked above it: a fraction of 1 (not a "
        "percentage)."
    )
    abc: Literal["A", "B", "C"]


class Portfolio(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "from": "2025-03-02",
                    "to": "2026-03-01",
                    "currency": "EUR",
                    "totals": {
                        "taxable_base": "15000.00",
                        "total": "18150.00",
                        "invoices": 3,
                        "clients": 2,
                    },
                    "concentration": {
                        "top1_share_fraction": "0.8000",
                        "top5_share_fraction": "1.0000",
                        "hhi_fraction": "0.6800",
                    },
                    "abc": {
                        "A": {"clients": 1, "taxable_base": "12000.00", "share_fraction": "0.8000"},
                        "B": {"clients": 1, "taxable_base": "3000.00", "share_fraction": "0.2000"},
                        "C": {"clients": 0, "taxable_base": "0.00", "share_fraction": "0.0000"},
                    },
                    "items": [
                        {
                            "rank": 1,
                            "client_id": C1,
                            "legal_name": "Talleres Norte SL",
                            "tax_id": "B12345674",
                            "taxable_base": "12000.00",
                            "total": "14520.00",
                            "invoices": 2,
                            "share_fraction": "0.8000",
                            "cumulative_share_fraction": "0.8000",
                            "abc": "A",
                        },
                        {
                            "rank": 2,
                            "client_id": C2,
                            "legal_name": "Ferretería Sur SA",
                            "tax_id": "A58818501",
                            "taxable_base": "3000.00",
                            "total": "3630.00",
                            "invoices": 1,
                            "share_fraction": "0.2000",
                            "cumulative_share_fraction": "1.0000",
                            "abc": "B",
                        },
                    ],
                    "truncated": False,
                }
            ]
        }
    )

    from_: dt.date = Field(alias="from", description="First day of the period.")
    to: dt.date = Field(description="Last day of the period (included).")
    currency: Literal["EUR"]
    totals: PortfolioTotals
    concentration: PortfolioConcentration
    abc: AbcClasses
    items: list[PortfolioClient] = Field(description="The largest clients first, up to `limit`.")
    truncated: bool = Field(description="True when more clients billed than `limit` shows.")


# --- evolution ------------------------------------------------------------------------------


class MonthlyBilling(Answer):
    month: Month
    taxable_base: Money
    total: Money
    invoices: int
    mom_change_fraction: Fraction | None = Field(
        description="Change of the taxable base from the month before: a fraction of 1 (not a "
        "percentage; -0.2500 is a fall of 25 %); null when that month billed nothing."
    )
    yoy_change_fraction: Fraction | None = Field(
        description="Change from the same month a year before: a fraction of 1 (not a "
        "percentage); null when that month billed nothing."
    )


class BillingTrend(Answer):
    direction: Literal["up", "down", "flat", "n/a"] = Field(
        description="Least-squares trend of the monthly taxable base; n/a with fewer than two "
        "months."
    )
    slope_per_month: Money = Field(description="Slope in euros per month (decimal as a string).")
    relative_slope_fraction: Fraction | None = Field(
        description="Slope divided by the mean month: a fraction of 1 (not a percentage); null "
        "when the mean is zero."
    )


class BillingSeries(Answer):
    months: list[MonthlyBilling]
    trend: BillingTrend


class ClientBillingSeries(Answer):
    client_id: uuid.UUID | None = Field(description=CLIENT_ID)
    legal_name: str | None
    months: list[MonthlyBilling]
    trend: BillingTrend


_MONTH_EXAMPLE: dict[str, Any] = {
    "month": "2026-02", "taxable_base": "3000.00", "total": "3630.00", "invoices": 1,
    "mom_change_fraction": "-0.2500", "yoy_change_fraction": None,
}  # fmt: skip
_TREND_EXAMPLE: dict[str, Any] = {
    "direction": "n/a",
    "slope_per_month": "0.00",
    "relative_slope_fraction": None,
}


class MonthToDate(Answer):
    """The month in progress so far against the same days of last month: comparing a month
    that has run six days with a whole month says little."""

    from_: dt.date = Field(alias="from", description="The 1st of the month in progress.")
    to: dt.date = Field(description="Today.")
    taxable_base: Money
    compare_from: dt.date = Field(description="The 1st of last month.")
    compare_to: dt.date = Field(
        description="The same day number of last month, clamped to its length (on 31 March, "
        "28 or 29 February)."
    )
    compare_taxable_base: Money
    change_fraction: Fraction | None = Field(
        description="Change from those days of last month: a fraction of 1 (not a "
        "percentage); null when they billed nothing."
    )


_MONTH_TO_DATE_EXAMPLE: dict[str, Any] = {
    "from": "2026-03-01", "to": "2026-03-06", "taxable_base": "1500.00",
    "compare_from": "2026-02-01", "compare_to": "2026-02-06", "compare_taxable_base": "1200.00",
    "change_fraction": "0.2500",
}  # fmt: skip


class BillingEvolution(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "from": "2026-02",
                    "to": "2026-02",
                    "currency": "EUR",
                    "total": {"months": [_MONTH_EXAMPLE], "trend": _TREND_EXAMPLE},
                    "month_to_date": _MONTH_TO_DATE_EXAMPLE,
                    "clients": [
                        {
                            "client_id": C1,
                            "legal_name": "Talleres Norte SL",
                            "months": [_MONTH_EXAMPLE],
                            "trend": _TREND_EXAMPLE,
                        }
                    ],
                }
            ]
        }
    )

    from_: Month = Field(alias="from", description="First month shown, YYYY-MM.")
    to: Month = Field(description="Last month shown, YYYY-MM.")
    currency: Literal["EUR"]
    total: BillingSeries
    month_to_date: MonthToDate = Field(
        description="Today's month so far against the same days of last month (for the "
        "`client_id` asked for, if any), whatever months are shown."
    )
    clients: list[ClientBillingSeries] = Field(
        description="The `client_id` asked for, or the `top` clients by taxable base."
    )


# --- revenue bridge -------------------------------------------------------------------------


class BridgePeriod(Answer):
    from_: dt.date = Field(alias="from")
    to: dt.date


class BridgeClient(Answer):
    client_id: uuid.UUID | None = Field(description=CLIENT_ID)
    legal_name: str | None
    compare: Money = Field(description="Taxable base in the compared period.")
    current: Money = Field(description="Taxable base in the period.")
    change: Money = Field(description="current - compare, euros.")


class BridgeGroup(Answer):
    clients: int
    amount: Money = Field(description="Sum of the group's changes, euros.")
    items: list[BridgeClient]


class RevenueBridge(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": {"from": "2026-01-01", "to": "2026-03-31"},
                    "compare_period": {"from": "2025-10-01", "to": "2025-12-31"},
                    "measure": "taxable_base",
                    "currency": "EUR",
                    "opening": "1000.00",
                    "new": {
                        "clients": 1, "amount": "500.00",
                        "items": [{"client_id": C2, "legal_name": "Ferretería Sur SA",
                                   "compare": "0.00", "current": "500.00", "change": "500.00"}],
                    },
                    "growth": {"clients": 0, "amount": "0.00", "items": []},
                    "shrinkage": {"clients": 0, "amount": "0.00", "items": []},
                    "lost": {
                        "clients": 1, "amount": "-1000.00",
                        "items": [{"client_id": C1, "legal_name": "Talleres Norte SL",
                                   "compare": "1000.00", "current": "0.00", "change": "-1000.00"}],
                    },
                    "unchanged": {"clients": 0, "amount": "0.00", "items": []},
                    "closing": "500.00",
                }
            ]
        }
    )  # fmt: skip

    period: BridgePeriod
    compare_period: BridgePeriod
    measure: Literal["taxable_base"]
    currency: Literal["EUR"]
    opening: Money = Field(description="Taxable base of the compared period.")
    new: BridgeGroup = Field(description="Clients that billed nothing in the compared period.")
    growth: BridgeGroup
    shrinkage: BridgeGroup
    lost: BridgeGroup = Field(description="Clients that bill nothing in the period.")
    unchanged: BridgeGroup
    closing: Money = Field(description="Taxable base of the period.")
