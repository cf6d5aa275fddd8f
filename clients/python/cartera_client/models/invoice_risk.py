from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.risk_reason_item import RiskReasonItem


T = TypeVar("T", bound="InvoiceRisk")


@_attrs_define
class InvoiceRisk:
    """
    Attributes:
        base_log_odds (str): The business's prior, before anything about this client or invoice: the reasons'
            contributions add up to `log_odds` from here (up to rounding). In log-odds (natural logarithm of p / (1 - p)): a
            decimal, as a string, four decimals.
        client_id (UUID):
        days_overdue (int): Days past that due date; negative: not due yet.
        due_on (datetime.date): The due date of its riskiest open instalment.
        invoice_id (UUID):
        legal_name (None | str):
        log_odds (str): The same score. In log-odds (natural logarithm of p / (1 - p)): a decimal, as a string, four
            decimals.
        outstanding (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        probability_fraction (str): The probability of being paid more than 30 days late (or not at all): a fraction of
            1.
        reasons (list[RiskReasonItem]): Largest contribution first (absolute).
    """

    base_log_odds: str
    client_id: UUID
    days_overdue: int
    due_on: datetime.date
    invoice_id: UUID
    legal_name: None | str
    log_odds: str
    outstanding: str
    probability_fraction: str
    reasons: list[RiskReasonItem]

    def to_dict(self) -> dict[str, Any]:
        base_log_odds = self.base_log_odds

        client_id = str(self.client_id)

        days_overdue = self.days_overdue

        due_on = self.due_on.isoformat()

        invoice_id = str(self.invoice_id)

        legal_name: None | str
        legal_name = self.legal_name

        log_odds = self.log_odds

        outstanding = self.outstanding

        probability_fraction = self.probability_fraction

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "base_log_odds": base_log_odds,
                "client_id": client_id,
                "days_overdue": days_overdue,
                "due_on": due_on,
                "invoice_id": invoice_id,
                "legal_name": legal_name,
                "log_odds": log_odds,
                "outstanding": outstanding,
                "probability_fraction": probability_fraction,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.risk_reason_item import RiskReasonItem  # noqa: PLC0415

        d = dict(src_dict)
        base_log_odds = d.pop("base_log_odds")

        client_id = UUID(d.pop("client_id"))

        days_overdue = d.pop("days_overdue")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        invoice_id = UUID(d.pop("invoice_id"))

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        log_odds = d.pop("log_odds")

        outstanding = d.pop("outstanding")

        probability_fraction = d.pop("probability_fraction")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = RiskReasonItem.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        invoice_risk = cls(
            base_log_odds=base_log_odds,
            client_id=client_id,
            days_overdue=days_overdue,
            due_on=due_on,
            invoice_id=invoice_id,
            legal_name=legal_name,
            log_odds=log_odds,
            outstanding=outstanding,
            probability_fraction=probability_fraction,
            reasons=reasons,
        )

        return invoice_risk
