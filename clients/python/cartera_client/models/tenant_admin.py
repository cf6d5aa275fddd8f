from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="TenantAdmin")


@_attrs_define
class TenantAdmin:
    """A tenant as the operator sees it.

    Attributes:
        effective_rate_limit_per_minute (int): What this gateway enforces for the tenant now, per minute.
        name (str):
        plan (str):
        rate_limit_per_minute (int | None): The tenant's own rate; null: the gateway's default.
        status (str):
        tenant_id (UUID):
    """

    effective_rate_limit_per_minute: int
    name: str
    plan: str
    rate_limit_per_minute: int | None
    status: str
    tenant_id: UUID

    def to_dict(self) -> dict[str, Any]:
        effective_rate_limit_per_minute = self.effective_rate_limit_per_minute

        name = self.name

        plan = self.plan

        rate_limit_per_minute: int | None
        rate_limit_per_minute = self.rate_limit_per_minute

        status = self.status

        tenant_id = str(self.tenant_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "effective_rate_limit_per_minute": effective_rate_limit_per_minute,
                "name": name,
                "plan": plan,
                "rate_limit_per_minute": rate_limit_per_minute,
                "status": status,
                "tenant_id": tenant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        effective_rate_limit_per_minute = d.pop("effective_rate_limit_per_minute")

        name = d.pop("name")

        plan = d.pop("plan")

        def _parse_rate_limit_per_minute(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rate_limit_per_minute = _parse_rate_limit_per_minute(d.pop("rate_limit_per_minute"))

        status = d.pop("status")

        tenant_id = UUID(d.pop("tenant_id"))

        tenant_admin = cls(
            effective_rate_limit_per_minute=effective_rate_limit_per_minute,
            name=name,
            plan=plan,
            rate_limit_per_minute=rate_limit_per_minute,
            status=status,
            tenant_id=tenant_id,
        )

        return tenant_admin
