"""The value types every analytics answer is written with, as they are on the wire: money and
rates are decimals written as strings (rates are FRACTIONS of 1, not percentages), days are ISO
dates, months are YYYY-MM."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import Field

from cartera_shared.contract import Answer

Money = Annotated[
    str,
    Field(
        description="Euros: a decimal, as a string, with two decimals.",
        examples=["12500.00"],
    ),
]
Fraction = Annotated[
    str,
    Field(
        description="A fraction of 1, NOT a percentage (0.2500 is 25 %): a decimal, as a "
        "string, with four decimals.",
        examples=["0.2500"],
    ),
]
Month = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="A month, YYYY-MM.", examples=["2026-03"]
    ),
]
Timestamp = Annotated[
    str,
    Field(
        description="An instant, ISO 8601 with its UTC offset (+00:00).",
        examples=["2026-03-02T09:15:00+00:00"],
    ),
]

CLIENT_ID = (
    "The client; null for invoices whose recipient is not a client of the directory "
    "(they are summed together)."
)
# Example client ids, used by the examples of every feature's answers.
C1 = "3f2b8f0e-8a4b-4c53-9a57-1c7c6f0e2a11"
C2 = "b9d7c2a4-5e61-4f0d-8c3e-2a9e4d7b1f35"


class ClientNamed(Answer):
    client_id: uuid.UUID | None = Field(description=CLIENT_ID)
    legal_name: str | None = Field(description="Its legal name; null when unknown here.")
