"""API shapes of the invoicing service."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from stdnum.es import cif, nif
from stdnum.eu import vat

from cartera_invoicing.domain.issue_rules import SimplifiedActivity
from cartera_shared.tax_ids import cif_control_problem
from cartera_shared.text import Input

SeriesKind = Literal["ordinary", "rectifying", "simplified"]
InvoiceStatus = Literal["draft", "issued", "cancelled"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Money = Annotated[Decimal, Field(max_digits=14, decimal_places=6)]
Rate = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
# The Catastro's reference of an urban property: 14 characters locating the parcel and its
# sheet of the map, 4 digits for the unit (cargo), 2 control letters.
CADASTRAL_REFERENCE = r"^[0-9A-Z]{14}[0-9]{4}[A-Z]{2}$"


class Strict(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Address(Strict):
    street: Text
    postal_code: str = Field(min_length=1, max_length=20)
    city: Text
    province: str | None = Field(default=None, max_length=120)
    country: str = Field(pattern=r"^[A-Z]{2}$")


class IssuerIn(Strict):
    """The tenant's own fiscal data; each PUT is a new version (a change of address, a new name)."""

    legal_name: Text
    tax_id: str = Field(min_length=2, max_length=40)
    country: str = Field(default="ES", pattern=r"^[A-Z]{2}$")
    fiscal_address: Address
    valid_from: dt.date | None = None
    reason: str | None = Field(default=None, max_length=500)
    simplified_invoice_activity: SimplifiedActivity | None = Field(
        default=None,
        description="The activity of RD 1619/2012 art. 4.2 the issuer carries on, if any: its "
        "simplified invoices may then reach 3,000 € VAT included instead of 400 €.",
    )

    @model_validator(mode="after")
    def _valid_tax_id(self) -> Self:
        compact = "".join(ch for ch in self.tax_id.upper() if ch.isalnum())
        if self.country == "ES":
            compact = compact.removeprefix("ES") if len(compact) == 11 else compact
            if not (nif.is_valid(compact) or cif.is_valid(compact)):
                raise ValueError(f"tax_id: {self.tax_id!r} is not a valid Spanish NIF or CIF")
            # The same control-character rule as the clients' CIFs (stdnum accepts either); it
            # says nothing of personal NIFs (DNI, NIE, K/L/M), whose keys it does not name.
            if problem := cif_control_problem(compact):
                raise ValueError(f"tax_id: {problem}")
        elif not vat.is_valid(compact if compact[:2].isalpha() else self.country + compact):
            raise ValueError(f"tax_id: {self.tax_id!r} is not a valid {self.country} VAT number")
        self.tax_id = compact
        return self


class IssuerRead(BaseModel):
    version: int
    valid_from: dt.date
    legal_name: str
    tax_id: str
    country: str
    fiscal_address: Address
    changed_by: str
    reason: str | None
    recorded_at: dt.datetime
    simplified_invoice_activity: SimplifiedActivity | None = None


class SeriesCreate(Strict):
    code: str = Field(pattern=r"^[A-Z0-9][A-Z0-9_-]{0,19}$", description="e.g. F, R, T2026")
    prefix: str = Field(default="", max_length=20, pattern=r"^[A-Za-z0-9/_-]*$")
    kind: SeriesKind = "ordinary"
    yearly_restart: bool = True
    description: str | None = Field(default=None, max_length=200)


class SeriesRead(BaseModel):
    id: uuid.UUID
    code: str
    prefix: str
    kind: SeriesKind
    yearly_restart: bool
    description: str | None
    last_issue_date: dt.date | None
    created_at: dt.datetime


class LineIn(Strict):
    description: str = Field(min_length=1, max_length=500)
    quantity: Annotated[Decimal, Field(max_digits=14, decimal_places=3)]
    unit_price: Money
    discount_percent: Rate = Decimal(0)
    vat_rate: Rate = Decimal(21)
    surcharge_rate: Rate = Decimal(0)
    irpf_rate: Rate = Decimal(0)
    exemption_reason: str | None = Field(
        default=None, max_length=300, description="Legal basis of a line without VAT."
    )
    cadastral_reference: str | None = Field(
        default=None,
        pattern=CADASTRAL_REFERENCE,
        description="Only on a line that rents urban property (the landlord's invoice): the "
        "property's cadastral reference (20 characters). Modelo 347 declares such a rent "
        "apart, with this reference, even when it bears IRPF withholding (RD 1065/2007, "
        "art. 34.1.d).",
    )

    @field_validator("cadastral_reference", mode="before")
    @classmethod
    def _compact_reference(cls, value: Any) -> Any:
        # As printed on the IBI receipt it often comes with spaces and in lower case.
        return "".join(value.split()).upper() if isinstance(value, str) else value


