"""API shapes of the clients service. Every rule that can be checked without the database is
checked here, so a bad request is refused before anything is written."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from cartera_clients.domain.addresses import InvalidAddress, check_spanish_address, territory
from cartera_clients.domain.identifiers import (
    EU_COUNTRIES,
    InvalidIdentifier,
    normalise_bic,
    normalise_iban,
    normalise_tax_id,
    tax_id_warnings,
)
from cartera_clients.domain.terms import check_payment_terms, check_tax_treatment
from cartera_shared.contract import Answer, Stored
from cartera_shared.problems import FieldValueError
from cartera_shared.text import Input
from cartera_shared.wire import Fraction, UtcTimestamp

ClientKind = Literal["individual", "self_employed", "company", "public_administration", "foreign"]
ClientStatus = Literal["active", "archived"]
VatRegime = Literal[
    "general",
    "reverse_charge",
    "intra_community",
    "export",
    "exempt",
    "outside_scope",
]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()./-]{6,25}$")]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


def _iban(value: str) -> str:
    try:
        return normalise_iban(value)
    except InvalidIdentifier as exc:
        raise ValueError(str(exc)) from exc


def _bic(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return normalise_bic(value)
    except InvalidIdentifier as exc:
        raise ValueError(str(exc)) from exc


class Strict(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class FiscalAddress(Strict):
    street: Text
    postal_code: str = Field(min_length=1, max_length=20)
    city: Text
    province: str | None = Field(default=None, max_length=120)
    country: CountryCode | None = Field(
        default=None, description="Defaults to the client's country."
    )


class Contact(Strict):
    name: Text
    role: str | None = Field(default=None, max_length=120)
    email: EmailStr | None = None
    phone: Phone | None = None


class BankAccount(Strict):
    iban: Annotated[str, AfterValidator(_iban)]
    bic: Annotated[str | None, AfterValidator(_bic)] = None
    holder: str | None = Field(default=None, max_length=200)
    is_default: bool = False


# A DIR3 code (Directorio Común de Unidades Orgánicas y Oficinas): nine characters, capital
# letters and digits, e.g. L01280796 (a council), EA0003267, GE0000526 (FacturaE's CentreCode
# takes up to 10; the nine-character shape is DIR3's, see docs/compliance.md).
DIR3_CODE = re.compile(r"[A-Z0-9]{9}")


def _dir3_code(value: str) -> str:
    code = value.strip().upper()
    if not DIR3_CODE.fullmatch(code):
        raise ValueError(f"a DIR3 code is 9 letters and digits (e.g. L01280796), not {value!r}")
    return code


Dir3Code = Annotated[str, AfterValidator(_dir3_code)]


class Dir3Codes(Strict):
    """The units of a public body that an invoice to it names (FACe routes it by them)."""

    oficina_contable: Dir3Code = Field(description="Oficina contable (FacturaE role 01).")
    organo_gestor: Dir3Code = Field(description="Órgano gestor (FacturaE role 02).")
    unidad_tramitadora: Dir3Code = Field(description="Unidad tramitadora (FacturaE role 03).")


class PaymentTerms(Strict):
    days: int = Field(default=30, ge=0, le=365, description="Days from the invoice date.")
    instalments: int = Field(default=1, ge=1, le=12)
    interval_days: int = Field(
        default=30, ge=1, le=180, description="Days between instalments after the first."
    )
    fixed_day: int | None = Field(
        default=None,
        ge=1,
        le=31,
        description="Due dates move on to this day of the month; for business and public "
        "clients, back to the one before when that would pass Ley 3/2004's 60 days.",
    )


class TaxTreatment(Strict):
    vat_regime: VatRegime = "general"
    equivalence_surcharge: bool = Field(
        default=False, description="Recargo de equivalencia (retailers under that regime)."
    )
    irpf_retention: bool = Field(
        default=False, description="The client withholds IRPF on professionals' invoices."
    )
    exemption_reason: str | None = Field(
        default=None, max_length=300, description="Legal basis printed on exempt invoices."
    )


class ClientFields(Strict):
    """A client as written: every field, validated together."""

    legal_name: Text
    trade_name: str | None = Field(default=None, max_length=300)
    kind: ClientKind
    tax_id: str = Field(min_length=2, max_length=40)
    country: CountryCode = "ES"
    fiscal_address: FiscalAddress | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    contacts: list[Contact] = Field(default_factory=list, max_length=50)
    bank_accounts: list[BankAccount] = Field(default_factory=list, max_length=10)
    payment_terms: PaymentTerms = Field(default_factory=PaymentTerms)
    tax_treatment: TaxTreatment | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=50)
    notes: str | None = Field(default=None, max_length=5000)
    dir3: Dir3Codes | None = Field(
        default=None,
        description="A public administration's DIR3 codes; an invoice to it needs them.",
    )

    @model_validator(mode="after")
    def _check_together(self, info: ValidationInfo) -> Self:
        # An update validates the whole client again: the tax id it already has is passed in
        # the context, so a rule added since (the CIF's control character) only warns on it.
        stored = (info.context or {}).get("stored_tax_id")
        try:
            self.tax_id = normalise_tax_id(
                self.tax_id, country=self.country, kind=self.kind, stored=stored
            )
        except InvalidIdentifier as exc:
            raise FieldValueError("tax_id", str(exc)) from exc
        if self.fiscal_address is not None:
            address = self.fiscal_address
            if address.country is None:
                address.country = self.country
            if address.country != self.country:
                raise FieldValueError("fiscal_address.country", "must be the client's country")
            if address.country == "ES":
                try:
                    address.province = check_spanish_address(address.postal_code, address.province)
                except InvalidAddress as exc:
                    raise FieldValueError("fiscal_address", str(exc)) from exc
        place = territory(
            self.country, self.fiscal_address.postal_code if self.fiscal_address else None
        )
        if self.tax_treatment is None:
            self.tax_treatment = TaxTreatment(vat_regime=default_vat_regime(self.country, place))
        try:
            check_tax_treatment(self.tax_treatment, kind=self.kind, territory=place)
        except ValueError as exc:
            raise _field_error("tax_treatment", exc) from exc
        try:
            check_payment_terms(self.payment_terms, kind=self.kind)
        except ValueError as exc:
            raise _field_error("payment_terms", exc) from exc
        if self.dir3 is not None and self.kind != "public_administration":
            raise FieldValueError("dir3", "only a public_administration client has DIR3 codes")
        self.tags = list(dict.fromkeys(self.tags))
        if self.bank_accounts and not any(a.is_default for a in self.bank_accounts):
            self.bank_accounts[0].is_default = True
        if sum(a.is_default for a in self.bank_accounts) > 1:
            raise FieldValueError("bank_accounts", "only one account can be the default")
        return self


def _field_error(field: str, exc: ValueError) -> FieldValueError:
    # The domain's rules name the field at the start of their message.
    return FieldValueError(field, str(exc).removeprefix(f"{field}: "))


def default_vat_regime(country: str, place: str) -> VatRegime:
    if place in ("canary_islands", "ceuta", "melilla"):
        return "outside_scope"
    if country == "ES":
        return "general"
    return "intra_community" if country in EU_COUNTRIES else "export"


EXAMPLE_FIELDS: dict[str, Any] = {
    "legal_name": "Ferretería Ruzafa S.L.",
    "trade_name": "Ferretería Ruzafa",
    "kind": "company",
    "tax_id": "B12345674",
    "country": "ES",
    "fiscal_address": {
        "street": "Calle Sueca 3",
        "postal_code": "46006",
        "city": "Valencia",
        "province": "Valencia",
        "country": "ES",
    },
    "email": "administracion@ferreteriaruzafa.es",
    "phone": "+34 963 12 34 56",
    "contacts": [
        {
            "name": "Lucía Martí",
            "role": "Administración",
            "email": "lucia@ferreteriaruzafa.es",
            "phone": "+34 600 12 34 56",
        }
    ],
    "bank_accounts": [
        {
            "iban": "ES9121000418450200051332",
            "bic": "CAIXESBBXXX",
            "holder": "Ferretería Ruzafa S.L.",
            "is_default": True,
        }
    ],
    "payment_terms": {"days": 30, "instalments": 1, "interval_days": 30, "fixed_day": None},
    "tax_treatment": {
        "vat_regime": "general",
        "equivalence_surcharge": False,
        "irpf_retention": False,
        "exemption_reason": None,
    },
    "tags": ["ferretería", "valencia"],
    "notes": "Prefiere factura electrónica.",
    "dir3": None,
}


class ClientCreate(ClientFields):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "legal_name": "Ferretería Ruzafa S.L.",
                    "kind": "company",
                    "tax_id": "B12345674",
                    "fiscal_address": {
                        "street": "Calle Sueca 3",
                        "postal_code": "46006",
                        "city": "Valencia",
                    },
                    "email": "administracion@ferreteriaruzafa.es",
                    "payment_terms": {"days": 60},
                    "tags": ["ferretería"],
                }
            ]
        }
    )

    valid_from: dt.date | None = Field(
        default=None, description="When this fiscal data took effect; today if not given."
    )


class ClientUpdate(Strict):
    """Only the fields sent change; the result is validated as a whole client."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "fiscal_address": {
                        "street": "Avenida del Puerto 120",
                        "postal_code": "46023",
                        "city": "Valencia",
                    },
                    "valid_from": "2026-12-01",
                    "reason": "Traslado del domicilio social.",
                },
                {"email": "facturas@ferreteriaruzafa.es", "tags": ["ferretería", "vip"]},
            ]
        }
    )

    legal_name: Text | None = None
    trade_name: str | None = Field(default=None, max_length=300)
    kind: ClientKind | None = None
    tax_id: str | None = Field(default=None, min_length=2, max_length=40)
    country: CountryCode | None = None
    fiscal_address: FiscalAddress | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    contacts: list[Contact] | None = Field(default=None, max_length=50)
    bank_accounts: list[BankAccount] | None = Field(default=None, max_length=10)
    payment_terms: PaymentTerms | None = None
    tax_treatment: TaxTreatment | None = None
    tags: list[Tag] | None = Field(default=None, max_length=50)
    notes: str | None = Field(default=None, max_length=5000)
    dir3: Dir3Codes | None = None
    valid_from: dt.date | None = Field(
        default=None,
        description="When a fiscal change took effect (today if not given; never before the "
        "current version's date, never in the future).",
    )
    reason: str | None = Field(default=None, max_length=500, description="Why it changed.")


