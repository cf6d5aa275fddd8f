"""What partners read about events, generated from the shared contracts (cartera_shared.events
.registry) and from the webhook code itself (cartera_gateway.webhooks, GatewaySettings):

- `webhooks_document()`: the AsyncAPI 3 document of the webhooks a subscription receives, served
  at WEBHOOKS_ASYNCAPI_PATH and written to docs/api/webhooks.asyncapi.json: every event type with
  its typed payload, the headers, the signature scheme, the retry schedule and the disable rule;
- `catalogue()`: the event catalogue (docs/partners/events.md).

The numbers are read from the code (the settings' defaults, DeliveryPolicy, the backoff formula),
and tests check the scheme against `webhooks.sign` and a real delivery attempt, so the documents
cannot drift from what the gateway does.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter

from cartera_gateway.settings import GatewaySettings
from cartera_gateway.webhooks import delivery
from cartera_gateway.webhooks.service import EVENT_TYPES
from cartera_shared.events.asyncapi import (
    component_schemas,
    example_envelope,
    message_for,
)
from cartera_shared.events.base import DECIMAL_PATTERN
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.registry import CONTRACTS, EventContract

WEBHOOKS_ASYNCAPI_PATH = "/v1/webhooks/asyncapi.json"
router = APIRouter(tags=["docs"])

# What receivers should accept (the gateway signs with the time of each attempt; it cannot
# enforce this, the receiver does).
SIGNATURE_TOLERANCE_SECONDS = 300
# The example signature in the documents, made by the documented recipe (not by delivery.sign:
# a test compares the two).
EXAMPLE_SECRET = "whsec_3q2-7wEXAMPLEu9Zx0kQmJcT4bYlR1sVnD8aHfPo6Ug"
EXAMPLE_TIMESTAMP = 1772445603


@dataclass(frozen=True)
class RetryRules:
    """The delivery rules as the gateway runs them with its default settings."""

    base_backoff_seconds: float
    max_backoff_seconds: float
    max_attempts: int
    disable_after_failures: int
    timeout_seconds: float

    def windows(self) -> list[tuple[int, float, float]]:
        """(failed attempt, shortest wait, longest wait) before the next attempt, as
        delivery.backoff draws it: uniform between half the ceiling and the ceiling."""
        rows = []
        for attempt in range(1, self.max_attempts):
            ceiling = min(
                self.max_backoff_seconds, self.base_backoff_seconds * 2.0 ** (attempt - 1)
            )
            rows.append((attempt, ceiling / 2, ceiling))
        return rows


def retry_rules() -> RetryRules:
    fields = GatewaySettings.model_fields
    policy = delivery.DeliveryPolicy(allow_private=False)
    return RetryRules(
        base_backoff_seconds=float(fields["webhook_backoff_seconds"].default),
        max_backoff_seconds=policy.max_backoff_seconds,
        max_attempts=int(fields["webhook_max_attempts"].default),
        disable_after_failures=int(fields["webhook_disable_after"].default),
        timeout_seconds=policy.timeout_seconds,
    )


def webhook_contracts() -> list[EventContract]:
    """The contracts of every event type a subscription can ask for, by name."""
    missing = sorted(set(EVENT_TYPES) - set(CONTRACTS))
    if missing:
        raise LookupError(f"webhook event types without a contract: {missing}")
    return [CONTRACTS[t] for t in sorted(EVENT_TYPES)]


def delivery_body(envelope: dict[str, Any]) -> bytes:
    """The bytes a delivery carries, as delivery._attempt writes them: compact JSON, ASCII."""
    return json.dumps(envelope, separators=(",", ":")).encode()


def documented_signature(secret: str, timestamp: int, body: bytes) -> str:
    """The documented recipe: HMAC-SHA256, key the whole secret (UTF-8), over
    "<timestamp>.<raw body>", hex, prefixed with v1=."""
    message = str(timestamp).encode() + b"." + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _seconds(value: float) -> str:
    if value >= 3600 and value % 3600 == 0:
        return f"{value / 3600:g} h"
    if value >= 60 and value % 60 == 0:
        return f"{value / 60:g} min"
    return f"{value:g} s"


HEADERS: dict[str, dict[str, Any]] = {
    "Content-Type": {"type": "string", "const": "application/json"},
    "User-Agent": {"type": "string", "const": "Cartera-Webhooks/1"},
    "Cartera-Event-Id": {
        "type": "string",
        "format": "uuid",
        "description": "The event's id (the body's `id`): deduplicate on it; delivery is at "
        "least once.",
    },
    "Cartera-Event-Type": {
        "type": "string",
        "description": "The event type (the body's `type`).",
    },
    "Cartera-Delivery-Id": {
        "type": "string",
        "format": "uuid",
        "description": "This delivery (the same for its retries); GET "
        "/v1/webhooks/{id}/deliveries lists it.",
    },
    "Cartera-Timestamp": {
        "type": "string",
        "pattern": "^[0-9]+$",
        "description": "Unix seconds when this attempt was signed (each retry signs anew).",
    },
    "Cartera-Mode": {
        "type": "string",
        "enum": ["live", "test"],
        "description": "`test` for an event of the tenant's sandbox (made with a test API key; "
        'the body says `"test": true` too), else `live`.',
    },
    delivery.SIGNATURE_HEADER: {
        "type": "string",
        "pattern": "^v1=[0-9a-f]{64}$",
        "description": "v1=<hex HMAC-SHA256 of '<Cartera-Timestamp>.<raw body>' keyed with the "
        "subscription's whole secret>.",
    },
}


def signature_text() -> str:
    return (
        f"Every delivery is signed. `{delivery.SIGNATURE_HEADER}: v1=<hex>` is the HMAC-SHA256, "
        "keyed with the subscription's whole secret (the `whsec_...` string, UTF-8, prefix "
        "included), of the `Cartera-Timestamp` header's value, a dot, and the raw body bytes: "
        '`HMAC_SHA256(secret, "{timestamp}.{body}")`, in lower-case hex. To verify: read the '
        "raw body (do not re-serialize the JSON: the body is compact, non-ASCII characters are "
        "escaped as \\uXXXX), recompute the HMAC, compare in constant time, and refuse a "
        f"timestamp more than {SIGNATURE_TOLERANCE_SECONDS} seconds away from your clock. "
        "The secret is shown once, in the answer to POST /v1/webhooks."
    )


def retry_text(rules: RetryRules) -> str:
    waits = ", ".join(f"{_seconds(low)} to {_seconds(high)}" for _, low, high in rules.windows())
    return (
        "A delivery is a POST; an answer 2xx within "
        f"{_seconds(rules.timeout_seconds)} delivers it. Anything else (another status, "
        "redirects included, which are never followed; a timeout; a refused connection or TLS "
        "failure; an address that is not public) is a failed attempt, retried up to "
        f"{rules.max_attempts} attempts in all. The "
        "wait after failed attempt n is drawn at random between half and all of "
        f"min({_seconds(rules.max_backoff_seconds)}, {_seconds(rules.base_backoff_seconds)} * "
        f"2^(n-1)): after attempts 1 to {rules.max_attempts - 1}: {waits}. While retries "
        "remain the delivery is `retrying`, with `last_status_code`/`last_error`; after the "
        f"last it is `failed`. POST /v1/webhooks/{{id}}/deliveries/{{delivery_id}}/redeliver "
        "sends it again at once, with its attempts counted from zero."
    )


def disable_text(rules: RetryRules) -> str:
    return (
        f"After {rules.disable_after_failures} failed attempts in a row for one subscription "
        "(across its deliveries; any delivered one resets the count) the subscription is "
        "disabled (`active` false, `disabled_reason` says why) and its pending deliveries are "
        "failed. PATCH /v1/webhooks/{id} with `active: true` re-enables it."
    )


def _example_headers(contract: EventContract, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": "Cartera-Webhooks/1",
        "Cartera-Event-Id": example_envelope(contract)["id"],
        "Cartera-Event-Type": contract.topic,
        "Cartera-Delivery-Id": "0e5d1b2a-6c3f-4a8e-9b7d-1f2e3d4c5b6a",
        "Cartera-Timestamp": str(EXAMPLE_TIMESTAMP),
        "Cartera-Mode": "live",
        delivery.SIGNATURE_HEADER: documented_signature(EXAMPLE_SECRET, EXAMPLE_TIMESTAMP, body),
    }


def webhooks_document() -> dict[str, Any]:
    """The AsyncAPI 3 document of the webhooks partners receive."""
    rules = retry_rules()
    contracts = webhook_contracts()
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for contract in contracts:
        body = delivery_body(example_envelope(contract))
        messages[contract.topic] = {
            **message_for(contract),
            "headers": {"$ref": "#/components/schemas/DeliveryHeaders"},
            "examples": [
                {
                    "name": contract.topic,
                    "headers": _example_headers(contract, body),
                    "payload": example_envelope(contract),
                }
            ],
            "bindings": {"http": {"bindingVersion": "0.3.0"}},
        }
        channels[contract.topic] = {
            "address": None,
            "title": contract.topic,
            "summary": contract.summary,
            "description": "POSTed to the URL of every active subscription of the tenant whose "
            f"`event_types` holds `{contract.topic}` or `*`.",
            "messages": {"event": {"$ref": f"#/components/messages/{contract.topic}"}},
        }
        operations["send" + contract.title.removesuffix("Event")] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{_escape(contract.topic)}"},
            "summary": f"Cartera POSTs `{contract.topic}` to the subscribed URL.",
            "messages": [{"$ref": f"#/channels/{_escape(contract.topic)}/messages/event"}],
            "bindings": {"http": {"method": "POST", "bindingVersion": "0.3.0"}},
        }
    schemas = component_schemas(contracts)
    schemas["DeliveryHeaders"] = {
        "type": "object",
        "description": "The headers of every delivery.",
        "required": sorted(HEADERS),
        "properties": HEADERS,
    }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Cartera webhooks",
            "version": "1",
            "description": "\n\n".join(
                [
                    "The events a webhook subscription (POST /v1/webhooks) receives: one POST "
                    "per event to the subscription's URL, with the event envelope as its JSON "
                    "body. `data` depends on the event type; fields may be added to any "
                    "payload without notice (ignore the ones you do not know), a breaking "
                    "change comes as a new `version`. A subscription receives the events that "
                    "happen after it was made, at least once and in no guaranteed order "
                    "across types.",
                    "## Signature\n\n" + signature_text(),
                    "## Retries\n\n" + retry_text(rules),
                    "## Disabling\n\n" + disable_text(rules),
                ]
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "subscriber": {
                "host": "{host}",
                "pathname": "{path}",
                "protocol": "https",
                "description": "Your endpoint: the subscription's `url` (public https only).",
                "variables": {
                    "host": {"description": "The host of the subscription's url."},
                    "path": {"description": "The path of the subscription's url."},
                },
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages, "schemas": schemas},
        "x-cartera-signature": {
            "header": delivery.SIGNATURE_HEADER,
            "algorithm": "HMAC-SHA256",
            "key": "the subscription's secret, whole, UTF-8",
            "signed": "{Cartera-Timestamp}.{raw body}",
            "format": "v1=<lower-case hex>",
            "tolerance_seconds": SIGNATURE_TOLERANCE_SECONDS,
            "example": {
                "secret": EXAMPLE_SECRET,
                "timestamp": EXAMPLE_TIMESTAMP,
                "body": delivery_body(example_envelope(CONTRACTS["invoice.issued"])).decode(),
                "signature": documented_signature(
                    EXAMPLE_SECRET,
                    EXAMPLE_TIMESTAMP,
                    delivery_body(example_envelope(CONTRACTS["invoice.issued"])),
                ),
            },
        },
        "x-cartera-retries": {
            "timeout_seconds": rules.timeout_seconds,
            "max_attempts": rules.max_attempts,
            "base_backoff_seconds": rules.base_backoff_seconds,
            "max_backoff_seconds": rules.max_backoff_seconds,
            "jitter": "uniform between half and all of the capped exponential wait",
            "waits_after_attempt": [
                {"attempt": n, "min_seconds": low, "max_seconds": high}
                for n, low, high in rules.windows()
            ],
        },
        "x-cartera-disable": {"after_consecutive_failed_attempts": rules.disable_after_failures},
    }


def _escape(name: str) -> str:
    """A JSON pointer segment (RFC 6901): event types have no ~ or /, but be exact."""
    return name.replace("~", "~0").replace("/", "~1")


@router.get(WEBHOOKS_ASYNCAPI_PATH, include_in_schema=False)
async def webhooks_asyncapi() -> dict[str, Any]:
    """The AsyncAPI document of the webhooks partners receive."""
    return webhooks_document()


# ------------------------------------------------------------------ the event catalogue


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type_of(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if kind == "string" and schema.get("format"):
        return str(schema["format"])
    if kind == "string" and schema.get("pattern") == DECIMAL_PATTERN:
        return "decimal string"
    if kind == "null":
        return "null"
    return str(kind)


def _fields_table(model_schema: dict[str, Any]) -> list[str]:
    required = set(model_schema.get("required", []))
    rows = ["| field | type | required | description |", "|---|---|---|---|"]
    for name, prop in model_schema.get("properties", {}).items():
        description = " ".join(str(prop.get("description", "")).split()).replace("|", "\\|")
        rows.append(
            f"| `{name}` | {_type_of(prop)} | {'yes' if name in required else ''} | {description} |"
        )
    return rows


def catalogue() -> str:
    """The event catalogue, in Markdown."""
    rules = retry_rules()
    contracts = sorted(CONTRACTS.values(), key=lambda c: c.topic)
    schemas = component_schemas(contracts)
    lines = [
        "# Event catalogue",
        "",
        "<!-- Generated by `python -m cartera_gateway.export_docs docs/api` from",
        "cartera_shared/events/registry.py; do not edit by hand (a test compares). -->",
        "",
        "Every event travels in one envelope (`id`, `type`, `version`, `tenant_id`, "
        "`occurred_at`, `producer`, `subject`, `sequence`, `trace_id`, `data`); `data` is what "
        'each type below describes. Decimals are strings (`"121.00"`), days are `YYYY-MM-DD`, '
        "moments ISO 8601 with an offset. Readers must ignore fields they do not know: fields "
        "are added without a new version; a breaking change is a new `version`.",
        "",
        f"Webhooks: the machine-readable description is `{WEBHOOKS_ASYNCAPI_PATH}` "
        "(docs/api/webhooks.asyncapi.json); the internal bus is `/v1/asyncapi.json`.",
        "",
        "## Webhook deliveries",
        "",
        signature_text(),
        "",
        retry_text(rules),
        "",
        disable_text(rules),
        "",
        "Headers of every delivery:",
        "",
        "| header | value |",
        "|---|---|",
    ]
    for header, schema in HEADERS.items():
        value = schema.get("const") or " ".join(str(schema.get("description", "")).split())
        lines.append(f"| `{header}` | {value} |")
    lines += ["", "## The envelope", ""]
    lines += _fields_table(Envelope.model_json_schema())
    lines += [
        "",
        "## Event types",
        "",
        "| type | version | producer | webhook | subject | summary |",
        "|---|---|---|---|---|---|",
    ]
    for c in contracts:
        lines.append(
            f"| [`{c.topic}`](#{c.topic.replace('.', '')}) | {c.version} | {c.producer} | "
            f"{'yes' if c.webhook and c.topic in EVENT_TYPES else 'no'} | "
            f"`data.{c.subject}` | {c.summary} |"
        )
    shown: set[str] = set()
    for c in contracts:
        model = c.model.__name__
        lines += ["", f"### {c.topic}", "", schemas[c.title]["description"], ""]
        lines += [f"Envelope `version` {c.version}; `data` is `{model}`:", ""]
        lines += _fields_table(schemas[model])
        lines += [
            "",
            "Example `data`:",
            "",
            "```json",
            json.dumps(schemas[c.title]["examples"][0]["data"], indent=2, ensure_ascii=False),
            "```",
        ]
        shown.add(model)
    nested = sorted(
        name
        for name, schema in schemas.items()
        if name not in shown and not name.endswith("Event") and "properties" in schema
    )
    lines += ["", "## Shared parts", ""]
    for name in nested:
        description = " ".join(str(schemas[name].get("description", "")).split())
        lines += [f"### {name}", ""]
        if description:
            lines += [description, ""]
        lines += _fields_table(schemas[name])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


__all__ = [
    "WEBHOOKS_ASYNCAPI_PATH",
    "catalogue",
    "retry_rules",
    "router",
    "webhook_contracts",
    "webhooks_document",
]
