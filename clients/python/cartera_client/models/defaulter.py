from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Defaulter")


@_attrs_define
class Defaulter:
    """
    Attributes:
        client_id (str): The client's id (the text `None` for invoices without a client).
        days_late (int): Days since the oldest due date.
        invoices (list[str]): Invoice numbers, sorted.
        legal_name (None | str):
        oldest_due_on (datetime.date):
        overdue (str): Owed more than `min_days` late (decimal, as a string).
    """

    client_id: str
    days_late: int
    invoices: list[str]
    legal_name: None | str
    oldest_due_on: datetime.date
    overdue: str

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        days_late = self.days_late

        invoices = self.invoices

        legal_name: None | str
        legal_name = self.legal_name

        oldest_due_on = self.oldest_due_on.isoformat()

        overdue = self.overdue

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "days_late": days_late,
                "invoices": invoices,
                "legal_name": legal_name,
                "oldest_due_on": oldest_due_on,
                "overdue": overdue,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        days_late = d.pop("days_late")

        invoices = cast(list[str], d.pop("invoices"))

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        oldest_due_on = datetime.date.fromisoformat(d.pop("oldest_due_on"))

        overdue = d.pop("overdue")

        defaulter = cls(
            client_id=client_id,
            days_late=days_late,
            invoices=invoices,
            legal_name=legal_name,
            oldest_due_on=oldest_due_on,
            overdue=overdue,
        )

        return defaulter
