from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ApiKey")


@_attrs_define
class ApiKey:
    """An API key as listed: its prefix, never its secret.

    Attributes:
        created_at (str): ISO 8601 date and time in UTC, written with `+00:00` (e.g. 2027-06-30T00:00:00+00:00).
        created_by (None | str): Who made it: `user:<id>` or `api_key:<id>`; null for the tenant's first key.
        expires_at (None | str): Null: never. ISO 8601 date and time in UTC, written with `+00:00` (e.g.
            2027-06-30T00:00:00+00:00).
        id (UUID):
        last_used_at (None | str): Recorded at most once a minute; null if never used. ISO 8601 date and time in UTC,
            written with `+00:00` (e.g. 2027-06-30T00:00:00+00:00).
        name (str):
        prefix (str): `ck_<prefix>`: how the key begins, to tell keys apart.
        rate_limit_per_minute (int | None): Requests a minute for this key; null: the gateway's default per credential.
        revoked_at (None | str): Null: not revoked. ISO 8601 date and time in UTC, written with `+00:00` (e.g.
            2027-06-30T00:00:00+00:00).
        scopes (list[str]): Sorted, without repeats.
    """

    created_at: str
    created_by: None | str
    expires_at: None | str
    id: UUID
    last_used_at: None | str
    name: str
    prefix: str
    rate_limit_per_minute: int | None
    revoked_at: None | str
    scopes: list[str]

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at

        created_by: None | str
        created_by = self.created_by

        expires_at: None | str
        expires_at = self.expires_at

        id = str(self.id)

        last_used_at: None | str
        last_used_at = self.last_used_at

        name = self.name

        prefix = self.prefix

        rate_limit_per_minute: int | None
        rate_limit_per_minute = self.rate_limit_per_minute

        revoked_at: None | str
        revoked_at = self.revoked_at

        scopes = self.scopes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "expires_at": expires_at,
                "id": id,
                "last_used_at": last_used_at,
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
        created_at = d.pop("created_at")

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        def _parse_expires_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        def _parse_last_used_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at"))

        name = d.pop("name")

        prefix = d.pop("prefix")

        def _parse_rate_limit_per_minute(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rate_limit_per_minute = _parse_rate_limit_per_minute(d.pop("rate_limit_per_minute"))

        def _parse_revoked_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        scopes = cast(list[str], d.pop("scopes"))

        api_key = cls(
            created_at=created_at,
            created_by=created_by,
            expires_at=expires_at,
            id=id,
            last_used_at=last_used_at,
            name=name,
            prefix=prefix,
            rate_limit_per_minute=rate_limit_per_minute,
            revoked_at=revoked_at,
            scopes=scopes,
        )

        return api_key
