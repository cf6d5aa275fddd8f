from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.deferred_collection import DeferredCollection


T = TypeVar("T", bound="Remittance")


@_attrs_define
class Remittance:
    """
    Attributes:
        collection_date (datetime.date):
        count (int): Debits in the file.
        deferred (list[DeferredCollection]):
        id (UUID):
        message_id (str): The pain.008 file's MsgId.
        status (str):
        total (str): decimal, as a string
    """

    collection_date: datetime.date
    count: int
    deferred: list[DeferredCollection]
    id: UUID
    message_id: str
    status: str
    total: str

    def to_dict(self) -> dict[str, Any]:
        collection_date = self.collection_date.isoformat()

        count = self.count

        deferred = []
        for deferred_item_data in self.deferred:
            deferred_item = deferred_item_data.to_dict()
            deferred.append(deferred_item)

        id = str(self.id)

        message_id = self.message_id

        status = self.status

        total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "collection_date": collection_date,
                "count": count,
                "deferred": deferred,
                "id": id,
                "message_id": message_id,
                "status": status,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deferred_collection import DeferredCollection  # noqa: PLC0415

        d = dict(src_dict)
        collection_date = datetime.date.fromisoformat(d.pop("collection_date"))

        count = d.pop("count")

        deferred = []
        _deferred = d.pop("deferred")
        for deferred_item_data in _deferred:
            deferred_item = DeferredCollection.from_dict(deferred_item_data)

            deferred.append(deferred_item)

        id = UUID(d.pop("id"))

        message_id = d.pop("message_id")

        status = d.pop("status")

        total = d.pop("total")

        remittance = cls(
            collection_date=collection_date,
            count=count,
            deferred=deferred,
            id=id,
            message_id=message_id,
            status=status,
            total=total,
        )

        return remittance
