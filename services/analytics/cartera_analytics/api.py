"""The analytics API under /v1/analytics: thin handlers over the read models and the pure
figures in `domain/`. Money is a decimal string in euros with two decimals; shares, ratios and
the HHI are decimal strings with four decimals (fractions of 1); see docs/analytics.md."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import queries
from cartera_analytics.alerts import raising as alert_rules
from cartera_analytics.alerts.schemas import (
    AnalyticsAlertList,
    AnalyticsSettings,
    AnalyticsSettingsIn,
)
from cartera_analytics.billing.schemas import BillingEvolution, Portfolio, RevenueBridge
from cartera_analytics.domain import figures
from cartera_analytics.domain.invoices import NO_CLIENT, RECIPIENT_EXCLUSIONS
from cartera_analytics.domain.money import ZERO, fmt_money, fmt_ratio
from cartera_analytics.modelo347.schemas import Modelo347
from cartera_analytics.models import (
    alerts,
    dunning_notices,
    interactions,
    invoice_documents,
    m347_quarters,
    payments,
    satisfaction_answers,
    support_requests,
    tenant_settings,
)
from cartera_analytics.payments.schemas import ClientsAtRisk, PaymentBehaviour
from cartera_analytics.satisfaction.schemas import Satisfaction
from cartera_shared.contract import errors
from cartera_shared.edge import TenantSession
from cartera_shared.identity import Identity, require_scope
from cartera_shared.problems import UnprocessableEntity
from cartera_shared.spreadsheet import neutralised_row

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=errors())

Reader = Annotated[Identity, require_scope("analytics:read")]
Writer = Annotated[Identity, require_scope("analytics:write")]

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
MAX_PERIOD_DAYS = 3700  # ten years and a little
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def check_period(start: dt.date, end: dt.date, *, names: tuple[str, str] = ("from", "to")) -> None:
    for name, value in zip(names, (start, end), strict=True):
        if not EARLIEST <= value <= LATEST:
            raise UnprocessableEntity(
                f"'{name}' must be between {EARLIEST} and {LATEST}.", field=name
            )
    if start > end:
        raise UnprocessableEntity(
            f"'{names[0]}' ({start}) is after '{names[1]}' ({end}).", field=names[0]
        )
    if (end - start).days > MAX_PERIOD_DAYS:
        raise UnprocessableEntity("A period is at most ten years long.", field=names[1])


def default_period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """Missing bounds: up to today, over the 365 days that end there."""
    end = end or today()
    start = start or max(EARLIEST, end - dt.timedelta(days=364))
    return start, end


def parse_month(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    match = MONTH.match(value)
    if match is None:
        raise UnprocessableEntity(f"'{name}' is a month written YYYY-MM.", field=name)
    month = dt.date(int(match[1]), int(match[2]), 1)
    if not EARLIEST <= month <= LATEST:
        raise UnprocessableEntity(f"'{name}' must be between 2000-01 and 2100-12.", field=name)
    return month


def client_ref(client_id: uuid.UUID) -> str | None:
    return None if client_id == NO_CLIENT else str(client_id)


def trend_json(t: figures.Trend) -> dict[str, Any]:
    return {
        "direction": t.direction,
        "slope_per_month": fmt_money(t.slope),
        "relative_slope": fmt_ratio(t.relative),
    }


# --- portfolio ------------------------------------------------------------------------------


@router.get(
    "/portfolio",
    summary="Each client's share of billing, ABC classes, concentration",
    response_model=Portfolio,
)
async def get_portfolio(
    identity: Reader,
    session: TenantSession,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 100,
) -> dict[str, Any]:
    """The clients ranked by net taxable base over the period (by default the 365 days up to
    today), with their shares, ABC classes (A: the first 80 % of billing, B: the next 15 %, C:
    the rest) and the portfolio's concentration. Shares and the HHI are fractions of 1."""
    start, end = default_period(start, end)
    check_period(start, end)
    page = await queries.portfolio_page(session, identity.tenant_id, start, end, limit)
    return portfolio_body(start, end, page, limit)


