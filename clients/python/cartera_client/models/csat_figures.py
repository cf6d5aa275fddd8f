from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="CsatFigures")


@_attrs_define
class CsatFigures:
    """
    Attributes:
        average (None | str): Mean CSAT score (1-5): a decimal, as a string, with two decimals.
        responses (int):
        satisfied_share_fraction (None | str): Share of CSAT answers of 4 or 5 (scale 1-5): a fraction of 1 (not a
            percentage); null with no answer.
    """

    average: None | str
    responses: int
    satisfied_share_fraction: None | str

    def to_dict(self) -> dict[str, Any]:
        average: None | str
        average = self.average

        responses = self.responses

        satisfied_share_fraction: None | str
        satisfied_share_fraction = self.satisfied_share_fraction

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "average": average,
                "responses": responses,
                "satisfied_share_fraction": satisfied_share_fraction,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_average(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        average = _parse_average(d.pop("average"))

        responses = d.pop("responses")

        def _parse_satisfied_share_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        satisfied_share_fraction = _parse_satisfied_share_fraction(
            d.pop("satisfied_share_fraction")
        )

        csat_figures = cls(
            average=average,
            responses=responses,
            satisfied_share_fraction=satisfied_share_fraction,
        )

        return csat_figures
