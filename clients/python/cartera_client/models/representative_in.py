from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RepresentativeIn")


@_attrs_define
class RepresentativeIn:
    """
    Attributes:
        granted_on (datetime.date): When the representation was granted.
        name (str):
        reference (None | str | Unset): The AEAT's reference of the apoderamiento or authorisation, if any.
    """

    granted_on: datetime.date
    name: str
    reference: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        granted_on = self.granted_on.isoformat()

        name = self.name

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "granted_on": granted_on,
                "name": name,
            }
        )
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        granted_on = datetime.date.fromisoformat(d.pop("granted_on"))

        name = d.pop("name")

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        representative_in = cls(
            granted_on=granted_on,
            name=name,
            reference=reference,
        )

        return representative_in
