from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="OverdueFigures")


@_attrs_define
class OverdueFigures:
    """
    Attributes:
        amount (None | str): What is owed past its due date, in euros.
        clients (int | None): Clients owing anything past its due date.
    """

    amount: None | str
    clients: int | None

    def to_dict(self) -> dict[str, Any]:
        amount: None | str
        amount = self.amount

        clients: int | None
        clients = self.clients

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "clients": clients,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_clients(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        clients = _parse_clients(d.pop("clients"))

        overdue_figures = cls(
            amount=amount,
            clients=clients,
        )

        return overdue_figures
