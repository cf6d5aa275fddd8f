from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.current_half_year import CurrentHalfYear
    from ..models.rate_missing import RateMissing
    from ..models.statutory_rate import StatutoryRate


T = TypeVar("T", bound="StatutoryRates")


@_attrs_define
class StatutoryRates:
    """
    Attributes:
        current_half_year (CurrentHalfYear):
        rate_missing (None | RateMissing):
        rates (list[StatutoryRate]):
    """

    current_half_year: CurrentHalfYear
    rate_missing: None | RateMissing
    rates: list[StatutoryRate]

    def to_dict(self) -> dict[str, Any]:
        from ..models.rate_missing import RateMissing  # noqa: PLC0415

        current_half_year = self.current_half_year.to_dict()

        rate_missing: dict[str, Any] | None
        if isinstance(self.rate_missing, RateMissing):
            rate_missing = self.rate_missing.to_dict()
        else:
            rate_missing = self.rate_missing

        rates = []
        for rates_item_data in self.rates:
            rates_item = rates_item_data.to_dict()
            rates.append(rates_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "current_half_year": current_half_year,
                "rate_missing": rate_missing,
                "rates": rates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.current_half_year import CurrentHalfYear  # noqa: PLC0415
        from ..models.rate_missing import RateMissing  # noqa: PLC0415
        from ..models.statutory_rate import StatutoryRate  # noqa: PLC0415

        d = dict(src_dict)
        current_half_year = CurrentHalfYear.from_dict(d.pop("current_half_year"))

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

        rates = []
        _rates = d.pop("rates")
        for rates_item_data in _rates:
            rates_item = StatutoryRate.from_dict(rates_item_data)

            rates.append(rates_item)

        statutory_rates = cls(
            current_half_year=current_half_year,
            rate_missing=rate_missing,
            rates=rates,
        )

        return statutory_rates
