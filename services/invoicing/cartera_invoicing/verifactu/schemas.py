"""API shapes of the VERI*FACTU records: an invoice's registration, the records' list and
correction, the chains' verification, the reconciliation with the AEAT."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_invoicing.examples import (
    HUELLA,
    INVOICE_ID,
    RECORD_FIELDS,
    RECORD_ID,
    RECORD_XML,
    VERIFACTU_SUBMISSION,
)
from cartera_invoicing.invoices.schemas import (
    InvoiceStatus,
    OptionalTimestamp,
    Timestamp,
    VerifactuError,
    VerifactuStatus,
)
from cartera_shared.contract import Answer, Stored


# The stored fields of a record, by the AEAT's names ("Sistemas Informáticos de Facturación",
# servicio web 1.0.3, RegistroAlta and RegistroAnulacion): the ones its fingerprint covers and
# its link to the previous record, as text exactly as fingerprinted (dates DD-MM-YYYY, amounts
# as the record carries them). The first record of a chain has empty link members.
class _ChainFields(Answer):
    IDEmisorFacturaAnterior: str = Field(description="The previous record's issuer NIF.")
    NumSerieFacturaAnterior: str
    FechaExpedicionFacturaAnterior: str
    HuellaAnterior: str = Field(description="The previous record's fingerprint.")
    FechaHoraHusoGenRegistro: str = Field(description="When the record was generated, with offset.")
    Huella: str = Field(description="The record's fingerprint (SHA-256, hexadecimal, upper case).")


class AltaFields(_ChainFields):
    """An alta's (RegistroAlta) fingerprinted fields."""

    IDEmisorFactura: str
    NumSerieFactura: str
    FechaExpedicionFactura: str = Field(description="DD-MM-YYYY.")
    TipoFactura: str = Field(description="F1, F2, F3, R1-R5.")
    CuotaTotal: str
    ImporteTotal: str


class AnulacionFields(_ChainFields):
    """An anulación's (RegistroAnulacion) fingerprinted fields."""

    IDEmisorFacturaAnulada: str
    NumSerieFacturaAnulada: str
    FechaExpedicionFacturaAnulada: str = Field(description="DD-MM-YYYY.")


RecordFields = AltaFields | AnulacionFields


class RecordFlags(Stored):
    """The operation's flags, where the record has them (anexo II 9.1 and 9.2): an alta de
    subsanación carries Subsanacion S; one after a rejection RechazoPrevio S or X."""

    Subsanacion: Literal["S", "N"] | None = None
    RechazoPrevio: Literal["S", "N", "X"] | None = None
    SinRegistroPrevio: Literal["S", "N"] | None = None


class Submission(Answer):
    """A record's submission to the AEAT. Timestamps are ISO 8601 strings with their offset."""

    status: VerifactuStatus
    csv: str | None = Field(description="The CSV of the request that carried it, once accepted.")
    error: VerifactuError | None = Field(
        description="The AEAT's code and description (rejected, or accepted with errors)."
    )
    duplicate: bool
    attempts: int
    last_attempt_at: OptionalTimestamp
    last_failure: str | None
    sent_with_incident: bool
    answered_at: OptionalTimestamp


class AnswerOf(Answer):
    """The record whose submission the answer shows: the invoice's last one."""

    record_id: uuid.UUID
    kind: Literal["alta", "anulacion"]
    position: int


class InvoiceRegistration(Submission):
    """The invoice's alta record (the AEAT's field names, its XML, the QR URL), and the
    submission of the invoice's last record (`answer_of`)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "alta",
                    "position": 42,
                    "fields": RECORD_FIELDS,
                    "xml": RECORD_XML,
                    "qr_url": "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=B12345674"
                    "&numserie=F2026-000042&fecha=06-12-2026&importe=968.00",
                    "generated_at": "2026-12-06T10:15:00.120000Z",
                    "record_id": RECORD_ID,
                    "submission_status": "accepted",
                    **VERIFACTU_SUBMISSION,
                    "answer_of": {"record_id": RECORD_ID, "kind": "alta", "position": 42},
                }
            ]
        }
    )

    kind: Literal["alta", "anulacion"]
    position: int = Field(description="Its place in the issuer's chain.")
    fields: RecordFields = Field(description="The record's fields, by the AEAT's names.")
    xml: str = Field(description="The record as sent (RegistroAlta XML).")
    qr_url: str = Field(description="The URL the printed QR code carries.")
    generated_at: Timestamp
    record_id: uuid.UUID
    submission_status: VerifactuStatus = Field(description="As `status`.")
    answer_of: AnswerOf


class RecordListed(Submission):
    """A record in the tenant's list: which invoice, where in its chain, its submission."""

    record_id: uuid.UUID
    invoice_id: uuid.UUID
    issuer_tax_id: str
    position: int
    kind: Literal["alta", "anulacion"]
    number: str = Field(description="The invoice's number (NumSerieFactura).")
    issue_date: dt.date
    huella: str = Field(description="The record's fingerprint (SHA-256, hexadecimal).")
    generated_at: Timestamp


