from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.risk_model_weights import RiskModelWeights


T = TypeVar("T", bound="RiskModel")


@_attrs_define
class RiskModel:
    """
    Attributes:
        base_rate_fraction (str): The business's share of instalments paid more than 30 days late, pulled toward 15 %
            while its record is short.
        fitted (bool): False: fewer than 20 instalments with a known outcome, the default weights apply.
        intercept (str): In log-odds (natural logarithm of p / (1 - p)): a decimal, as a string, four decimals.
        late_outcomes (int):
        outcomes (int): Instalments with a known outcome it learnt from.
        weights (RiskModelWeights): Per feature, per unit of its value.
    """

    base_rate_fraction: str
    fitted: bool
    intercept: str
    late_outcomes: int
    outcomes: int
    weights: RiskModelWeights

    def to_dict(self) -> dict[str, Any]:
        base_rate_fraction = self.base_rate_fraction

        fitted = self.fitted

        intercept = self.intercept

        late_outcomes = self.late_outcomes

        outcomes = self.outcomes

        weights = self.weights.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "base_rate_fraction": base_rate_fraction,
                "fitted": fitted,
                "intercept": intercept,
                "late_outcomes": late_outcomes,
                "outcomes": outcomes,
                "weights": weights,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.risk_model_weights import RiskModelWeights  # noqa: PLC0415

        d = dict(src_dict)
        base_rate_fraction = d.pop("base_rate_fraction")

        fitted = d.pop("fitted")

        intercept = d.pop("intercept")

        late_outcomes = d.pop("late_outcomes")

        outcomes = d.pop("outcomes")

        weights = RiskModelWeights.from_dict(d.pop("weights"))

        risk_model = cls(
            base_rate_fraction=base_rate_fraction,
            fitted=fitted,
            intercept=intercept,
            late_outcomes=late_outcomes,
            outcomes=outcomes,
            weights=weights,
        )

        return risk_model
