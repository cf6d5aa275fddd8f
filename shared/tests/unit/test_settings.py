"""Settings read from the environment: a bad value stops the service at start, naming it."""

import pytest
from pydantic import ValidationError

from cartera_shared.settings import ServiceSettings


def test_outbox_retention_is_days_and_zero_keeps_everything():
    assert ServiceSettings().outbox_retention_days == 7
    assert ServiceSettings(OUTBOX_RETENTION_DAYS="0.5").outbox_retention_days == 0.5
    assert ServiceSettings(OUTBOX_RETENTION_DAYS="0").outbox_retention_days == 0


@pytest.mark.parametrize("bad", ["-1", "a week", ""])
def test_a_bad_outbox_retention_is_refused(bad):
    with pytest.raises(ValidationError) as refused:
        ServiceSettings(OUTBOX_RETENTION_DAYS=bad)
    assert "OUTBOX_RETENTION_DAYS" in str(refused.value)
