"""The late-payment risk report: the tenant's history read from the read models, the model of
domain/late_payment_risk.py fitted on it as of the day, the open invoices and clients scored."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import OrderedDict, defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_analytics import queries
from cartera_analytics.domain import late_payment_risk as risk
from cartera_analytics.domain.invoices import NO_CLIENT
from cartera_analytics.models import dunning_notices, instalments, invoice_documents, payments
from cartera_shared import business_day

D4 = Decimal("0.0001")


async def load_history(session: AsyncSession, tenant_id: uuid.UUID, as_of: dt.date) -> risk.History:
    """Everything of the tenant up to the day (the domain ignores what came later anyway; the
    filters only spare reading it)."""
    rows = await session.execute(
        select(
            instalments.c.invoice_id,
            instalments.c.client_id,
            invoice_documents.c.issue_date,
            instalments.c.due_on,
            instalments.c.amount,
            instalments.c.settled_on,
        )
        .join(
            invoice_documents,
            (invoice_documents.c.tenant_id == instalments.c.tenant_id)
            & (invoice_documents.c.invoice_id == instalments.c.invoice_id),
        )
        .where(
            instalments.c.tenant_id == tenant_id,
            invoice_documents.c.issue_date <= as_of,
            invoice_documents.c.cancelled.is_(False),
        )
    )
    # Invoices without a client (simplified ones, NO_CLIENT) have no one whose record to read:
    # their buyers are strangers to each other, so they are neither scored nor learnt from.
    dues = [
        risk.Due(r.invoice_id, r.client_id, r.issue_date, r.due_on, float(r.amount), r.settled_on)
        for r in rows
        if r.client_id != NO_CLIENT
    ]
    paid_on: dict[uuid.UUID, list[dt.date]] = defaultdict(list)
    for r in await session.execute(
        select(payments.c.invoice_id, payments.c.paid_on).where(
            payments.c.tenant_id == tenant_id,
            payments.c.reversed.is_(False),
            payments.c.paid_on <= as_of,
        )
    ):
        paid_on[r.invoice_id].append(r.paid_on)
    end = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    notices = [
        risk.Notice(r.client_id, r.invoice_id, business_day.day_of(r.sent_at))
        for r in await session.execute(
            select(
                dunning_notices.c.client_id, dunning_notices.c.invoice_id, dunning_notices.c.sent_at
            ).where(dunning_notices.c.tenant_id == tenant_id, dunning_notices.c.sent_at < end)
        )
    ]
    return risk.History(dues, notices, dict(paid_on))


# Fitted models by (tenant, day, history): fitting is most of a report's cost (Newton's method over
# thousands of snapshots, about a second for a busy tenant), and the client page asks for the
# same report on every visit. A new invoice, payment or reminder changes the history's
# fingerprint, so nothing stale is ever served; the oldest entries go first past the bound.
FITTED_MODELS_KEPT = 256
_fitted: OrderedDict[tuple[uuid.UUID, dt.date, int], risk.Model] = OrderedDict()


def fitted_model(tenant_id: uuid.UUID, history: risk.History, as_of: dt.date) -> risk.Model:
    """The model of `history` as of the day, fitted once per process and history."""
    key = (tenant_id, as_of, history.fingerprint())
    model = _fitted.get(key)
    if model is not None:
        _fitted.move_to_end(key)
        return model
    model = risk.fit(history, as_of)
    _fitted[key] = model
    while len(_fitted) > FITTED_MODELS_KEPT:
        _fitted.popitem(last=False)
    return model


async def scores(
    session: AsyncSession, tenant_id: uuid.UUID, as_of: dt.date
) -> tuple[risk.Model, list[risk.InvoiceScore], list[risk.ClientScore]]:
    history = await load_history(session, tenant_id, as_of)
    model = fitted_model(tenant_id, history, as_of)
    invoices, clients = risk.score_open(model, history, as_of)
    return model, invoices, clients


def d4(value: float) -> str:
    return str(Decimal(repr(value)).quantize(D4))


def score_json(s: risk.Score) -> dict[str, Any]:
    return {
        "probability_fraction": d4(s.probability),
        "log_odds": d4(s.log_odds),
        "base_log_odds": d4(s.base_log_odds),
        "reasons": [
            {
                "feature": r.feature,
                "value": d4(r.value),
                "contribution": d4(r.contribution),
                "detail": r.detail,
            }
            for r in s.reasons
        ],
    }


async def late_payment_risk(
    session: AsyncSession, tenant_id: uuid.UUID, as_of: dt.date, client_id: uuid.UUID | None
) -> dict[str, Any]:
    model, invoices, clients = await scores(session, tenant_id, as_of)
    if client_id is not None:
        invoices = [i for i in invoices if i.client_id == client_id]
        clients = [c for c in clients if c.client_id == client_id]
    known = await queries.names(session, tenant_id, {c.client_id for c in clients})
    return {
        "as_of": as_of.isoformat(),
        "model": {
            "fitted": model.fitted,
            "outcomes": model.outcomes,
            "late_outcomes": model.late_outcomes,
            "base_rate_fraction": d4(model.prior_rate),
            "intercept": d4(model.intercept),
            "weights": {k: d4(v) for k, v in model.weights.items()},
        },
        "clients": [
            {
                "client_id": str(c.client_id),
                "legal_name": known.get(c.client_id, (None, None))[0],
                "open_invoices": c.open_invoices,
                "invoice_id": None if c.invoice_id is None else str(c.invoice_id),
                **score_json(c.score),
            }
            for c in clients
        ],
        "invoices": [
            {
                "invoice_id": str(i.invoice_id),
                "client_id": str(i.client_id),
                "legal_name": known.get(i.client_id, (None, None))[0],
                "due_on": i.due_on.isoformat(),
                "outstanding": str(Decimal(repr(i.outstanding)).quantize(Decimal("0.01"))),
                "days_overdue": i.days_overdue,
                **score_json(i.score),
            }
            for i in invoices
        ],
    }
