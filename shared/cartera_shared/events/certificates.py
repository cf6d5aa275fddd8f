"""Contract of `certificate.expiring`: a tenant's electronic certificate (the one its VERI*FACTU
records are sent with) enters its last days. Published by invoicing once per certificate, through
its outbox; analytics raises an alert from it.

Nothing secret travels: the certificate is public, and its key never leaves the invoicing
service. The model is a tolerant reader (extra="ignore"): invoicing may add fields without a new
contract version.
"""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cartera_shared.events.base import Moment

CERTIFICATE_EVENT_VERSION = 1
# A certificate is announced once it has this many days left, or fewer.
EXPIRY_WARNING_DAYS = 30


class CertificateExpiring(BaseModel):
    """`certificate.expiring`: a tenant's electronic certificate has EXPIRY_WARNING_DAYS days
    left or fewer; announced once per certificate. The envelope's subject is its id."""

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    "certificate_id": "1a2b3c4d-5e6f-4071-8293-a4b5c6d7e8f9",
                    "holder_nif": "B12345674",
                    "holder_name": "ASESORIA NORTE SL",
                    "role": "issuer",
                    "subject": "CN=ASESORIA NORTE SL,SERIALNUMBER=B12345674,C=ES",
                    "issuer": "CN=AC FNMT Usuarios,OU=Ceres,O=FNMT-RCM,C=ES",
                    "serial": "5A3F0C11D2E4",
                    "fingerprint_sha256": "9f86d081884c7d659a2feaa0c55ad015"
                    "a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "not_after": "2026-04-15T23:59:59.000000Z",
                    "days_left": 29,
                    "warned_at": "2026-03-17T06:00:00.000000Z",
                }
            ]
        },
    )

    certificate_id: uuid.UUID
    holder_nif: str = Field(min_length=1, max_length=20)
    holder_name: str = Field(default="", max_length=300)
    # Whose certificate it is for the tenant: its own, or a declared representative's.
    role: Literal["issuer", "representative"]
    subject: str
    issuer: str  # the certification authority's distinguished name
    serial: str
    fingerprint_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    not_after: Moment
    days_left: int
    warned_at: Moment
