from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.api_key_created_mode import ApiKeyCreatedMode

T = TypeVar("T", bound="ApiKeyCreated")


@_attrs_define
class ApiKeyCreated:
    """A new key, with its secret.

    Attributes:
        api_key (str): The whole key, to send as `Authorization: Bearer`. Shown once.
        created_at (datetime.datetime): RFC 3339 in UTC, with `Z` and six fractional digits (e.g.
            2027-06-30T00:00:00.000000Z).
        created_by (None | str): Who made it: `user:<id>` or `api_key:<id>`; null for the tenant's first key.
        expires_at (datetime.datetime | None): Null: never. RFC 3339 in UTC, with `Z` and six fractional digits (e.g.
            2027-06-30T00:00:00.000000Z).
        id (UUID):
        last_used_at (datetime.datetime | None): Recorded at most once a minute; null if never used. RFC 3339 in UTC,
            with `Z` and six fractional digits (e.g. 2027-06-30T00:00:00.000000Z).
        mode (ApiKeyCreatedMode): `live`, or `test`: the key acts on the tenant's sandbox.
        name (str):
        prefix (str): `ck_<prefix>` (`ck_test_<prefix>` for a test key): how the key begins, to tell keys apart.
        rate_limit_per_minute (int | None): Requests a minute for this key; null: the gateway's default per credential.
        revoked_at (datetime.datetime | None): Null: not revoked. RFC 3339 in UTC, with `Z` and six fractional digits
            (e.g. 2027-06-30T00:00:00.000000Z).
        scopes (list[str]): Sorted, without repeats.
    """

    api_key: str
    created_at: datetime.datetime
    created_by: None | str
    expires_at: datetime.datetime | None
    id: UUID
    last_used_at: datetime.datetime | None
    mode: ApiKeyCreatedMode
    name: str
    prefix: str
    rate_limit_per_minute: int | None
    revoked_at: datetime.datetime | None
    scopes: list[str]

    def to_dict(self) -> dict[str, Any]:
        api_key = self.api_key

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        id = str(self.id)

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        mode = self.mode.value

        name = self.name

        prefix = self.prefix

        rate_limit_per_minute: int | None
        rate_limit_per_minute = self.rate_limit_per_minute

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        scopes = self.scopes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "api_key": api_key,
                "created_at": created_at,
                "created_by": created_by,
                "expires_at": expires_at,
                "id": id,
                "last_used_at": last_used_at,
                "mode": mode,
                "name": name,
                "prefix": prefix,
                "rate_limit_per_minute": rate_limit_per_minute,
                "revoked_at": revoked_at,
                "scopes": scopes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_key = d.pop("api_key")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at"))

        mode = ApiKeyCreatedMode(d.pop("mode"))

        name = d.pop("name")

        prefix = d.pop("prefix")

        def _parse_rate_limit_per_minute(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rate_limit_per_minute = _parse_rate_limit_per_minute(d.pop("rate_limit_per_minute"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        scopes = cast(list[str], d.pop("scopes"))

        api_key_created = cls(
            api_key=api_key,
            created_at=created_at,
            created_by=created_by,
            expires_at=expires_at,
            id=id,
            last_used_at=last_used_at,
            mode=mode,
            name=name,
            prefix=prefix,
            rate_limit_per_minute=rate_limit_per_minute,
            revoked_at=revoked_at,
            scopes=scopes,
        )

        return api_key_created
