"""OpenTelemetry traces, optional: spans are exported only when OTEL_EXPORTER_OTLP_ENDPOINT (or
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; without it nothing is recorded and the services'
trace context works exactly as before (tracing.py).

The spans continue the W3C trace context the services already carry: an HTTP request's server
span is the child of the caller's `traceparent`, its span id becomes the parent written into the
`traceparent` of the events the request publishes (outbox headers), and a consumer's span is the
child of that header, so one trace follows a request through the gateway, the services and Kafka.
The exporter is the OTLP/HTTP one; the standard OTEL_* variables (headers, timeout, sampler,
resource attributes) apply as the SDK defines them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.trace import NonRecordingSpan, Span, SpanContext, SpanKind, TraceFlags

from cartera_shared.tracing import TRACEPARENT, parse_traceparent

ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")

_provider: TracerProvider | None = None


def endpoint_configured() -> bool:
    return any(os.environ.get(name) for name in ENDPOINT_VARIABLES)


def configure(service: str, exporter: SpanExporter | None = None) -> bool:
    """Start exporting this process's spans (once); returns whether tracing is on.

    `exporter` replaces the OTLP exporter (tests pass an in-memory one)."""
    global _provider
    if _provider is not None:
        return True
    if exporter is None:
        if not endpoint_configured():
            return False
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter()
    name = os.environ.get("OTEL_SERVICE_NAME") or f"cartera-{service}"
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    _provider = provider
    return True


def enabled() -> bool:
    return _provider is not None


def flush() -> None:
    """Export what is pending (on service stop)."""
    if _provider is not None:
        _provider.force_flush()


def shutdown() -> None:
    """Flush what is pending (on process stop)."""
    global _provider
    if _provider is not None:
        _provider.shutdown()
        _provider = None


@contextlib.contextmanager
def span(
    name: str,
    *,
    kind: SpanKind,
    parent: tuple[str, str] | None,
    attributes: dict[str, str | int] | None = None,
) -> Iterator[Span | None]:
    """A span, child of `parent` (trace id, span id) or the root of a new trace. Yields None
    when tracing is off."""
    if _provider is None:
        yield None
        return
    if parent is None:
        context = Context()  # a new trace, whatever span is current
    else:
        remote = SpanContext(
            trace_id=int(parent[0], 16),
            span_id=int(parent[1], 16),
            is_remote=True,
            trace_flags=TraceFlags(TraceFlags.SAMPLED),
        )
        context = trace.set_span_in_context(NonRecordingSpan(remote))
    tracer = _provider.get_tracer("cartera")
    with tracer.start_as_current_span(
        name, context=context, kind=kind, attributes=attributes or {}
    ) as current:
        yield current


def trace_id_of(current: Span | None) -> str | None:
    if current is None:
        return None
    return f"{current.get_span_context().trace_id:032x}"


def span_id_of(current: Span | None) -> str | None:
    if current is None:
        return None
    return f"{current.get_span_context().span_id:016x}"


def message_parent(headers: Sequence[tuple[str, bytes]] | None) -> tuple[str, str] | None:
    """(trace id, parent span id) from a Kafka message's `traceparent` header."""
    for key, value in headers or ():
        if key == TRACEPARENT:
            return parse_traceparent(bytes(value).decode(errors="replace"))
    return None
