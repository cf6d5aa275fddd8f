from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.timeline_entry_kind import TimelineEntryKind

if TYPE_CHECKING:
    from ..models.timeline_details import TimelineDetails
    from ..models.timeline_ref import TimelineRef


T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """
    Attributes:
        details (TimelineDetails): The facts of an entry. Each kind carries its own members and no other (a member the
            kind
            does not use is absent, not null):

            - `interaction`: channel, direction, outcome, follow_up_on, contact_name, handled_by;
            - `request_opened`: priority, channel, sla_due_at;
            - `request_resolved`, `request_closed`, `request_reopened`: priority, note, sla_breached;
            - `survey_answered`: kind, score, comment, request_id, and category (NPS only);
            - `invoice_issued`: number, issue_date, total, currency, due_dates; `invoice_rectified`
              also rectifies;
            - `invoice_cancelled`: number, issue_date, total, currency, reason, cancelled_at;
            - `payment_recorded`: amount, currency, paid_on, method, invoice_id, invoice_number;
              `payment_reversed` also reason;
            - `receivable_overdue`: invoice_id, invoice_number, instalment, due_on, overdue_since,
              outstanding, currency;
            - `dunning_sent`: invoice_id, invoice_number, level, tone, to, outstanding, days_late.
        id (UUID):
        kind (TimelineEntryKind): What happened. These names use underscores (`payment_recorded`), not the dots of event
            and webhook types.
        occurred_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        ref (TimelineRef):
        title (str): One line in Spanish, for people (amounts in Spanish format).
    """

    details: TimelineDetails
    id: UUID
    kind: TimelineEntryKind
    occurred_at: datetime.datetime
    ref: TimelineRef
    title: str

    def to_dict(self) -> dict[str, Any]:
        details = self.details.to_dict()

        id = str(self.id)

        kind = self.kind.value

        occurred_at = self.occurred_at.isoformat()

        ref = self.ref.to_dict()

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "details": details,
                "id": id,
                "kind": kind,
                "occurred_at": occurred_at,
                "ref": ref,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_details import TimelineDetails  # noqa: PLC0415
        from ..models.timeline_ref import TimelineRef  # noqa: PLC0415

        d = dict(src_dict)
        details = TimelineDetails.from_dict(d.pop("details"))

        id = UUID(d.pop("id"))

        kind = TimelineEntryKind(d.pop("kind"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        ref = TimelineRef.from_dict(d.pop("ref"))

        title = d.pop("title")

        timeline_entry = cls(
            details=details,
            id=id,
            kind=kind,
            occurred_at=occurred_at,
            ref=ref,
            title=title,
        )

        return timeline_entry
