"""API shapes of the invoicing service."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import (
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from stdnum.es import cif, nif
from stdnum.eu import vat

from cartera_invoicing.domain.issue_rules import SimplifiedActivity
from cartera_invoicing.examples import (
    ADDRESS,
    INVOICE_ISSUED,
    ISSUER,
    LINE_IN,
    SERIES,
)
from cartera_shared.contract import Answer, Stored
from cartera_shared.problems import FieldValueError
from cartera_shared.tax_ids import cif_control_problem
from cartera_shared.text import Input
from cartera_shared.wire import (
    ExchangeRate,
    Money,
    Percent,
    Quantity,
    UnitPrice,
    UtcTimestamp,
)

SeriesKind = Literal["ordinary", "rectifying", "simplified"]
InvoiceStatus = Literal["draft", "issued", "cancelled"]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
PriceIn = Annotated[Decimal, Field(max_digits=14, decimal_places=6)]
Rate = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
Timestamp = UtcTimestamp
OptionalTimestamp = UtcTimestamp | None
# The Catastro's reference of an urban property: 14 characters locating the parcel and its
# sheet of the map, 4 digits for the unit (cargo), 2 control letters.
CADASTRAL_REFERENCE = r"^[0-9A-Z]{14}[0-9]{4}[A-Z]{2}$"


class Strict(Input):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Address(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [ADDRESS]})

    street: Text
    postal_code: str = Field(min_length=1, max_length=20)
    city: Text
    province: str | None = Field(default=None, max_length=120)
    country: str = Field(pattern=r"^[A-Z]{2}$")


class IssuerIn(Strict):
    """The tenant's own fiscal data; each PUT is a new version (a change of address, a new name)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "legal_name": ISSUER["legal_name"],
                    "tax_id": ISSUER["tax_id"],
                    "country": "ES",
                    "fiscal_address": ADDRESS,
                    "valid_from": "2026-01-01",
                    "reason": "New registered office",
                }
            ]
        }
    )

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
                raise FieldValueError(
                    "tax_id", f"{self.tax_id!r} is not a valid Spanish NIF or CIF"
                )
            # The same control-character rule as the clients' CIFs (stdnum accepts either); it
            # says nothing of personal NIFs (DNI, NIE, K/L/M), whose keys it does not name.
            if problem := cif_control_problem(compact):
                raise FieldValueError("tax_id", problem)
        elif not vat.is_valid(compact if compact[:2].isalpha() else self.country + compact):
            raise FieldValueError(
                "tax_id", f"{self.tax_id!r} is not a valid {self.country} VAT number"
            )
        self.tax_id = compact
        return self


class IssuerRead(Answer):
    """The issuer's fiscal data in force: one version of it."""

    model_config = ConfigDict(json_schema_extra={"examples": [ISSUER]})

    version: int
    valid_from: dt.date
    legal_name: str
    tax_id: str
    country: str
    fiscal_address: Address
    changed_by: str
    reason: str | None
    recorded_at: UtcTimestamp
    simplified_invoice_activity: SimplifiedActivity | None = None


class SeriesCreate(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"code": "F", "prefix": "F", "kind": "ordinary", "description": "Invoices"}
            ]
        }
    )

    code: str = Field(pattern=r"^[A-Z0-9][A-Z0-9_-]{0,19}$", description="e.g. F, R, T2026")
    prefix: str = Field(default="", max_length=20, pattern=r"^[A-Za-z0-9/_-]*$")
    kind: SeriesKind = "ordinary"
    yearly_restart: bool = True
    description: str | None = Field(default=None, max_length=200)


class SeriesRead(Answer):
    """A numbering series: its invoices are numbered without gaps (per year if
    `yearly_restart`)."""

    model_config = ConfigDict(json_schema_extra={"examples": [SERIES]})

    id: uuid.UUID
    code: str
    prefix: str
    kind: SeriesKind
    yearly_restart: bool
    description: str | None
    last_issue_date: dt.date | None
    created_at: UtcTimestamp


class SeriesPage(Answer):
    """A page of series in the order they were opened; `next_cursor` asks for the next one."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [SERIES], "next_cursor": None}]}
    )

    items: list[SeriesRead]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class LineIn(Strict):
    """An invoice line. Rates are percentages (21 is 21 %)."""

    model_config = ConfigDict(json_schema_extra={"examples": [LINE_IN]})

    description: str = Field(min_length=1, max_length=500)
    quantity: Annotated[Decimal, Field(max_digits=14, decimal_places=3)]
    unit_price: PriceIn
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
            raise FieldValueError(
                "exchange_rate", "an invoice in another currency records its rate"
            )
        if self.currency == "EUR" and self.exchange_rate is not None:
            raise FieldValueError("exchange_rate", "only for invoices in another currency")
        return self


class InvoiceCreate(InvoiceFields):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client_id": "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
                    "series": "F",
                    "lines": [LINE_IN],
                    "issue_date": "2026-12-06",
                    "notes": "Pago por transferencia",
                }
            ]
        }
    )

    client_id: uuid.UUID | None = Field(
        default=None, description="Required except on simplified invoices."
    )
    series: str = Field(min_length=1, max_length=20, description="The series code.")


class InvoiceUpdate(Strict):
    """The fields of a draft to change; those not given stay as they are."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"lines": [LINE_IN], "notes": "Pago a 30 días"}]}
    )

    client_id: uuid.UUID | None = None
    series: str | None = Field(default=None, min_length=1, max_length=20)
    lines: list[LineIn] | None = Field(default=None, max_length=500)
    issue_date: dt.date | None = None
    operation_date: dt.date | None = None
    notes: str | None = Field(default=None, max_length=2000)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    exchange_rate: Decimal | None = None


