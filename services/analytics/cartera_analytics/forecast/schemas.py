"""The answer of the cash forecast."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from cartera_analytics.wire import Money
from cartera_shared.contract import Answer


class ForecastWeek(Answer):
    week_start: dt.date = Field(description="The ISO week's Monday.")
    week_end: dt.date = Field(description="Its Sunday.")
    expected: Money = Field(description="The cash expected in the week (the mean).")
    low: Money = Field(
        description="The week's 10th percentile: 9 times in 10 at least this much comes in "
        "(each open instalment landing whole in one week, independently of the others; normal "
        "approximation)."
    )
    high: Money = Field(description="The week's 90th percentile: 9 times in 10 at most this.")


class ForecastExcluded(Answer):
    returned_direct_debit: Money = Field(
        description="Owed again after its direct debit was returned (payment.reversed): not "
        "forecast, someone has to chase it."
    )
    disputed: Money = Field(
        description="Under a dunning hold in collections (a dispute, an agreed plan): not "
        "forecast until the hold ends."
    )


_WEEK: JsonDict = {
    "week_start": "2026-12-07",
    "week_end": "2026-12-13",
    "expected": "1815.00",
    "low": "605.00",
    "high": "3025.00",
}


class CashForecast(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-12-07",
                    "currency": "EUR",
                    "open": "12100.00",
                    "weeks": [_WEEK],
                    "later": "605.00",
                    "excluded": {"returned_direct_debit": "242.00", "disputed": "0.00"},
                    "clients_with_history": 14,
                    "settled_instalments": 230,
                    "basis": "client_distribution",
                }
            ]
        }
    )

    as_of: dt.date = Field(description="Today: what is open and what was paid before it.")
    currency: Literal["EUR"]
    open: Money = Field(description="What the forecast spreads: the open instalments, in total.")
    weeks: list[ForecastWeek] = Field(description="From the current ISO week, `weeks` of them.")
    later: Money = Field(description="Expected after the last week shown.")
    excluded: ForecastExcluded
    clients_with_history: int = Field(
        description="Clients with at least one settled instalment in the last two years."
    )
    settled_instalments: int = Field(
        description="Settled instalments the distributions of days late were made from."
    )
    basis: Literal["client_distribution", "default_distribution"] = Field(
        description="`default_distribution` when the tenant has no settled instalment yet: the "
        "documented default distribution of days late is all there is (docs/analytics.md)."
    )
