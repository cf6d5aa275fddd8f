from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StoredPaymentTerms")


@_attrs_define
class StoredPaymentTerms:
    """
    Attributes:
        days (int | None | Unset):
        fixed_day (int | None | Unset):
        instalments (int | None | Unset):
        interval_days (int | None | Unset):
    """

    days: int | None | Unset = UNSET
    fixed_day: int | None | Unset = UNSET
    instalments: int | None | Unset = UNSET
    interval_days: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        days: int | None | Unset
        if isinstance(self.days, Unset):
            days = UNSET
        else:
            days = self.days

        fixed_day: int | None | Unset
        if isinstance(self.fixed_day, Unset):
            fixed_day = UNSET
        else:
            fixed_day = self.fixed_day

        instalments: int | None | Unset
        if isinstance(self.instalments, Unset):
            instalments = UNSET
        else:
            instalments = self.instalments

        interval_days: int | None | Unset
        if isinstance(self.interval_days, Unset):
            interval_days = UNSET
        else:
            interval_days = self.interval_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if days is not UNSET:
            field_dict["days"] = days
        if fixed_day is not UNSET:
            field_dict["fixed_day"] = fixed_day
        if instalments is not UNSET:
            field_dict["instalments"] = instalments
        if interval_days is not UNSET:
            field_dict["interval_days"] = interval_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days = _parse_days(d.pop("days", UNSET))

        def _parse_fixed_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fixed_day = _parse_fixed_day(d.pop("fixed_day", UNSET))

        def _parse_instalments(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        instalments = _parse_instalments(d.pop("instalments", UNSET))

        def _parse_interval_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        interval_days = _parse_interval_days(d.pop("interval_days", UNSET))

        stored_payment_terms = cls(
            days=days,
            fixed_day=fixed_day,
            instalments=instalments,
            interval_days=interval_days,
        )

        return stored_payment_terms
