from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.instalment_interest import InstalmentInterest
    from ..models.instalment_owed import InstalmentOwed
    from ..models.late_payment_law import LatePaymentLaw
    from ..models.rate_missing import RateMissing


T = TypeVar("T", bound="LateInterestClaim")


@_attrs_define
class LateInterestClaim:
    """What can be claimed on one invoice through `until`.

    Attributes:
        claim_total (None | str): Unpaid + interest + compensation (decimal, as a string); null when a rate is missing.
        client_id (None | UUID):
        compensation (None | str): The 40 € per late invoice (decimal, as a string); null when the law does not apply.
        currency (str):
        instalments (list[InstalmentInterest] | list[InstalmentOwed]):
        interest (None | str): decimal, as a string; null when the law does not apply or a rate is missing.
        invoice_id (UUID):
        invoice_number (str):
        late_payment_law (LatePaymentLaw): Whether Ley 3/2004 covers the debt (a business or public administration
            debtor) and what
            the decision rests on.
        rate_missing (None | RateMissing): Set when a half-year of the period has no rate yet: no interest figure.
        unpaid (str): Principal unpaid on `until` (decimal, as a string).
        until (datetime.date):
    """

    claim_total: None | str
    client_id: None | UUID
    compensation: None | str
    currency: str
    instalments: list[InstalmentInterest] | list[InstalmentOwed]
    interest: None | str
    invoice_id: UUID
    invoice_number: str
    late_payment_law: LatePaymentLaw
    rate_missing: None | RateMissing
    unpaid: str
    until: datetime.date

    def to_dict(self) -> dict[str, Any]:
        from ..models.rate_missing import RateMissing  # noqa: PLC0415

        claim_total: None | str
        claim_total = self.claim_total

        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        compensation: None | str
        compensation = self.compensation

        currency = self.currency

        instalments: list[dict[str, Any]]
        if isinstance(self.instalments, list):
            instalments = []
            for instalments_type_0_item_data in self.instalments:
                instalments_type_0_item = instalments_type_0_item_data.to_dict()
                instalments.append(instalments_type_0_item)

        else:
            instalments = []
            for instalments_type_1_item_data in self.instalments:
                instalments_type_1_item = instalments_type_1_item_data.to_dict()
                instalments.append(instalments_type_1_item)

        interest: None | str
        interest = self.interest

        invoice_id = str(self.invoice_id)

        invoice_number = self.invoice_number

        late_payment_law = self.late_payment_law.to_dict()

        rate_missing: dict[str, Any] | None
        if isinstance(self.rate_missing, RateMissing):
            rate_missing = self.rate_missing.to_dict()
        else:
            rate_missing = self.rate_missing

        unpaid = self.unpaid

        until = self.until.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claim_total": claim_total,
                "client_id": client_id,
                "compensation": compensation,
                "currency": currency,
                "instalments": instalments,
                "interest": interest,
                "invoice_id": invoice_id,
                "invoice_number": invoice_number,
                "late_payment_law": late_payment_law,
                "rate_missing": rate_missing,
                "unpaid": unpaid,
                "until": until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instalment_interest import InstalmentInterest  # noqa: PLC0415
        from ..models.instalment_owed import InstalmentOwed  # noqa: PLC0415
        from ..models.late_payment_law import LatePaymentLaw  # noqa: PLC0415
        from ..models.rate_missing import RateMissing  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_claim_total(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        claim_total = _parse_claim_total(d.pop("claim_total"))

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))

        def _parse_compensation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        compensation = _parse_compensation(d.pop("compensation"))

        currency = d.pop("currency")

        def _parse_instalments(data: object) -> list[InstalmentInterest] | list[InstalmentOwed]:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                instalments_type_0 = []
                _instalments_type_0 = data
                for instalments_type_0_item_data in _instalments_type_0:
                    instalments_type_0_item = InstalmentInterest.from_dict(
                        instalments_type_0_item_data
                    )

                    instalments_type_0.append(instalments_type_0_item)

                return instalments_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, list):
                raise TypeError()
            instalments_type_1 = []
            _instalments_type_1 = data
            for instalments_type_1_item_data in _instalments_type_1:
                instalments_type_1_item = InstalmentOwed.from_dict(instalments_type_1_item_data)

                instalments_type_1.append(instalments_type_1_item)

            return instalments_type_1

        instalments = _parse_instalments(d.pop("instalments"))

        def _parse_interest(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        interest = _parse_interest(d.pop("interest"))

        invoice_id = UUID(d.pop("invoice_id"))

        invoice_number = d.pop("invoice_number")

        late_payment_law = LatePaymentLaw.from_dict(d.pop("late_payment_law"))

        def _parse_rate_missing(data: object) -> None | RateMissing:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rate_missing_type_0 = RateMissing.from_dict(data)

                return rate_missing_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RateMissing, data)

        rate_missing = _parse_rate_missing(d.pop("rate_missing"))

        unpaid = d.pop("unpaid")

        until = datetime.date.fromisoformat(d.pop("until"))

        late_interest_claim = cls(
            claim_total=claim_total,
            client_id=client_id,
            compensation=compensation,
            currency=currency,
            instalments=instalments,
            interest=interest,
            invoice_id=invoice_id,
            invoice_number=invoice_number,
            late_payment_law=late_payment_law,
            rate_missing=rate_missing,
            unpaid=unpaid,
            until=until,
        )

        return late_interest_claim
