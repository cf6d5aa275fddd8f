"""Contract of the client events: each carries the client's full current state and its version.

A consumer upserts its replica from `ClientState` and ignores anything older than what it holds,
since order across topics is not guaranteed. The models are tolerant readers (extra="ignore"):
the clients service may add fields without a new contract version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict

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
    id: uuid.UUID
    version: int
    legal_name: str
    trade_name: str | None = None
    kind: str
    tax_id: str
    country: str
    fiscal_address: FiscalAddress | None = None
    territory: str | None = None
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
    valid_from: dt.date | None = None
