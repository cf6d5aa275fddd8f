from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RectifiedInvoice")


@_attrs_define
class RectifiedInvoice:
    """
    Attributes:
        issue_date (datetime.date):
        number (str):
    """

    issue_date: datetime.date
    number: str

    def to_dict(self) -> dict[str, Any]:
        issue_date = self.issue_date.isoformat()

        number = self.number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "issue_date": issue_date,
                "number": number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        issue_date = datetime.date.fromisoformat(d.pop("issue_date"))

        number = d.pop("number")

        rectified_invoice = cls(
            issue_date=issue_date,
            number=number,
        )

        return rectified_invoice
