from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.survey_answered_kind import SurveyAnsweredKind

T = TypeVar("T", bound="SurveyAnswered")


@_attrs_define
class SurveyAnswered:
    """
    Attributes:
        kind (SurveyAnsweredKind):
        score (int):
        status (Literal['answered']):
    """

    kind: SurveyAnsweredKind
    score: int
    status: Literal["answered"]

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        score = self.score

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "score": score,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = SurveyAnsweredKind(d.pop("kind"))

        score = d.pop("score")

        status = cast(Literal["answered"], d.pop("status"))
        if status != "answered":
            raise ValueError(f"status must match const 'answered', got '{status}'")

        survey_answered = cls(
            kind=kind,
            score=score,
            status=status,
        )

        return survey_answered
