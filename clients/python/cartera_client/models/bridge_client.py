from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="BridgeClient")


@_attrs_define
class BridgeClient:
    """
    Attributes:
        change (str): current - compare, euros.
        client_id (None | UUID): The client; null for invoices whose recipient is not a client of the directory (they
            are summed together).
        compare (str): Taxable base in the compared period.
        current (str): Taxable base in the period.
        legal_name (None | str):
    """

    change: str
    client_id: None | UUID
    compare: str
    current: str
    legal_name: None | str

    def to_dict(self) -> dict[str, Any]:
        change = self.change

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        compare = self.compare

        current = self.current

        legal_name: None | str
        legal_name = self.legal_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "change": change,
                "client_id": client_id,
                "compare": compare,
                "current": current,
                "legal_name": legal_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        change = d.pop("change")

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))

        compare = d.pop("compare")

        current = d.pop("current")

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        bridge_client = cls(
            change=change,
            client_id=client_id,
            compare=compare,
            current=current,
            legal_name=legal_name,
        )

        return bridge_client
