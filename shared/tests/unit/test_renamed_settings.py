"""Variables are read under their CARTERA_ names; the former names still work, as deprecated
aliases that lose to the new name and are reported once at start-up, and a secret given under
its former name is held to the same rules."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from cartera_shared.app_factory import create_service_app
from cartera_shared.kafka import KafkaConnection
from cartera_shared.settings import MigrationSettings, ServiceSettings, deprecated_in_use
from cartera_shared.testing import secret_settings

OWNER = "postgresql+asyncpg://owner@127.0.0.1:1/db"
OTHER = "postgresql+asyncpg://other@127.0.0.1:1/db"


@pytest.fixture
def environment(monkeypatch):
    """An environment with none of the settings' variables but the secrets, under either name."""
    for cls in (ServiceSettings, KafkaConnection, MigrationSettings):
        for field in cls.model_fields.values():
            for name in getattr(field.validation_alias, "choices", [field.validation_alias]):
                monkeypatch.delenv(str(name), raising=False)
    for name, value in secret_settings().items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def test_the_new_name_is_read(environment):
    environment.setenv("CARTERA_DATABASE_URL", OWNER)
    environment.setenv("CARTERA_LOG_LEVEL", "DEBUG")
    settings = ServiceSettings()
    assert (settings.database_url, settings.log_level) == (OWNER, "DEBUG")
    assert deprecated_in_use(ServiceSettings) == []


def test_the_former_name_is_still_read_and_reported(environment):
    environment.setenv("DATABASE_URL", OWNER)
    environment.setenv("OUTBOX_POLL_SECONDS", "2.5")
    settings = ServiceSettings()
    assert (settings.database_url, settings.outbox_poll_seconds) == (OWNER, 2.5)
    assert deprecated_in_use(ServiceSettings) == [
        ("DATABASE_URL", "CARTERA_DATABASE_URL"),
        ("OUTBOX_POLL_SECONDS", "CARTERA_OUTBOX_POLL_SECONDS"),
    ]


def test_with_both_names_set_the_new_one_wins_and_nothing_is_reported(environment):
    environment.setenv("CARTERA_DATABASE_URL", OWNER)
    environment.setenv("DATABASE_URL", OTHER)
    environment.setenv("KAFKA_SECURITY_PROTOCOL", "SSL")
    environment.setenv("CARTERA_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
    assert ServiceSettings().database_url == OWNER
    assert MigrationSettings().database_url == OWNER
    assert KafkaConnection().security_protocol == "PLAINTEXT"
    # The former name is ignored, so it is not "in use": no warning for it.
    assert deprecated_in_use(ServiceSettings, KafkaConnection) == []


def test_a_kafka_password_under_its_former_name_reaches_the_connection(environment):
    environment.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    environment.setenv("KAFKA_SASL_USERNAME", "cartera-crm")
    environment.setenv("KAFKA_SASL_PASSWORD", "s3cret-of-the-broker")
    connection = KafkaConnection()
    assert connection.sasl_password is not None
    assert connection.sasl_password.get_secret_value() == "s3cret-of-the-broker"


def test_a_sasl_connection_without_credentials_names_the_new_variables(environment):
    environment.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    with pytest.raises(ValidationError) as refused:
        KafkaConnection()
    assert "CARTERA_KAFKA_SASL_USERNAME" in str(refused.value)


def warnings_logged(capfd) -> list[str]:
    lines = [json.loads(line) for line in capfd.readouterr().err.splitlines() if line]
    return [line["msg"] for line in lines if "deprecated" in line["msg"]]


def test_a_service_started_with_a_former_name_warns_once_naming_the_new_one(environment, capfd):
    environment.setenv("DATABASE_URL", OWNER)
    environment.setenv("LOG_LEVEL", "INFO")
    environment.setenv("KAFKA_SASL_MECHANISM", "PLAIN")
    create_service_app(name="lab", schema="lab", settings=ServiceSettings(), routers=[])
    assert warnings_logged(capfd) == [
        "DATABASE_URL is deprecated: set CARTERA_DATABASE_URL instead (it wins when both are set)",
        "KAFKA_SASL_MECHANISM is deprecated: set CARTERA_KAFKA_SASL_MECHANISM instead "
        "(it wins when both are set)",
        "LOG_LEVEL is deprecated: set CARTERA_LOG_LEVEL instead (it wins when both are set)",
    ]


def test_a_service_started_with_the_new_names_warns_of_nothing(environment, capfd):
    environment.setenv("CARTERA_DATABASE_URL", OWNER)
    environment.setenv("CARTERA_LOG_LEVEL", "INFO")
    create_service_app(name="lab", schema="lab", settings=ServiceSettings(), routers=[])
    assert warnings_logged(capfd) == []
