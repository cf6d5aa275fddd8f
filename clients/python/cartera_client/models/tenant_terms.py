from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TenantTerms")


@_attrs_define
class TenantTerms:
    """What an operator changes of a tenant's terms; members left out stay as they are.

    Attributes:
        plan (None | str | Unset): The plan's name (lower case letters, digits, `_` and `-`; the operator's own
            catalogue). Informative: the rate below is what is enforced.
        rate_limit_per_minute (int | None | Unset): Requests per minute over all the tenant's credentials; null goes
            back to the gateway's default (`CARTERA_GATEWAY_RATE_LIMIT_TENANT`).
    """

    plan: None | str | Unset = UNSET
    rate_limit_per_minute: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        plan: None | str | Unset
        if isinstance(self.plan, Unset):
            plan = UNSET
        else:
            plan = self.plan

        rate_limit_per_minute: int | None | Unset
        if isinstance(self.rate_limit_per_minute, Unset):
            rate_limit_per_minute = UNSET
        else:
            rate_limit_per_minute = self.rate_limit_per_minute

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if plan is not UNSET:
            field_dict["plan"] = plan
        if rate_limit_per_minute is not UNSET:
            field_dict["rate_limit_per_minute"] = rate_limit_per_minute

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_plan(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        plan = _parse_plan(d.pop("plan", UNSET))

        def _parse_rate_limit_per_minute(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rate_limit_per_minute = _parse_rate_limit_per_minute(d.pop("rate_limit_per_minute", UNSET))

        tenant_terms = cls(
            plan=plan,
            rate_limit_per_minute=rate_limit_per_minute,
        )

        return tenant_terms
