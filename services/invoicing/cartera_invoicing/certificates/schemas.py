"""API shapes of the certificates: the issuer's certificate, its representatives, the VERI*FACTU
mode."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import ConfigDict, Field

from cartera_shared.contract import Answer
from cartera_shared.wire import UtcTimestamp

Timestamp = UtcTimestamp
OptionalTimestamp = UtcTimestamp | None


class CertificateRead(Answer):
    """A stored certificate: everything public about it, never its key."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
                    "holder_nif": "B12345674",
                    "holder_name": "EJEMPLO SERVICIOS SL",
                    "role": "issuer",
                    "subject": "CN=EJEMPLO SERVICIOS SL,serialNumber=VATES-B12345674,C=ES",
                    "issuer": "CN=AC Representación,OU=CERES,O=FNMT-RCM,C=ES",
                    "serial": "5A1B2C3D4E5F",
                    "fingerprint_sha256": "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15"
                    "B0F00A08",
                    "not_before": "2026-01-10T00:00:00.000000Z",
                    "not_after": "2028-01-10T00:00:00.000000Z",
                    "days_to_expiry": 399,
                    "usable": True,
                    "unusable_reason": None,
                    "uploaded_at": "2026-01-12T09:30:00.000000Z",
                    "uploaded_by": "user:owner@example.com",
                    "expiry_warned_at": None,
                }
            ]
        }
    )

    id: uuid.UUID
    holder_nif: str
    holder_name: str
    role: Literal["issuer", "representative"] | None = Field(
        description="Whose it is: the issuer's own, or a declared representative's; null when "
        "it is neither (then not usable)."
    )
    subject: str
    issuer: str = Field(description="The certification authority that issued it.")
    serial: str
    fingerprint_sha256: str
    not_before: Timestamp
    not_after: Timestamp
    days_to_expiry: int
    usable: bool
    unusable_reason: str | None
    uploaded_at: Timestamp
    uploaded_by: str
    expiry_warned_at: OptionalTimestamp


REPRESENTATIVE: dict[str, Any] = {
    "nif": "B87654321",
    "name": "Gestoría Ejemplo SL",
    "granted_on": "2026-01-05",
    "reference": "AP-2026-000123",
    "declared_by": "user:owner@example.com",
    "declared_at": "2026-01-05T10:00:00.000000Z",
}


class RepresentativeRead(Answer):
    """A representative declared to submit the tenant's records."""

    model_config = ConfigDict(json_schema_extra={"examples": [REPRESENTATIVE]})

    nif: str
    name: str
    granted_on: dt.date
    reference: str | None
    declared_by: str
    declared_at: Timestamp


class RepresentativeList(Answer):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [REPRESENTATIVE], "next_cursor": None}]}
    )

    items: list[RepresentativeRead] = Field(description="By NIF; at most `limit`.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null: last.")


class OperatorSummary(Answer):
    """The SaaS operator's certificate, for `operator` mode."""

    available: bool
    nif: str | None = Field(description="The NIF to declare as representative for operator mode.")
    name: str | None
    not_after: OptionalTimestamp


class VerifactuMode(Answer):
    """How the tenant's Verifactu records are sent."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "mode": "own_certificate",
                    "submission_enabled": True,
                    "operator": {
                        "available": True,
                        "nif": "B99999999",
                        "name": "Cartera Operaciones SL",
                        "not_after": "2027-06-30T23:59:59.000000Z",
                    },
                }
            ]
        }
    )

    mode: Literal["own_certificate", "operator", "off"]
    submission_enabled: bool = Field(
        description="Whether records are being sent now (a usable certificate at hand)."
    )
    operator: OperatorSummary
