"""An alert's details are typed by its kind: each kind has its model, and details of another
kind's shape are refused (a 500 in tests rather than a wrong answer to a partner)."""

from __future__ import annotations

import typing

import pytest
from pydantic import ValidationError

from cartera_analytics.alerts.schemas import DETAILS_BY_KIND, AlertKind, AnalyticsAlert

ALERT = {
    "id": "6a0c1a7e-94f3-4b1e-9f0e-3f4d2b1c0a99",
    "kind": "concentration",
    "client_id": "3f2b8f0e-8a4b-4c53-9a57-1c7c6f0e2a11",
    "period": "2026-02",
    "value": "0.8",
    "threshold": "0.4",
    "message": "m",
    "details": {"month": "2026-02", "base": "12000", "total": "15000.5"},
    "raised_at": "2026-03-01T00:05:00+00:00",
}


def test_every_kind_has_a_details_model():
    assert set(DETAILS_BY_KIND) == set(typing.get_args(AlertKind))


def test_details_are_written_in_the_wire_formats():
    written = AnalyticsAlert.model_validate(ALERT).model_dump(mode="json")
    assert written["details"] == {"month": "2026-02", "base": "12000.00", "total": "15000.50"}


def test_details_of_another_kind_are_refused():
    with pytest.raises(ValidationError, match="details of a late_payer alert"):
        AnalyticsAlert.model_validate({**ALERT, "kind": "late_payer"})
    with pytest.raises(ValidationError):
        AnalyticsAlert.model_validate({**ALERT, "details": {}})
