from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ClientAging")


@_attrs_define
class ClientAging:
    """
    Attributes:
        field_1_30 (str): decimal, as a string
        field_31_60 (str): decimal, as a string
        field_61_90 (str): decimal, as a string
        client_id (str): The client's id (the text `None` for invoices without a client).
        current (str): Not yet due (decimal, as a string).
        legal_name (None | str):
        over_90 (str): decimal, as a string
    """

    field_1_30: str
    field_31_60: str
    field_61_90: str
    client_id: str
    current: str
    legal_name: None | str
    over_90: str

    def to_dict(self) -> dict[str, Any]:
        field_1_30 = self.field_1_30

        field_31_60 = self.field_31_60

        field_61_90 = self.field_61_90

        client_id = self.client_id

        current = self.current

        legal_name: None | str
        legal_name = self.legal_name

        over_90 = self.over_90

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "1-30": field_1_30,
                "31-60": field_31_60,
                "61-90": field_61_90,
                "client_id": client_id,
                "current": current,
                "legal_name": legal_name,
                "over_90": over_90,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_1_30 = d.pop("1-30")

        field_31_60 = d.pop("31-60")

        field_61_90 = d.pop("61-90")

        client_id = d.pop("client_id")

        current = d.pop("current")

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        over_90 = d.pop("over_90")

        client_aging = cls(
            field_1_30=field_1_30,
            field_31_60=field_31_60,
            field_61_90=field_61_90,
            client_id=client_id,
            current=current,
            legal_name=legal_name,
            over_90=over_90,
        )

        return client_aging
