from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.risk_reason_item import RiskReasonItem


T = TypeVar("T", bound="ClientRisk")


@_attrs_define
class ClientRisk:
    """
    Attributes:
        base_log_odds (str): The business's prior, before anything about this client or invoice: the reasons'
            contributions add up to `log_odds` from here (up to rounding). In log-odds (natural logarithm of p / (1 - p)): a
            decimal, as a string, four decimals.
        client_id (UUID):
        invoice_id (None | UUID): The open invoice whose score this is (its riskiest); null when none is open: then the
            score of a new invoice of its usual amount falling due today.
        legal_name (None | str):
        log_odds (str): The same score. In log-odds (natural logarithm of p / (1 - p)): a decimal, as a string, four
            decimals.
        open_invoices (int):
        probability_fraction (str): The probability of being paid more than 30 days late (or not at all): a fraction of
            1.
        reasons (list[RiskReasonItem]): Largest contribution first (absolute).
    """

    base_log_odds: str
    client_id: UUID
    invoice_id: None | UUID
    legal_name: None | str
    log_odds: str
    open_invoices: int
    probability_fraction: str
    reasons: list[RiskReasonItem]

    def to_dict(self) -> dict[str, Any]:
        base_log_odds = self.base_log_odds

        client_id = str(self.client_id)

        invoice_id: None | str
        if isinstance(self.invoice_id, UUID):
            invoice_id = str(self.invoice_id)
        else:
            invoice_id = self.invoice_id

        legal_name: None | str
        legal_name = self.legal_name

        log_odds = self.log_odds

        open_invoices = self.open_invoices

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
                "invoice_id": invoice_id,
                "legal_name": legal_name,
                "log_odds": log_odds,
                "open_invoices": open_invoices,
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

        def _parse_invoice_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invoice_id_type_0 = UUID(data)

                return invoice_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        invoice_id = _parse_invoice_id(d.pop("invoice_id"))

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        log_odds = d.pop("log_odds")

        open_invoices = d.pop("open_invoices")

        probability_fraction = d.pop("probability_fraction")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = RiskReasonItem.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        client_risk = cls(
            base_log_odds=base_log_odds,
            client_id=client_id,
            invoice_id=invoice_id,
            legal_name=legal_name,
            log_odds=log_odds,
            open_invoices=open_invoices,
            probability_fraction=probability_fraction,
            reasons=reasons,
        )

        return client_risk
