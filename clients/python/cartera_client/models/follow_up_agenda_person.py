from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.follow_up_answer import FollowUpAnswer


T = TypeVar("T", bound="FollowUpAgendaPerson")


@_attrs_define
class FollowUpAgendaPerson:
    """
    Attributes:
        assignee (None | str): None: the tasks nobody is assigned.
        due_today (list[FollowUpAnswer]):
        overdue (list[FollowUpAnswer]):
    """

    assignee: None | str
    due_today: list[FollowUpAnswer]
    overdue: list[FollowUpAnswer]

    def to_dict(self) -> dict[str, Any]:
        assignee: None | str
        assignee = self.assignee

        due_today = []
        for due_today_item_data in self.due_today:
            due_today_item = due_today_item_data.to_dict()
            due_today.append(due_today_item)

        overdue = []
        for overdue_item_data in self.overdue:
            overdue_item = overdue_item_data.to_dict()
            overdue.append(overdue_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "assignee": assignee,
                "due_today": due_today,
                "overdue": overdue,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.follow_up_answer import FollowUpAnswer  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_assignee(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        assignee = _parse_assignee(d.pop("assignee"))

        due_today = []
        _due_today = d.pop("due_today")
        for due_today_item_data in _due_today:
            due_today_item = FollowUpAnswer.from_dict(due_today_item_data)

            due_today.append(due_today_item)

        overdue = []
        _overdue = d.pop("overdue")
        for overdue_item_data in _overdue:
            overdue_item = FollowUpAnswer.from_dict(overdue_item_data)

            overdue.append(overdue_item)

        follow_up_agenda_person = cls(
            assignee=assignee,
            due_today=due_today,
            overdue=overdue,
        )

        return follow_up_agenda_person
