from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.place_role import PlaceRole

T = TypeVar("T", bound="Place")


@_attrs_define
class Place:
    """A business the person belongs to, with their role there.

    Attributes:
        name (str):
        role (PlaceRole):
        tenant_id (UUID):
    """

    name: str
    role: PlaceRole
    tenant_id: UUID

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        tenant_id = str(self.tenant_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
                "tenant_id": tenant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = PlaceRole(d.pop("role"))

        tenant_id = UUID(d.pop("tenant_id"))

        place = cls(
            name=name,
            role=role,
            tenant_id=tenant_id,
        )

        return place
