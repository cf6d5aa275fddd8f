"""The analytics service's consumers: its own groups, offsets committed after the transaction."""

from faststream import AckPolicy

from cartera_analytics import facts
from cartera_analytics.main import create_app
from cartera_shared.events import topics
from cartera_shared.settings import ServiceSettings
from cartera_shared.testing import unstarted_settings


def test_it_keeps_client_replicas_and_projects_every_other_topic():
    app = create_app(ServiceSettings(**unstarted_settings()))
    subscribers = {s.group_id: s for s in app.state.runtime.broker.subscribers}
    assert len(subscribers) == 4
    replica = subscribers["analytics"]
    assert set(replica.topic_names) == set(topics.CLIENT_EVENTS)
    assert replica.group_id == "analytics"
    models = subscribers["analytics.read-models"]
    assert set(models.topic_names) == set(facts.READ_MODEL_TOPICS)
    assert {
        topics.INVOICE_ISSUED,
        topics.INVOICE_RECTIFIED,
        topics.PAYMENT_RECORDED,
        topics.PAYMENT_REVERSED,
        topics.SATISFACTION_RECORDED,
        topics.REQUEST_OPENED,
        topics.REQUEST_CLOSED,
        topics.INTERACTION_LOGGED,
    } <= set(models.topic_names)
    assert models.group_id == "analytics.read-models"
    # Expiring certificates become alerts, in a group of their own (no rebuild replays them).
    certificates = subscribers["analytics.certificates"]
    assert set(certificates.topic_names) == {topics.CERTIFICATE_EXPIRING}
    assert topics.CERTIFICATE_EXPIRING not in models.topic_names
    # Collections' dunning holds, for the cash forecast: state kept by a group of its own.
    holds = subscribers["analytics.dunning-holds"]
    assert set(holds.topic_names) == {topics.DUNNING_HOLD_CHANGED}
    assert topics.DUNNING_HOLD_CHANGED not in models.topic_names
    for subscriber in (replica, models, certificates, holds):
        # Offsets are committed only after the handler's transaction, never on receipt.
        assert subscriber.ack_policy is AckPolicy.MANUAL
    assert topics.ALERT_RAISED in app.state.runtime.topics
    paths = app.openapi()["paths"]
    for path in (
        "/v1/analytics/portfolio",
        "/v1/analytics/evolution",
        "/v1/analytics/revenue-bridge",
        "/v1/analytics/payment-behaviour",
        "/v1/analytics/cash-forecast",
        "/v1/analytics/satisfaction",
        "/v1/analytics/clients-at-risk",
        "/v1/analytics/late-payment-risk",
        "/v1/analytics/modelo-347",
        "/v1/analytics/alerts",
        "/v1/analytics/settings",
        "/v1/analytics/tax-summary",
        "/v1/exports/accounting",
        "/v1/exports/accounting/accounts",
        "/v1/client-replicas/{client_id}",
    ):
        assert path in paths, path


def test_every_analytics_operation_declares_a_typed_answer_with_an_example_and_its_errors():
    document = create_app(ServiceSettings(**unstarted_settings())).openapi()
    schemas = document["components"]["schemas"]
    operations = [
        (method, path, operation)
        for path, methods in document["paths"].items()
        if path.startswith("/v1/analytics/")
        for method, operation in methods.items()
    ]
    assert len(operations) == 13
    for method, path, operation in operations:
        where = f"{method.upper()} {path}"
        assert operation["tags"] == ["analytics"], where
        assert operation.get("description"), where
        json_answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
        name = json_answer["$ref"].removeprefix("#/components/schemas/")
        assert schemas[name].get("examples"), f"{where}: {name} has no example"
        assert {"401", "403", "422", "429", "503"} <= set(operation["responses"]), where
        body = operation.get("requestBody")
        if body is not None:
            ref = body["content"]["application/json"]["schema"]["$ref"]
            assert schemas[ref.rsplit("/", 1)[1]].get("examples"), f"{where}: request example"
    # Readable operation ids, one per route function.
    assert {op["operationId"] for _, _, op in operations} == {
        "get_portfolio",
        "get_billing_evolution",
        "get_revenue_bridge",
        "get_analytics_payment_behaviour",
        "get_cash_forecast",
        "get_satisfaction",
        "list_clients_at_risk",
        "get_late_payment_risk",
        "get_modelo_347",
        "list_alerts",
        "get_analytics_settings",
        "set_analytics_settings",
        "get_tax_summary",
    }
    csv = document["paths"]["/v1/analytics/modelo-347"]["get"]["responses"]["200"]["content"]
    assert csv["text/csv"]["schema"] == {"type": "string", "format": "binary"}


def test_the_export_operations_are_downloads_and_typed_mapping_answers():
    document = create_app(ServiceSettings(**unstarted_settings())).openapi()
    export = document["paths"]["/v1/exports/accounting"]["get"]
    assert export["tags"] == ["exports"]
    content = export["responses"]["200"]["content"]
    assert {"text/csv", "application/octet-stream", "text/plain"} <= set(content)
    assert {p["name"] for p in export["parameters"]} == {"format", "from", "to"}
    accounts = document["paths"]["/v1/exports/accounting/accounts"]
    for method in ("get", "put"):
        schema = accounts[method]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/AccountMappingAnswer")
        assert {"401", "403", "422"} <= set(accounts[method]["responses"])