class ClientStatusChange(BaseModel):
    """Why a client is archived or restored (optional; the body itself may be left out)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Cerró el negocio en noviembre."}]}
    )

    reason: str | None = Field(default=None, max_length=500)


class DuplicateCandidate(Answer):
    id: uuid.UUID
    legal_name: str
    tax_id: str
    status: str
    similarity_fraction: Fraction = Field(
        description="How alike the names are: a fraction of 1 (trigram similarity; not a "
        "percentage), decimal as a string, four decimals."
    )


EXAMPLE_CLIENT: dict[str, Any] = {
    "id": "6f1c2a9e-3b4d-4e8f-9a0b-1c2d3e4f5a6b",
    "version": 1,
    **EXAMPLE_FIELDS,
    "territory": "peninsula_balearics",
    "status": "active",
    "valid_from": "2026-12-06",
    "created_at": "2026-12-06T09:30:00.123456Z",
    "updated_at": "2026-12-06T09:30:00.123456Z",
    "warnings": [],
}


class ClientRead(Answer):
    """A client as it is now (or, with `as_of`, as it was in force that day)."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_CLIENT]})

    id: uuid.UUID
    version: int = Field(description="Grows by one with every change; the ETag is this number.")
    legal_name: str
    trade_name: str | None
    kind: str
    tax_id: str
    country: str
    fiscal_address: FiscalAddress | None
    territory: str = Field(
        description="Tax territory the address falls in: peninsula_balearics, canary_islands, "
        "ceuta, melilla, or abroad."
    )
    email: str | None
    phone: str | None
    contacts: list[Contact]
    bank_accounts: list[BankAccount]
    payment_terms: PaymentTerms
    tax_treatment: TaxTreatment
    tags: list[str]
    notes: str | None
    dir3: Dir3Codes | None = None
    status: ClientStatus
    valid_from: dt.date
    created_at: UtcTimestamp
    updated_at: UtcTimestamp

    warnings: list[str] = Field(
        default_factory=list,
        description="What is wrong with data kept before a rule refused it, such as a CIF "
        "whose control character is of the wrong kind (a warning: the client is not refused; "
        "changing the tax id to another bad one is).",
    )

    @model_validator(mode="after")
    def _warn(self) -> Self:
        self.warnings = tax_id_warnings(self.tax_id, self.country)
        return self


