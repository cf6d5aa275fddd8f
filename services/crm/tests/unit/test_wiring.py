"""The crm service's wiring: its consumers, its groups, what it publishes, its routes."""

from faststream import AckPolicy

from cartera_crm.main import create_app
from cartera_crm.settings import CrmSettings
from cartera_shared.events import topics
from cartera_shared.testing import unstarted_settings

FOREIGN = {
    topics.INVOICE_ISSUED,
    topics.INVOICE_RECTIFIED,
    topics.INVOICE_CANCELLED,
    topics.PAYMENT_RECORDED,
    topics.PAYMENT_REVERSED,
    topics.RECEIVABLE_OVERDUE,
    topics.DUNNING_SENT,
}
PRODUCED = {
    topics.INTERACTION_LOGGED,
    topics.REQUEST_OPENED,
    topics.REQUEST_CLOSED,
    topics.SATISFACTION_RECORDED,
}


def test_it_keeps_client_replicas_and_a_timeline_as_idempotent_consumers():
    app = create_app(CrmSettings(**unstarted_settings()))
    subscribers = {s.group_id: s for s in app.state.runtime.broker.subscribers}
    assert set(subscribers) == {"crm", "crm.timeline"}
    assert set(subscribers["crm"].topic_names) == set(topics.CLIENT_EVENTS)
    assert set(subscribers["crm.timeline"].topic_names) == FOREIGN
    for subscriber in subscribers.values():
        # Offsets are committed only after the handler's transaction, never on receipt.
        assert subscriber.ack_policy is AckPolicy.MANUAL
    assert app.state.runtime.relay is not None
    assert app.state.runtime.topics == PRODUCED | FOREIGN | set(topics.CLIENT_EVENTS)


def test_the_asyncapi_document_lists_what_crm_publishes_and_consumes():
    app = create_app(CrmSettings(**unstarted_settings()))
    from faststream.specification import AsyncAPI

    spec = AsyncAPI(app.state.runtime.broker, title="crm").to_specification().to_jsonable()
    text = str(spec["channels"])
    for topic in PRODUCED | FOREIGN:
        assert topic in text, topic


def test_routes():
    paths = create_app(CrmSettings(**unstarted_settings())).openapi()["paths"]
    for path in (
        "/v1/interactions",
        "/v1/requests/{request_id}/status",
        "/v1/crm/sla-policy",
        "/v1/surveys",
        "/v1/public/surveys/{link_token}",
        "/v1/follow-ups/agenda",
        "/v1/inbound/{tenant_id}/{provider}",
        "/v1/crm/inbound-secret",
        "/v1/crm/triage",
        "/v1/clients/{client_id}/timeline",
        "/v1/client-replicas/{client_id}",
    ):
        assert path in paths, path
