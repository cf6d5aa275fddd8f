from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SurveyLink")


@_attrs_define
class SurveyLink:
    """
    Attributes:
        token (str): The one-time token; shown only in this answer.
        url (str): Where the client answers, without login.
    """

    token: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "token": token,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        token = d.pop("token")

        url = d.pop("url")

        survey_link = cls(
            token=token,
            url=url,
        )

        return survey_link
