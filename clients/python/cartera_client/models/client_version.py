from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.client_version_state import ClientVersionState


T = TypeVar("T", bound="ClientVersion")


@_attrs_define
class ClientVersion:
    """One version of a client: when it took effect, who recorded it and why.

    Attributes:
        changed_by (str):
        changed_fields (list[str]):
        reason (None | str):
        recorded_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        state (ClientVersionState): The client's whole state in one version, as the client's fields (without
            `warnings`); a
            version recorded before a field existed lacks that field.
        valid_from (datetime.date):
        version (int):
    """

    changed_by: str
    changed_fields: list[str]
    reason: None | str
    recorded_at: datetime.datetime
    state: ClientVersionState
    valid_from: datetime.date
    version: int

    def to_dict(self) -> dict[str, Any]:
        changed_by = self.changed_by

        changed_fields = self.changed_fields

        reason: None | str
        reason = self.reason

        recorded_at = self.recorded_at.isoformat()

        state = self.state.to_dict()

        valid_from = self.valid_from.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "changed_by": changed_by,
                "changed_fields": changed_fields,
                "reason": reason,
                "recorded_at": recorded_at,
                "state": state,
                "valid_from": valid_from,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_version_state import ClientVersionState  # noqa: PLC0415

        d = dict(src_dict)
        changed_by = d.pop("changed_by")

        changed_fields = cast(list[str], d.pop("changed_fields"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        state = ClientVersionState.from_dict(d.pop("state"))

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        version = d.pop("version")

        client_version = cls(
            changed_by=changed_by,
            changed_fields=changed_fields,
            reason=reason,
            recorded_at=recorded_at,
            state=state,
            valid_from=valid_from,
            version=version,
        )

        return client_version
