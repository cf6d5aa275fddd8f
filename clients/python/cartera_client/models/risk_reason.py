from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.risk_reason_rule import RiskReasonRule

T = TypeVar("T", bound="RiskReason")


@_attrs_define
class RiskReason:
    """
    Attributes:
        detail (str): The figures behind the rule, for a person to read.
        rule (RiskReasonRule): The rule that holds. The list may grow: ignore a rule you do not know.
    """

    detail: str
    rule: RiskReasonRule

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        rule = self.rule.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "detail": detail,
                "rule": rule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        detail = d.pop("detail")

        rule = RiskReasonRule(d.pop("rule"))

        risk_reason = cls(
            detail=detail,
            rule=rule,
        )

        return risk_reason
