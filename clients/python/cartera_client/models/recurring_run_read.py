from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="RecurringRunRead")


@_attrs_define
class RecurringRunRead:
    """
    Attributes:
        invoice_id (UUID):
        issue_error (None | str): Why the generated draft was not issued.
        period_on (datetime.date):
    """

    invoice_id: UUID
    issue_error: None | str
    period_on: datetime.date

    def to_dict(self) -> dict[str, Any]:
        invoice_id = str(self.invoice_id)

        issue_error: None | str
        issue_error = self.issue_error

        period_on = self.period_on.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "invoice_id": invoice_id,
                "issue_error": issue_error,
                "period_on": period_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invoice_id = UUID(d.pop("invoice_id"))

        def _parse_issue_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        issue_error = _parse_issue_error(d.pop("issue_error"))

        period_on = datetime.date.fromisoformat(d.pop("period_on"))

        recurring_run_read = cls(
            invoice_id=invoice_id,
            issue_error=issue_error,
            period_on=period_on,
        )

        return recurring_run_read
