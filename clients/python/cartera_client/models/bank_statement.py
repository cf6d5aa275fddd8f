from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.bank_statement_format import BankStatementFormat

if TYPE_CHECKING:
    from ..models.line_counts import LineCounts
    from ..models.statement_line import StatementLine


T = TypeVar("T", bound="BankStatement")


@_attrs_define
class BankStatement:
    """
    Attributes:
        account (str): IBAN (camt.053) or bank/branch/account (Norma 43).
        applied (bool): Whether it is the tenant's account (matched and applied).
        closing_balance (str): decimal, as a string
        currency (str):
        filename (None | str):
        first_booked_on (datetime.date | None):
        format_ (BankStatementFormat):
        id (UUID):
        imported_at (datetime.datetime): When (RFC 3339, UTC, `Z`).
        items (list[StatementLine]):
        last_booked_on (datetime.date | None):
        lines (LineCounts):
        opening_balance (str): decimal, as a string
    """

    account: str
    applied: bool
    closing_balance: str
    currency: str
    filename: None | str
    first_booked_on: datetime.date | None
    format_: BankStatementFormat
    id: UUID
    imported_at: datetime.datetime
    items: list[StatementLine]
    last_booked_on: datetime.date | None
    lines: LineCounts
    opening_balance: str

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        applied = self.applied

        closing_balance = self.closing_balance

        currency = self.currency

        filename: None | str
        filename = self.filename

        first_booked_on: None | str
        if isinstance(self.first_booked_on, datetime.date):
            first_booked_on = self.first_booked_on.isoformat()
        else:
            first_booked_on = self.first_booked_on

        format_ = self.format_.value

        id = str(self.id)

        imported_at = self.imported_at.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        last_booked_on: None | str
        if isinstance(self.last_booked_on, datetime.date):
            last_booked_on = self.last_booked_on.isoformat()
        else:
            last_booked_on = self.last_booked_on

        lines = self.lines.to_dict()

        opening_balance = self.opening_balance

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account": account,
                "applied": applied,
                "closing_balance": closing_balance,
                "currency": currency,
                "filename": filename,
                "first_booked_on": first_booked_on,
                "format": format_,
                "id": id,
                "imported_at": imported_at,
                "items": items,
                "last_booked_on": last_booked_on,
                "lines": lines,
                "opening_balance": opening_balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.line_counts import LineCounts  # noqa: PLC0415
        from ..models.statement_line import StatementLine  # noqa: PLC0415

        d = dict(src_dict)
        account = d.pop("account")

        applied = d.pop("applied")

        closing_balance = d.pop("closing_balance")

        currency = d.pop("currency")

        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))

        def _parse_first_booked_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_booked_on_type_0 = datetime.date.fromisoformat(data)

                return first_booked_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        first_booked_on = _parse_first_booked_on(d.pop("first_booked_on"))

        format_ = BankStatementFormat(d.pop("format"))

        id = UUID(d.pop("id"))

        imported_at = datetime.datetime.fromisoformat(d.pop("imported_at"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = StatementLine.from_dict(items_item_data)

            items.append(items_item)

        def _parse_last_booked_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_booked_on_type_0 = datetime.date.fromisoformat(data)

                return last_booked_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_booked_on = _parse_last_booked_on(d.pop("last_booked_on"))

        lines = LineCounts.from_dict(d.pop("lines"))

        opening_balance = d.pop("opening_balance")

        bank_statement = cls(
            account=account,
            applied=applied,
            closing_balance=closing_balance,
            currency=currency,
            filename=filename,
            first_booked_on=first_booked_on,
            format_=format_,
            id=id,
            imported_at=imported_at,
            items=items,
            last_booked_on=last_booked_on,
            lines=lines,
            opening_balance=opening_balance,
        )

        return bank_statement
