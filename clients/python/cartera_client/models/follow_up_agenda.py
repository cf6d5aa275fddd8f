from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.follow_up_agenda_person import FollowUpAgendaPerson


T = TypeVar("T", bound="FollowUpAgenda")


@_attrs_define
class FollowUpAgenda:
    """
    Attributes:
        as_of (datetime.date): Today, in the business's time zone.
        people (list[FollowUpAgendaPerson]): By assignee's name.
    """

    as_of: datetime.date
    people: list[FollowUpAgendaPerson]

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        people = []
        for people_item_data in self.people:
            people_item = people_item_data.to_dict()
            people.append(people_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "people": people,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.follow_up_agenda_person import FollowUpAgendaPerson  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        people = []
        _people = d.pop("people")
        for people_item_data in _people:
            people_item = FollowUpAgendaPerson.from_dict(people_item_data)

            people.append(people_item)

        follow_up_agenda = cls(
            as_of=as_of,
            people=people,
        )

        return follow_up_agenda