class ClientWritten(ClientRead):
    """The client as written, with the other clients whose names look like its name."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **EXAMPLE_CLIENT,
                    "possible_duplicates": [
                        {
                            "id": "0b7e4c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
                            "legal_name": "Ferretería Russafa S.L.",
                            "tax_id": "B87654321",
                            "status": "archived",
                            "similarity_fraction": "0.7100",
                        }
                    ],
                }
            ]
        }
    )

    possible_duplicates: list[DuplicateCandidate] = Field(
        default_factory=list,
        description="Other clients of the tenant with a similar name (a warning, not an error).",
    )


class ClientPage(Answer):
    """One page of the client list."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [EXAMPLE_CLIENT],
                    "total": 1,
                    "limit": 50,
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[ClientRead]
    total: int = Field(description="Clients matching the filters, on every page.")
    limit: int
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


VERSION_EXAMPLE: dict[str, Any] = {
    "version": 2,
    "valid_from": "2026-12-01",
    "recorded_at": "2026-12-06T10:02:11.532901Z",
    "changed_by": "user:ana",
    "reason": "Traslado del domicilio social.",
    "changed_fields": ["fiscal_address"],
    "state": {
        **{k: v for k, v in EXAMPLE_CLIENT.items() if k != "warnings"},
        "version": 2,
        "valid_from": "2026-12-01",
        "created_at": "2026-12-06T09:30:00.123456Z",
        "updated_at": "2026-12-06T10:02:11.532901Z",
    },
}


