from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.request_in_channel_type_0 import RequestInChannelType0
from ..models.request_in_priority import RequestInPriority
from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestIn")


@_attrs_define
class RequestIn:
    """
    Attributes:
        client_id (UUID):
        description (str):
        subject (str):
        assignee (None | str | Unset):
        channel (None | RequestInChannelType0 | Unset):
        opened_at (datetime.datetime | None | Unset): When the client asked, if logged later; default: now.
        priority (RequestInPriority | Unset):  Default: RequestInPriority.NORMAL.
    """

    client_id: UUID
    description: str
    subject: str
    assignee: None | str | Unset = UNSET
    channel: None | RequestInChannelType0 | Unset = UNSET
    opened_at: datetime.datetime | None | Unset = UNSET
    priority: RequestInPriority | Unset = RequestInPriority.NORMAL

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        description = self.description

        subject = self.subject

        assignee: None | str | Unset
        if isinstance(self.assignee, Unset):
            assignee = UNSET
        else:
            assignee = self.assignee

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        elif isinstance(self.channel, RequestInChannelType0):
            channel = self.channel.value
        else:
            channel = self.channel

        opened_at: None | str | Unset
        if isinstance(self.opened_at, Unset):
            opened_at = UNSET
        elif isinstance(self.opened_at, datetime.datetime):
            opened_at = self.opened_at.isoformat()
        else:
            opened_at = self.opened_at

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "description": description,
                "subject": subject,
            }
        )
        if assignee is not UNSET:
            field_dict["assignee"] = assignee
        if channel is not UNSET:
            field_dict["channel"] = channel
        if opened_at is not UNSET:
            field_dict["opened_at"] = opened_at
        if priority is not UNSET:
            field_dict["priority"] = priority

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        description = d.pop("description")

        subject = d.pop("subject")

        def _parse_assignee(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        assignee = _parse_assignee(d.pop("assignee", UNSET))

        def _parse_channel(data: object) -> None | RequestInChannelType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = RequestInChannelType0(data)

                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestInChannelType0 | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_opened_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                opened_at_type_0 = datetime.datetime.fromisoformat(data)

                return opened_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        opened_at = _parse_opened_at(d.pop("opened_at", UNSET))

        _priority = d.pop("priority", UNSET)
        priority: RequestInPriority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = RequestInPriority(_priority)

        request_in = cls(
            client_id=client_id,
            description=description,
            subject=subject,
            assignee=assignee,
            channel=channel,
            opened_at=opened_at,
            priority=priority,
        )

        return request_in
