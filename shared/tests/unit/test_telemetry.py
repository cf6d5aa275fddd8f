"""OpenTelemetry is optional: off without an endpoint (nothing recorded, the trace context works
as before); on, the HTTP server span continues the caller's traceparent, is named by route
template, and is the parent propagated onwards; a consumer span is the child of its message's
traceparent header."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from cartera_shared import telemetry
from cartera_shared.app_factory import create_service_app
from cartera_shared.settings import ServiceSettings
from cartera_shared.testing import secret_settings
from cartera_shared.tracing import span_id_var

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER = "00f067aa0ba902b7"


def app_with_route(name: str) -> TestClient:
    router = APIRouter()

    @router.get("/v1/things/{thing_id}")
    async def thing(thing_id: str) -> dict[str, str | None]:
        return {"span_id": span_id_var.get()}

    app = create_service_app(
        name=name,
        schema=name,
        settings=ServiceSettings(
            CARTERA_DATABASE_URL="postgresql+asyncpg://u@127.0.0.1/db", **secret_settings()
        ),
        routers=[router],
    )
    return TestClient(app)  # no lifespan: no database or broker needed for these routes


@pytest.fixture
def exported(monkeypatch) -> Iterator[InMemorySpanExporter]:
    telemetry.shutdown()
    exporter = InMemorySpanExporter()
    assert telemetry.configure("otel-test", exporter=exporter)
    yield exporter
    telemetry.shutdown()


def test_without_an_endpoint_nothing_is_recorded_and_the_context_still_flows(monkeypatch):
    telemetry.shutdown()
    for name in telemetry.ENDPOINT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert telemetry.configure("otel-off") is False
    assert not telemetry.enabled()
    client = app_with_route("otel-off")
    answer = client.get("/v1/things/1", headers={"traceparent": f"00-{TRACE}-{CALLER}-01"})
    assert answer.headers["X-Trace-ID"] == TRACE
    assert len(answer.json()["span_id"]) == 16


def test_the_server_span_continues_the_callers_trace(exported):
    client = app_with_route("otel-on")
    answer = client.get("/v1/things/42", headers={"traceparent": f"00-{TRACE}-{CALLER}-01"})
    assert answer.status_code == 200
    assert answer.headers["X-Trace-ID"] == TRACE
    telemetry.flush()
    (span,) = exported.get_finished_spans()
    assert span.name == "GET /v1/things/{thing_id}"
    assert span.kind == SpanKind.SERVER
    assert f"{span.context.trace_id:032x}" == TRACE
    assert f"{span.parent.span_id:016x}" == CALLER
    assert span.attributes["http.route"] == "/v1/things/{thing_id}"
    assert span.attributes["http.response.status_code"] == 200
    # What the request publishes names this span as its parent.
    assert answer.json()["span_id"] == f"{span.context.span_id:016x}"
    assert span.resource.attributes["service.name"] == "cartera-otel-test"


def test_a_request_without_traceparent_starts_a_trace_of_its_own(exported):
    answer = app_with_route("otel-root").get("/v1/things/7")
    telemetry.flush()
    (span,) = exported.get_finished_spans()
    assert span.parent is None
    assert answer.headers["X-Trace-ID"] == f"{span.context.trace_id:032x}"


def test_a_consumer_span_is_the_child_of_the_message_header(exported):
    headers = [("event_id", b"x"), ("traceparent", f"00-{TRACE}-{CALLER}-01".encode())]
    with telemetry.span(
        "invoice.issued process", kind=SpanKind.CONSUMER, parent=telemetry.message_parent(headers)
    ) as current:
        assert current is not None
    telemetry.flush()
    (span,) = exported.get_finished_spans()
    assert f"{span.context.trace_id:032x}" == TRACE
    assert f"{span.parent.span_id:016x}" == CALLER
    assert telemetry.message_parent([("event_id", b"x")]) is None
