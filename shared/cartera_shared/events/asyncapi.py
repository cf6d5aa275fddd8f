"""AsyncAPI pieces generated from the contracts (registry.py): the typed envelope of each topic
and its data's schema, and the rewrite that puts them into a FastStream-generated document.

FastStream describes each channel's message with the payload its Python signature declares: a
bare `Envelope` for what a service publishes, nothing for what it consumes (the consumers read
raw bytes). `typed_bus_document` replaces both with the topic's typed envelope, by the channel's
address (the topic), so a channel nobody wrote a contract for keeps what FastStream said.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from cartera_shared.events.envelope import Envelope
from cartera_shared.events.registry import CONTRACTS, EventContract

REF = "#/components/schemas/{model}"
EXAMPLE_TENANT = "3f2e1d0c-9b8a-4766-8544-332211009988"


def data_schemas(contracts: list[EventContract]) -> dict[str, Any]:
    """The JSON schemas of the contracts' data models and of every model they use, by name."""
    models: list[type[BaseModel]] = list(dict.fromkeys(c.model for c in contracts))
    _, defs = models_json_schema([(m, "validation") for m in models], ref_template=REF)
    found: dict[str, Any] = dict(defs.get("$defs", {}))
    return found


def example_data(contract: EventContract) -> dict[str, Any]:
    """The model's first example, in the order it was written (its JSON schema sorts keys)."""
    extra = contract.model.model_config.get("json_schema_extra")
    examples = extra.get("examples") if isinstance(extra, dict) else None
    if not isinstance(examples, list) or not examples:
        raise LookupError(f"the contract of {contract.topic} has no example")
    first = examples[0]
    if not isinstance(first, dict):
        raise LookupError(f"the example of {contract.topic} is not an object")
    return dict(first)


def example_envelope(contract: EventContract) -> dict[str, Any]:
    return {
        "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "type": contract.topic,
        "version": contract.version,
        "tenant_id": EXAMPLE_TENANT,
        "occurred_at": "2026-03-02T10:00:00.123456Z",
        "producer": contract.producer,
        "subject": str(example_data(contract).get(contract.subject, "")),
        "sequence": 1,
        "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
        "data": example_data(contract),
    }


def envelope_schema(contract: EventContract) -> dict[str, Any]:
    """The envelope of one topic: `type` and `version` fixed, `data` its contract's model."""
    base = Envelope.model_json_schema()
    properties = dict(base["properties"])
    properties["type"] = {**properties["type"], "const": contract.topic}
    properties["version"] = {**properties["version"], "const": contract.version}
    properties["data"] = {
        "$ref": REF.format(model=contract.model.__name__),
        "description": properties["data"].get("description", ""),
    }
    return {
        "title": contract.title,
        "type": "object",
        "description": _doc(contract.model) or contract.summary,
        "properties": properties,
        "required": list(base.get("required", [])),
        "examples": [example_envelope(contract)],
    }


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def component_schemas(contracts: list[EventContract]) -> dict[str, Any]:
    """Everything a document needs under components/schemas for these contracts."""
    schemas = data_schemas(contracts)
    for contract in contracts:
        schemas[contract.title] = envelope_schema(contract)
    return schemas


def message_for(contract: EventContract) -> dict[str, Any]:
    return {
        "name": contract.topic,
        "title": contract.topic,
        "summary": contract.summary,
        "contentType": "application/json",
        "payload": {"$ref": REF.format(model=contract.title)},
    }


def typed_bus_document(document: dict[str, Any]) -> dict[str, Any]:
    """The FastStream-generated document with each known topic's message typed (a copy).

    Idempotent: a document already typed comes back the same."""
    typed = copy.deepcopy(document)
    components = typed.setdefault("components", {})
    messages = components.setdefault("messages", {})
    used: dict[str, EventContract] = {}
    for channel in typed.get("channels", {}).values():
        contract = CONTRACTS.get(channel.get("address") or "")
        if contract is None:
            continue
        used[contract.topic] = contract
        for reference in channel.get("messages", {}).values():
            name = reference.get("$ref", "").removeprefix("#/components/messages/")
            if name in messages:
                messages[name] = {**messages[name], **message_for(contract)}
    schemas = components.setdefault("schemas", {})
    schemas.update(component_schemas(sorted(used.values(), key=lambda c: c.topic)))
    if not any("EmptyPayload" in str(m.get("payload")) for m in messages.values()):
        schemas.pop("EmptyPayload", None)
    return typed


__all__ = [
    "component_schemas",
    "envelope_schema",
    "example_envelope",
    "message_for",
    "typed_bus_document",
]
