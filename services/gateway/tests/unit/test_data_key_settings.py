"""The gateway reads CARTERA_DATA_KEY (the webhook secrets at rest, cartera_shared.data_keys) as
every secret: required, strong, and a previous key only during a rotation."""

import secrets

import pytest
from pydantic import ValidationError

from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import unstarted_settings


def key() -> str:
    return secrets.token_hex(32)


def test_the_gateway_needs_a_strong_data_key_and_a_different_previous_one():
    settings = unstarted_settings()
    assert GatewaySettings.model_validate(settings).data_keys().current_id
    without = {k: v for k, v in settings.items() if k != "CARTERA_DATA_KEY"}
    with pytest.raises(ValidationError, match="CARTERA_DATA_KEY"):
        GatewaySettings.model_validate(without)
    for weak in ("short", "change-me-" + "0123456789abcdef" * 3, "ab" * 32):
        with pytest.raises(ValidationError, match="CARTERA_DATA_KEY is refused"):
            GatewaySettings.model_validate({**settings, "CARTERA_DATA_KEY": weak})
    with pytest.raises(ValidationError, match="CARTERA_DATA_KEY_PREVIOUS is refused"):
        GatewaySettings.model_validate({**settings, "CARTERA_DATA_KEY_PREVIOUS": "short"})
    with pytest.raises(ValidationError, match="repeats"):
        GatewaySettings.model_validate(
            {**settings, "CARTERA_DATA_KEY_PREVIOUS": settings["CARTERA_DATA_KEY"]}
        )
    rotating = GatewaySettings.model_validate({**settings, "CARTERA_DATA_KEY_PREVIOUS": key()})
    assert rotating.data_keys().previous_id is not None
