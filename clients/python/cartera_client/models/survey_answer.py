from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.survey_answer_kind import SurveyAnswerKind
from ..models.survey_answer_status import SurveyAnswerStatus

T = TypeVar("T", bound="SurveyAnswer")


@_attrs_define
class SurveyAnswer:
    """A survey; `status` is `expired` once a pending one is past `expires_at`.

    Attributes:
        answered_at (datetime.datetime | None):
        client_id (UUID):
        comment (None | str):
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        expires_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        id (UUID):
        kind (SurveyAnswerKind): csat: 1 to 5; nps: 0 to 10.
        request_id (None | UUID):
        score (int | None):
        status (SurveyAnswerStatus):
    """

    answered_at: datetime.datetime | None
    client_id: UUID
    comment: None | str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    id: UUID
    kind: SurveyAnswerKind
    request_id: None | UUID
    score: int | None
    status: SurveyAnswerStatus

    def to_dict(self) -> dict[str, Any]:
        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        client_id = str(self.client_id)

        comment: None | str
        comment = self.comment

        created_at = self.created_at.isoformat()

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        kind = self.kind.value

        request_id: None | str
        if isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        score: int | None
        score = self.score

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answered_at": answered_at,
                "client_id": client_id,
                "comment": comment,
                "created_at": created_at,
                "expires_at": expires_at,
                "id": id,
                "kind": kind,
                "request_id": request_id,
                "score": score,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_answered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)

                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        answered_at = _parse_answered_at(d.pop("answered_at"))

        client_id = UUID(d.pop("client_id"))

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        kind = SurveyAnswerKind(d.pop("kind"))

        def _parse_request_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        request_id = _parse_request_id(d.pop("request_id"))

        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))

        status = SurveyAnswerStatus(d.pop("status"))

        survey_answer = cls(
            answered_at=answered_at,
            client_id=client_id,
            comment=comment,
            created_at=created_at,
            expires_at=expires_at,
            id=id,
            kind=kind,
            request_id=request_id,
            score=score,
            status=status,
        )

        return survey_answer
