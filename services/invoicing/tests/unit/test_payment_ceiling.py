"""Ley 3/2004 art. 4.3: between businesses, and with public administrations, an agreed payment
term is never longer than 60 calendar days. A fixed payment day moves the due date to the fixed
day before, never after (docs/compliance.md, "Invoices")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from cartera_invoicing.domain.terms import due_dates, payment_ceiling

AUDIT_ISSUE_DATE = dt.date(2026, 3, 2)  # +60 days is 1 May; the next 25th, 84 days


def days_after(issue: dt.date, due: dt.date) -> int:
    return (due - issue).days


def test_the_audits_case_without_the_ceiling_is_84_days():
    (due,) = due_dates(AUDIT_ISSUE_DATE, D("100.00"), days=60, fixed_day=25)
    assert days_after(AUDIT_ISSUE_DATE, due.due_on) == 84  # what the audit found


@pytest.mark.parametrize("kind", ["company", "self_employed", "public_administration", "foreign"])
def test_the_audits_case_falls_on_the_previous_fixed_day(kind):
    (due,) = due_dates(
        AUDIT_ISSUE_DATE, D("100.00"), days=60, fixed_day=25, max_days=payment_ceiling(kind)
    )
    assert due.due_on == dt.date(2026, 4, 25)
    assert days_after(AUDIT_ISSUE_DATE, due.due_on) <= 60


def test_a_consumer_keeps_the_agreed_terms():
    assert payment_ceiling("individual") is None
    (due,) = due_dates(
        AUDIT_ISSUE_DATE, D("100.00"), days=60, fixed_day=25, max_days=payment_ceiling("individual")
    )
    assert due.due_on == dt.date(2026, 5, 25)


def test_a_fixed_day_within_the_ceiling_still_moves_later():
    (due,) = due_dates(AUDIT_ISSUE_DATE, D("100.00"), days=30, fixed_day=25, max_days=60)
    assert due.due_on == dt.date(2026, 4, 25)  # 1 April moved on to the 25th: 54 days


def test_a_fixed_day_landing_on_the_60th_day_is_kept():
    issue = dt.date(2026, 3, 26)  # +60 days is 25 May
    (due,) = due_dates(issue, D("100.00"), days=60, fixed_day=25, max_days=60)
    assert due.due_on == dt.date(2026, 5, 25)


def test_each_instalment_keeps_within_the_ceiling():
    dues = due_dates(
        AUDIT_ISSUE_DATE,
        D("90.00"),
        days=30,
        instalments=2,
        interval_days=30,
        fixed_day=25,
        max_days=60,
    )
    assert [d.due_on for d in dues] == [dt.date(2026, 4, 25), dt.date(2026, 4, 25)]
    assert all(days_after(AUDIT_ISSUE_DATE, d.due_on) <= 60 for d in dues)
    assert sum(d.amount for d in dues) == D("90.00")


def test_terms_longer_than_the_ceiling_stored_before_it_was_checked_end_on_it():
    (plain,) = due_dates(AUDIT_ISSUE_DATE, D("10.00"), days=90, max_days=60)
    assert plain.due_on == AUDIT_ISSUE_DATE + dt.timedelta(days=60)
    (fixed,) = due_dates(AUDIT_ISSUE_DATE, D("10.00"), days=90, fixed_day=10, max_days=60)
    assert fixed.due_on == dt.date(2026, 4, 10)


def test_the_days_count_from_the_delivery_when_it_came_before_the_invoice():
    delivered = dt.date(2026, 2, 20)
    (due,) = due_dates(AUDIT_ISSUE_DATE, D("10.00"), days=60, max_days=60, operation_date=delivered)
    assert due.due_on == delivered + dt.timedelta(days=60)
    (never_before_the_invoice,) = due_dates(
        AUDIT_ISSUE_DATE, D("10.00"), days=60, max_days=60, operation_date=dt.date(2025, 1, 1)
    )
    assert never_before_the_invoice.due_on == AUDIT_ISSUE_DATE


def test_the_31st_in_a_short_month_moves_back_to_its_last_day():
    issue = dt.date(2026, 1, 1)  # +60 days is 2 March; the 31st before it is 28 February
    (due,) = due_dates(issue, D("10.00"), days=60, fixed_day=31, max_days=60)
    assert due.due_on == dt.date(2026, 2, 28)
