from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RemittanceIn")


@_attrs_define
class RemittanceIn:
    """
    Attributes:
        collection_date (datetime.date):
        due_until (datetime.date | None | Unset): Collect instalments due up to this day (the collection date).
    """

    collection_date: datetime.date
    due_until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        collection_date = self.collection_date.isoformat()

        due_until: None | str | Unset
        if isinstance(self.due_until, Unset):
            due_until = UNSET
        elif isinstance(self.due_until, datetime.date):
            due_until = self.due_until.isoformat()
        else:
            due_until = self.due_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "collection_date": collection_date,
            }
        )
        if due_until is not UNSET:
            field_dict["due_until"] = due_until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        collection_date = datetime.date.fromisoformat(d.pop("collection_date"))

        def _parse_due_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_until_type_0 = datetime.date.fromisoformat(data)

                return due_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_until = _parse_due_until(d.pop("due_until", UNSET))

        remittance_in = cls(
            collection_date=collection_date,
            due_until=due_until,
        )

        return remittance_in
