from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.follow_up_answer_status import FollowUpAnswerStatus

T = TypeVar("T", bound="FollowUpAnswer")


@_attrs_define
class FollowUpAnswer:
    """A task with a due date; `overdue` is judged on the business's day (CARTERA_CRM_TIMEZONE).

    Attributes:
        assignee (None | str):
        client_id (None | UUID):
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        created_by (str):
        done_at (datetime.datetime | None):
        due_on (datetime.date):
        id (UUID):
        interaction_id (None | UUID):
        notes (None | str):
        overdue (bool): Open and due before today.
        request_id (None | UUID):
        status (FollowUpAnswerStatus):
        title (str):
    """

    assignee: None | str
    client_id: None | UUID
    created_at: datetime.datetime
    created_by: str
    done_at: datetime.datetime | None
    due_on: datetime.date
    id: UUID
    interaction_id: None | UUID
    notes: None | str
    overdue: bool
    request_id: None | UUID
    status: FollowUpAnswerStatus
    title: str

    def to_dict(self) -> dict[str, Any]:
        assignee: None | str
        assignee = self.assignee

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        created_at = self.created_at.isoformat()

        created_by = self.created_by

        done_at: None | str
        if isinstance(self.done_at, datetime.datetime):
            done_at = self.done_at.isoformat()
        else:
            done_at = self.done_at

        due_on = self.due_on.isoformat()

        id = str(self.id)

        interaction_id: None | str
        if isinstance(self.interaction_id, UUID):
            interaction_id = str(self.interaction_id)
        else:
            interaction_id = self.interaction_id

        notes: None | str
        notes = self.notes

        overdue = self.overdue

        request_id: None | str
        if isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        status = self.status.value

        title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignee": assignee,
                "client_id": client_id,
                "created_at": created_at,
                "created_by": created_by,
                "done_at": done_at,
                "due_on": due_on,
                "id": id,
                "interaction_id": interaction_id,
                "notes": notes,
                "overdue": overdue,
                "request_id": request_id,
                "status": status,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        def _parse_done_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                done_at_type_0 = datetime.datetime.fromisoformat(data)

                return done_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        done_at = _parse_done_at(d.pop("done_at"))

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        id = UUID(d.pop("id"))

        def _parse_interaction_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                interaction_id_type_0 = UUID(data)

                return interaction_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        interaction_id = _parse_interaction_id(d.pop("interaction_id"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        overdue = d.pop("overdue")

        def _parse_request_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        request_id = _parse_request_id(d.pop("request_id"))

        status = FollowUpAnswerStatus(d.pop("status"))

        title = d.pop("title")

        follow_up_answer = cls(
            assignee=assignee,
            client_id=client_id,
            created_at=created_at,
            created_by=created_by,
            done_at=done_at,
            due_on=due_on,
            id=id,
            interaction_id=interaction_id,
            notes=notes,
            overdue=overdue,
            request_id=request_id,
            status=status,
            title=title,
        )

        return follow_up_answer
