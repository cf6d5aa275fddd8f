"""Every running service exposes the operations metrics at /metrics with sane values: HTTP
latency by route template, consumer lag of its own groups, outbox backlog and the age of its
oldest row, DLQ sizes and job runs."""

from __future__ import annotations

import re
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from .flow import eventually, issue, new_client, open_books, pay, receivable

SERVICES = ("clients", "invoicing", "collections", "crm", "analytics", "gateway")
EVERYWHERE = (
    "cartera_http_request_duration_seconds",
    "cartera_job_runs",
    "cartera_outbox_backlog",
    "cartera_outbox_oldest_age_seconds",
    "cartera_kafka_consumer_lag",
    "cartera_dlq_size",
)
# Consumer groups by service (grep group_id= in services; client replicas use the service name).
GROUPS = {
    "clients": set(),
    "invoicing": {"invoicing"},
    "collections": {"collections", "collections.receivables"},
    "crm": {"crm", "crm.timeline"},
    "analytics": {
        "analytics",
        "analytics.read-models",
        "analytics.certificates",
        "analytics.dunning-holds",
    },
    "gateway": {"gateway.webhooks"},
}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


async def scrape(url: str, token: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.get(f"{url}/metrics", headers=headers)
    assert answer.status_code == 200, answer.text
    return {f.name: f for f in text_string_to_metric_families(answer.text)}


def scraper(stack: Any) -> Any:
    """Scrapes a service as Prometheus does: the gateway, which faces the Internet, with the
    metrics token; the services behind it on the internal network without one."""

    async def scrape_service(service: str) -> dict[str, Any]:
        token = stack.secrets["CARTERA_GATEWAY_METRICS_TOKEN"] if service == "gateway" else None
        return await scrape(stack.urls[service], token)

    return scrape_service


async def test_the_gateway_metrics_are_for_the_metrics_token_only(stack):
    async with httpx.AsyncClient(timeout=10) as client:
        for headers in (
            {},
            {"Authorization": f"Bearer {stack.admin_token}"},
            {"Authorization": f"Bearer {stack.secrets['CARTERA_GATEWAY_METRICS_TOKEN']}x"},
        ):
            answer = await client.get(f"{stack.gateway}/metrics", headers=headers)
            assert answer.status_code == 401, headers.keys()
            assert "cartera_" not in answer.text
    assert "cartera_http_request_duration_seconds" in await scraper(stack)("gateway")


def samples(families: dict[str, Any], name: str, suffix: str = "") -> list[Any]:
    return [s for s in families[name].samples if s.name == name + suffix]


async def test_every_service_exposes_the_operations_metrics(stack, tenant):
    metrics_of = scraper(stack)
    await open_books(tenant)
    client = await new_client(tenant, "Ferretería Metrics S.L.")
    invoice = await issue(tenant, client["id"], "250.00")
    await receivable(tenant, invoice["id"])
    await pay(tenant, invoice["id"], "100.00")

    for service in SERVICES:
        families = await metrics_of(service)
        missing = [name for name in EVERYWHERE if name not in families]
        assert not missing, f"{service} lacks {missing}"

    # Everything published: every relay's backlog returns to 0 and its oldest row is no age.
    async def relays_drained() -> bool:
        for service in SERVICES:
            families = await metrics_of(service)
            for sample in samples(families, "cartera_outbox_backlog"):
                if sample.value != 0:
                    return False
            for sample in samples(families, "cartera_outbox_oldest_age_seconds"):
                if sample.value != 0:
                    return False
        return True

    await eventually(relays_drained, timeout=30, interval=0.5)
    families = await metrics_of("collections")
    assert [s.labels["service"] for s in samples(families, "cartera_outbox_backlog")] == [
        "collections"
    ]

    # Lag of each service's own groups, per topic and partition; consumed to 0 once quiet.
    async def lag_measured_and_caught_up() -> bool:
        for service, groups in GROUPS.items():
            lag = samples(await metrics_of(service), "cartera_kafka_consumer_lag")
            if {s.labels["group"] for s in lag} != groups:
                return False
            if service != "gateway" and any(s.value != 0 for s in lag):
                return False
        return True

    await eventually(lag_measured_and_caught_up, timeout=60, interval=0.5)
    lag = samples(await metrics_of("collections"), "cartera_kafka_consumer_lag")
    receivables = {
        (s.labels["topic"], s.labels["partition"])
        for s in lag
        if s.labels["group"] == "collections.receivables"
    }
    assert {t for t, _ in receivables} == {
        "invoice.issued",
        "invoice.rectified",
        "invoice.cancelled",
    }
    assert {p for _, p in receivables} == {"0", "1", "2"}

    # DLQ sizes for the dead-letter topic of every consumed topic; none is negative.
    for service, groups in GROUPS.items():
        dlq = samples(await metrics_of(service), "cartera_dlq_size")
        topics = {s.labels["topic"] for s in dlq}
        assert bool(topics) == bool(groups), service
        assert all(t.endswith(".dlq") for t in topics)
        assert all(s.value >= 0 for s in dlq)
    collections_dlq = samples(await metrics_of("collections"), "cartera_dlq_size")
    assert "invoice.issued.dlq" in {s.labels["topic"] for s in collections_dlq}

    # HTTP latency by route template: the issue call is one series, whatever the invoice (the
    # gateway forwards it through its proxy route; invoicing serves it by its own template).
    expected = {
        "gateway": "/v1/{resource}/{rest:path}",
        "invoicing": "/v1/invoices/{invoice_id}/issue",
    }
    for service, template in expected.items():
        latency = samples(
            await metrics_of(service), "cartera_http_request_duration_seconds", "_count"
        )
        routes = {s.labels["route"] for s in latency}
        assert not [r for r in routes if UUID.search(r)], routes
        assert template in routes, routes

    # Job runs: the collections jobs ran (or were skipped by another replica) since start.
    async def jobs_counted() -> bool:
        families = await metrics_of("collections")
        return bool(samples(families, "cartera_job_runs", "_total"))

    await eventually(jobs_counted, timeout=30, interval=0.5)
