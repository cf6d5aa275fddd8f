from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.csat_figures import CsatFigures
    from ..models.nps_figures import NpsFigures
    from ..models.satisfaction_month import SatisfactionMonth
    from ..models.satisfaction_trend import SatisfactionTrend


T = TypeVar("T", bound="SatisfactionFigures")


@_attrs_define
class SatisfactionFigures:
    """
    Attributes:
        csat (CsatFigures):
        months (list[SatisfactionMonth]):
        nps (NpsFigures):
        trend (SatisfactionTrend):
    """

    csat: CsatFigures
    months: list[SatisfactionMonth]
    nps: NpsFigures
    trend: SatisfactionTrend

    def to_dict(self) -> dict[str, Any]:
        csat = self.csat.to_dict()

        months = []
        for months_item_data in self.months:
            months_item = months_item_data.to_dict()
            months.append(months_item)

        nps = self.nps.to_dict()

        trend = self.trend.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "csat": csat,
                "months": months,
                "nps": nps,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csat_figures import CsatFigures  # noqa: PLC0415
        from ..models.nps_figures import NpsFigures  # noqa: PLC0415
        from ..models.satisfaction_month import SatisfactionMonth  # noqa: PLC0415
        from ..models.satisfaction_trend import SatisfactionTrend  # noqa: PLC0415

        d = dict(src_dict)
        csat = CsatFigures.from_dict(d.pop("csat"))

        months = []
        _months = d.pop("months")
        for months_item_data in _months:
            months_item = SatisfactionMonth.from_dict(months_item_data)

            months.append(months_item)

        nps = NpsFigures.from_dict(d.pop("nps"))

        trend = SatisfactionTrend.from_dict(d.pop("trend"))

        satisfaction_figures = cls(
            csat=csat,
            months=months,
            nps=nps,
            trend=trend,
        )

        return satisfaction_figures
