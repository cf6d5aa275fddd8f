"""An invoice is dated by Spain's calendar: just after midnight in Madrid it may already carry the
new day while UTC's is still the old one (docs/compliance.md, "Invoices": RD 1619/2012 art. 6.1.a,
the issue date)."""

from __future__ import annotations

import datetime as dt

import pytest

from cartera_invoicing.invoices.service import check_issue_date
from cartera_shared import business_day
from cartera_shared.problems import Code, UnprocessableEntity

# 00:30 on 16 January 2020 in Madrid; UTC is still on the 15th.
HALF_PAST_MIDNIGHT_IN_MADRID = dt.datetime(2020, 1, 15, 23, 30, tzinfo=dt.UTC)
SERIES = {"code": "F", "last_issue_date": dt.date(2020, 1, 10)}


@pytest.fixture(autouse=True)
def at_half_past_midnight_in_madrid(monkeypatch):
    monkeypatch.setattr(business_day, "now", lambda: HALF_PAST_MIDNIGHT_IN_MADRID)


def test_an_invoice_dated_madrids_new_day_is_issued_before_utcs_midnight():
    check_issue_date(SERIES, dt.date(2020, 1, 16))


def test_the_day_after_madrids_is_still_the_future():
    with pytest.raises(UnprocessableEntity) as refusal:
        check_issue_date(SERIES, dt.date(2020, 1, 17))
    assert refusal.value.code == Code.FUTURE_DATE


def test_a_date_before_the_series_last_one_is_refused():
    with pytest.raises(UnprocessableEntity) as refusal:
        check_issue_date(SERIES, dt.date(2020, 1, 9))
    assert refusal.value.code == Code.DATE_OUT_OF_ORDER