class EnteredLine(Answer):
    """A line as entered. Rates are percentages (21.00 is 21 %)."""

    description: str
    quantity: Quantity
    unit_price: UnitPrice
    discount_percent: Percent = Decimal(0)
    vat_rate: Percent = Decimal(21)
    surcharge_rate: Percent = Decimal(0)
    irpf_rate: Percent = Decimal(0)
    exemption_reason: str | None = None
    cadastral_reference: str | None = Field(
        default=None, description="The rented property's cadastral reference (rents only)."
    )


class LineRead(EnteredLine):
    """An invoice line with its amount: quantity x unit price, less the discount, to the cent."""

    amount: Money | None = Field(default=None, description="Its taxable base.")


class BreakdownRead(Answer):
    """One VAT rate (with its recargo, both percentages) and the base it applies to."""

    vat_rate: Percent
    surcharge_rate: Percent
    taxable_base: Money
    vat: Money
    surcharge: Money
    exemption_reason: str | None = None


class WithholdingRead(Answer):
    """One IRPF rate (a percentage) and what it withholds."""

    irpf_rate: Percent
    taxable_base: Money
    irpf: Money


class DueDateRead(Answer):
    due_on: dt.date
    amount: Money


class TotalsRead(Answer):
    """The invoice's totals in its currency (decimals, as strings)."""

    taxable_base: Money
    vat: Money
    surcharge: Money
    irpf: Money
    total: Money


# `test`: a sandbox tenant's record (a test API key's), made and chained but never sent.
VerifactuStatus = Literal["pending", "sent", "accepted", "accepted_with_errors", "rejected", "test"]


class VerifactuError(Answer):
    code: int | None
    description: str | None


class InvoiceVerifactu(Answer):
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
    last_attempt_at: UtcTimestamp | None
    last_failure: str | None
    sent_with_incident: bool
    answered_at: UtcTimestamp | None


class RectificationRef(Answer):
    """An issued rectification of the invoice."""

    id: str = Field(description="The rectifying invoice's id (a UUID).")
    number: str
    type: str = Field(description="R1-R5.")
    kind: Literal["I", "S"] = Field(description="I: by differences; S: by substitution.")
    total: Money = Field(description="Its total (decimal, as a string).")


class PrintedAddress(Stored):
    street: str
    postal_code: str
    city: str
    province: str | None = None
    country: str = Field(description="ISO 3166-1 alpha-2.")


class PrintedDir3(Stored):
    """A public administration's DIR3 codes, as the client carried them at issue."""

    oficina_contable: str
    organo_gestor: str
    unidad_tramitadora: str


class PrintedParty(Stored):
    """The issuer's or the recipient's fiscal data as printed on the invoice (as it stood on the
    issue date). Invoices issued before a member existed lack it."""

    legal_name: str
    tax_id: str
    country: str = Field(description="ISO 3166-1 alpha-2.")
    address: PrintedAddress | None = None
    kind: str | None = Field(
        default=None, description="company, individual, self_employed or public_administration."
    )
    version: int | None = Field(
        default=None, description="The client's (or issuer's) version the invoice was issued to."
    )
    dir3: PrintedDir3 | None = None


class RectifiedInvoice(Stored):
    number: str
    issue_date: dt.date


class Rectification(Stored):
    """What a rectifying invoice rectifies, and how (art. 15 RD 1619/2012)."""

    type: str = Field(description="R1-R5.")
    kind: Literal["I", "S"] = Field(description="I: by differences; S: by substitution.")
    reason: str
    rectified: list[RectifiedInvoice] = Field(description="The invoices it rectifies.")


class Cancellation(Stored):
    """Why, by whom and with which Verifactu record (anulación) an invoice was cancelled."""

    reason: str
    cancelled_by: str
    verifactu_position: int = Field(description="The anulación's place in the issuer's chain.")
    verifactu_huella: str = Field(description="The anulación's fingerprint (SHA-256, hexadecimal).")