class RecordPage(Answer):
    """A page of Verifactu records; `next_cursor` asks for the next one (null on the last)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "record_id": RECORD_ID,
                            "invoice_id": INVOICE_ID,
                            "issuer_tax_id": "B12345674",
                            "position": 42,
                            "kind": "alta",
                            "number": "F2026-000042",
                            "issue_date": "2026-12-06",
                            "huella": HUELLA,
                            "generated_at": "2026-12-06T10:15:00.120000Z",
                            **VERIFACTU_SUBMISSION,
                        }
                    ],
                    "next_cursor": None,
                }
            ]
        }
    )

    items: list[RecordListed]
    next_cursor: str | None


RECORD_EXAMPLE: dict[str, Any] = {
    "position": 43,
    "kind": "alta",
    "flags": {"Subsanacion": "S"},
    "status": "pending",
    "huella": HUELLA,
    "generated_at": "2026-12-07T08:00:00.000000Z",
    "fields": RECORD_FIELDS,
    "xml": RECORD_XML,
}


class InvoiceRecord(Answer):
    """One Verifactu record of an invoice, with its flags and the AEAT's answer."""

    position: int = Field(description="Its place in the issuer's chain.")
    kind: Literal["alta", "anulacion"]
    flags: RecordFlags = Field(
        description="Subsanacion, RechazoPrevio and SinRegistroPrevio, where the record has them."
    )
    status: Literal["pending", "accepted", "accepted_with_errors", "rejected"]
    huella: str = Field(description="The record's fingerprint (SHA-256, hexadecimal).")
    generated_at: Timestamp
    fields: RecordFields = Field(description="The record's fields, by the AEAT's names.")
    xml: str


class InvoiceRecords(Answer):
    """Every Verifactu record of an invoice, in chain order."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"invoice_id": INVOICE_ID, "status": "issued", "records": [RECORD_EXAMPLE]}
            ]
        }
    )

    invoice_id: uuid.UUID
    status: InvoiceStatus
    records: list[InvoiceRecord]


class RecordCorrection(InvoiceRecord):
    """The record just appended to correct the invoice's last one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"invoice_id": INVOICE_ID, "operation": "ALTA DE SUBSANACIÓN", **RECORD_EXAMPLE}
            ]
        }
    )

    invoice_id: uuid.UUID
    operation: str = Field(
        description="The AEAT's name of the operation: ALTA DE SUBSANACIÓN, ALTA POR RECHAZO, "
        "ANULACIÓN, ..."
    )


class BrokenLink(Answer):
    index: int | None = Field(description="The record's index in the chain, from 0.")
    number: str | None = Field(description="The invoice number of that record.")
    problem: str | None
    detail: str | None


class ChainCheckRead(Answer):
    issuer_tax_id: str
    ok: bool
    records: int
    checked: int = Field(description="Records that passed.")
    first_broken: BrokenLink | None


class ChainVerification(Answer):
    """Every chain of the tenant recomputed; the first broken link of each."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ok": True,
                    "chains": [
                        {
                            "issuer_tax_id": "B12345674",
                            "ok": True,
                            "records": 42,
                            "checked": 42,
                            "first_broken": None,
                        }
                    ],
                }
            ]
        }
    )

    ok: bool
    chains: list[ChainCheckRead]


class HereRecord(Answer):
    record_id: uuid.UUID
    position: int
    kind: Literal["alta", "anulacion"]
    status: VerifactuStatus
    huella: str


class AeatRecord(Answer):
    status: str = Field(description="The AEAT's state: Correcta, AceptadaConErrores, Anulada.")
    operation: str
    huella: str | None


class Difference(Answer):
    kind: Literal["held_not_accepted", "accepted_not_held", "different_huella", "different_state"]
    number: str
    issue_date: dt.date
    here: HereRecord | None = Field(description="Cartera's record, if any.")
    aeat: AeatRecord | None = Field(description="What the AEAT holds, if anything.")


class IssuerReconciliation(Answer):
    issuer_tax_id: str
    queried: bool = Field(description="false when no valid certificate could ask the AEAT.")
    reason: str | None
    records_here: int
    accepted_here: int
    held_at_aeat: int | None
    differences: list[Difference]


class Reconciliation(Answer):
    """What the AEAT holds for the month against what Cartera believes, per issuer."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "tenant_id": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
                    "year": 2026,
                    "month": 12,
                    "issuers": [
                        {
                            "issuer_tax_id": "B12345674",
                            "queried": True,
                            "reason": None,
                            "records_here": 42,
                            "accepted_here": 41,
                            "held_at_aeat": 42,
                            "differences": [
                                {
                                    "kind": "held_not_accepted",
                                    "number": "F2026-000042",
                                    "issue_date": "2026-12-06",
                                    "here": {
                                        "record_id": RECORD_ID,
                                        "position": 42,
                                        "kind": "alta",
                                        "status": "sent",
                                        "huella": HUELLA,
                                    },
                                    "aeat": {
                                        "status": "Correcta",
                                        "operation": "Alta",
                                        "huella": HUELLA,
                                    },
                                }
                            ],
                        }
                    ],
                    "differences": 1,
                }
            ]
        }
    )

    tenant_id: uuid.UUID
    year: int
    month: int
    issuers: list[IssuerReconciliation]
    differences: int = Field(description="How many differences, over every issuer.")


class RecordSummary(Answer):
    """How many of the tenant's records need a look: what the accountant's desk shows."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "rejected": 1,
                    "waiting": 3,
                    "accepted_with_errors": 0,
                    "sending_blocked": "no_valid_certificate",
                }
            ]
        }
    )

    rejected: int = Field(
        description="Rejected records still to correct (each invoice's last record only)."
    )
    waiting: int = Field(description="Records pending or sent and not yet answered by the AEAT.")
    accepted_with_errors: int = Field(
        description="Each invoice's last record accepted with errors (worth a look, not a fix)."
    )
    sending_blocked: Literal["submission_off", "no_valid_certificate"] | None = Field(
        description="Why the waiting records cannot be sent now: `submission_off` (the tenant's "
        "VERI*FACTU mode is off) or `no_valid_certificate` (none uploaded for an issuer whose "
        "records wait, or it expired). Null when nothing waits or everything waiting can go: "
        "those records only wait for their turn or for the AEAT."
    )
