from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.on_time_trend import OnTimeTrend
    from ..models.overdue_aging import OverdueAging


T = TypeVar("T", bound="ClientPaymentFigures")


@_attrs_define
class ClientPaymentFigures:
    """The client's own figures (its id and name first, as on the wire).

    Attributes:
        aging (OverdueAging): Overdue amounts by days past their due date.
        avg_days_late (None | str): Days late, weighted by amount, of the instalments paid late or unpaid: a decimal, as
            a string, with one decimal; null when none was late.
        billed_last_90_days (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        client_id (None | UUID): The client; null for invoices whose recipient is not a client of the directory (they
            are summed together).
        dso_days (None | str): Days sales outstanding over the last 90 days: a decimal, as a string, with one decimal;
            null when nothing was billed.
        instalments_due (int): Instalments due in the last 12 months.
        late (int):
        legal_name (None | str): Its legal name; null when unknown here.
        on_time_fraction (None | str): Share of the instalments due in the last 12 months paid on time: a fraction of 1
            (not a percentage); null when none was due.
        outstanding (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        overdue (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        paid_on_time (int):
        trend (OnTimeTrend):
    """

    aging: OverdueAging
    avg_days_late: None | str
    billed_last_90_days: str
    client_id: None | UUID
    dso_days: None | str
    instalments_due: int
    late: int
    legal_name: None | str
    on_time_fraction: None | str
    outstanding: str
    overdue: str
    paid_on_time: int
    trend: OnTimeTrend

    def to_dict(self) -> dict[str, Any]:
        aging = self.aging.to_dict()

        avg_days_late: None | str
        avg_days_late = self.avg_days_late

        billed_last_90_days = self.billed_last_90_days

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        dso_days: None | str
        dso_days = self.dso_days

        instalments_due = self.instalments_due

        late = self.late

        legal_name: None | str
        legal_name = self.legal_name

        on_time_fraction: None | str
        on_time_fraction = self.on_time_fraction

        outstanding = self.outstanding

        overdue = self.overdue

        paid_on_time = self.paid_on_time

        trend = self.trend.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "aging": aging,
                "avg_days_late": avg_days_late,
                "billed_last_90_days": billed_last_90_days,
                "client_id": client_id,
                "dso_days": dso_days,
                "instalments_due": instalments_due,
                "late": late,
                "legal_name": legal_name,
                "on_time_fraction": on_time_fraction,
                "outstanding": outstanding,
                "overdue": overdue,
                "paid_on_time": paid_on_time,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.on_time_trend import OnTimeTrend  # noqa: PLC0415
        from ..models.overdue_aging import OverdueAging  # noqa: PLC0415

        d = dict(src_dict)
        aging = OverdueAging.from_dict(d.pop("aging"))

        def _parse_avg_days_late(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        avg_days_late = _parse_avg_days_late(d.pop("avg_days_late"))

        billed_last_90_days = d.pop("billed_last_90_days")

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

        def _parse_dso_days(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        dso_days = _parse_dso_days(d.pop("dso_days"))

        instalments_due = d.pop("instalments_due")

        late = d.pop("late")

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

        overdue = d.pop("overdue")

        paid_on_time = d.pop("paid_on_time")

        trend = OnTimeTrend.from_dict(d.pop("trend"))

        client_payment_figures = cls(
            aging=aging,
            avg_days_late=avg_days_late,
            billed_last_90_days=billed_last_90_days,
            client_id=client_id,
            dso_days=dso_days,
            instalments_due=instalments_due,
            late=late,
            legal_name=legal_name,
            on_time_fraction=on_time_fraction,
            outstanding=outstanding,
            overdue=overdue,
            paid_on_time=paid_on_time,
            trend=trend,
        )

        return client_payment_figures
