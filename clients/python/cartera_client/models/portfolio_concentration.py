from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PortfolioConcentration")


@_attrs_define
class PortfolioConcentration:
    """
    Attributes:
        hhi (str): Herfindahl-Hirschman index on a 0-1 scale (sum of the squared shares, each a fraction of 1; not the
            0-10,000 scale), decimal as a string, four decimals.
        top1_share (str): Share of the largest client in the positive taxable bases: a fraction of 1 (not a percentage),
            decimal as a string, four decimals.
        top5_share (str): Share of the five largest clients: a fraction of 1 (not a percentage).
    """

    hhi: str
    top1_share: str
    top5_share: str

    def to_dict(self) -> dict[str, Any]:
        hhi = self.hhi

        top1_share = self.top1_share

        top5_share = self.top5_share

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hhi": hhi,
                "top1_share": top1_share,
                "top5_share": top5_share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hhi = d.pop("hhi")

        top1_share = d.pop("top1_share")

        top5_share = d.pop("top5_share")

        portfolio_concentration = cls(
            hhi=hhi,
            top1_share=top1_share,
            top5_share=top5_share,
        )

        return portfolio_concentration
