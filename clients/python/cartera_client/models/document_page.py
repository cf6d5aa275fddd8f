from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.document_read import DocumentRead


T = TypeVar("T", bound="DocumentPage")


@_attrs_define
class DocumentPage:
    """One page of a client's documents, newest first; `next_cursor` asks for the next one.

    Attributes:
        items (list[DocumentRead]):
        limit (int):
        next_cursor (None | str): Pass as `cursor` for the next page; null: last.
        total (int): How many documents the client has (of `kind`, when given).
    """

    items: list[DocumentRead]
    limit: int
    next_cursor: None | str
    total: int

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        limit = self.limit

        next_cursor: None | str
        next_cursor = self.next_cursor

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "limit": limit,
                "next_cursor": next_cursor,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_read import DocumentRead  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = DocumentRead.from_dict(items_item_data)

            items.append(items_item)

        limit = d.pop("limit")

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        total = d.pop("total")

        document_page = cls(
            items=items,
            limit=limit,
            next_cursor=next_cursor,
            total=total,
        )

        return document_page