# A past state is read as it was stored, without today's input rules (a version may hold data a
# later rule refuses) and without today's defaults (a member it lacks stays absent).
class StoredAddress(Stored):
    street: str
    postal_code: str
    city: str
    province: str | None = None
    country: str | None = None


class StoredContact(Stored):
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class StoredBankAccount(Stored):
    iban: str
    bic: str | None = None
    holder: str | None = None
    is_default: bool | None = None


class StoredDir3(Stored):
    oficina_contable: str
    organo_gestor: str
    unidad_tramitadora: str


class StoredPaymentTerms(Stored):
    days: int | None = None
    instalments: int | None = None
    interval_days: int | None = None
    fixed_day: int | None = None


class StoredTaxTreatment(Stored):
    vat_regime: VatRegime | None = None
    equivalence_surcharge: bool | None = None
    irpf_retention: bool | None = None
    exemption_reason: str | None = None


class ClientVersionState(Stored):
    """The client's whole state in one version, as the client's fields (without `warnings`); a
    version recorded before a field existed lacks that field."""

    id: uuid.UUID
    version: int
    legal_name: str
    trade_name: str | None = None
    kind: str
    tax_id: str
    country: str
    fiscal_address: StoredAddress | None = None
    territory: str | None = None
    email: str | None = None
    phone: str | None = None
    contacts: list[StoredContact] | None = None
    bank_accounts: list[StoredBankAccount] | None = None
    payment_terms: StoredPaymentTerms | None = None
    tax_treatment: StoredTaxTreatment | None = None
    tags: list[str] | None = None
    notes: str | None = None
    dir3: StoredDir3 | None = None
    status: ClientStatus | None = None
    valid_from: dt.date | None = None
    created_at: UtcTimestamp | None = None
    updated_at: UtcTimestamp | None = None


class ClientVersion(Answer):
    """One version of a client: when it took effect, who recorded it and why."""

    model_config = ConfigDict(json_schema_extra={"examples": [VERSION_EXAMPLE]})

    version: int
    valid_from: dt.date
    recorded_at: UtcTimestamp
    changed_by: str
    reason: str | None
    changed_fields: list[str]
    state: ClientVersionState = Field(
        description="The client's whole state in this version, as the client's fields (without "
        "`warnings`); a version recorded before a field existed lacks that field."
    )


class ClientHistory(Answer):
    """A page of a client's versions, oldest first; `next_cursor` asks for the next one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [VERSION_EXAMPLE],
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[ClientVersion]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")
