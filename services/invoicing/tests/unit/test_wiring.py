"""The invoicing service consumes client events as an idempotent consumer of its own group."""

from faststream import AckPolicy

from cartera_invoicing.main import create_app
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.events import topics
from cartera_shared.testing import unstarted_settings


def test_it_keeps_a_client_replica_from_every_client_topic():
    # InvoicingSettings: it reads a setting of its own (CARTERA_DATA_KEY).
    app = create_app(InvoicingSettings.model_validate(unstarted_settings()))
    [subscriber] = app.state.runtime.broker.subscribers
    assert set(subscriber.topic_names) == set(topics.CLIENT_EVENTS)
    assert subscriber.group_id == "invoicing"
    # Offsets are committed only after the handler's transaction, never on receipt.
    assert subscriber.ack_policy is AckPolicy.MANUAL
    assert "/v1/client-replicas/{client_id}" in app.openapi()["paths"]
