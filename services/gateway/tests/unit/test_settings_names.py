"""The gateway's variables are CARTERA_GATEWAY_*; the former names still work, and a secret
under a former name is refused exactly as under the new one."""

import secrets

import pytest
from pydantic import ValidationError

from cartera_gateway.settings import GatewaySettings
from cartera_shared.settings import deprecated_in_use
from cartera_shared.testing import unstarted_settings


@pytest.fixture
def environment(monkeypatch):
    for field in GatewaySettings.model_fields.values():
        for name in getattr(field.validation_alias, "choices", [field.validation_alias]):
            monkeypatch.delenv(str(name), raising=False)
    for name, value in unstarted_settings().items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def test_the_new_names_are_read(environment):
    environment.setenv("CARTERA_GATEWAY_SESSION_HOURS", "3")
    environment.setenv("CARTERA_GATEWAY_SMTP_HOST", "mail.example.es")
    environment.setenv("CARTERA_CRM_URL", "http://crm.internal:8104")
    settings = GatewaySettings()
    assert (settings.session_hours, settings.smtp_host) == (3, "mail.example.es")
    assert settings.upstreams()["crm"] == "http://crm.internal:8104"
    assert deprecated_in_use(GatewaySettings) == []


def test_a_former_name_is_read_and_loses_to_the_new_one(environment):
    environment.setenv("SMTP_HOST", "old.example.es")
    environment.setenv("SESSION_HOURS", "5")
    environment.setenv("CARTERA_GATEWAY_SESSION_HOURS", "7")
    settings = GatewaySettings()
    assert (settings.smtp_host, settings.session_hours) == ("old.example.es", 7)
    assert deprecated_in_use(GatewaySettings) == [("SMTP_HOST", "CARTERA_GATEWAY_SMTP_HOST")]


def test_the_admin_token_under_its_former_name_works(environment):
    token = "cop_" + secrets.token_hex(32)
    environment.delenv("CARTERA_GATEWAY_ADMIN_TOKEN")
    environment.setenv("CARTERA_ADMIN_TOKEN", token)
    assert GatewaySettings().admin_token.get_secret_value() == token
    assert deprecated_in_use(GatewaySettings) == [
        ("CARTERA_ADMIN_TOKEN", "CARTERA_GATEWAY_ADMIN_TOKEN")
    ]


@pytest.mark.parametrize("former", ["CARTERA_ADMIN_TOKEN", "CARTERA_METRICS_TOKEN"])
@pytest.mark.parametrize("weak", ["t1ny-k3y", "change-me-" + "0123456789abcdef" * 3, "ab" * 32])
def test_a_weak_token_under_its_former_name_is_refused(environment, former, weak):
    environment.delenv(former.replace("CARTERA_", "CARTERA_GATEWAY_"))
    environment.setenv(former, weak)
    with pytest.raises(ValidationError) as refused:
        GatewaySettings()
    # Named by its new name, and never echoed.
    assert f"{former.replace('CARTERA_', 'CARTERA_GATEWAY_')} is refused" in str(refused.value)
    assert weak not in str(refused.value)
