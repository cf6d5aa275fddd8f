"""The late-payment model is fitted once per tenant, day and history: the same history read in
another order is served from the cache, and any new instalment, payment day or reminder fits it
again; the cache keeps a bounded number of models."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid

import pytest

from cartera_analytics.domain import late_payment_risk as risk
from cartera_analytics.risk import service

from .test_late_payment_risk import DAY, dues_for, open_due


@pytest.fixture
def fits(monkeypatch) -> list[dt.date]:
    """The days `risk.fit` was really called for, with an empty cache."""
    monkeypatch.setattr(service, "_fitted", type(service._fitted)())
    called: list[dt.date] = []
    real = risk.fit

    def counted(history: risk.History, as_of: dt.date) -> risk.Model:
        called.append(as_of)
        return real(history, as_of)

    monkeypatch.setattr(risk, "fit", counted)
    return called


def a_history() -> risk.History:
    slow, quick = uuid.uuid4(), uuid.uuid4()
    dues = dues_for(slow, [45, 60, 50, 70, 40, 90] * 3) + dues_for(quick, [0, -2, 1, 3] * 5)
    dues.append(open_due(slow, DAY - dt.timedelta(days=10)))
    notices = [risk.Notice(slow, dues[0].invoice_id, dues[0].due_on + dt.timedelta(days=5))]
    paid = {d.invoice_id: [d.settled_on] for d in dues if d.settled_on is not None}
    return risk.History(dues, notices, paid)


def test_the_same_history_in_another_order_is_fitted_once(fits):
    tenant = uuid.uuid4()
    history = a_history()
    shuffled = list(history.dues)
    random.Random(3).shuffle(shuffled)
    reordered = risk.History(
        shuffled, list(reversed(history.notices)), dict(reversed(history.paid_on.items()))
    )

    first = service.fitted_model(tenant, history, DAY)
    again = service.fitted_model(tenant, reordered, DAY)

    assert fits == [DAY]
    assert again is first
    assert first.fitted


def test_anything_new_in_the_history_or_another_day_or_tenant_fits_again(fits):
    tenant = uuid.uuid4()
    history = a_history()
    service.fitted_model(tenant, history, DAY)
    late = history.dues[0]
    changes = [
        risk.History(
            [*history.dues, open_due(late.client_id, DAY)], history.notices, history.paid_on
        ),
        risk.History(
            history.dues,
            [*history.notices, risk.Notice(late.client_id, None, DAY)],
            history.paid_on,
        ),
        risk.History(
            history.dues,
            history.notices,
            {**history.paid_on, late.invoice_id: [*history.paid_on[late.invoice_id], DAY]},
        ),
        risk.History(
            [dataclasses.replace(late, amount=late.amount + 1), *history.dues[1:]],
            history.notices,
            history.paid_on,
        ),
    ]
    for changed in changes:
        service.fitted_model(tenant, changed, DAY)
    service.fitted_model(tenant, history, DAY + dt.timedelta(days=1))
    service.fitted_model(uuid.uuid4(), history, DAY)
    assert len(fits) == 1 + len(changes) + 2


def test_the_cache_keeps_a_bounded_number_of_models(fits, monkeypatch):
    monkeypatch.setattr(service, "FITTED_MODELS_KEPT", 2)
    history = a_history()
    tenants = [uuid.uuid4() for _ in range(3)]
    for tenant in tenants:
        service.fitted_model(tenant, history, DAY)
    assert len(service._fitted) == 2
    service.fitted_model(tenants[0], history, DAY)  # the oldest was dropped: fitted again
    service.fitted_model(tenants[2], history, DAY)  # kept
    assert len(fits) == 4
