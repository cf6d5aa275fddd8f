from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.bridge_group import BridgeGroup
    from ..models.bridge_period import BridgePeriod


T = TypeVar("T", bound="RevenueBridge")


@_attrs_define
class RevenueBridge:
    """
    Attributes:
        closing (str): Taxable base of the period.
        compare_period (BridgePeriod):
        currency (Literal['EUR']):
        growth (BridgeGroup):
        lost (BridgeGroup):
        measure (Literal['taxable_base']):
        new (BridgeGroup):
        opening (str): Taxable base of the compared period.
        period (BridgePeriod):
        shrinkage (BridgeGroup):
        unchanged (BridgeGroup):
    """

    closing: str
    compare_period: BridgePeriod
    currency: Literal["EUR"]
    growth: BridgeGroup
    lost: BridgeGroup
    measure: Literal["taxable_base"]
    new: BridgeGroup
    opening: str
    period: BridgePeriod
    shrinkage: BridgeGroup
    unchanged: BridgeGroup

    def to_dict(self) -> dict[str, Any]:
        closing = self.closing

        compare_period = self.compare_period.to_dict()

        currency = self.currency

        growth = self.growth.to_dict()

        lost = self.lost.to_dict()

        measure = self.measure

        new = self.new.to_dict()

        opening = self.opening

        period = self.period.to_dict()

        shrinkage = self.shrinkage.to_dict()

        unchanged = self.unchanged.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "closing": closing,
                "compare_period": compare_period,
                "currency": currency,
                "growth": growth,
                "lost": lost,
                "measure": measure,
                "new": new,
                "opening": opening,
                "period": period,
                "shrinkage": shrinkage,
                "unchanged": unchanged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bridge_group import BridgeGroup  # noqa: PLC0415
        from ..models.bridge_period import BridgePeriod  # noqa: PLC0415

        d = dict(src_dict)
        closing = d.pop("closing")

        compare_period = BridgePeriod.from_dict(d.pop("compare_period"))

        currency = cast(Literal["EUR"], d.pop("currency"))
        if currency != "EUR":
            raise ValueError(f"currency must match const 'EUR', got '{currency}'")

        growth = BridgeGroup.from_dict(d.pop("growth"))

        lost = BridgeGroup.from_dict(d.pop("lost"))

        measure = cast(Literal["taxable_base"], d.pop("measure"))
        if measure != "taxable_base":
            raise ValueError(f"measure must match const 'taxable_base', got '{measure}'")

        new = BridgeGroup.from_dict(d.pop("new"))

        opening = d.pop("opening")

        period = BridgePeriod.from_dict(d.pop("period"))

        shrinkage = BridgeGroup.from_dict(d.pop("shrinkage"))

        unchanged = BridgeGroup.from_dict(d.pop("unchanged"))

        revenue_bridge = cls(
            closing=closing,
            compare_period=compare_period,
            currency=currency,
            growth=growth,
            lost=lost,
            measure=measure,
            new=new,
            opening=opening,
            period=period,
            shrinkage=shrinkage,
            unchanged=unchanged,
        )

        return revenue_bridge
