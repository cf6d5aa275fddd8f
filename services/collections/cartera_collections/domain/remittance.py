"""Which unpaid instalments a SEPA remittance collects, and which it defers and why.

For each instalment due (oldest first) under an active mandate of its client:
- a mandate unused for 36 months has expired (SDD Core Rulebook): deferred as
  ``mandate_expired``, and the mandate is to be marked expired;
- a mandate's first collection (FRST) not yet confirmed in an earlier remittance: the rest wait
  (``first_collection_not_yet_confirmed``);
- a mandate's first collection already in this remittance: the rest wait
  (``first_collection_in_this_remittance``), to go as RCUR once it is collected;
- a client with two mandates: the first one collects.
Everything else is collected, FRST for a mandate never used, RCUR otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cartera_collections.domain.sepa import Collection, Mandate, SequenceType, mandate_expires_on

# Per mandate: the collection date of its latest collection presented, and whether a
# remittance not yet confirmed holds one of its collections.
MandateHistory = Mapping[uuid.UUID, tuple[dt.date | None, bool]]


@dataclass
class RemittancePlan:
    collections: list[tuple[Mapping[Any, Any], Collection]] = field(default_factory=list)
    deferred: list[dict[str, Any]] = field(default_factory=list)
    expired: set[uuid.UUID] = field(default_factory=set)

    @property
    def total(self) -> Decimal:
        return sum((c.amount for _, c in self.collections), Decimal("0.00"))


def end_to_end(number: str, seq: int) -> str:
    return re.sub(r"[^A-Za-z0-9/?:().,'+-]", "-", f"{number}-{seq}")[:35]


def plan_remittance(
    rows: Sequence[Mapping[Any, Any]], history: MandateHistory, collection_date: dt.date
) -> RemittancePlan:
    """``rows``: the unpaid instalments due, oldest first, each joined to an active mandate of
    its client (an instalment comes once per mandate)."""
    plan = RemittancePlan()
    first_here: set[uuid.UUID] = set()
    seen_instalments = set()
    for row in rows:
        if row["id"] in seen_instalments:
            continue  # a client with two mandates: the first one collects
        mandate_id = row["mandate_id"]
        last_collection_on, first_pending = history.get(mandate_id, (None, False))
        expires_on = mandate_expires_on(row["signed_on"], last_collection_on)
        reason = None
        if collection_date >= expires_on:
            reason = "mandate_expired"
            plan.expired.add(mandate_id)
        elif not row["used"] and first_pending:
            reason = "first_collection_not_yet_confirmed"
        elif not row["used"] and mandate_id in first_here:
            reason = "first_collection_in_this_remittance"
        if reason is not None:
            plan.deferred.append(
                {
                    "invoice_id": str(row["invoice_id"]),
                    "invoice_number": row["invoice_number"],
                    "seq": row["seq"],
                    "mandate_reference": row["reference"],
                    "reason": reason,
                    "mandate_expired_on": expires_on.isoformat()
                    if reason == "mandate_expired"
                    else None,
                }
            )
            continue
        seen_instalments.add(row["id"])
        if not row["used"]:
            first_here.add(mandate_id)
        plan.collections.append(
            (
                row,
                Collection(
                    end_to_end_id=end_to_end(row["invoice_number"], row["seq"]),
                    amount=row["amount"] - row["paid"],
                    mandate=Mandate(
                        reference=row["reference"],
                        signed_on=row["signed_on"],
                        debtor_name=row["debtor_name"],
                        debtor_iban=row["iban"],
                        debtor_bic=row["bic"],
                        sequence_type=SequenceType.RECURRING if row["used"] else SequenceType.FIRST,
                    ),
                    remittance_info=f"Factura {row['invoice_number']} vencimiento {row['seq']}",
                ),
            )
        )
    return plan
