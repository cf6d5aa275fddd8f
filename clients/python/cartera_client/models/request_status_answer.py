from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.request_status_answer_channel_type_0 import RequestStatusAnswerChannelType0
from ..models.request_status_answer_priority import RequestStatusAnswerPriority
from ..models.request_status_answer_status import RequestStatusAnswerStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.survey_with_link import SurveyWithLink


T = TypeVar("T", bound="RequestStatusAnswer")


@_attrs_define
class RequestStatusAnswer:
    """The request after the move; closing it adds the CSAT survey and its one-time link.

    Attributes:
        assignee (None | str):
        channel (None | RequestStatusAnswerChannelType0):
        client_id (UUID):
        closed_at (datetime.datetime | None):
        created_by (str):
        description (str):
        id (UUID):
        opened_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        priority (RequestStatusAnswerPriority):
        reopened_count (int):
        resolved_at (datetime.datetime | None):
        sla_breached (bool): Resolved after sla_due_at, or still unresolved past it (as of the answer).
        sla_due_at (datetime.datetime): When it should be resolved (opened_at + target).
        status (RequestStatusAnswerStatus):
        subject (str):
        updated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        version (int): Grows by one with every change.
        survey (None | SurveyWithLink | Unset): Only when the request was closed: its CSAT survey.
    """

    assignee: None | str
    channel: None | RequestStatusAnswerChannelType0
    client_id: UUID
    closed_at: datetime.datetime | None
    created_by: str
    description: str
    id: UUID
    opened_at: datetime.datetime
    priority: RequestStatusAnswerPriority
    reopened_count: int
    resolved_at: datetime.datetime | None
    sla_breached: bool
    sla_due_at: datetime.datetime
    status: RequestStatusAnswerStatus
    subject: str
    updated_at: datetime.datetime
    version: int
    survey: None | SurveyWithLink | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.survey_with_link import SurveyWithLink  # noqa: PLC0415

        assignee: None | str
        assignee = self.assignee

        channel: None | str
        if isinstance(self.channel, RequestStatusAnswerChannelType0):
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

        survey: dict[str, Any] | None | Unset
        if isinstance(self.survey, Unset):
            survey = UNSET
        elif isinstance(self.survey, SurveyWithLink):
            survey = self.survey.to_dict()
        else:
            survey = self.survey

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignee": assignee,
                "channel": channel,
                "client_id": client_id,
                "closed_at": closed_at,
                "created_by": created_by,
                "description": description,
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
        if survey is not UNSET:
            field_dict["survey"] = survey

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_with_link import SurveyWithLink  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))

        def _parse_channel(data: object) -> None | RequestStatusAnswerChannelType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = RequestStatusAnswerChannelType0(data)

                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestStatusAnswerChannelType0, data)

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

        id = UUID(d.pop("id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        priority = RequestStatusAnswerPriority(d.pop("priority"))

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

        status = RequestStatusAnswerStatus(d.pop("status"))

        subject = d.pop("subject")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_survey(data: object) -> None | SurveyWithLink | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                survey_type_0 = SurveyWithLink.from_dict(data)

                return survey_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SurveyWithLink | Unset, data)

        survey = _parse_survey(d.pop("survey", UNSET))

        request_status_answer = cls(
            assignee=assignee,
            channel=channel,
            client_id=client_id,
            closed_at=closed_at,
            created_by=created_by,
            description=description,
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
            survey=survey,
        )

        return request_status_answer
