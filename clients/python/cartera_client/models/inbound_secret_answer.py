from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.inbound_endpoints import InboundEndpoints


T = TypeVar("T", bound="InboundSecretAnswer")


@_attrs_define
class InboundSecretAnswer:
    """
    Attributes:
        endpoints (InboundEndpoints):
        previous_valid_until (datetime.datetime | None): Until when the secret before this one still works (None: there
            was none).
        rotated_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        secret (str): Signs inbound webhooks; shown only in this answer.
    """

    endpoints: InboundEndpoints
    previous_valid_until: datetime.datetime | None
    rotated_at: datetime.datetime
    secret: str

    def to_dict(self) -> dict[str, Any]:
        endpoints = self.endpoints.to_dict()

        previous_valid_until: None | str
        if isinstance(self.previous_valid_until, datetime.datetime):
            previous_valid_until = self.previous_valid_until.isoformat()
        else:
            previous_valid_until = self.previous_valid_until

        rotated_at = self.rotated_at.isoformat()

        secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "endpoints": endpoints,
                "previous_valid_until": previous_valid_until,
                "rotated_at": rotated_at,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.inbound_endpoints import InboundEndpoints  # noqa: PLC0415

        d = dict(src_dict)
        endpoints = InboundEndpoints.from_dict(d.pop("endpoints"))

        def _parse_previous_valid_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_valid_until_type_0 = datetime.datetime.fromisoformat(data)

                return previous_valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_valid_until = _parse_previous_valid_until(d.pop("previous_valid_until"))

        rotated_at = datetime.datetime.fromisoformat(d.pop("rotated_at"))

        secret = d.pop("secret")

        inbound_secret_answer = cls(
            endpoints=endpoints,
            previous_valid_until=previous_valid_until,
            rotated_at=rotated_at,
            secret=secret,
        )

        return inbound_secret_answer
