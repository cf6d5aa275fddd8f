from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.request_with_history_channel_type_0 import RequestWithHistoryChannelType0
from ..models.request_with_history_priority import RequestWithHistoryPriority
from ..models.request_with_history_status import RequestWithHistoryStatus

if TYPE_CHECKING:
    from ..models.request_history_step import RequestHistoryStep


T = TypeVar("T", bound="RequestWithHistory")


@_attrs_define
class RequestWithHistory:
    """
    Attributes:
        assignee (None | str):
        channel (None | RequestWithHistoryChannelType0):
        client_id (UUID):
        closed_at (datetime.datetime | None):
        created_by (str):
        description (str):
        history (list[RequestHistoryStep]): Oldest first.
        id (UUID):
        opened_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        priority (RequestWithHistoryPriority):
        reopened_count (int):
        resolved_at (datetime.datetime | None):
        sla_breached (bool): Resolved after sla_due_at, or still unresolved past it (as of the answer).
        sla_due_at (datetime.datetime): When it should be resolved (opened_at + target).
        status (RequestWithHistoryStatus):
        subject (str):
        updated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        version (int): Grows by one with every change.
    """

    assignee: None | str
    channel: None | RequestWithHistoryChannelType0
    client_id: UUID
    closed_at: datetime.datetime | None
    created_by: str
    description: str
    history: list[RequestHistoryStep]
    id: UUID
    opened_at: datetime.datetime
    priority: RequestWithHistoryPriority
    reopened_count: int
    resolved_at: datetime.datetime | None
    sla_breached: bool
    sla_due_at: datetime.datetime
    status: RequestWithHistoryStatus
    subject: str
    updated_at: datetime.datetime
    version: int

    def to_dict(self) -> dict[str, Any]:
        assignee: None | str
        assignee = self.assignee

        channel: None | str
        if isinstance(self.channel, RequestWithHistoryChannelType0):
            channel = self.channel.value
        else:
            channel = self.channel

        client_id = str(self.client_id)

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_by = self.created_by

        description = self.description

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        id = str(self.id)

        opened_at = self.opened_at.isoformat()

        priority = self.priority.value

        reopened_count = self.reopened_count

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        sla_breached = self.sla_breached

        sla_due_at = self.sla_due_at.isoformat()

        status = self.status.value

        subject = self.subject

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignee": assignee,
                "channel": channel,
                "client_id": client_id,
                "closed_at": closed_at,
                "created_by": created_by,
                "description": description,
                "history": history,
                "id": id,
                "opened_at": opened_at,
                "priority": priority,
                "reopened_count": reopened_count,
                "resolved_at": resolved_at,
                "sla_breached": sla_breached,
                "sla_due_at": sla_due_at,
                "status": status,
                "subject": subject,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.request_history_step import RequestHistoryStep  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))

        def _parse_channel(data: object) -> None | RequestWithHistoryChannelType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = RequestWithHistoryChannelType0(data)

                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestWithHistoryChannelType0, data)

        channel = _parse_channel(d.pop("channel"))

        client_id = UUID(d.pop("client_id"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        created_by = d.pop("created_by")

        description = d.pop("description")

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = RequestHistoryStep.from_dict(history_item_data)

            history.append(history_item)

        id = UUID(d.pop("id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        priority = RequestWithHistoryPriority(d.pop("priority"))

        reopened_count = d.pop("reopened_count")

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

        sla_breached = d.pop("sla_breached")

        sla_due_at = datetime.datetime.fromisoformat(d.pop("sla_due_at"))

        status = RequestWithHistoryStatus(d.pop("status"))

        subject = d.pop("subject")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        request_with_history = cls(
            assignee=assignee,
            channel=channel,
            client_id=client_id,
            closed_at=closed_at,
            created_by=created_by,
            description=description,
            history=history,
            id=id,
            opened_at=opened_at,
            priority=priority,
            reopened_count=reopened_count,
            resolved_at=resolved_at,
            sla_breached=sla_breached,
            sla_due_at=sla_due_at,
            status=status,
            subject=subject,
            updated_at=updated_at,
            version=version,
        )

        return request_with_history
