from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ClientBehaviour")


@_attrs_define
class ClientBehaviour:
    """
    Attributes:
        average_days_late (None | str): Days (one decimal, as a string), weighted by amount; null if none settled.
        billed_last_90_days (str): decimal, as a string
        client_id (str): The client's id (the text `None` for invoices without a client).
        current_overdue (str): decimal, as a string
        dso (None | str): Days sales outstanding (one decimal, as a string): outstanding over billed in the last 90
            days, times 90; null with nothing billed.
        instalments_overdue (int): Overdue and still unpaid.
        instalments_paid_on_time (int):
        instalments_settled (int):
        legal_name (None | str):
        on_time_fraction (None | str): A fraction (0 to 1, four decimals, as a string): settled on time over settled
            plus overdue; null with neither.
        outstanding (str): decimal, as a string
    """

    average_days_late: None | str
    billed_last_90_days: str
    client_id: str
    current_overdue: str
    dso: None | str
    instalments_overdue: int
    instalments_paid_on_time: int
    instalments_settled: int
    legal_name: None | str
    on_time_fraction: None | str
    outstanding: str

    def to_dict(self) -> dict[str, Any]:
        average_days_late: None | str
        average_days_late = self.average_days_late

        billed_last_90_days = self.billed_last_90_days

        client_id = self.client_id

        current_overdue = self.current_overdue

        dso: None | str
        dso = self.dso

        instalments_overdue = self.instalments_overdue

        instalments_paid_on_time = self.instalments_paid_on_time

        instalments_settled = self.instalments_settled

        legal_name: None | str
        legal_name = self.legal_name

        on_time_fraction: None | str
        on_time_fraction = self.on_time_fraction

        outstanding = self.outstanding

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "average_days_late": average_days_late,
                "billed_last_90_days": billed_last_90_days,
                "client_id": client_id,
                "current_overdue": current_overdue,
                "dso": dso,
                "instalments_overdue": instalments_overdue,
                "instalments_paid_on_time": instalments_paid_on_time,
                "instalments_settled": instalments_settled,
                "legal_name": legal_name,
                "on_time_fraction": on_time_fraction,
                "outstanding": outstanding,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_average_days_late(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        average_days_late = _parse_average_days_late(d.pop("average_days_late"))

        billed_last_90_days = d.pop("billed_last_90_days")

        client_id = d.pop("client_id")

        current_overdue = d.pop("current_overdue")

        def _parse_dso(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        dso = _parse_dso(d.pop("dso"))

        instalments_overdue = d.pop("instalments_overdue")

        instalments_paid_on_time = d.pop("instalments_paid_on_time")

        instalments_settled = d.pop("instalments_settled")

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        def _parse_on_time_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        on_time_fraction = _parse_on_time_fraction(d.pop("on_time_fraction"))

        outstanding = d.pop("outstanding")

        client_behaviour = cls(
            average_days_late=average_days_late,
            billed_last_90_days=billed_last_90_days,
            client_id=client_id,
            current_overdue=current_overdue,
            dso=dso,
            instalments_overdue=instalments_overdue,
            instalments_paid_on_time=instalments_paid_on_time,
            instalments_settled=instalments_settled,
            legal_name=legal_name,
            on_time_fraction=on_time_fraction,
            outstanding=outstanding,
        )

        return client_behaviour
