from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="TenantCreated")


@_attrs_define
class TenantCreated:
    """
    Attributes:
        api_key (str): The tenant's first API key, with every scope. Shown once.
        name (str):
        tenant_id (UUID):
        owner (None | Unset | User): The owner, when the body named one.
    """

    api_key: str
    name: str
    tenant_id: UUID
    owner: None | Unset | User = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.user import User  # noqa: PLC0415

        api_key = self.api_key

        name = self.name

        tenant_id = str(self.tenant_id)

        owner: dict[str, Any] | None | Unset
        if isinstance(self.owner, Unset):
            owner = UNSET
        elif isinstance(self.owner, User):
            owner = self.owner.to_dict()
        else:
            owner = self.owner

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "api_key": api_key,
                "name": name,
                "tenant_id": tenant_id,
            }
        )
        if owner is not UNSET:
            field_dict["owner"] = owner

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        api_key = d.pop("api_key")

        name = d.pop("name")

        tenant_id = UUID(d.pop("tenant_id"))

        def _parse_owner(data: object) -> None | Unset | User:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                owner_type_0 = User.from_dict(data)

                return owner_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | User, data)

        owner = _parse_owner(d.pop("owner", UNSET))

        tenant_created = cls(
            api_key=api_key,
            name=name,
            tenant_id=tenant_id,
            owner=owner,
        )

        return tenant_created
