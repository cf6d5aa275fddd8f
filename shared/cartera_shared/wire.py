"""How values are written on the wire, the same in every answer, webhook and hand-built JSON.

- Money: a decimal string with exactly two decimals ("21.00", "-3.50", "0.00"). A value that is
  really more precise (a computed average, a slope) is rounded half up to the cent.
- Percent: a percentage (21 is 21 %), written as money is: "21.00".
- Fraction: a fraction of 1 (0.354 is 35.4 %), four decimals: "0.3540". Fields carrying one are
  named `*_fraction`, so a reader never takes one for a percentage.
- Quantity and UnitPrice: decimals that legitimately carry more than cents (a quantity of
  0.125 hours, a unit price of 0.123456 €). At least two decimals, up to three (quantity) or six
  (unit price); zeros past the second decimal are dropped, so one value has one spelling.
- Days: a number of days measured, not counted (a DSO, an average delay): one decimal, "45.3".
- Measure: a figure that is neither money nor a rate (days, a score, an average), two decimals;
  Decimal4: one measured in a unit that varies (an alert's value: a fraction or days), four.
- ExchangeRate: units of one currency per unit of another, two to eight decimals.
- UtcTimestamp: RFC 3339 in UTC with `Z` and always six fractional digits (microseconds, what
  PostgreSQL stores): "2026-12-06T10:15:00.000000Z". Fixed width: lossless, and the strings sort
  as the instants do. A naive datetime is refused (it names no instant); other offsets are
  converted to UTC.

The annotated types validate from what the code has at hand (Decimal, int, str, an aware datetime
or its ISO text) and keep Python values (Decimal, datetime) in Python mode; only the JSON is
text. `money_text`, `percent_text`, `fraction_text` and `utc_text` write the same text for JSON
built by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

MONEY_PATTERN = r"^-?\d+\.\d{2}$"
FRACTION_PATTERN = r"^-?\d+\.\d{4}$"
QUANTITY_PATTERN = r"^-?\d+\.\d{2}\d?$"
UNIT_PRICE_PATTERN = r"^-?\d+\.\d{2}\d{0,4}$"
DAYS_PATTERN = r"^-?\d+\.\d$"
EXCHANGE_RATE_PATTERN = r"^\d+\.\d{2}\d{0,6}$"
TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"

# The JSON-schema `format` of each type: the contract test (tests/test_wire_formats.py) knows a
# wire type by it.
WIRE_FORMATS = frozenset(
    {
        "money",
        "percent",
        "fraction",
        "quantity",
        "unit-price",
        "measure",
        "days",
        "decimal-4",
        "exchange-rate",
        "date-time",
    }
)

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")
_FOURTH = Decimal("0.0001")
_DECIMAL_TEXT = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")


def to_decimal(value: Any) -> Decimal:
    """A finite Decimal from a Decimal, an int, a float or a decimal string; ValueError else."""
    if isinstance(value, bool):
        raise ValueError("a decimal, not a boolean")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # Through its shortest repr: Decimal(0.1) would carry the binary error into the cents.
        number = Decimal(repr(value))
    elif isinstance(value, str) and _DECIMAL_TEXT.match(value):
        try:
            number = Decimal(value.strip())
        except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(f"{value!r} is not a decimal") from error
    else:
        raise ValueError(f"{value!r} is not a decimal")
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite decimal")
    return number


def _fixed(value: Any, step: Decimal) -> str:
    number = to_decimal(value).quantize(step, rounding=ROUND_HALF_UP)
    if number.is_zero():
        number = abs(number)  # never "-0.00"
    return format(number, "f")


def _at_least_cents(value: Any, places: int) -> str:
    number = to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if number.is_zero():
        number = abs(number)
    text = format(number, "f")
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0").ljust(2, "0")
    return f"{whole}.{decimals}"


def money_text(value: Any) -> str:
    """Money as the wire writes it: two decimals, half up ("21" -> "21.00")."""
    return _fixed(value, _CENT)


def percent_text(value: Any) -> str:
    """A percentage as the wire writes it: two decimals ("21" -> "21.00")."""
    return _fixed(value, _CENT)


def fraction_text(value: Any) -> str:
    """A fraction of 1 as the wire writes it: four decimals ("0.354" -> "0.3540")."""
    return _fixed(value, _FOURTH)


def quantity_text(value: Any) -> str:
    """A quantity: at least two decimals, up to three ("2" -> "2.00", "0.125" -> "0.125")."""
    return _at_least_cents(value, 3)


def unit_price_text(value: Any) -> str:
    """A unit price: at least two decimals, up to six ("80" -> "80.00", "0.1234" kept)."""
    return _at_least_cents(value, 6)


def measure_text(value: Any) -> str:
    """A measured figure (days, a score): two decimals ("45.3" -> "45.30")."""
    return _fixed(value, _CENT)


def days_text(value: Any) -> str:
    """Days measured: one decimal ("12" -> "12.0", "12.25" -> "12.3")."""
    return _fixed(value, _TENTH)


def decimal4_text(value: Any) -> str:
    """A figure with four decimals ("3" -> "3.0000")."""
    return _fixed(value, _FOURTH)


def exchange_rate_text(value: Any) -> str:
    """An exchange rate: at least two decimals, up to eight ("1.085" kept)."""
    return _at_least_cents(value, 8)


def to_utc(value: Any) -> dt.datetime:
    """An aware datetime in UTC from a datetime or ISO 8601 text with an offset."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError as error:
            raise ValueError(f"{value!r} is not an ISO 8601 timestamp") from error
    if not isinstance(value, dt.datetime):
        raise ValueError(f"{value!r} is not a timestamp")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{value.isoformat()} has no UTC offset: it names no instant")
    return value.astimezone(dt.UTC)


