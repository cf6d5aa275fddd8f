"""Satisfaction figures from the survey answers: CSAT and NPS in total, per month, per client."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import queries
from cartera_analytics.common import client_ref, months_between
from cartera_analytics.domain import figures
from cartera_analytics.domain.money import fmt_ratio


def scores_json(s: figures.Scores) -> dict[str, Any]:
    return {
        "csat": {
            "responses": s.csat_responses,
            "satisfied_share_fraction": fmt_ratio(s.csat),
            "average": None
            if s.csat_average is None
            else str(s.csat_average.quantize(Decimal("0.01"))),
        },
        "nps": {
            "responses": s.nps_responses,
            "promoters": s.promoters,
            "passives": s.passives,
            "detractors": s.detractors,
            "score": None if s.nps is None else str(s.nps.quantize(Decimal("0.1"))),
        },
    }


async def satisfaction(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    start: dt.date,
    end: dt.date,
    client_id: uuid.UUID | None,
) -> dict[str, Any]:
    rows = await queries.survey_answers(session, tenant_id, start, end)
    if client_id is not None:
        rows = [r for r in rows if r.client_id == client_id]
    known = await queries.names(session, tenant_id, {r.client_id for r in rows})
    months = months_between(start.replace(day=1), end.replace(day=1))

    def monthly(selected: list[Any]) -> dict[str, Any]:
        per_month: dict[dt.date, list[tuple[str, int]]] = defaultdict(list)
        for r in selected:
            per_month[r.answered_at.date().replace(day=1)].append((r.kind, r.score))
        points = [(m, figures.scores(per_month.get(m, []))) for m in months]
        csat = figures.trend([s.csat for _, s in points if s.csat is not None])
        nps = figures.trend([s.nps for _, s in points if s.nps is not None])
        return {
            **scores_json(figures.scores([(r.kind, r.score) for r in selected])),
            "months": [{"month": m.strftime("%Y-%m"), **scores_json(s)} for m, s in points],
            "trend": {"csat": csat.direction, "nps": nps.direction},
        }

    by_client: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for r in rows:
        by_client[r.client_id].append(r)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "total": monthly(rows),
        "clients": [
            {
                "client_id": client_ref(c),
                "legal_name": known.get(c, (None, None))[0],
                **monthly(by_client[c]),
            }
            for c in sorted(by_client, key=str)
        ],
    }
