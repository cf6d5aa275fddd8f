from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="MonthToDate")


@_attrs_define
class MonthToDate:
    """The month in progress so far against the same days of last month: comparing a month
    that has run six days with a whole month says little.

        Attributes:
            change_fraction (None | str): Change from those days of last month: a fraction of 1 (not a percentage); null
                when they billed nothing.
            compare_from (datetime.date): The 1st of last month.
            compare_taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
            compare_to (datetime.date): The same day number of last month, clamped to its length (on 31 March, 28 or 29
                February).
            from_ (datetime.date): The 1st of the month in progress.
            taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
            to (datetime.date): Today.
    """

    change_fraction: None | str
    compare_from: datetime.date
    compare_taxable_base: str
    compare_to: datetime.date
    from_: datetime.date
    taxable_base: str
    to: datetime.date

    def to_dict(self) -> dict[str, Any]:
        change_fraction: None | str
        change_fraction = self.change_fraction

        compare_from = self.compare_from.isoformat()

        compare_taxable_base = self.compare_taxable_base

        compare_to = self.compare_to.isoformat()

        from_ = self.from_.isoformat()

        taxable_base = self.taxable_base

        to = self.to.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "change_fraction": change_fraction,
                "compare_from": compare_from,
                "compare_taxable_base": compare_taxable_base,
                "compare_to": compare_to,
                "from": from_,
                "taxable_base": taxable_base,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_change_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        change_fraction = _parse_change_fraction(d.pop("change_fraction"))

        compare_from = datetime.date.fromisoformat(d.pop("compare_from"))

        compare_taxable_base = d.pop("compare_taxable_base")

        compare_to = datetime.date.fromisoformat(d.pop("compare_to"))

        from_ = datetime.date.fromisoformat(d.pop("from"))

        taxable_base = d.pop("taxable_base")

        to = datetime.date.fromisoformat(d.pop("to"))

        month_to_date = cls(
            change_fraction=change_fraction,
            compare_from=compare_from,
            compare_taxable_base=compare_taxable_base,
            compare_to=compare_to,
            from_=from_,
            taxable_base=taxable_base,
            to=to,
        )

        return month_to_date