def utc_text(value: dt.datetime) -> str:
    """A timestamp as the wire writes it: "2026-12-06T10:15:00.000000Z". Naive ones are refused."""
    return to_utc(value).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def utc_text_or_none(value: dt.datetime | None) -> str | None:
    return None if value is None else utc_text(value)


def money_text_or_none(value: Any) -> str | None:
    return None if value is None else money_text(value)


def _decimal_type(writer: Any, fmt: str, pattern: str, description: str, example: str) -> Any:
    return Annotated[
        Decimal,
        BeforeValidator(to_decimal),
        PlainSerializer(writer, return_type=str, when_used="json"),
        WithJsonSchema(
            {
                "type": "string",
                "format": fmt,
                "pattern": pattern,
                "description": description,
                "examples": [example],
            }
        ),
    ]


Money = _decimal_type(
    money_text,
    "money",
    MONEY_PATTERN,
    "An amount: a decimal, as a string, with exactly two decimals (rounded half up).",
    "1210.00",
)
Percent = _decimal_type(
    percent_text,
    "percent",
    MONEY_PATTERN,
    "A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.",
    "21.00",
)
Fraction = _decimal_type(
    fraction_text,
    "fraction",
    FRACTION_PATTERN,
    "A FRACTION of 1, not a percentage (0.3540 is 35.4 %): a decimal, as a string, with "
    "exactly four decimals.",
    "0.3540",
)
Quantity = _decimal_type(
    quantity_text,
    "quantity",
    QUANTITY_PATTERN,
    "A quantity: a decimal, as a string, with two or three decimals (as precise as entered, "
    "up to thousandths; zeros past the second decimal dropped).",
    "1.50",
)
UnitPrice = _decimal_type(
    unit_price_text,
    "unit-price",
    UNIT_PRICE_PATTERN,
    "A unit price: a decimal, as a string, with two to six decimals (as precise as entered, "
    "up to millionths; zeros past the second decimal dropped).",
    "80.00",
)
Measure = _decimal_type(
    measure_text,
    "measure",
    MONEY_PATTERN,
    "A measured figure that is neither money nor a rate (days, a score): a decimal, as a "
    "string, with exactly two decimals.",
    "45.30",
)
Days = _decimal_type(
    days_text,
    "days",
    DAYS_PATTERN,
    "A number of days, measured: a decimal, as a string, with exactly one decimal.",
    "45.3",
)
Decimal4 = _decimal_type(
    decimal4_text,
    "decimal-4",
    FRACTION_PATTERN,
    "A decimal, as a string, with exactly four decimals (its unit is the field's).",
    "0.8000",
)
ExchangeRate = _decimal_type(
    exchange_rate_text,
    "exchange-rate",
    EXCHANGE_RATE_PATTERN,
    "Units of the one currency per unit of the other: a decimal, as a string, with two to "
    "eight decimals (as precise as given).",
    "1.085",
)
UtcTimestamp = Annotated[
    dt.datetime,
    BeforeValidator(to_utc),
    PlainSerializer(utc_text, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": TIMESTAMP_PATTERN,
            "description": "An instant: RFC 3339 in UTC with `Z` and six fractional digits.",
            "examples": ["2026-12-06T10:15:00.000000Z"],
        }
    ),
]

__all__ = [
    "DAYS_PATTERN",
    "EXCHANGE_RATE_PATTERN",
    "FRACTION_PATTERN",
    "MONEY_PATTERN",
    "QUANTITY_PATTERN",
    "TIMESTAMP_PATTERN",
    "UNIT_PRICE_PATTERN",
    "WIRE_FORMATS",
    "Days",
    "Decimal4",
    "ExchangeRate",
    "Fraction",
    "Measure",
    "Money",
    "Percent",
    "Quantity",
    "UnitPrice",
    "UtcTimestamp",
    "days_text",
    "decimal4_text",
    "exchange_rate_text",
    "fraction_text",
    "measure_text",
    "money_text",
    "money_text_or_none",
    "percent_text",
    "quantity_text",
    "to_decimal",
    "to_utc",
    "unit_price_text",
    "utc_text",
    "utc_text_or_none",
]
