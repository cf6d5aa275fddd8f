"""The crm service's variables are CARTERA_CRM_*; CRM_INBOUND_KEY, the former name of its
secret, still works and is held to the same rules."""

import secrets

import pytest
from pydantic import ValidationError

from cartera_crm.settings import CrmSettings
from cartera_shared.settings import deprecated_in_use
from cartera_shared.testing import unstarted_settings


@pytest.fixture
def environment(monkeypatch):
    for field in CrmSettings.model_fields.values():
        for name in getattr(field.validation_alias, "choices", [field.validation_alias]):
            monkeypatch.delenv(str(name), raising=False)
    for name, value in unstarted_settings().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CARTERA_CRM_INBOUND_KEY")
    return monkeypatch


def test_the_inbound_key_is_read_under_either_name_and_the_new_one_wins(environment):
    old, new = secrets.token_hex(32), secrets.token_hex(32)
    environment.setenv("CRM_INBOUND_KEY", old)
    assert CrmSettings().inbound_server_key() == old
    assert deprecated_in_use(CrmSettings) == [("CRM_INBOUND_KEY", "CARTERA_CRM_INBOUND_KEY")]
    environment.setenv("CARTERA_CRM_INBOUND_KEY", new)
    assert CrmSettings().inbound_server_key() == new
    assert deprecated_in_use(CrmSettings) == []


@pytest.mark.parametrize("weak", ["t1ny-k3y", "your-secret-" + "0123456789abcdef" * 3, "ab" * 32])
def test_a_weak_inbound_key_under_its_former_name_is_refused(environment, weak):
    environment.setenv("CRM_INBOUND_KEY", weak)
    with pytest.raises(ValidationError) as refused:
        CrmSettings()
    assert "CARTERA_CRM_INBOUND_KEY is refused" in str(refused.value)
    assert weak not in str(refused.value)


def test_no_inbound_key_at_all_is_refused(environment):
    with pytest.raises(ValidationError, match="CARTERA_CRM_INBOUND_KEY"):
        CrmSettings()


def test_the_own_settings_are_read_under_the_crm_prefix(environment):
    environment.setenv("CARTERA_CRM_INBOUND_KEY", secrets.token_hex(32))
    environment.setenv("CARTERA_CRM_TIMEZONE", "Atlantic/Canary")
    environment.setenv("CRM_SURVEY_TTL_DAYS", "9")
    settings = CrmSettings()
    assert (settings.timezone, settings.survey_ttl_days) == ("Atlantic/Canary", 9)
