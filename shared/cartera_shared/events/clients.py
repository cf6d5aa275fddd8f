"""Contract of the client events: each carries the client's full current state and its version.

A consumer upserts its replica from `ClientState` and ignores anything older than what it holds,
since order across topics is not guaranteed. The models are tolerant readers (extra="ignore"):
the clients service may add fields without a new contract version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CLIENT_EVENT_VERSION = 1

ClientStatus = Literal["active", "archived"]


class _Tolerant(BaseModel):
    model_config = ConfigDict(extra="ignore")


class FiscalAddress(_Tolerant):
    street: str
    postal_code: str
    city: str
    province: str | None = None
    country: str


class Contact(_Tolerant):
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class BankAccount(_Tolerant):
    iban: str
    bic: str | None = None
    holder: str | None = None
    is_default: bool = False


class PaymentTerms(_Tolerant):
    """Days from the invoice date, split in equal instalments, optionally moved to a fixed day."""

    days: int = 30
    instalments: int = 1
    interval_days: int = 30
    fixed_day: int | None = None


class TaxTreatment(_Tolerant):
    vat_regime: str = "general"
    equivalence_surcharge: bool = False
    irpf_retention: bool = False
    exemption_reason: str | None = None


class Dir3Codes(_Tolerant):
    """A public administration's units, by their DIR3 codes (FacturaE AdministrativeCentres)."""

    oficina_contable: str
    organo_gestor: str
    unidad_tramitadora: str


class ClientState(_Tolerant):
    """A client's whole state, as the clients service shows it."""

    id: uuid.UUID
    version: int = Field(description="Grows by one with every change.")
    legal_name: str
    trade_name: str | None = None
    kind: str = Field(description="company, individual, self_employed or public_administration.")
    tax_id: str = Field(description="NIF/CIF for Spanish clients, the foreign tax id otherwise.")
    country: str = Field(description="ISO 3166-1 alpha-2.")
    fiscal_address: FiscalAddress | None = None
    territory: str | None = Field(
        default=None,
        description="For indirect taxes: peninsula_balearics, canary_islands, ceuta, melilla or "
        "abroad.",
    )
    email: str | None = None
    phone: str | None = None
    contacts: list[Contact] = []
    bank_accounts: list[BankAccount] = []
    payment_terms: PaymentTerms = PaymentTerms()
    tax_treatment: TaxTreatment = TaxTreatment()
    tags: list[str] = []
    # Only for kind public_administration; events written before the codes existed lack it.
    dir3: Dir3Codes | None = None
    status: ClientStatus = "active"
    valid_from: dt.date | None = Field(
        default=None, description="The day this state's fiscal data applies from."
    )


class ClientChanged(ClientState):
    """The data of `client.created`, `client.updated` and `client.archived`: the client's whole
    state after the change (`version` is the client's version, also the envelope's sequence) and
    which fields the change touched. An archived client's `status` is `archived`; a restored one
    comes back as `client.updated`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "5f0c3a52-8a7e-4a8e-9a36-1c2d3e4f5a6b",
                    "version": 3,
                    "legal_name": "Talleres Ruiz SL",
                    "trade_name": "Talleres Ruiz",
                    "kind": "company",
                    "tax_id": "B87654321",
                    "country": "ES",
                    "fiscal_address": {
                        "street": "Avenida de la Industria 7",
                        "postal_code": "41015",
                        "city": "Sevilla",
                        "province": "Sevilla",
                        "country": "ES",
                    },
                    "territory": "peninsula_balearics",
                    "email": "administracion@talleresruiz.es",
                    "phone": "+34954000000",
                    "contacts": [
                        {
                            "name": "Lucía Ruiz",
                            "role": "administración",
                            "email": "lucia@talleresruiz.es",
                            "phone": None,
                        }
                    ],
                    "bank_accounts": [
                        {
                            "iban": "ES9121000418450200051332",
                            "bic": None,
                            "holder": None,
                            "is_default": True,
                        }
                    ],
                    "payment_terms": {
                        "days": 30,
                        "instalments": 1,
                        "interval_days": 30,
                        "fixed_day": None,
                    },
                    "tax_treatment": {
                        "vat_regime": "general",
                        "equivalence_surcharge": False,
                        "irpf_retention": False,
                        "exemption_reason": None,
                    },
                    "tags": ["taller"],
                    "dir3": None,
                    "status": "active",
                    "valid_from": "2026-01-01",
                    "changed_fields": ["email", "phone"],
                }
            ]
        }
    )

    changed_fields: list[str] = Field(
        default=[], description="The fields this change set (all the sent ones on creation)."
    )
