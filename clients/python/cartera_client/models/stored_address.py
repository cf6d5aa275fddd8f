from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StoredAddress")


@_attrs_define
class StoredAddress:
    """
    Attributes:
        city (str):
        postal_code (str):
        street (str):
        country (None | str | Unset):
        province (None | str | Unset):
    """

    city: str
    postal_code: str
    street: str
    country: None | str | Unset = UNSET
    province: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        city = self.city

        postal_code = self.postal_code

        street = self.street

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        province: None | str | Unset
        if isinstance(self.province, Unset):
            province = UNSET
        else:
            province = self.province

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "city": city,
                "postal_code": postal_code,
                "street": street,
            }
        )
        if country is not UNSET:
            field_dict["country"] = country
        if province is not UNSET:
            field_dict["province"] = province

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        city = d.pop("city")

        postal_code = d.pop("postal_code")

        street = d.pop("street")

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_province(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        province = _parse_province(d.pop("province", UNSET))

        stored_address = cls(
            city=city,
            postal_code=postal_code,
            street=street,
            country=country,
            province=province,
        )

        return stored_address
