from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="TenantChoice")


@_attrs_define
class TenantChoice:
    """A tenant whose account the sign-in's e-mail and password opened.

    Attributes:
        name (str):
        tenant_id (UUID):
    """

    name: str
    tenant_id: UUID

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        tenant_id = str(self.tenant_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "tenant_id": tenant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        tenant_id = UUID(d.pop("tenant_id"))

        tenant_choice = cls(
            name=name,
            tenant_id=tenant_id,
        )

        return tenant_choice
