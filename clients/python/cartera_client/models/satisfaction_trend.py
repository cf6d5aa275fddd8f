from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.satisfaction_trend_csat import SatisfactionTrendCsat
from ..models.satisfaction_trend_nps import SatisfactionTrendNps

T = TypeVar("T", bound="SatisfactionTrend")


@_attrs_define
class SatisfactionTrend:
    """
    Attributes:
        csat (SatisfactionTrendCsat):
        nps (SatisfactionTrendNps):
    """

    csat: SatisfactionTrendCsat
    nps: SatisfactionTrendNps

    def to_dict(self) -> dict[str, Any]:
        csat = self.csat.value

        nps = self.nps.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "csat": csat,
                "nps": nps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        csat = SatisfactionTrendCsat(d.pop("csat"))

        nps = SatisfactionTrendNps(d.pop("nps"))

        satisfaction_trend = cls(
            csat=csat,
            nps=nps,
        )

        return satisfaction_trend
