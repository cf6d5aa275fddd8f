from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="NpsFigures")


@_attrs_define
class NpsFigures:
    """
    Attributes:
        detractors (int):
        passives (int):
        promoters (int):
        responses (int):
        score (None | str): Net promoter score, -100 to 100 (percentage points): a decimal, as a string, with one
            decimal; null with no answer.
    """

    detractors: int
    passives: int
    promoters: int
    responses: int
    score: None | str

    def to_dict(self) -> dict[str, Any]:
        detractors = self.detractors

        passives = self.passives

        promoters = self.promoters

        responses = self.responses

        score: None | str
        score = self.score

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "detractors": detractors,
                "passives": passives,
                "promoters": promoters,
                "responses": responses,
                "score": score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detractors = d.pop("detractors")

        passives = d.pop("passives")

        promoters = d.pop("promoters")

        responses = d.pop("responses")

        def _parse_score(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        score = _parse_score(d.pop("score"))

        nps_figures = cls(
            detractors=detractors,
            passives=passives,
            promoters=promoters,
            responses=responses,
            score=score,
        )

        return nps_figures
