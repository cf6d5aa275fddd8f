from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.series_read_kind import SeriesReadKind

T = TypeVar("T", bound="SeriesRead")


@_attrs_define
class SeriesRead:
    """A numbering series: its invoices are numbered without gaps (per year if
    `yearly_restart`).

        Attributes:
            code (str):
            created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
            description (None | str):
            id (UUID):
            kind (SeriesReadKind):
            last_issue_date (datetime.date | None):
            prefix (str):
            yearly_restart (bool):
    """

    code: str
    created_at: datetime.datetime
    description: None | str
    id: UUID
    kind: SeriesReadKind
    last_issue_date: datetime.date | None
    prefix: str
    yearly_restart: bool

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        id = str(self.id)

        kind = self.kind.value

        last_issue_date: None | str
        if isinstance(self.last_issue_date, datetime.date):
            last_issue_date = self.last_issue_date.isoformat()
        else:
            last_issue_date = self.last_issue_date

        prefix = self.prefix

        yearly_restart = self.yearly_restart

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "created_at": created_at,
                "description": description,
                "id": id,
                "kind": kind,
                "last_issue_date": last_issue_date,
                "prefix": prefix,
                "yearly_restart": yearly_restart,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        id = UUID(d.pop("id"))

        kind = SeriesReadKind(d.pop("kind"))

        def _parse_last_issue_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_issue_date_type_0 = datetime.date.fromisoformat(data)

                return last_issue_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_issue_date = _parse_last_issue_date(d.pop("last_issue_date"))

        prefix = d.pop("prefix")

        yearly_restart = d.pop("yearly_restart")

        series_read = cls(
            code=code,
            created_at=created_at,
            description=description,
            id=id,
            kind=kind,
            last_issue_date=last_issue_date,
            prefix=prefix,
            yearly_restart=yearly_restart,
        )

        return series_read
