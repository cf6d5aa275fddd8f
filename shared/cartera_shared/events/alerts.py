"""Contract of `alert.raised`: analytics noticed something a tenant should act on. An alert is
raised once per (kind, client, cause, period). Tolerant reader: analytics may add fields and
kinds without a new version.

Kinds, and what `details` holds for each:
- `concentration`: one client made more than the threshold of a month's billing. `value` and
  `threshold` are fractions (0.45 is 45 %); details: month, base, total.
- `top_client_drop`: one of the five largest clients of a month billed at least the threshold
  less the next month (fractions); details: previous_month, previous_base, base.
- `late_payer`: of a client's last six instalments due, at least two and at least the threshold
  (a fraction) were paid late or are unpaid; details: late, considered, max_days_late.
- `certificate_expiring`: the certificate VERI*FACTU records are sent with expires soon; no
  client; `value` is the days left and `threshold` the warning days; details: certificate_id,
  holder_nif, holder_name, role, subject, issuer, serial, fingerprint_sha256, not_after.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from cartera_shared.events.base import Id, Moment, Tolerant
from cartera_shared.wire import Decimal4

ALERT_EVENT_VERSION = 1


class AlertRaised(Tolerant):
    """`alert.raised`: analytics noticed something to act on; raised once per kind, client,
    cause and period. The envelope's subject is the alert's id. By `kind`:
    `concentration`: a client made more than the threshold of a month's billing (value and
    threshold are fractions, 0.45 is 45 %; details: month, base, total). `top_client_drop`: one
    of the five largest clients of a month billed at least the threshold less the next month
    (fractions; details: previous_month, previous_base, base). `late_payer`: of a client's last
    six instalments due, at least two and at least the threshold (a fraction) were paid late or
    are unpaid (details: late, considered, max_days_late). `certificate_expiring`: the
    certificate VERI*FACTU records are sent with expires soon; no client; value is the days left
    and threshold the warning days (details: certificate_id, holder_nif, holder_name, role,
    subject, issuer, serial, fingerprint_sha256, not_after)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "alert_id": "f6071829-3a4b-4c5d-8e6f-8091a2b3c4d5",
                    "kind": "concentration",
                    "client_id": "5f0c3a52-8a7e-4a8e-9a36-1c2d3e4f5a6b",
                    "period": "2026-03",
                    "value": "0.5200",
                    "threshold": "0.40",
                    "message": "This client made 52.00 % of the billing of 2026-03 (5200.00 of "
                    "10000.00), above the 40.00 % threshold.",
                    "details": {"month": "2026-03", "base": "5200.00", "total": "10000.00"},
                    "raised_at": "2026-04-01T00:05:00.123456Z",
                }
            ]
        }
    )

    alert_id: Id
    kind: str = Field(
        description="concentration, top_client_drop, late_payer or certificate_expiring."
    )
    client_id: Id | None = Field(description="Null when the alert is about no client.")
    period: str = Field(description="The month it is about, YYYY-MM.")
    value: Decimal4 = Field(description="What was measured (a fraction, or days left).")
    threshold: Decimal4 = Field(description="The limit it crossed, in the same unit.")
    message: str = Field(description="In English, for people.")
    details: dict[str, Any] = Field(description="Depends on `kind` (see above).")
    raised_at: Moment


__all__ = ["ALERT_EVENT_VERSION", "AlertRaised"]
