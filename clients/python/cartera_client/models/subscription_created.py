from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="SubscriptionCreated")


@_attrs_define
class SubscriptionCreated:
    """A new subscription, with the secret its deliveries are signed with.

    Attributes:
        active (bool): false: disabled by failures, or deleted.
        consecutive_failures (int): Failed attempts in a row, over its deliveries.
        created_at (datetime.datetime): RFC 3339 in UTC, with `Z` and six fractional digits (e.g.
            2026-12-06T14:30:00.000000Z).
        description (None | str):
        disabled_reason (None | str): Why it is disabled; null while active.
        event_types (list[str]): Sorted; `*` is every event type.
        id (UUID):
        secret (str): `whsec_...`: the HMAC-SHA256 key of `Cartera-Signature`. Shown once.
        url (str):
    """

    active: bool
    consecutive_failures: int
    created_at: datetime.datetime
    description: None | str
    disabled_reason: None | str
    event_types: list[str]
    id: UUID
    secret: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        consecutive_failures = self.consecutive_failures

        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        event_types = self.event_types

        id = str(self.id)

        secret = self.secret

        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "active": active,
                "consecutive_failures": consecutive_failures,
                "created_at": created_at,
                "description": description,
                "disabled_reason": disabled_reason,
                "event_types": event_types,
                "id": id,
                "secret": secret,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        consecutive_failures = d.pop("consecutive_failures")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        event_types = cast(list[str], d.pop("event_types"))

        id = UUID(d.pop("id"))

        secret = d.pop("secret")

        url = d.pop("url")

        subscription_created = cls(
            active=active,
            consecutive_failures=consecutive_failures,
            created_at=created_at,
            description=description,
            disabled_reason=disabled_reason,
            event_types=event_types,
            id=id,
            secret=secret,
            url=url,
        )

        return subscription_created
