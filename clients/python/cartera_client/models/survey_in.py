from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.survey_in_kind import SurveyInKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SurveyIn")


@_attrs_define
class SurveyIn:
    """
    Attributes:
        client_id (UUID):
        kind (SurveyInKind):
        expires_in_days (int | None | Unset):
        request_id (None | Unset | UUID):
    """

    client_id: UUID
    kind: SurveyInKind
    expires_in_days: int | None | Unset = UNSET
    request_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        kind = self.kind.value

        expires_in_days: int | None | Unset
        if isinstance(self.expires_in_days, Unset):
            expires_in_days = UNSET
        else:
            expires_in_days = self.expires_in_days

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        elif isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "kind": kind,
            }
        )
        if expires_in_days is not UNSET:
            field_dict["expires_in_days"] = expires_in_days
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        kind = SurveyInKind(d.pop("kind"))

        def _parse_expires_in_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_in_days = _parse_expires_in_days(d.pop("expires_in_days", UNSET))

        def _parse_request_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        survey_in = cls(
            client_id=client_id,
            kind=kind,
            expires_in_days=expires_in_days,
            request_id=request_id,
        )

        return survey_in
