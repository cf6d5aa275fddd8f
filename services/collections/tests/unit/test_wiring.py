"""The collections service consumes client and invoice events as idempotent consumers."""

from faststream import AckPolicy

from cartera_collections.main import create_app
from cartera_shared.events import topics
from cartera_shared.settings import ServiceSettings
from cartera_shared.testing import unstarted_settings


def test_it_keeps_client_replicas_and_receivables_from_invoices():
    app = create_app(ServiceSettings(**unstarted_settings()))
    subscribers = {tuple(sorted(s.topic_names)): s for s in app.state.runtime.broker.subscribers}
    replicas = subscribers[tuple(sorted(topics.CLIENT_EVENTS))]
    invoices = subscribers[
        tuple(sorted((topics.INVOICE_ISSUED, topics.INVOICE_RECTIFIED, topics.INVOICE_CANCELLED)))
    ]
    assert replicas.group_id == "collections"
    assert invoices.group_id == "collections.receivables"
    # Offsets are committed only after the handler's transaction, never on receipt.
    assert {replicas.ack_policy, invoices.ack_policy} == {AckPolicy.MANUAL}
    assert "/v1/client-replicas/{client_id}" in app.openapi()["paths"]
    assert "/v1/payments" in app.openapi()["paths"]