def portfolio_body(
    start: dt.date, end: dt.date, page: figures.PortfolioPage, limit: int
) -> dict[str, Any]:
    sums, positive = page.sums, page.sums.positive
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "currency": "EUR",
        "totals": {
            "taxable_base": fmt_money(sums.base),
            "total": fmt_money(sums.total),
            "invoices": sums.invoices,
            "clients": sums.clients,
        },
        "concentration": {
            "top1_share": str(figures.exact_ratio(sums.top1, positive)),
            "top5_share": str(figures.exact_ratio(sums.top5, positive)),
            "hhi": str(figures.portfolio_hhi(sums)),
        },
        "abc": {
            label: {
                "clients": count,
                "taxable_base": fmt_money(base),
                "share": str(figures.exact_ratio(in_class, positive)),
            }
            for label, (count, base, in_class) in sums.classes.items()
        },
        "items": [
            {
                "rank": rank,
                "client_id": client_ref(client_id),
                "legal_name": legal_name,
                "tax_id": tax_id,
                "taxable_base": fmt_money(base),
                "total": fmt_money(total),
                "invoices": invoices,
                "share": str(figures.exact_ratio(max(base, ZERO), positive)),
                "cumulative_share": str(figures.exact_ratio(through, positive)),
                "abc": abc,
            }
            for rank, (client_id, base, total, invoices, through, abc, legal_name, tax_id) in (
                enumerate(page.clients, start=1)
            )
        ],
        "truncated": sums.clients > limit,
    }


# --- evolution ------------------------------------------------------------------------------


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    out = []
    month = first
    while month <= last:
        out.append(month)
        month = queries.next_month(month)
    return out


def series(
    months: list[dt.date], values: dict[dt.date, tuple[Decimal, Decimal, int]]
) -> list[dict[str, Any]]:
    out = []
    for month in months:
        base, total, count = values.get(month, (ZERO, ZERO, 0))
        prev = values.get(alert_rules.shift_month(month, -1), (ZERO, ZERO, 0))[0]
        year_ago = values.get(alert_rules.shift_month(month, -12), (ZERO, ZERO, 0))[0]
        out.append(
            {
                "month": month.strftime("%Y-%m"),
                "taxable_base": fmt_money(base),
                "total": fmt_money(total),
                "invoices": count,
                "mom_change": fmt_ratio(figures.change(base, prev)),
                "yoy_change": fmt_ratio(figures.change(base, year_ago)),
            }
        )
    return out


@router.get(
    "/evolution",
    summary="Monthly billing per client and in total, MoM, YoY and trend",
    response_model=BillingEvolution,
)
async def get_billing_evolution(
    identity: Reader,
    session: TenantSession,
    start: Annotated[str | None, Query(alias="from", description="YYYY-MM")] = None,
    end: Annotated[str | None, Query(alias="to", description="YYYY-MM")] = None,
    client_id: uuid.UUID | None = None,
    top: Annotated[int, Query(ge=0, le=50)] = 5,
) -> dict[str, Any]:
    """Billing month by month (by default the last twelve months), in total and for one client
    or the `top` clients of the period, with the change from the month before and from the same
    month a year before (fractions of 1) and the trend. At most 120 months."""
    last = parse_month(end, "to") or today().replace(day=1)
    first = parse_month(start, "from") or alert_rules.shift_month(last, -11)
    if first > last:
        raise UnprocessableEntity(f"'from' ({start}) is after 'to' ({end}).", field="from")
    months = months_between(first, last)
    if len(months) > 120:
        raise UnprocessableEntity("At most 120 months at a time.", field="from")
    lookback = alert_rules.shift_month(first, -12)
    totals = await queries.monthly_totals(session, identity.tenant_id, lookback, last)
    if client_id is not None:
        chosen = [client_id]
    else:
        in_range = await queries.monthly(session, identity.tenant_id, first, last)
        by_client: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
        for row in in_range:
            by_client[row.client_id] += row.base
        chosen = [
            c for c, _ in sorted(by_client.items(), key=lambda kv: (-kv[1], str(kv[0])))[:top]
        ]
    rows = (
        await queries.monthly(session, identity.tenant_id, lookback, last, chosen) if chosen else []
    )
    known = await queries.names(session, identity.tenant_id, chosen)
    per_client: dict[uuid.UUID, dict[dt.date, tuple[Decimal, Decimal, int]]] = defaultdict(dict)
    for row in rows:
        per_client[row.client_id][row.month] = (row.base, row.total, row.invoices)

    def bases(values: dict[dt.date, tuple[Decimal, Decimal, int]]) -> list[Decimal]:
        return [values.get(m, (ZERO, ZERO, 0))[0] for m in months]

    return {
        "from": first.strftime("%Y-%m"),
        "to": last.strftime("%Y-%m"),
        "currency": "EUR",
        "total": {
            "months": series(months, totals),
            "trend": trend_json(figures.trend(bases(totals))),
        },
        "clients": [
            {
                "client_id": client_ref(c),
                "legal_name": known.get(c, (None, None))[0],
                "months": series(months, per_client[c]),
                "trend": trend_json(figures.trend(bases(per_client[c]))),
            }
            for c in chosen
        ],
    }


