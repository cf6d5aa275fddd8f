from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.risk_reason import RiskReason


T = TypeVar("T", bound="ClientAtRisk")


@_attrs_define
class ClientAtRisk:
    """
    Attributes:
        billing_last_6_months (str): Taxable base of the last six months.
        client_id (UUID):
        dunning_notices_180_days (int):
        last_interaction_at (datetime.datetime | None):
        legal_name (None | str):
        reasons (list[RiskReason]):
    """

    billing_last_6_months: str
    client_id: UUID
    dunning_notices_180_days: int
    last_interaction_at: datetime.datetime | None
    legal_name: None | str
    reasons: list[RiskReason]

    def to_dict(self) -> dict[str, Any]:
        billing_last_6_months = self.billing_last_6_months

        client_id = str(self.client_id)

        dunning_notices_180_days = self.dunning_notices_180_days

        last_interaction_at: None | str
        if isinstance(self.last_interaction_at, datetime.datetime):
            last_interaction_at = self.last_interaction_at.isoformat()
        else:
            last_interaction_at = self.last_interaction_at

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
                "legal_name": legal_name,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.risk_reason import RiskReason  # noqa: PLC0415

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
            legal_name=legal_name,
            reasons=reasons,
        )

        return client_at_risk