class InvoiceFields(Strict):
    lines: list[LineIn] = Field(default_factory=list, max_length=500)
    issue_date: dt.date | None = Field(default=None, description="Today when issued if not set.")
    operation_date: dt.date | None = None
    notes: str | None = Field(default=None, max_length=2000)
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    exchange_rate: Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=8)] | None = Field(
        default=None, description="Euros per unit of the currency, when not EUR."
    )

    @model_validator(mode="after")
    def _currency(self) -> Self:
        if self.currency != "EUR" and self.exchange_rate is None:
            raise ValueError("exchange_rate: an invoice in another currency records its rate")
        if self.currency == "EUR" and self.exchange_rate is not None:
            raise ValueError("exchange_rate: only for invoices in another currency")
        return self


class InvoiceCreate(InvoiceFields):
    client_id: uuid.UUID | None = Field(
        default=None, description="Required except on simplified invoices."
    )
    series: str = Field(min_length=1, max_length=20, description="The series code.")


class InvoiceUpdate(Strict):
    client_id: uuid.UUID | None = None
    series: str | None = Field(default=None, min_length=1, max_length=20)
    lines: list[LineIn] | None = Field(default=None, max_length=500)
    issue_date: dt.date | None = None
    operation_date: dt.date | None = None
    notes: str | None = Field(default=None, max_length=2000)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    exchange_rate: Decimal | None = None


class TotalsRead(BaseModel):
    taxable_base: Decimal
    vat: Decimal
    surcharge: Decimal
    irpf: Decimal
    total: Decimal


VerifactuStatus = Literal["pending", "sent", "accepted", "accepted_with_errors", "rejected"]


class VerifactuError(BaseModel):
    code: int | None
    description: str | None


class InvoiceVerifactu(BaseModel):
    """The invoice's last Verifactu record (its alta, or the correction or anulación that
    followed it) and the AEAT's answer to it."""

    record_id: uuid.UUID
    kind: Literal["alta", "anulacion"]
    position: int
    status: VerifactuStatus
    csv: str | None = Field(description="The CSV of the request that carried it, once accepted.")
    error: VerifactuError | None = Field(
        description="The AEAT's code and description (rejected, or accepted with errors)."
    )
    duplicate: bool
    attempts: int
    last_attempt_at: dt.datetime | None
    last_failure: str | None
    sent_with_incident: bool
    answered_at: dt.datetime | None


class InvoiceRead(BaseModel):
    id: uuid.UUID
    status: InvoiceStatus
    series: str
    number: str | None
    invoice_type: str
    client_id: uuid.UUID | None
    issue_date: dt.date | None
    operation_date: dt.date | None
    currency: str
    exchange_rate: Decimal | None
    lines: list[dict[str, Any]]
    notes: str | None
    totals: TotalsRead
    breakdown: list[dict[str, Any]]
    withholdings: list[dict[str, Any]]
    issuer: dict[str, Any] | None = None
    recipient: dict[str, Any] | None = None
    due_dates: list[dict[str, Any]] = []
    rectifies_id: uuid.UUID | None = None
    rectification: dict[str, Any] | None = None
    rectifications: list[dict[str, Any]] = Field(
        default_factory=list, description="Issued rectifications of this invoice."
    )
    net_total: Decimal | None = Field(
        default=None, description="The total once its rectifications are applied."
    )
    created_at: dt.datetime
    updated_at: dt.datetime
    issued_at: dt.datetime | None
    cancelled_at: dt.datetime | None = None
    cancellation: dict[str, Any] | None = Field(
        default=None, description="Why, by whom and with which Verifactu record it was cancelled."
    )
    verifactu_status: VerifactuStatus | None = Field(
        default=None,
        description="The AEAT's answer to the invoice's last Verifactu record (`verifactu.status`):"
        " pending, sent, accepted, accepted_with_errors or rejected. Given by `GET /v1/invoices`"
        " and `GET /v1/invoices/{id}`; null for a draft (no record yet).",
    )
    verifactu: InvoiceVerifactu | None = Field(
        default=None,
        description="The invoice's last Verifactu record and its submission (CSV, the AEAT's"
        " error, attempts); as `verifactu_status`.",
    )


class InvoicePage(BaseModel):
    items: list[InvoiceRead]
    next_cursor: str | None


class RectifyIn(Strict):
    """A rectifying invoice (art. 15 RD 1619/2012), issued at once in a rectifying series."""

    series: str = Field(min_length=1, max_length=20, description="A series of kind rectifying.")
    type: Literal["R1", "R2", "R3", "R4", "R5"] = Field(
        default="R4",
        description="R1 error founded in law / art. 80.1-2-6 LIVA, R2 insolvency (80.3), R3 bad "
        "debts (80.4), R4 other causes, R5 of a simplified invoice.",
    )
    kind: Literal["I", "S"] = Field(
        default="I", description="I: by differences (lines are the change); S: by substitution."
    )
    reason: str = Field(min_length=1, max_length=500, description="The cause, printed.")
    lines: list[LineIn] = Field(min_length=1, max_length=500)
    issue_date: dt.date | None = None
    operation_date: dt.date | None = None
    notes: str | None = Field(default=None, max_length=2000)
