"""What the API key routes read and answer."""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict, Field

from cartera_shared.text import Input


class ApiKeyIn(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200, examples=["ERP sync"])
    scopes: list[str] = Field(
        min_length=1, max_length=40, examples=[["clients:read", "invoices:write"]]
    )
    expires_at: datetime | None = Field(default=None, description="At most two years ahead.")
    rate_limit_per_minute: int | None = Field(default=None, ge=1, le=100_000)
