"""Contract of `verifactu.accepted` and `verifactu.rejected`: what the AEAT answered for one
VERI*FACTU registration record of an invoice.

`verifactu.accepted` carries `status` accepted (EstadoRegistro Correcto) or accepted_with_errors
(AceptadoConErrores: registered, with the AEAT's warning in `error_code` and
`error_description`); `verifactu.rejected` carries status rejected (Incorrecto: not registered;
the record is corrected by a new one). `duplicate` says the AEAT already held the record (sent
before an answer could be stored) and the status is the one it holds. The envelope's subject is
the invoice's id and its sequence the record's position in the issuer's chain.

Tolerant reader (extra="ignore"): the producer may add fields without a new version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict

from cartera_shared.events.base import Moment

VERIFACTU_EVENT_VERSION = 1

AnsweredStatus = Literal["accepted", "accepted_with_errors", "rejected"]


class VerifactuAnswered(BaseModel):
    """The data of `verifactu.accepted` and `verifactu.rejected` (see the module's docstring).
    The envelope's subject is the invoice's id."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "record_id": "6f7e8d9c-0b1a-4293-8475-a6b7c8d9e0f1",
                    "invoice_id": "0b6c1f0e-5d1a-4b53-9a43-2f1e8f7a9c10",
                    "issuer_tax_id": "B12345674",
                    "position": 42,
                    "kind": "alta",
                    "number": "F2026-000042",
                    "issue_date": "2026-03-02",
                    "huella": "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60",
                    "status": "accepted",
                    "csv": "A-YDSW8NLFLANWPM",
                    "error_code": None,
                    "error_description": None,
                    "duplicate": False,
                    "incident": False,
                    "answered_at": "2026-03-02T10:00:03.512000Z",
                }
            ]
        },
    )

    record_id: uuid.UUID
    invoice_id: uuid.UUID
    issuer_tax_id: str
    position: int
    kind: Literal["alta", "anulacion"]
    number: str  # NumSerieFactura (of the cancelled invoice, for an anulación)
    issue_date: dt.date
    huella: str
    status: AnsweredStatus
    csv: str | None = None  # of the request that carried the record
    error_code: int | None = None
    error_description: str | None = None
    duplicate: bool = False
    incident: bool = False  # sent with the incident flag (Incidencia S)
    answered_at: Moment