# --- revenue bridge --------------------------------------------------------------------------


@router.get(
    "/revenue-bridge",
    summary="Clients gained, grown, shrunk and lost between periods",
    response_model=RevenueBridge,
)
async def get_revenue_bridge(
    identity: Reader,
    session: TenantSession,
    start: Annotated[dt.date, Query(alias="from")],
    end: Annotated[dt.date, Query(alias="to")],
    compare_from: dt.date,
    compare_to: dt.date,
) -> dict[str, Any]:
    """How the taxable base went from the compared period (`opening`) to the period
    (`closing`): clients new, grown, shrunk, lost and unchanged, with their amounts."""
    check_period(start, end)
    check_period(compare_from, compare_to, names=("compare_from", "compare_to"))
    now = await queries.revenue_by_client(session, identity.tenant_id, start, end)
    before = await queries.revenue_by_client(session, identity.tenant_id, compare_from, compare_to)
    result = figures.bridge(
        {r.client_id: r.base for r in before}, {r.client_id: r.base for r in now}
    )
    everyone = {r.client_id for r in now} | {r.client_id for r in before}
    known = await queries.names(session, identity.tenant_id, everyone)

    def group(lines: list[figures.BridgeLine]) -> dict[str, Any]:
        return {
            "clients": len(lines),
            "amount": fmt_money(sum((b.change for b in lines), ZERO)),
            "items": [
                {
                    "client_id": client_ref(b.client_id),
                    "legal_name": known.get(b.client_id, (None, None))[0],
                    "compare": fmt_money(b.compare),
                    "current": fmt_money(b.current),
                    "change": fmt_money(b.change),
                }
                for b in lines
            ],
        }

    return {
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "compare_period": {"from": compare_from.isoformat(), "to": compare_to.isoformat()},
        "measure": "taxable_base",
        "currency": "EUR",
        "opening": fmt_money(result.opening),
        "new": group(result.new),
        "growth": group(result.growth),
        "shrinkage": group(result.shrinkage),
        "lost": group(result.lost),
        "unchanged": group(result.unchanged),
        "closing": fmt_money(result.closing),
    }


# --- payment behaviour -------------------------------------------------------------------------


def behaviour_json(b: figures.Behaviour, billed: Decimal) -> dict[str, Any]:
    dso = figures.dso(b.outstanding, billed)
    return {
        "outstanding": fmt_money(b.outstanding),
        "overdue": fmt_money(b.overdue),
        "aging": {k: fmt_money(v) for k, v in b.aging.items()},
        "dso_days": None if dso is None else str(dso.quantize(Decimal("0.1"))),
        "billed_last_90_days": fmt_money(billed),
        "instalments_due": b.due_count,
        "paid_on_time": b.on_time_count,
        "late": b.late_count,
        "on_time_ratio": fmt_ratio(b.on_time_ratio),
        "avg_days_late": None
        if b.avg_days_late is None
        else str(b.avg_days_late.quantize(Decimal("0.1"))),
    }


def on_time_trend(items: list[Any], months: list[dt.date], as_of: dt.date) -> dict[str, Any]:
    points = figures.monthly_on_time(items, months, as_of)
    known = [r for _, _, r in points if r is not None]
    t = figures.trend(known)
    return {
        "months": [
            {"month": m.strftime("%Y-%m"), "instalments_due": n, "on_time_ratio": fmt_ratio(r)}
            for m, n, r in points
        ],
        "direction": {"up": "improving", "down": "worsening"}.get(t.direction, t.direction),
    }


