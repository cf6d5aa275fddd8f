"""The answer of the satisfaction figures (CSAT and NPS)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_analytics.wire import C1, ClientNamed, Fraction, Month
from cartera_shared.contract import Answer
from cartera_shared.wire import Measure, Percent

Direction = Literal["up", "down", "flat", "n/a"]


class CsatFigures(Answer):
    responses: int
    satisfied_share_fraction: Fraction | None = Field(
        description="Share of CSAT answers of 4 or 5 (scale 1-5): a fraction of 1 (not a "
        "percentage); null with no answer."
    )
    average: Measure | None = Field(
        description="Mean CSAT score (1-5): a decimal, as a string, with two decimals."
    )


class NpsFigures(Answer):
    responses: int
    promoters: int
    passives: int
    detractors: int
    score: Percent | None = Field(
        description="Net promoter score, -100 to 100 (percentage points): a decimal, as a "
        "string, with one decimal; null with no answer."
    )


class SatisfactionMonth(Answer):
    month: Month
    csat: CsatFigures
    nps: NpsFigures


class SatisfactionTrend(Answer):
    csat: Direction
    nps: Direction


class SatisfactionFigures(Answer):
    csat: CsatFigures
    nps: NpsFigures
    months: list[SatisfactionMonth]
    trend: SatisfactionTrend


class ClientSatisfaction(SatisfactionFigures, ClientNamed):
    """The client's own figures (its id and name first, as on the wire)."""


_FIGURES: dict[str, Any] = {
    "csat": {"responses": 2, "satisfied_share_fraction": "0.5000", "average": "3.50"},
    "nps": {"responses": 1, "promoters": 1, "passives": 0, "detractors": 0, "score": "100.00"},
}
_MONTHLY: dict[str, Any] = {
    **_FIGURES,
    "months": [{"month": "2026-02", **_FIGURES}],
    "trend": {"csat": "n/a", "nps": "n/a"},
}


class Satisfaction(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "from": "2026-02-01",
                    "to": "2026-02-28",
                    "total": _MONTHLY,
                    "clients": [{"client_id": C1, "legal_name": "Talleres Norte SL", **_MONTHLY}],
                }
            ]
        }
    )

    from_: dt.date = Field(alias="from")
    to: dt.date
    total: SatisfactionFigures
    clients: list[ClientSatisfaction]
