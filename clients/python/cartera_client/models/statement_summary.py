from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.statement_summary_format import StatementSummaryFormat

T = TypeVar("T", bound="StatementSummary")


@_attrs_define
class StatementSummary:
    """
    Attributes:
        account (str):
        applied (bool):
        filename (None | str):
        format_ (StatementSummaryFormat):
        id (UUID):
        imported_at (datetime.datetime): When (RFC 3339, UTC, `Z`).
        waiting_for_review (int): Lines proposed or unmatched.
    """

    account: str
    applied: bool
    filename: None | str
    format_: StatementSummaryFormat
    id: UUID
    imported_at: datetime.datetime
    waiting_for_review: int

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        applied = self.applied

        filename: None | str
        filename = self.filename

        format_ = self.format_.value

        id = str(self.id)

        imported_at = self.imported_at.isoformat()

        waiting_for_review = self.waiting_for_review

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account": account,
                "applied": applied,
                "filename": filename,
                "format": format_,
                "id": id,
                "imported_at": imported_at,
                "waiting_for_review": waiting_for_review,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        applied = d.pop("applied")

        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))

        format_ = StatementSummaryFormat(d.pop("format"))

        id = UUID(d.pop("id"))

        imported_at = datetime.datetime.fromisoformat(d.pop("imported_at"))

        waiting_for_review = d.pop("waiting_for_review")

        statement_summary = cls(
            account=account,
            applied=applied,
            filename=filename,
            format_=format_,
            id=id,
            imported_at=imported_at,
            waiting_for_review=waiting_for_review,
        )

        return statement_summary