@router.get(
    "/payment-behaviour",
    summary="DSO, punctuality, overdue aging, expected cash-in",
    response_model=PaymentBehaviour,
)
async def get_payment_behaviour(
    identity: Reader,
    session: TenantSession,
    as_of: dt.date | None = None,
    client_id: uuid.UUID | None = None,
    weeks: Annotated[int, Query(ge=1, le=52)] = 8,
) -> dict[str, Any]:
    """Receivables as of a day (today by default), in total and per client: outstanding and
    overdue amounts by age, DSO, punctuality over the last 12 months (a fraction of 1) and its
    trend, and the cash expected week by week from each client's record of paying."""
    day = as_of or today()
    check_period(day, day, names=("as_of", "as_of"))
    items = await queries.all_instalments(session, identity.tenant_id)
    billed = await queries.billed_since(
        session, identity.tenant_id, day - dt.timedelta(days=89), day
    )
    by_client: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for item in items:
        by_client[item.client_id].append(item)
    shown = [client_id] if client_id is not None else sorted(by_client, key=str)
    known = await queries.names(session, identity.tenant_id, shown)
    months = [alert_rules.shift_month(day.replace(day=1), -k) for k in range(5, -1, -1)]
    overall = figures.behaviour(items, day)
    default = figures.Record(
        overall.on_time_ratio if overall.on_time_ratio is not None else Decimal(1),
        overall.avg_days_late or ZERO,
    )
    records: dict[uuid.UUID, figures.Record] = {}
    clients = []
    for c in shown:
        b = figures.behaviour(by_client.get(c, []), day)
        if b.on_time_ratio is not None:
            records[c] = figures.Record(b.on_time_ratio, b.avg_days_late or ZERO)
        clients.append(
            {
                "client_id": client_ref(c),
                "legal_name": known.get(c, (None, None))[0],
                **behaviour_json(b, billed.get(c, ZERO)),
                "trend": on_time_trend(by_client.get(c, []), months, day),
            }
        )
    open_items = items if client_id is None else by_client.get(client_id, [])
    for c in by_client:
        if c not in records:
            b = figures.behaviour(by_client[c], day)
            if b.on_time_ratio is not None:
                records[c] = figures.Record(b.on_time_ratio, b.avg_days_late or ZERO)
    buckets, later = figures.expected_cash_in(open_items, records, default, day, weeks)
    return {
        "as_of": day.isoformat(),
        "currency": "EUR",
        "total": {
            **behaviour_json(
                overall if client_id is None else figures.behaviour(open_items, day),
                sum(billed.values(), ZERO) if client_id is None else billed.get(client_id, ZERO),
            ),
            "trend": on_time_trend(items if client_id is None else open_items, months, day),
        },
        "clients": clients,
        "expected_cash_in": {
            "weeks": [
                {
                    "week": k + 1,
                    "from": (day + dt.timedelta(days=7 * k)).isoformat(),
                    "to": (day + dt.timedelta(days=7 * k + 6)).isoformat(),
                    "amount": fmt_money(amount),
                }
                for k, amount in enumerate(buckets)
            ],
            "later": fmt_money(later),
        },
    }


# --- satisfaction and clients at risk --------------------------------------------------------


