"""dunning.hold_changed as analytics reads it (event_models.HoldFact): the contract's example
parses, a producer's added field is ignored, and a payload without its hold id is refused."""

import pytest
from pydantic import ValidationError

from cartera_analytics.event_models import HoldFact
from cartera_shared.events import topics
from cartera_shared.events.asyncapi import example_data
from cartera_shared.events.registry import CONTRACTS


def test_the_contracts_example_reads_with_an_added_field():
    data = {**example_data(CONTRACTS[topics.DUNNING_HOLD_CHANGED]), "added_later": 1}
    fact = HoldFact.model_validate(data)
    assert str(fact.invoice_id) == data["invoice_id"]
    assert fact.client_id is None
    assert fact.released is False


def test_a_hold_without_its_id_is_refused():
    data = dict(example_data(CONTRACTS[topics.DUNNING_HOLD_CHANGED]))
    del data["hold_id"]
    with pytest.raises(ValidationError, match="hold_id"):
        HoldFact.model_validate(data)