class InvoiceRead(Answer):
    """An invoice or a draft. Amounts are in the invoice's currency; rates are percentages."""

    model_config = ConfigDict(json_schema_extra={"examples": [INVOICE_ISSUED]})

    id: uuid.UUID
    status: InvoiceStatus
    series: str
    number: str | None
    invoice_type: str
    client_id: uuid.UUID | None
    issue_date: dt.date | None
    operation_date: dt.date | None
    currency: str
    exchange_rate: ExchangeRate | None
    lines: list[LineRead] = Field(
        description="The lines as entered (draft) or as issued, with the computed amount."
    )
    notes: str | None
    totals: TotalsRead
    breakdown: list[BreakdownRead] = Field(description="Per VAT and surcharge rate.")
    withholdings: list[WithholdingRead] = Field(description="Per IRPF rate.")
    issuer: PrintedParty | None = Field(
        default=None,
        description="The issuer's fiscal data as printed (legal_name, tax_id, country, "
        "address, ...); null on a draft.",
    )
    recipient: PrintedParty | None = Field(
        default=None,
        description="The client's fiscal data in force on the issue date, as printed; null on a "
        "draft or a simplified invoice without a recipient.",
    )
    due_dates: list[DueDateRead] = Field(default=[], description="When it is due, per instalment.")
    rectifies_id: uuid.UUID | None = None
    rectification: Rectification | None = Field(
        default=None,
        description="On a rectifying invoice: its type, kind (I/S), reason and the rectified "
        "invoices.",
    )
    rectifications: list[RectificationRef] = Field(
        default_factory=list, description="Issued rectifications of this invoice."
    )
    net_total: Money | None = Field(
        default=None, description="The total once its rectifications are applied."
    )
    created_at: UtcTimestamp
    updated_at: UtcTimestamp
    issued_at: UtcTimestamp | None
    cancelled_at: UtcTimestamp | None = None
    cancellation: Cancellation | None = Field(
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


class InvoicePage(Answer):
    """A page of invoices; `next_cursor` asks for the next one (null on the last)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [INVOICE_ISSUED], "next_cursor": None}]}
    )

    items: list[InvoiceRead]
    next_cursor: str | None


# One call of POST /v1/invoices/batch: at most this many invoices, and this many lines in all
# (each invoice may have up to 500: a thousand of those would be half a million rows).
BATCH_MAX_INVOICES = 1000
BATCH_MAX_LINES = 20_000


class InvoiceBatchIn(Strict):
    """Invoices to make and issue together, all or none."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "invoices": [
                        {"client_id": "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "series": "F",
                         "lines": [LINE_IN]},
                        {"client_id": "0b7d3c1e-9a2f-4c6d-8e1f-3a5b7c9d1e2f", "series": "F",
                         "lines": [LINE_IN], "notes": "Cuota de diciembre"},
                    ]
                }
            ]
        }
    )  # fmt: skip

    invoices: list[InvoiceCreate] = Field(
        min_length=1,
        max_length=BATCH_MAX_INVOICES,
        description=f"1 to {BATCH_MAX_INVOICES} invoices, with {BATCH_MAX_LINES} lines in all "
        "at most; issued in this order, so their numbers follow it within each series.",
    )

    @model_validator(mode="after")
    def _lines_in_all(self) -> Self:
        lines = sum(len(invoice.lines) for invoice in self.invoices)
        if lines > BATCH_MAX_LINES:
            raise FieldValueError(
                "invoices",
                f"{lines} lines in all; a batch carries {BATCH_MAX_LINES} at most (split it)",
            )
        return self


class IssuedInBatch(Answer):
    """An invoice of a batch as the batch's answer gives it: enough to file it (its number) and
    to reconcile it; the whole invoice is `GET /v1/invoices/{id}`."""

    id: uuid.UUID
    status: InvoiceStatus
    series: str
    number: str
    client_id: uuid.UUID | None
    issue_date: dt.date
    currency: str
    totals: TotalsRead
    due_dates: list[DueDateRead] = Field(description="When it is due, per instalment.")


class InvoiceBatchRead(Answer):
    """The invoices issued, in the order they were sent. Each is summed up (a thousand whole
    invoices would be megabytes to answer); the whole invoice is `GET /v1/invoices/{id}`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "invoices": [
                        {
                            key: INVOICE_ISSUED[key]
                            for key in ("id", "status", "series", "number", "client_id",
                                        "issue_date", "currency", "totals", "due_dates")
                        }
                    ]
                }
            ]
        }
    )  # fmt: skip

    invoices: list[IssuedInBatch]


class RectifyIn(Strict):
    """A rectifying invoice (art. 15 RD 1619/2012), issued at once in a rectifying series."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "series": "R",
                    "type": "R4",
                    "kind": "I",
                    "reason": "Descuento por volumen no aplicado",
                    "lines": [{**LINE_IN, "quantity": "-1", "unit_price": "100.00"}],
                }
            ]
        }
    )

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