def scores_json(s: figures.Scores) -> dict[str, Any]:
    return {
        "csat": {
            "responses": s.csat_responses,
            "satisfied_share": fmt_ratio(s.csat),
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


async def _answers(
    session: AsyncSession, tenant_id: uuid.UUID, start: dt.date, end: dt.date
) -> list[Any]:
    lower = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    upper = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    return list(
        (
            await session.execute(
                select(
                    satisfaction_answers.c.client_id,
                    satisfaction_answers.c.kind,
                    satisfaction_answers.c.score,
                    satisfaction_answers.c.answered_at,
                ).where(
                    satisfaction_answers.c.tenant_id == tenant_id,
                    satisfaction_answers.c.answered_at >= lower,
                    satisfaction_answers.c.answered_at < upper,
                )
            )
        ).all()
    )


@router.get(
    "/satisfaction",
    summary="CSAT and NPS per month, per client and in total",
    response_model=Satisfaction,
)
async def get_satisfaction(
    identity: Reader,
    session: TenantSession,
    start: Annotated[dt.date | None, Query(alias="from")] = None,
    end: Annotated[dt.date | None, Query(alias="to")] = None,
    client_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """The survey answers of the period (by default the 365 days up to today): CSAT (share of
    4 and 5 as a fraction of 1, and the mean) and NPS, in total, per month and per client."""
    start, end = default_period(start, end)
    check_period(start, end)
    rows = await _answers(session, identity.tenant_id, start, end)
    if client_id is not None:
        rows = [r for r in rows if r.client_id == client_id]
    known = await queries.names(session, identity.tenant_id, {r.client_id for r in rows})
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


async def _contact(
    session: AsyncSession, tenant_id: uuid.UUID, clients: list[uuid.UUID], since: dt.date
) -> dict[uuid.UUID, dict[str, Any]]:
    """Context for the people who will call a client at risk: when we last spoke to it, and
    how many payment reminders it got in the last 180 days."""
    if not clients:
        return {}
    last: dict[uuid.UUID, dt.datetime] = dict(
        (
            await session.execute(
                select(interactions.c.client_id, func.max(interactions.c.occurred_at))
                .where(interactions.c.tenant_id == tenant_id, interactions.c.client_id.in_(clients))
                .group_by(interactions.c.client_id)
            )
        ).all()
    )
    notices: dict[uuid.UUID, int] = dict(
        (
            await session.execute(
                select(dunning_notices.c.client_id, func.count())
                .where(
                    dunning_notices.c.tenant_id == tenant_id,
                    dunning_notices.c.client_id.in_(clients),
                    dunning_notices.c.sent_at
                    >= dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC),
                )
                .group_by(dunning_notices.c.client_id)
            )
        ).all()
    )
    return {
        c: {
            "last_interaction_at": last[c].isoformat() if c in last else None,
            "dunning_notices_180_days": int(notices.get(c, 0)),
        }
        for c in clients
    }


@router.get(
    "/clients-at-risk",
    summary="Clients with falling billing, late payments, poor CSAT",
    response_model=ClientsAtRisk,
)
async def list_clients_at_risk(
    identity: Reader, session: TenantSession, as_of: dt.date | None = None
) -> dict[str, Any]:
    """Clients that meet at least one risk rule as of a day (today by default): billing down
    30 % or more, late payments, an overdue instalment older than 30 days, poor CSAT or NPS,
    requests closed past their SLA; with when we last spoke to them."""
    day = as_of or today()
    check_period(day, day, names=("as_of", "as_of"))
    this_month = day.replace(day=1)
    recent = (alert_rules.shift_month(this_month, -3), alert_rules.shift_month(this_month, -1))
    previous = (alert_rules.shift_month(this_month, -6), alert_rules.shift_month(this_month, -4))
    window = day - dt.timedelta(days=180)
    tenant_id = identity.tenant_id
    billing = await queries.monthly(session, tenant_id, previous[0], recent[1])
    items = await queries.all_instalments(session, tenant_id)
    answers = await _answers(session, tenant_id, window, day)
    breached: dict[uuid.UUID, int] = dict(
        (
            await session.execute(
                select(support_requests.c.client_id, func.count())
                .where(
                    support_requests.c.tenant_id == tenant_id,
                    support_requests.c.sla_breached.is_(True),
                    support_requests.c.closed_at
                    >= dt.datetime.combine(window, dt.time(), tzinfo=dt.UTC),
                )
                .group_by(support_requests.c.client_id)
            )
        ).all()
    )
    recent_base: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
    previous_base: dict[uuid.UUID, Decimal] = defaultdict(Decimal)
    for row in billing:
        target = recent_base if row.month >= recent[0] else previous_base
        target[row.client_id] += row.base
    by_client: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for item in items:
        by_client[item.client_id].append(item)
    said: dict[uuid.UUID, list[tuple[str, int]]] = defaultdict(list)
    for a in answers:
        said[a.client_id].append((a.kind, a.score))
    everyone = (
        set(recent_base) | set(previous_base) | set(by_client) | set(said) | set(breached)
    ) - {NO_CLIENT}
    at_risk = []
    for c in everyone:
        b = figures.behaviour(by_client.get(c, []), day)
        overdue_ages = [
            (day - i.due_on).days
            for i in by_client.get(c, [])
            if i.outstanding > 0 and i.due_on < day
        ]
        reasons = figures.risk_reasons(
            figures.RiskInput(
                recent_base=recent_base.get(c, ZERO),
                previous_base=previous_base.get(c, ZERO),
                behaviour=b,
                oldest_overdue_days=max(overdue_ages) if overdue_ages else None,
                satisfaction=figures.scores(said.get(c, [])),
                breached_requests=int(breached.get(c, 0)),
            )
        )
        if reasons:
            at_risk.append((c, reasons, recent_base.get(c, ZERO) + previous_base.get(c, ZERO)))
    flagged = [c for c, _, _ in at_risk]
    known = await queries.names(session, tenant_id, flagged)
    contact = await _contact(session, tenant_id, flagged, window)
    at_risk.sort(key=lambda r: (-len(r[1]), -r[2], str(r[0])))
    return {
        "as_of": day.isoformat(),
        "items": [
            {
                "client_id": str(c),
                "legal_name": known.get(c, (None, None))[0],
                "billing_last_6_months": fmt_money(weight),
                "reasons": reasons,
                **contact.get(c, {"last_interaction_at": None, "dunning_notices_180_days": 0}),
            }
            for c, reasons, weight in at_risk
        ],
    }


# --- Modelo 347 ---------------------------------------------------------------------------------


M347_COLUMNS = (
    "tax_id",
    "name",
    "total",
    "q1",
    "q2",
    "q3",
    "q4",
    "cash_received",
    "cash_operation_year",
    "rent_cadastral_reference",
)

M347_SCOPE = (
    "Sales only: operations with clients, from the invoices issued with Cartera. Purchases "
    "(operations with suppliers), which the same return declares apart, are not covered until "
    "Cartera records them: add them from your books before filing."
)
M347_RULES = (
    "Amounts VAT included, by quarter of the invoice date. Excluded: intra-EU operations and "
    "exports, invoices without an identified recipient, and invoice lines with IRPF "
    "withholding (the payer declares them in Modelo 190/180) except rents of urban property, "
    "which are declared and also listed apart with their cadastral reference. Cash received "
    "above 6,000 EUR per counterparty is reported, with the year of the operations when it "
    "came in a later year."
)


def m347_csv(items: list[dict[str, Any]]) -> str:
    """The Modelo 347 list as CSV: a row per counterparty (its cash for the year's operations
    dated that year), then a row per cash amount for an earlier year's operations (that year in
    `cash_operation_year`) and per rent of urban property (`total` is the rent). Names come
    from clients' own data: a cell a spreadsheet would run as a formula is neutralised, and
    every text field is quoted (the amounts are numbers)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(M347_COLUMNS)

    def number(amount: str | None) -> Decimal | None:
        return None if amount is None else Decimal(amount)

    for item in items:
        amounts = [item["total"], *item["quarters"].values(), item["cash_received"]]
        cash_year = item.get("cash_operation_year") if item["cash_received"] else None
        party = [item["tax_id"], item["name"]]
        writer.writerow(neutralised_row([*party, *(number(a) for a in amounts), cash_year, None]))
        for cash in item.get("cash_received_earlier_years") or ():
            writer.writerow(
                neutralised_row(
                    [*party, *[None] * 5, number(cash["amount"]), cash["operation_year"], None]
                )
            )
        for rent in item.get("rents") or ():
            writer.writerow(
                neutralised_row(
                    [*party, number(rent["amount"]), *[None] * 6, rent["cadastral_reference"]]
                )
            )
    return out.getvalue()


@router.get(
    "/modelo-347",
    summary="Counterparties above the Modelo 347 threshold, by quarter (sales only)",
    description=f"{M347_SCOPE} {M347_RULES} A tenant that files through SII gets no list. "
    "`format=csv` (or `Accept: text/csv`) downloads the list as CSV.",
    response_model=Modelo347,
    response_class=JSONResponse,
    responses={
        200: {
            "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}},
            "description": "The list, as JSON or as a CSV download.",
        }
    },
)
async def get_modelo_347(
    request: Request,
    identity: Reader,
    session: TenantSession,
    year: Annotated[int, Query(ge=2000)],
    format: Literal["json", "csv"] | None = None,
) -> Response | dict[str, Any]:
    if year > today().year:
        raise UnprocessableEntity(f"Year {year} has not begun yet.", field="year")
    wants_csv = format == "csv" or (
        format is None and "text/csv" in request.headers.get("accept", "")
    )
    first_day, last_day = dt.date(year, 1, 1), dt.date(year, 12, 31)
    declared_recipient = invoice_documents.c.m347_exclusion.is_(None) | (
        invoice_documents.c.m347_exclusion.notin_(sorted(RECIPIENT_EXCLUSIONS))
    )
    limits = await alert_rules.thresholds(session, identity.tenant_id)
    rows = (
        await session.execute(
            select(
                m347_quarters.c.tax_id,
                m347_quarters.c.name,
                m347_quarters.c.quarter,
                m347_quarters.c.amount,
            ).where(m347_quarters.c.tenant_id == identity.tenant_id, m347_quarters.c.year == year)
        )
    ).all()
    # Every unreversed cash payment up to the end of the year, in euros (payments are in
    # the invoice's currency), by counterparty, year of the operation and year received.
    cash_rows = (
        await session.execute(
            select(
                invoice_documents.c.recipient_tax_id,
                func.max(invoice_documents.c.recipient_name),
                func.extract("year", invoice_documents.c.issue_date),
                func.extract("year", payments.c.paid_on),
                func.sum(payments.c.amount * invoice_documents.c.rate),
            )
            .join(
                invoice_documents,
                (invoice_documents.c.tenant_id == payments.c.tenant_id)
                & (invoice_documents.c.invoice_id == payments.c.invoice_id),
            )
            .where(
                payments.c.tenant_id == identity.tenant_id,
                payments.c.method == "cash",
                payments.c.reversed.is_(False),
                payments.c.paid_on <= last_day,
                invoice_documents.c.recipient_tax_id.is_not(None),
                # Cash on a cancelled invoice was still received (docs/analytics.md).
                declared_recipient,
            )
            .group_by(
                invoice_documents.c.recipient_tax_id,
                func.extract("year", invoice_documents.c.issue_date),
                func.extract("year", payments.c.paid_on),
            )
        )
    ).all()
    rent_rows = (
        await session.execute(
            select(invoice_documents.c.recipient_tax_id, invoice_documents.c.contrib_rents).where(
                invoice_documents.c.tenant_id == identity.tenant_id,
                invoice_documents.c.issue_date >= first_day,
                invoice_documents.c.issue_date <= last_day,
                invoice_documents.c.recipient_tax_id.is_not(None),
                invoice_documents.c.contrib_rents.is_not(None),
            )
        )
    ).all()
    declared = (
        []
        if limits.files_through_sii
        else figures.m347_declared([(r.tax_id, r.name, r.quarter, r.amount) for r in rows], year)
    )
    cash = (
        []
        if limits.files_through_sii
        else figures.m347_cash(
            [(t, n or "", int(o), int(r), amount) for t, n, o, r, amount in cash_rows], year
        )
    )
    rents = figures.m347_rents(
        (tax_id, rent["cadastral_reference"], Decimal(rent["amount"]))
        for tax_id, stored in rent_rows
        for rent in stored or ()
    )
    cash_of: dict[str, list[figures.CashReceived]] = defaultdict(list)
    for c in cash:
        cash_of[c.tax_id].append(c)
    listed = {d.tax_id for d in declared}
    # Art. 35.5: cash for an earlier year's operations is reported even when the counterparty
    # is not above the threshold in the year it came in.
    declared += [
        figures.Declared(tax_id, entries[0].name, (ZERO, ZERO, ZERO, ZERO))
        for tax_id, entries in sorted(cash_of.items())
        if tax_id not in listed and any(c.operation_year < year for c in entries)
    ]
    items: list[dict[str, Any]] = []
    for d in declared:
        this_year = next((c for c in cash_of.get(d.tax_id, ()) if c.operation_year == year), None)
        items.append(
            {
                "tax_id": d.tax_id,
                "name": d.name,
                "total": fmt_money(d.total),
                "quarters": {f"Q{i + 1}": fmt_money(q) for i, q in enumerate(d.quarters)},
                "cash_received": fmt_money(this_year.amount) if this_year else None,
                "cash_operation_year": year if this_year else None,
                "cash_received_earlier_years": [
                    {"operation_year": c.operation_year, "amount": fmt_money(c.amount)}
                    for c in cash_of.get(d.tax_id, ())
                    if c.operation_year < year
                ],
                "rents": [
                    {"cadastral_reference": reference, "amount": fmt_money(amount)}
                    for reference, amount in rents.get(d.tax_id, ())
                ],
            }
        )
    if wants_csv:
        return Response(
            m347_csv(items),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="modelo-347-{year}.csv"'},
        )
    return {
        "year": year,
        "threshold": str(figures.m347_threshold(year)),
        "currency": "EUR",
        "files_through_sii": limits.files_through_sii,
        # Purchases are part of the return; Cartera has none yet, and says so in every answer.
        "covers": "sales_only",
        "note": (
            "The tenant files through SII: it does not file Modelo 347."
            if limits.files_through_sii
            else f"{M347_SCOPE} {M347_RULES}"
        ),
        "items": items,
    }


# --- alerts and settings ------------------------------------------------------------------------


@router.get("/alerts", summary="Alerts raised, newest first", response_model=AnalyticsAlertList)
async def list_alerts(
    identity: Reader,
    session: TenantSession,
    kind: Literal["concentration", "top_client_drop", "late_payer", "certificate_expiring"]
    | None = None,
    client_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    """The alerts raised for the tenant, newest first, of one kind or about one client."""
    query = select(alerts).where(alerts.c.tenant_id == identity.tenant_id)
    if kind is not None:
        query = query.where(alerts.c.kind == kind)
    if client_id is not None:
        query = query.where(alerts.c.client_id == client_id)
    rows = (
        (await session.execute(query.order_by(alerts.c.raised_at.desc(), alerts.c.id).limit(limit)))
        .mappings()
        .all()
    )
    return {
        "items": [
            {
                "id": str(r["id"]),
                "kind": r["kind"],
                # None for an alert about something else than a client (an expiring certificate).
                "client_id": client_ref(r["client_id"]),
                "period": r["period"],
                "value": str(r["value"]),
                "threshold": str(r["threshold"]),
                "message": r["message"],
                "details": r["details"],
                "raised_at": r["raised_at"].isoformat(),
            }
            for r in rows
        ]
    }


def settings_json(t: alert_rules.Thresholds) -> dict[str, Any]:
    return {
        "concentration_threshold": fmt_ratio(t.concentration),
        "drop_threshold": fmt_ratio(t.drop),
        "late_payer_ratio": fmt_ratio(t.late_ratio),
        "files_through_sii": t.files_through_sii,
    }


@router.get(
    "/settings",
    summary="The tenant's alert thresholds and Modelo 347 settings",
    response_model=AnalyticsSettings,
)
async def get_analytics_settings(identity: Reader, session: TenantSession) -> dict[str, Any]:
    """The thresholds the alerts are raised with (fractions of 1) and whether the tenant files
    through SII; the defaults until the tenant sets them."""
    return settings_json(await alert_rules.thresholds(session, identity.tenant_id))


@router.put(
    "/settings",
    summary="Set the tenant's alert thresholds (fractions of 1)",
    response_model=AnalyticsSettings,
)
async def set_analytics_settings(
    identity: Writer, session: TenantSession, body: AnalyticsSettingsIn
) -> dict[str, Any]:
    """Replace the tenant's thresholds (fractions of 1, not percentages: 0.4 is 40 %); a field
    left out takes its default."""
    values = {
        "concentration_threshold": body.concentration_threshold,
        "drop_threshold": body.drop_threshold,
        "late_payer_ratio": body.late_payer_ratio,
        "files_through_sii": body.files_through_sii,
    }
    statement = insert(tenant_settings).values(tenant_id=identity.tenant_id, **values)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[tenant_settings.c.tenant_id],
            set_={**values, "updated_at": func.now()},
        )
    )
    return settings_json(await alert_rules.thresholds(session, identity.tenant_id))
