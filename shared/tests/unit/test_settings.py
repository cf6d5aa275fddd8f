"""Settings read from the environment: a bad value stops the service at start, naming it."""

import datetime as dt

import pytest
from pydantic import ValidationError

from cartera_shared.settings import ServiceSettings, secret_problem
from cartera_shared.testing import secret_settings

BASE = {"CARTERA_DATABASE_URL": "postgresql+asyncpg://u@127.0.0.1/db", **secret_settings()}


def settings(**values):
    return ServiceSettings(**{**BASE, **values})


def test_outbox_retention_is_days_and_zero_keeps_everything():
    assert settings().outbox_retention_days == 7
    assert settings(CARTERA_OUTBOX_RETENTION_DAYS="0.5").outbox_retention_days == 0.5
    assert settings(CARTERA_OUTBOX_RETENTION_DAYS="0").outbox_retention_days == 0


@pytest.mark.parametrize("bad", ["-1", "a week", ""])
def test_a_bad_outbox_retention_is_refused(bad):
    with pytest.raises(ValidationError) as refused:
        settings(CARTERA_OUTBOX_RETENTION_DAYS=bad)
    assert "CARTERA_OUTBOX_RETENTION_DAYS" in str(refused.value)


def test_a_service_without_an_internal_secret_refuses_to_start(monkeypatch):
    monkeypatch.delenv("CARTERA_INTERNAL_SECRET", raising=False)
    values = {k: v for k, v in BASE.items() if k != "CARTERA_INTERNAL_SECRET"}
    with pytest.raises(ValidationError) as refused:
        ServiceSettings(**values)
    assert "CARTERA_INTERNAL_SECRET" in str(refused.value)


def test_a_service_without_a_database_refuses_to_start(monkeypatch):
    """The owner's URL used to default to one with a password written in the code."""
    for name in ("CARTERA_DATABASE_URL", "CARTERA_DATABASE_APP_URL"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.removeprefix("CARTERA_"), raising=False)
    values = {k: v for k, v in BASE.items() if k != "CARTERA_DATABASE_URL"}
    with pytest.raises(ValidationError) as refused:
        ServiceSettings(**values)
    assert "CARTERA_DATABASE_APP_URL" in str(refused.value)


def test_a_service_needs_only_its_own_role_not_the_owner(monkeypatch):
    monkeypatch.delenv("CARTERA_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    values = {k: v for k, v in BASE.items() if k != "CARTERA_DATABASE_URL"}
    own = "postgresql+asyncpg://cartera_clients@127.0.0.1/db"
    settings = ServiceSettings(**values, CARTERA_DATABASE_APP_URL=own)
    assert settings.database_url is None
    assert settings.effective_app_url == own


@pytest.mark.parametrize(
    "weak",
    [
        "cartera-local-internal-secret-change-me",  # the default the code used to carry
        "CHANGE-ME",
        "short-but-random-7f3a",
        "please-change-me-before-production-0123456789",
        "an-example-secret-for-the-docs-0123456789abcdef",
        "s" * 64,
        "abababababababababababababababababab",
    ],
)
def test_short_placeholder_or_patterned_secrets_are_refused(weak):
    assert secret_problem(weak)
    with pytest.raises(ValidationError) as refused:
        settings(CARTERA_INTERNAL_SECRET=weak)
    assert "CARTERA_INTERNAL_SECRET" in str(refused.value) or "internal_secret" in str(
        refused.value
    )
    assert weak not in str(refused.value)  # the refusal does not echo the secret


def test_a_random_secret_is_accepted():
    assert secret_problem("9c1d7f0e3b5a48e2a6c4d1f08b7e2a95c3d6f1e0a9b8c7d6") is None


def test_the_previous_secret_is_checked_too_and_must_differ():
    with pytest.raises(ValidationError):
        settings(CARTERA_INTERNAL_SECRET_PREVIOUS="change-me")
    with pytest.raises(ValidationError):
        settings(CARTERA_INTERNAL_SECRET_PREVIOUS=BASE["CARTERA_INTERNAL_SECRET"])
    with pytest.raises(ValidationError):  # an instant without a time zone is ambiguous
        settings(
            CARTERA_INTERNAL_SECRET_PREVIOUS="7e2a95c3d6f1e0a9b8c7d69c1d7f0e3b5a48e2a6",
            CARTERA_INTERNAL_SECRET_PREVIOUS_UNTIL="2027-01-31T12:00:00",
        )
    rotated = settings(
        CARTERA_INTERNAL_SECRET_PREVIOUS="7e2a95c3d6f1e0a9b8c7d69c1d7f0e3b5a48e2a6",
        CARTERA_INTERNAL_SECRET_PREVIOUS_UNTIL="2027-01-31T12:00:00Z",
    )
    keys = rotated.internal_keys()
    assert keys.previous_until == dt.datetime(2027, 1, 31, 12, tzinfo=dt.UTC)
    assert len(keys.accepted(now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))) == 2
    assert len(keys.accepted(now=dt.datetime(2027, 2, 1, tzinfo=dt.UTC))) == 1
