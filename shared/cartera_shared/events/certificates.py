"""Contract of `certificate.expiring`: a tenant's electronic certificate (the one its VERI*FACTU
records are sent with) enters its last days. Published by invoicing once per certificate, through
its outbox; analytics raises an alert from it.

Nothing secret travels: the certificate is public, and its key never leaves the invoicing
service. The model is a tolerant reader (extra="ignore"): invoicing may add fields without a new
contract version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CERTIFICATE_EVENT_VERSION = 1
# A certificate is announced once it has this many days left, or fewer.
EXPIRY_WARNING_DAYS = 30


class CertificateExpiring(BaseModel):
    model_config = ConfigDict(extra="ignore")

    certificate_id: uuid.UUID
    holder_nif: str = Field(min_length=1, max_length=20)
    holder_name: str = Field(default="", max_length=300)
    # Whose certificate it is for the tenant: its own, or a declared representative's.
    role: Literal["issuer", "representative"]
    subject: str
    issuer: str  # the certification authority's distinguished name
    serial: str
    fingerprint_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    not_after: dt.datetime
    days_left: int
    warned_at: dt.datetime
