from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LineCounts")


@_attrs_define
class LineCounts:
    """
    Attributes:
        applied (int):
        dismissed (int):
        matched (int):
        other_account (int):
        outgoing (int):
        proposed (int):
        unmatched (int):
    """

    applied: int
    dismissed: int
    matched: int
    other_account: int
    outgoing: int
    proposed: int
    unmatched: int

    def to_dict(self) -> dict[str, Any]:
        applied = self.applied

        dismissed = self.dismissed

        matched = self.matched

        other_account = self.other_account

        outgoing = self.outgoing

        proposed = self.proposed

        unmatched = self.unmatched

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "applied": applied,
                "dismissed": dismissed,
                "matched": matched,
                "other_account": other_account,
                "outgoing": outgoing,
                "proposed": proposed,
                "unmatched": unmatched,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applied = d.pop("applied")

        dismissed = d.pop("dismissed")

        matched = d.pop("matched")

        other_account = d.pop("other_account")

        outgoing = d.pop("outgoing")

        proposed = d.pop("proposed")

        unmatched = d.pop("unmatched")

        line_counts = cls(
            applied=applied,
            dismissed=dismissed,
            matched=matched,
            other_account=other_account,
            outgoing=outgoing,
            proposed=proposed,
            unmatched=unmatched,
        )

        return line_counts
