"""API shapes of the clients service."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

ClientKind = Literal["individual", "self_employed", "company", "public_administration", "foreign"]


class FiscalAddress(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    street: str = Field(min_length=1, max_length=300)
    postal_code: str = Field(min_length=1, max_length=20)
    city: str = Field(min_length=1, max_length=120)
    province: str | None = Field(default=None, max_length=120)
    country: str = Field(pattern=r"^[A-Z]{2}$")


def normalise_tax_id(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


class ClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    legal_name: str = Field(min_length=1, max_length=300)
    trade_name: str | None = Field(default=None, max_length=300)
    kind: ClientKind
    tax_id: str = Field(min_length=2, max_length=40)
    country: str = Field(default="ES", pattern=r"^[A-Z]{2}$")
    fiscal_address: FiscalAddress | None = None
    email: EmailStr | None = None
    tags: list[str] = Field(default_factory=list, max_length=50)

    @field_validator("tax_id")
    @classmethod
    def _normalise_tax_id(cls, value: str) -> str:
        normalised = normalise_tax_id(value)
        if len(normalised) < 2:
            raise ValueError("tax_id must have at least two letters or digits")
        return normalised


class ClientUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    legal_name: str | None = Field(default=None, min_length=1, max_length=300)
    trade_name: str | None = Field(default=None, max_length=300)
    kind: ClientKind | None = None
    tax_id: str | None = Field(default=None, min_length=2, max_length=40)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    fiscal_address: FiscalAddress | None = None
    email: EmailStr | None = None
    tags: list[str] | None = Field(default=None, max_length=50)

    @field_validator("tax_id")
    @classmethod
    def _normalise_tax_id(cls, value: str | None) -> str | None:
        return normalise_tax_id(value) if value is not None else None


class ClientRead(BaseModel):
    id: uuid.UUID
    version: int
    legal_name: str
    trade_name: str | None
    kind: str
    tax_id: str
    country: str
    fiscal_address: FiscalAddress | None
    email: str | None
    tags: list[str]
    status: str
    created_at: datetime
    updated_at: datetime


class ClientPage(BaseModel):
    items: list[ClientRead]
    total: int
    limit: int
    offset: int
