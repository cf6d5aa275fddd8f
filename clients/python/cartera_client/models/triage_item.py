from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.triage_item_channel import TriageItemChannel
from ..models.triage_item_provider import TriageItemProvider
from ..models.triage_item_reason import TriageItemReason
from ..models.triage_item_resolved_kind_type_0 import TriageItemResolvedKindType0
from ..models.triage_item_status import TriageItemStatus
from ..models.triage_item_wanted import TriageItemWanted

T = TypeVar("T", bound="TriageItem")


@_attrs_define
class TriageItem:
    """A message whose sender matched no client (or several), and what was decided.

    Attributes:
        channel (TriageItemChannel):
        from_ (str):
        id (UUID):
        message_id (str):
        provider (TriageItemProvider):
        reason (TriageItemReason):
        received_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        resolved_at (datetime.datetime | None):
        resolved_id (None | UUID):
        resolved_kind (None | TriageItemResolvedKindType0):
        status (TriageItemStatus):
        subject (None | str):
        text (str):
        to (None | str):
        wanted (TriageItemWanted):
    """

    channel: TriageItemChannel
    from_: str
    id: UUID
    message_id: str
    provider: TriageItemProvider
    reason: TriageItemReason
    received_at: datetime.datetime
    resolved_at: datetime.datetime | None
    resolved_id: None | UUID
    resolved_kind: None | TriageItemResolvedKindType0
    status: TriageItemStatus
    subject: None | str
    text: str
    to: None | str
    wanted: TriageItemWanted

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        from_ = self.from_

        id = str(self.id)

        message_id = self.message_id

        provider = self.provider.value

        reason = self.reason.value

        received_at = self.received_at.isoformat()

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        resolved_id: None | str
        if isinstance(self.resolved_id, UUID):
            resolved_id = str(self.resolved_id)
        else:
            resolved_id = self.resolved_id

        resolved_kind: None | str
        if isinstance(self.resolved_kind, TriageItemResolvedKindType0):
            resolved_kind = self.resolved_kind.value
        else:
            resolved_kind = self.resolved_kind

        status = self.status.value

        subject: None | str
        subject = self.subject

        text = self.text

        to: None | str
        to = self.to

        wanted = self.wanted.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "from": from_,
                "id": id,
                "message_id": message_id,
                "provider": provider,
                "reason": reason,
                "received_at": received_at,
                "resolved_at": resolved_at,
                "resolved_id": resolved_id,
                "resolved_kind": resolved_kind,
                "status": status,
                "subject": subject,
                "text": text,
                "to": to,
                "wanted": wanted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = TriageItemChannel(d.pop("channel"))

        from_ = d.pop("from")

        id = UUID(d.pop("id"))

        message_id = d.pop("message_id")

        provider = TriageItemProvider(d.pop("provider"))

        reason = TriageItemReason(d.pop("reason"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        def _parse_resolved_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_id_type_0 = UUID(data)

                return resolved_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        resolved_id = _parse_resolved_id(d.pop("resolved_id"))

        def _parse_resolved_kind(data: object) -> None | TriageItemResolvedKindType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_kind_type_0 = TriageItemResolvedKindType0(data)

                return resolved_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TriageItemResolvedKindType0, data)

        resolved_kind = _parse_resolved_kind(d.pop("resolved_kind"))

        status = TriageItemStatus(d.pop("status"))

        def _parse_subject(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject = _parse_subject(d.pop("subject"))

        text = d.pop("text")

        def _parse_to(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to = _parse_to(d.pop("to"))

        wanted = TriageItemWanted(d.pop("wanted"))

        triage_item = cls(
            channel=channel,
            from_=from_,
            id=id,
            message_id=message_id,
            provider=provider,
            reason=reason,
            received_at=received_at,
            resolved_at=resolved_at,
            resolved_id=resolved_id,
            resolved_kind=resolved_kind,
            status=status,
            subject=subject,
            text=text,
            to=to,
            wanted=wanted,
        )

        return triage_item
