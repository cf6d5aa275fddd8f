"""Contract of the client events: each carries the client's full current state and its version.

A consumer upserts its replica from `ClientState` and ignores anything older than what it holds,
since order across topics is not guaranteed.
"""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict

CLIENT_EVENT_VERSION = 1

ClientStatus = Literal["active", "archived"]


class FiscalAddress(BaseModel):
    model_config = ConfigDict(extra="ignore")

    street: str
    postal_code: str
    city: str
    province: str | None = None
    country: str


class ClientState(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    version: int
    legal_name: str
    trade_name: str | None = None
    kind: str
    tax_id: str
    country: str
    fiscal_address: FiscalAddress | None = None
    status: ClientStatus = "active"
