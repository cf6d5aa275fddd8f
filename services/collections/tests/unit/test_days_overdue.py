"""How late a payment is counts Spain's days: half an hour after midnight in Madrid an instalment
due the day before is a day overdue there, whatever UTC's date."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from cartera_collections.receivables.service import receivable_data
from cartera_shared import business_day


def test_an_instalment_due_yesterday_in_madrid_is_one_day_overdue_before_utcs_midnight(
    monkeypatch,
):
    monkeypatch.setattr(
        business_day, "now", lambda: dt.datetime(2020, 1, 15, 23, 30, tzinfo=dt.UTC)
    )
    receivable = {
        "id": uuid.uuid4(),
        "invoice_id": uuid.uuid4(),
        "invoice_number": "F2020-0001",
        "client_id": None,
        "issue_date": dt.date(2019, 12, 16),
        "currency": "EUR",
        "invoiced": Decimal("121.00"),
        "amount": Decimal("121.00"),
        "paid": Decimal("0.00"),
        "status": "overdue",
        "cancelled_at": None,
        "cancellation_reason": None,
        "late_payment_law_applies": None,
    }
    instalment = {
        "seq": 1,
        "due_on": dt.date(2020, 1, 15),
        "amount": Decimal("121.00"),
        "paid": Decimal("0.00"),
        "status": "overdue",
    }
    data = receivable_data(receivable, [instalment])
    assert data["instalments"][0]["days_overdue"] == 1
