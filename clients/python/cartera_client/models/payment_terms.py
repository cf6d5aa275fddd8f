from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentTerms")


@_attrs_define
class PaymentTerms:
    """
    Attributes:
        days (int | Unset): Days from the invoice date. Default: 30.
        fixed_day (int | None | Unset): Due dates move on to this day of the month; for business and public clients,
            back to the one before when that would pass Ley 3/2004's 60 days.
        instalments (int | Unset):  Default: 1.
        interval_days (int | Unset): Days between instalments after the first. Default: 30.
    """

    days: int | Unset = 30
    fixed_day: int | None | Unset = UNSET
    instalments: int | Unset = 1
    interval_days: int | Unset = 30

    def to_dict(self) -> dict[str, Any]:
        days = self.days

        fixed_day: int | None | Unset
        if isinstance(self.fixed_day, Unset):
            fixed_day = UNSET
        else:
            fixed_day = self.fixed_day

        instalments = self.instalments

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
        days = d.pop("days", UNSET)

        def _parse_fixed_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fixed_day = _parse_fixed_day(d.pop("fixed_day", UNSET))

        instalments = d.pop("instalments", UNSET)

        interval_days = d.pop("interval_days", UNSET)

        payment_terms = cls(
            days=days,
            fixed_day=fixed_day,
            instalments=instalments,
            interval_days=interval_days,
        )

        return payment_terms
