"""What the webhook routes read and answer."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from cartera_shared.text import Input


class SubscriptionIn(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str = Field(min_length=8, max_length=2000, examples=["https://erp.example.com/hooks"])
    event_types: list[str] = Field(
        min_length=1, max_length=40, examples=[["invoice.issued", "payment.recorded"]]
    )
    description: str | None = Field(default=None, max_length=200)


class SubscriptionPatch(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str | None = Field(default=None, min_length=8, max_length=2000)
    event_types: list[str] | None = Field(default=None, min_length=1, max_length=40)
    description: str | None = Field(default=None, max_length=200)
    active: bool | None = Field(default=None, description="true re-enables a disabled one.")
