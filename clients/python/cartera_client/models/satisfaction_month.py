from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.csat_figures import CsatFigures
    from ..models.nps_figures import NpsFigures


T = TypeVar("T", bound="SatisfactionMonth")


@_attrs_define
class SatisfactionMonth:
    """
    Attributes:
        csat (CsatFigures):
        month (str): A month, YYYY-MM.
        nps (NpsFigures):
    """

    csat: CsatFigures
    month: str
    nps: NpsFigures

    def to_dict(self) -> dict[str, Any]:
        csat = self.csat.to_dict()

        month = self.month

        nps = self.nps.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "csat": csat,
                "month": month,
                "nps": nps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csat_figures import CsatFigures  # noqa: PLC0415
        from ..models.nps_figures import NpsFigures  # noqa: PLC0415

        d = dict(src_dict)
        csat = CsatFigures.from_dict(d.pop("csat"))

        month = d.pop("month")

        nps = NpsFigures.from_dict(d.pop("nps"))

        satisfaction_month = cls(
            csat=csat,
            month=month,
            nps=nps,
        )

        return satisfaction_month
