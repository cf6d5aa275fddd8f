from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.issued_in_batch_status import IssuedInBatchStatus

if TYPE_CHECKING:
    from ..models.due_date_read import DueDateRead
    from ..models.totals_read import TotalsRead


T = TypeVar("T", bound="IssuedInBatch")


@_attrs_define
class IssuedInBatch:
    """An invoice of a batch as the batch's answer gives it: enough to file it (its number) and
    to reconcile it; the whole invoice is `GET /v1/invoices/{id}`.

        Attributes:
            client_id (None | UUID):
            currency (str):
            due_dates (list[DueDateRead]): When it is due, per instalment.
            id (UUID):
            issue_date (datetime.date):
            number (str):
            series (str):
            status (IssuedInBatchStatus):
            totals (TotalsRead): The invoice's totals in its currency (decimals, as strings).
    """

    client_id: None | UUID
    currency: str
    due_dates: list[DueDateRead]
    id: UUID
    issue_date: datetime.date
    number: str
    series: str
    status: IssuedInBatchStatus
    totals: TotalsRead

    def to_dict(self) -> dict[str, Any]:
        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        currency = self.currency

        due_dates = []
        for due_dates_item_data in self.due_dates:
            due_dates_item = due_dates_item_data.to_dict()
            due_dates.append(due_dates_item)

        id = str(self.id)

        issue_date = self.issue_date.isoformat()

        number = self.number

        series = self.series

        status = self.status.value

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "currency": currency,
                "due_dates": due_dates,
                "id": id,
                "issue_date": issue_date,
                "number": number,
                "series": series,
                "status": status,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.due_date_read import DueDateRead  # noqa: PLC0415
        from ..models.totals_read import TotalsRead  # noqa: PLC0415

        d = dict(src_dict)

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

        currency = d.pop("currency")

        due_dates = []
        _due_dates = d.pop("due_dates")
        for due_dates_item_data in _due_dates:
            due_dates_item = DueDateRead.from_dict(due_dates_item_data)

            due_dates.append(due_dates_item)

        id = UUID(d.pop("id"))

        issue_date = datetime.date.fromisoformat(d.pop("issue_date"))

        number = d.pop("number")

        series = d.pop("series")

        status = IssuedInBatchStatus(d.pop("status"))

        totals = TotalsRead.from_dict(d.pop("totals"))

        issued_in_batch = cls(
            client_id=client_id,
            currency=currency,
            due_dates=due_dates,
            id=id,
            issue_date=issue_date,
            number=number,
            series=series,
            status=status,
            totals=totals,
        )

        return issued_in_batch
