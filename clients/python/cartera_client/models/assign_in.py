from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.assign_in_create import AssignInCreate
from ..types import UNSET, Unset

T = TypeVar("T", bound="AssignIn")


@_attrs_define
class AssignIn:
    """
    Attributes:
        client_id (UUID):
        create (AssignInCreate | Unset):  Default: AssignInCreate.INTERACTION.
    """

    client_id: UUID
    create: AssignInCreate | Unset = AssignInCreate.INTERACTION

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        create: str | Unset = UNSET
        if not isinstance(self.create, Unset):
            create = self.create.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
            }
        )
        if create is not UNSET:
            field_dict["create"] = create

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        _create = d.pop("create", UNSET)
        create: AssignInCreate | Unset
        if isinstance(_create, Unset):
            create = UNSET
        else:
            create = AssignInCreate(_create)

        assign_in = cls(
            client_id=client_id,
            create=create,
        )

        return assign_in
