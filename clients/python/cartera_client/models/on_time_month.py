from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="OnTimeMonth")


@_attrs_define
class OnTimeMonth:
    """
    Attributes:
        instalments_due (int):
        month (str): A month, YYYY-MM.
        on_time_fraction (None | str): Share of the month's instalments paid on time: a fraction of 1 (not a
            percentage); null when none was due.
    """

    instalments_due: int
    month: str
    on_time_fraction: None | str

    def to_dict(self) -> dict[str, Any]:
        instalments_due = self.instalments_due

        month = self.month

        on_time_fraction: None | str
        on_time_fraction = self.on_time_fraction

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "instalments_due": instalments_due,
                "month": month,
                "on_time_fraction": on_time_fraction,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instalments_due = d.pop("instalments_due")

        month = d.pop("month")

        def _parse_on_time_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        on_time_fraction = _parse_on_time_fraction(d.pop("on_time_fraction"))

        on_time_month = cls(
            instalments_due=instalments_due,
            month=month,
            on_time_fraction=on_time_fraction,
        )

        return on_time_month
