"""The value types every analytics answer is written with, as they are on the wire: money and
fractions are the shared wire types (`cartera_shared.wire`: "12500.00", "0.2500"; a field holding
a fraction of 1 is named `*_fraction`), days are ISO dates, months are YYYY-MM."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import Field

from cartera_shared.contract import Answer
from cartera_shared.wire import Fraction, Money, UtcTimestamp

Month = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="A month, YYYY-MM.", examples=["2026-03"]
    ),
]
# Money, fractions and instants are the shared wire types (cartera_shared.wire).
Timestamp = UtcTimestamp

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


__all__ = ["C1", "C2", "CLIENT_ID", "ClientNamed", "Fraction", "Money", "Month", "Timestamp"]
