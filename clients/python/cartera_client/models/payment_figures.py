from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.on_time_trend import OnTimeTrend
    from ..models.overdue_aging import OverdueAging


T = TypeVar("T", bound="PaymentFigures")


@_attrs_define
class PaymentFigures:
    """
    Attributes:
        aging (OverdueAging): Overdue amounts by days past their due date.
        avg_days_late (None | str): Days late, weighted by amount, of the instalments paid late or unpaid: a decimal, as
            a string, with one decimal; null when none was late.
        billed_last_90_days (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        dso_days (None | str): Days sales outstanding over the last 90 days: a decimal, as a string, with one decimal;
            null when nothing was billed.
        instalments_due (int): Instalments due in the last 12 months.
        late (int):
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
    dso_days: None | str
    instalments_due: int
    late: int
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

        dso_days: None | str
        dso_days = self.dso_days

        instalments_due = self.instalments_due

        late = self.late

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
                "dso_days": dso_days,
                "instalments_due": instalments_due,
                "late": late,
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

        def _parse_dso_days(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        dso_days = _parse_dso_days(d.pop("dso_days"))

        instalments_due = d.pop("instalments_due")

        late = d.pop("late")

        def _parse_on_time_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        on_time_fraction = _parse_on_time_fraction(d.pop("on_time_fraction"))

        outstanding = d.pop("outstanding")

        overdue = d.pop("overdue")

        paid_on_time = d.pop("paid_on_time")

        trend = OnTimeTrend.from_dict(d.pop("trend"))

        payment_figures = cls(
            aging=aging,
            avg_days_late=avg_days_late,
            billed_last_90_days=billed_last_90_days,
            dso_days=dso_days,
            instalments_due=instalments_due,
            late=late,
            on_time_fraction=on_time_fraction,
            outstanding=outstanding,
            overdue=overdue,
            paid_on_time=paid_on_time,
            trend=trend,
        )

        return payment_figures
