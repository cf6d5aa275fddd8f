from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.public_survey_kind import PublicSurveyKind

if TYPE_CHECKING:
    from ..models.survey_scale import SurveyScale


T = TypeVar("T", bound="PublicSurvey")


@_attrs_define
class PublicSurvey:
    """What the person answering sees: the question and its scale.

    Attributes:
        expires_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        kind (PublicSurveyKind):
        question (str):
        scale (SurveyScale):
    """

    expires_at: datetime.datetime
    kind: PublicSurveyKind
    question: str
    scale: SurveyScale

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at.isoformat()

        kind = self.kind.value

        question = self.question

        scale = self.scale.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expires_at": expires_at,
                "kind": kind,
                "question": question,
                "scale": scale,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.survey_scale import SurveyScale  # noqa: PLC0415

        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        kind = PublicSurveyKind(d.pop("kind"))

        question = d.pop("question")

        scale = SurveyScale.from_dict(d.pop("scale"))

        public_survey = cls(
            expires_at=expires_at,
            kind=kind,
            question=question,
            scale=scale,
        )

        return public_survey
