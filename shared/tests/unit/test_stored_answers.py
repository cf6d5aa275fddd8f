"""`contract.Stored`: a stored JSON document typed without changing what the wire carries."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from cartera_shared.contract import Stored
from cartera_shared.wire import Money, UtcTimestamp


class Facts(Stored):
    number: str
    total: Money | None = None
    note: str | None = None
    at: UtcTimestamp | None = None


class Entry(BaseModel):
    details: Facts


def test_a_member_the_document_lacks_stays_absent_and_a_stored_null_stays_null():
    entry = Entry.model_validate({"details": {"number": "F-1", "note": None}})
    assert json.loads(entry.model_dump_json()) == {"details": {"number": "F-1", "note": None}}


def test_stored_values_come_out_in_the_wire_formats():
    entry = Entry.model_validate(
        {"details": {"number": "F-1", "total": "21", "at": "2026-12-06 10:15:00+01:00"}}
    )
    assert json.loads(entry.model_dump_json())["details"] == {
        "number": "F-1",
        "total": "21.00",
        "at": "2026-12-06T09:15:00.000000Z",
    }
    assert Entry.model_validate({"details": {"number": "F-1", "total": Decimal("0.1")}}).model_dump(
        mode="json"
    ) == {"details": {"number": "F-1", "total": "0.10"}}


def test_an_unknown_member_is_refused():
    with pytest.raises(ValidationError):
        Facts.model_validate({"number": "F-1", "surprise": 1})


def test_the_schema_is_the_model_not_a_free_form_object():
    schema = Entry.model_json_schema(mode="serialization")["$defs"]["Facts"]
    assert set(schema["properties"]) == {"number", "total", "note", "at"}
    assert schema["required"] == ["number"]
    assert schema["additionalProperties"] is False
