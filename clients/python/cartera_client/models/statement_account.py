from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="StatementAccount")


@_attrs_define
class StatementAccount:
    """
    Attributes:
        account (str):
        applied (bool): Whether it is the tenant's account (matched and applied).
        lines (int):
        statement_id (UUID):
    """

    account: str
    applied: bool
    lines: int
    statement_id: UUID

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        applied = self.applied

        lines = self.lines

        statement_id = str(self.statement_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account": account,
                "applied": applied,
                "lines": lines,
                "statement_id": statement_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        applied = d.pop("applied")

        lines = d.pop("lines")

        statement_id = UUID(d.pop("statement_id"))

        statement_account = cls(
            account=account,
            applied=applied,
            lines=lines,
            statement_id=statement_id,
        )

        return statement_account
