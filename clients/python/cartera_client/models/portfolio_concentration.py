from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PortfolioConcentration")


@_attrs_define
class PortfolioConcentration:
    """
    Attributes:
        hhi_fraction (str): Herfindahl-Hirschman index on a 0-1 scale (sum of the squared shares, each a fraction of 1;
            not the 0-10,000 scale), decimal as a string, four decimals.
        top1_share_fraction (str): Share of the largest client in the positive taxable bases: a fraction of 1 (not a
            percentage), decimal as a string, four decimals.
        top5_share_fraction (str): Share of the five largest clients: a fraction of 1 (not a percentage).
    """

    hhi_fraction: str
    top1_share_fraction: str
    top5_share_fraction: str

    def to_dict(self) -> dict[str, Any]:
        hhi_fraction = self.hhi_fraction

        top1_share_fraction = self.top1_share_fraction

        top5_share_fraction = self.top5_share_fraction

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hhi_fraction": hhi_fraction,
                "top1_share_fraction": top1_share_fraction,
                "top5_share_fraction": top5_share_fraction,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        hhi_fraction = d.pop("hhi_fraction")

        top1_share_fraction = d.pop("top1_share_fraction")

        top5_share_fraction = d.pop("top5_share_fraction")

        portfolio_concentration = cls(
            hhi_fraction=hhi_fraction,
            top1_share_fraction=top1_share_fraction,
            top5_share_fraction=top5_share_fraction,
        )

        return portfolio_concentration
