from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="RepresentativeRead")


@_attrs_define
class RepresentativeRead:
    """A representative declared to submit the tenant's records.

    Attributes:
        declared_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        declared_by (str):
        granted_on (datetime.date):
        name (str):
        nif (str):
        reference (None | str):
    """

    declared_at: datetime.datetime
    declared_by: str
    granted_on: datetime.date
    name: str
    nif: str
    reference: None | str

    def to_dict(self) -> dict[str, Any]:
        declared_at = self.declared_at.isoformat()

        declared_by = self.declared_by

        granted_on = self.granted_on.isoformat()

        name = self.name

        nif = self.nif

        reference: None | str
        reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "declared_at": declared_at,
                "declared_by": declared_by,
                "granted_on": granted_on,
                "name": name,
                "nif": nif,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        declared_by = d.pop("declared_by")

        granted_on = datetime.date.fromisoformat(d.pop("granted_on"))

        name = d.pop("name")

        nif = d.pop("nif")

        def _parse_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference = _parse_reference(d.pop("reference"))

        representative_read = cls(
            declared_at=declared_at,
            declared_by=declared_by,
            granted_on=granted_on,
            name=name,
            nif=nif,
            reference=reference,
        )

        return representative_read
