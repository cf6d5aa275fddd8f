from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.timeline_entry_kind import TimelineEntryKind

if TYPE_CHECKING:
    from ..models.timeline_entry_details import TimelineEntryDetails
    from ..models.timeline_ref import TimelineRef


T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """
    Attributes:
        details (TimelineEntryDetails): The facts of the entry, by kind; amounts are decimals as strings.
        id (UUID):
        kind (TimelineEntryKind): What happened. These names use underscores (`payment_recorded`), not the dots of event
            and webhook types.
        occurred_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        ref (TimelineRef):
        title (str): One line in Spanish, for people (amounts in Spanish format).
    """

    details: TimelineEntryDetails
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
        from ..models.timeline_entry_details import TimelineEntryDetails  # noqa: PLC0415
        from ..models.timeline_ref import TimelineRef  # noqa: PLC0415

        d = dict(src_dict)
        details = TimelineEntryDetails.from_dict(d.pop("details"))

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
