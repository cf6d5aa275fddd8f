"""What every event contract is built from: a tolerant reader, and the wire's value formats.

Producers write decimals as strings ("121.00": JSON numbers would lose cents in many readers),
dates as ISO 8601 days and moments as ISO 8601 with an offset. A contract's model reads them
into `Decimal`, `date` and `datetime`, and its JSON schema says what travels.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, WithJsonSchema

from cartera_shared.wire import UtcTimestamp


class Tolerant(BaseModel):
    """A tolerant reader: fields a producer adds later are ignored, never refused."""

    model_config = ConfigDict(extra="ignore")


DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"
DecimalString = Annotated[
    Decimal,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DECIMAL_PATTERN,
            "description": "A decimal, as a string.",
            "examples": ["121.00"],
        }
    ),
]
Day = dt.date
# Written as the wire writes an instant (UTC, `Z`, six fractional digits); read from any
# ISO 8601 text with an offset.
Moment = UtcTimestamp
Id = uuid.UUID


__all__ = ["DECIMAL_PATTERN", "Day", "DecimalString", "Id", "Moment", "Tolerant"]
