from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.risk_reason_item_feature import RiskReasonItemFeature

T = TypeVar("T", bound="RiskReasonItem")


@_attrs_define
class RiskReasonItem:
    """
    Attributes:
        contribution (str): What it adds to the score. In log-odds (natural logarithm of p / (1 - p)): a decimal, as a
            string, four decimals.
        detail (str): The figures behind it, for a person to read.
        feature (RiskReasonItemFeature): history: the client's smoothed share of instalments paid more than 30 days
            late; trend: the last six months against before; amount: the amount against the client's usual (log of the
            ratio); overdue: months past due now; reminders: how many of its reminders went unanswered by a payment within
            14 days.
        value (str): The feature's value (its unit is the feature's).
    """

    contribution: str
    detail: str
    feature: RiskReasonItemFeature
    value: str

    def to_dict(self) -> dict[str, Any]:
        contribution = self.contribution

        detail = self.detail

        feature = self.feature.value

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "contribution": contribution,
                "detail": detail,
                "feature": feature,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contribution = d.pop("contribution")

        detail = d.pop("detail")

        feature = RiskReasonItemFeature(d.pop("feature"))

        value = d.pop("value")

        risk_reason_item = cls(
            contribution=contribution,
            detail=detail,
            feature=feature,
            value=value,
        )

        return risk_reason_item
