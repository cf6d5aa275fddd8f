"""A request's hash is the same whether its body is given as a model or as its JSON values:
keys stored before bodies were passed as models still recognise their repeats."""

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel

from cartera_shared.idempotency import request_hash


class Line(BaseModel):
    description: str
    unit_price: Decimal


class Body(BaseModel):
    issue_date: dt.date
    lines: list[Line]


def test_a_model_hashes_as_its_json_values_and_another_body_does_not():
    body = Body(issue_date=dt.date(2026, 12, 7), lines=[Line(description="A", unit_price="1.50")])
    assert request_hash("op", body) == request_hash("op", body.model_dump(mode="json"))
    other = body.model_copy(update={"lines": [Line(description="A", unit_price="1.51")]})
    assert request_hash("op", other) != request_hash("op", body)
    assert request_hash("other-op", body) != request_hash("op", body)
