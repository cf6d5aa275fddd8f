from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.printed_address import PrintedAddress
    from ..models.printed_dir_3 import PrintedDir3


T = TypeVar("T", bound="PrintedParty")


@_attrs_define
class PrintedParty:
    """The issuer's or the recipient's fiscal data as printed on the invoice (as it stood on the
    issue date). Invoices issued before a member existed lack it.

        Attributes:
            country (str): ISO 3166-1 alpha-2.
            legal_name (str):
            tax_id (str):
            address (None | PrintedAddress | Unset):
            dir3 (None | PrintedDir3 | Unset):
            kind (None | str | Unset): company, individual, self_employed or public_administration.
            version (int | None | Unset): The client's (or issuer's) version the invoice was issued to.
    """

    country: str
    legal_name: str
    tax_id: str
    address: None | PrintedAddress | Unset = UNSET
    dir3: None | PrintedDir3 | Unset = UNSET
    kind: None | str | Unset = UNSET
    version: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.printed_address import PrintedAddress  # noqa: PLC0415
        from ..models.printed_dir_3 import PrintedDir3  # noqa: PLC0415

        country = self.country

        legal_name = self.legal_name

        tax_id = self.tax_id

        address: dict[str, Any] | None | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        elif isinstance(self.address, PrintedAddress):
            address = self.address.to_dict()
        else:
            address = self.address

        dir3: dict[str, Any] | None | Unset
        if isinstance(self.dir3, Unset):
            dir3 = UNSET
        elif isinstance(self.dir3, PrintedDir3):
            dir3 = self.dir3.to_dict()
        else:
            dir3 = self.dir3

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country": country,
                "legal_name": legal_name,
                "tax_id": tax_id,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if dir3 is not UNSET:
            field_dict["dir3"] = dir3
        if kind is not UNSET:
            field_dict["kind"] = kind
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.printed_address import PrintedAddress  # noqa: PLC0415
        from ..models.printed_dir_3 import PrintedDir3  # noqa: PLC0415

        d = dict(src_dict)
        country = d.pop("country")

        legal_name = d.pop("legal_name")

        tax_id = d.pop("tax_id")

        def _parse_address(data: object) -> None | PrintedAddress | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                address_type_0 = PrintedAddress.from_dict(data)

                return address_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PrintedAddress | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_dir3(data: object) -> None | PrintedDir3 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                dir3_type_0 = PrintedDir3.from_dict(data)

                return dir3_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PrintedDir3 | Unset, data)

        dir3 = _parse_dir3(d.pop("dir3", UNSET))

        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        printed_party = cls(
            country=country,
            legal_name=legal_name,
            tax_id=tax_id,
            address=address,
            dir3=dir3,
            kind=kind,
            version=version,
        )

        return printed_party
