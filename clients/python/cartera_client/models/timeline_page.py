from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.timeline_entry import TimelineEntry


T = TypeVar("T", bound="TimelinePage")


@_attrs_define
class TimelinePage:
    """
    Attributes:
        client_id (UUID):
        items (list[TimelineEntry]): Newest first.
        next_cursor (None | str): Pass back as `cursor` for the next page.
    """

    client_id: UUID
    items: list[TimelineEntry]
    next_cursor: None | str

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "items": items,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_entry import TimelineEntry  # noqa: PLC0415

        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = TimelineEntry.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        timeline_page = cls(
            client_id=client_id,
            items=items,
            next_cursor=next_cursor,
        )

        return timeline_page
