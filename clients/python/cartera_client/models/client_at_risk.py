from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.risk_reason import RiskReason
    from ..models.risk_reason_item import RiskReasonItem


T = TypeVar("T", bound="ClientAtRisk")


@_attrs_define
class ClientAtRisk:
    """
    Attributes:
        billing_last_6_months (str): Taxable base of the last six months.
        client_id (UUID):
        dunning_notices_180_days (int):
        last_interaction_at (datetime.datetime | None):
        late_payment_probability_fraction (None | str): Its late-payment risk score (GET /v1/analytics/late-payment-
            risk): the probability of being paid more than 30 days late, a fraction of 1; null without any invoice. From 0.5
            up it puts the client on this list by itself (rule `late_payment_risk`).
        late_payment_top_reason (None | RiskReasonItem): The reason that adds most to that score; null when none adds to
            it.
        legal_name (None | str):
        reasons (list[RiskReason]):
    """

    billing_last_6_months: str
    client_id: UUID
    dunning_notices_180_days: int
    last_interaction_at: datetime.datetime | None
    late_payment_probability_fraction: None | str
    late_payment_top_reason: None | RiskReasonItem
    legal_name: None | str
    reasons: list[RiskReason]

    def to_dict(self) -> dict[str, Any]:
        from ..models.risk_reason_item import RiskReasonItem  # noqa: PLC0415

        billing_last_6_months = self.billing_last_6_months

        client_id = str(self.client_id)

        dunning_notices_180_days = self.dunning_notices_180_days

        last_interaction_at: None | str
        if isinstance(self.last_interaction_at, datetime.datetime):
            last_interaction_at = self.last_interaction_at.isoformat()
        else:
            last_interaction_at = self.last_interaction_at

        late_payment_probability_fraction: None | str
        late_payment_probability_fraction = self.late_payment_probability_fraction

        late_payment_top_reason: dict[str, Any] | None
        if isinstance(self.late_payment_top_reason, RiskReasonItem):
            late_payment_top_reason = self.late_payment_top_reason.to_dict()
        else:
            late_payment_top_reason = self.late_payment_top_reason

        legal_name: None | str
        legal_name = self.legal_name

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "billing_last_6_months": billing_last_6_months,
                "client_id": client_id,
                "dunning_notices_180_days": dunning_notices_180_days,
                "last_interaction_at": last_interaction_at,
                "late_payment_probability_fraction": late_payment_probability_fraction,
                "late_payment_top_reason": late_payment_top_reason,
                "legal_name": legal_name,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.risk_reason import RiskReason  # noqa: PLC0415
        from ..models.risk_reason_item import RiskReasonItem  # noqa: PLC0415

        d = dict(src_dict)
        billing_last_6_months = d.pop("billing_last_6_months")

        client_id = UUID(d.pop("client_id"))

        dunning_notices_180_days = d.pop("dunning_notices_180_days")

        def _parse_last_interaction_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_interaction_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_interaction_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_interaction_at = _parse_last_interaction_at(d.pop("last_interaction_at"))

        def _parse_late_payment_probability_fraction(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        late_payment_probability_fraction = _parse_late_payment_probability_fraction(
            d.pop("late_payment_probability_fraction")
        )

        def _parse_late_payment_top_reason(data: object) -> None | RiskReasonItem:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                late_payment_top_reason_type_0 = RiskReasonItem.from_dict(data)

                return late_payment_top_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RiskReasonItem, data)

        late_payment_top_reason = _parse_late_payment_top_reason(d.pop("late_payment_top_reason"))

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = RiskReason.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        client_at_risk = cls(
            billing_last_6_months=billing_last_6_months,
            client_id=client_id,
            dunning_notices_180_days=dunning_notices_180_days,
            last_interaction_at=last_interaction_at,
            late_payment_probability_fraction=late_payment_probability_fraction,
            late_payment_top_reason=late_payment_top_reason,
            legal_name=legal_name,
            reasons=reasons,
        )

        return client_at_risk
