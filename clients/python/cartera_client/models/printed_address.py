from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PrintedAddress")


@_attrs_define
class PrintedAddress:
    """
    Attributes:
        city (str):
        country (str): ISO 3166-1 alpha-2.
        postal_code (str):
        street (str):
        province (None | str | Unset):
    """

    city: str
    country: str
    postal_code: str
    street: str
    province: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        city = self.city

        country = self.country

        postal_code = self.postal_code

        street = self.street

        province: None | str | Unset
        if isinstance(self.province, Unset):
            province = UNSET
        else:
            province = self.province

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "city": city,
                "country": country,
                "postal_code": postal_code,
                "street": street,
            }
        )
        if province is not UNSET:
            field_dict["province"] = province

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        city = d.pop("city")

        country = d.pop("country")

        postal_code = d.pop("postal_code")

        street = d.pop("street")

        def _parse_province(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        province = _parse_province(d.pop("province", UNSET))

        printed_address = cls(
            city=city,
            country=country,
            postal_code=postal_code,
            street=street,
            province=province,
        )

        return printed_address
