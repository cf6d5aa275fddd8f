"""The request lifecycle and its SLA, as pure rules."""

import datetime as dt

import pytest

from cartera_crm.domain import requests as rules

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        ("open", "in_progress"),
        ("open", "waiting_on_client"),
        ("open", "resolved"),
        ("in_progress", "waiting_on_client"),
        ("waiting_on_client", "in_progress"),
        ("in_progress", "resolved"),
        ("waiting_on_client", "resolved"),
        ("resolved", "closed"),
        ("resolved", "open"),
        ("closed", "open"),
    ],
)
def test_allowed_moves(current, wanted):
    rules.check_transition(current, wanted)


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        ("open", "closed"),
        ("open", "open"),
        ("in_progress", "open"),
        ("in_progress", "closed"),
        ("waiting_on_client", "closed"),
        ("resolved", "waiting_on_client"),
        ("closed", "resolved"),
        ("closed", "in_progress"),
        ("closed", "closed"),
        ("nonsense", "open"),
    ],
)
def test_refused_moves_name_what_is_allowed(current, wanted):
    with pytest.raises(rules.InvalidTransition) as refused:
        rules.check_transition(current, wanted)
    assert refused.value.allowed == sorted(rules.TRANSITIONS.get(current, ()))


def test_every_state_but_closed_can_reach_closed_and_closed_can_reopen():
    for status in rules.STATUSES:
        assert rules.TRANSITIONS[status], status
    assert rules.is_reopen("closed", "open")
    assert rules.is_reopen("resolved", "open")
    assert not rules.is_reopen("in_progress", "resolved")


def test_default_targets_and_a_tenant_policy():
    hours = {p: (rules.sla_due_at(T0, p) - T0).total_seconds() / 3600 for p in rules.PRIORITIES}
    assert hours == {"urgent": 4, "high": 8, "normal": 24, "low": 72}
    assert rules.sla_due_at(T0, "urgent", {"urgent": 1}) == T0 + dt.timedelta(hours=1)
    # A policy that leaves a priority out keeps that priority's default.
    assert rules.sla_due_at(T0, "low", {"urgent": 1}) == T0 + dt.timedelta(hours=72)


def test_breach_is_judged_on_resolution_or_on_now():
    due = T0 + dt.timedelta(hours=4)
    assert not rules.breached(due, T0 + dt.timedelta(hours=4), T0 + dt.timedelta(days=9))
    assert rules.breached(due, T0 + dt.timedelta(hours=4, seconds=1), T0)
    assert not rules.breached(due, None, T0 + dt.timedelta(hours=3))
    assert rules.breached(due, None, T0 + dt.timedelta(hours=5))
