"""The wire's value formats: one spelling per value, rounding half up only where a value is more
precise than its field, and no instant without its offset."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

from cartera_shared.wire import (
    DAYS_PATTERN,
    FRACTION_PATTERN,
    MONEY_PATTERN,
    QUANTITY_PATTERN,
    TIMESTAMP_PATTERN,
    UNIT_PRICE_PATTERN,
    Days,
    Fraction,
    Money,
    Percent,
    Quantity,
    UnitPrice,
    UtcTimestamp,
    days_text,
    fraction_text,
    money_text,
    percent_text,
    quantity_text,
    to_decimal,
    unit_price_text,
    utc_text,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("21"), "21.00"),
        (Decimal("21.0"), "21.00"),
        ("0.1", "0.10"),
        (0, "0.00"),
        (Decimal("-0"), "0.00"),
        (Decimal("-0.004"), "0.00"),  # rounds to zero: never "-0.00"
        (Decimal("-3.5"), "-3.50"),
        (Decimal("-3.505"), "-3.51"),  # half up is away from zero for negatives too
        (Decimal("2.675"), "2.68"),
        (Decimal("2.665"), "2.67"),  # half up, not the banker's half even
        (2.675, "2.68"),  # a float through its repr, not its binary value (2.67499...)
        (Decimal("1E+3"), "1000.00"),
        ("12345678901234567.99", "12345678901234567.99"),
        (Decimal("999999999999.995"), "1000000000000.00"),
    ],
)
def test_money_is_written_with_exactly_two_decimals(value: object, text: str) -> None:
    assert money_text(value) == text
    assert re.match(MONEY_PATTERN, text)


def test_percent_and_fraction() -> None:
    assert percent_text(Decimal("21")) == "21.00"
    assert percent_text("5.2") == "5.20"
    assert fraction_text(Decimal("0.354")) == "0.3540"
    assert fraction_text(Decimal(1) / 3) == "0.3333"
    assert fraction_text(Decimal(2) / 3) == "0.6667"
    assert fraction_text(Decimal("-0.25")) == "-0.2500"
    assert fraction_text(1) == "1.0000"
    assert re.match(FRACTION_PATTERN, fraction_text("0.00005"))
    assert days_text("45.25") == "45.3"
    assert days_text(3) == "3.0"
    assert re.match(DAYS_PATTERN, days_text("0"))


def test_quantities_and_unit_prices_keep_their_precision_with_one_spelling() -> None:
    assert quantity_text("10") == "10.00"
    assert quantity_text("1.500") == "1.50"
    assert quantity_text("0.125") == "0.125"
    assert quantity_text("-1") == "-1.00"
    assert unit_price_text("80") == "80.00"
    assert unit_price_text("0.123400") == "0.1234"
    assert unit_price_text("0.123456") == "0.123456"
    assert unit_price_text("0.1234565") == "0.123457"  # past its precision: half up
    for text in (quantity_text("2.5"), quantity_text("0.125")):
        assert re.match(QUANTITY_PATTERN, text)
    assert re.match(UNIT_PRICE_PATTERN, unit_price_text("0.123456"))


@pytest.mark.parametrize(
    "bad", [True, None, "", "abc", "1,5", "NaN", "Infinity", "-inf", float("nan"), [1], "1e"]
)
def test_what_is_not_a_finite_decimal_is_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="decimal"):
        to_decimal(bad)


def test_timestamps_are_utc_with_z_and_microseconds() -> None:
    madrid = dt.timezone(dt.timedelta(hours=1))
    assert (
        utc_text(dt.datetime(2026, 12, 6, 11, 15, tzinfo=madrid)) == "2026-12-06T10:15:00.000000Z"
    )
    assert (
        utc_text(dt.datetime(2026, 12, 6, 10, 15, 0, 120000, tzinfo=dt.UTC))
        == "2026-12-06T10:15:00.120000Z"
    )
    # Across midnight and a year's end, the date moves with the instant.
    assert utc_text(dt.datetime(2027, 1, 1, 0, 30, tzinfo=madrid)) == "2026-12-31T23:30:00.000000Z"
    assert re.match(TIMESTAMP_PATTERN, utc_text(dt.datetime.now(dt.UTC)))


def test_a_naive_datetime_names_no_instant_and_is_refused() -> None:
    with pytest.raises(ValueError, match="no UTC offset"):
        utc_text(dt.datetime(2026, 12, 6, 10, 15))


class _Answer(BaseModel):
    amount: Money
    rate: Percent
    share_fraction: Fraction
    quantity: Quantity
    unit_price: UnitPrice
    days: Days
    at: UtcTimestamp
    paid: Money | None = None


def test_models_write_the_wire_text_and_keep_python_values() -> None:
    answer = _Answer(
        amount="21.0",
        rate=Decimal(21),
        share_fraction="0.354",
        quantity="10",
        unit_price=Decimal("80.000000"),
        days="12",
        at="2026-12-06T11:15:00+01:00",
    )
    assert json.loads(answer.model_dump_json()) == {
        "amount": "21.00",
        "rate": "21.00",
        "share_fraction": "0.3540",
        "quantity": "10.00",
        "unit_price": "80.00",
        "days": "12.0",
        "at": "2026-12-06T10:15:00.000000Z",
        "paid": None,
    }
    # Python mode keeps numbers and datetimes for the code that computes with them.
    assert answer.amount == Decimal("21.0")
    assert answer.at.tzinfo is dt.UTC
    assert answer.model_dump(mode="json")["amount"] == "21.00"


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("amount", "12,50"),
        ("amount", "NaN"),
        ("amount", True),
        ("at", "2026-12-06T10:15:00"),  # naive text
        ("at", dt.datetime(2026, 12, 6, 10, 15)),  # naive datetime
        ("at", "yesterday"),
        ("at", 1765016100),
    ],
)
def test_models_refuse_what_is_not_a_value(field: str, bad: object) -> None:
    good: dict[str, object] = {
        "amount": "1",
        "rate": "21",
        "share_fraction": "0.5",
        "quantity": "1",
        "unit_price": "1",
        "days": "1",
        "at": "2026-12-06T10:15:00Z",
    }
    with pytest.raises(ValidationError):
        _Answer(**{**good, field: bad})


def test_the_json_schema_says_the_format() -> None:
    properties = _Answer.model_json_schema(mode="serialization")["properties"]
    assert properties["amount"]["format"] == "money"
    assert properties["amount"]["pattern"] == MONEY_PATTERN
    assert properties["share_fraction"]["format"] == "fraction"
    assert {k: v for k, v in properties["at"].items() if k != "title"} == {
        "type": "string",
        "format": "date-time",
        "pattern": TIMESTAMP_PATTERN,
        "description": properties["at"]["description"],
        "examples": ["2026-12-06T10:15:00.000000Z"],
    }
    assert "PERCENTAGE" in properties["rate"]["description"]
    assert "not a percentage" in properties["share_fraction"]["description"]
