from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AnalyticsSettingsIn")


@_attrs_define
class AnalyticsSettingsIn:
    """
    Attributes:
        concentration_threshold_fraction (float | str | Unset): A fraction of 1 (not a percentage): 0.4 is 40 %.
            Default: 0.4.
        drop_threshold_fraction (float | str | Unset): A fraction of 1 (not a percentage): 0.4 is 40 %. Default: 0.5.
        files_through_sii (bool | Unset): A tenant that files through SII does not file Modelo 347. Default: False.
        late_payer_fraction (float | str | Unset): A fraction of 1 (not a percentage): 0.4 is 40 %. Default: 0.5.
    """

    concentration_threshold_fraction: float | str | Unset = 0.4
    drop_threshold_fraction: float | str | Unset = 0.5
    files_through_sii: bool | Unset = False
    late_payer_fraction: float | str | Unset = 0.5

    def to_dict(self) -> dict[str, Any]:
        concentration_threshold_fraction: float | str | Unset
        if isinstance(self.concentration_threshold_fraction, Unset):
            concentration_threshold_fraction = UNSET
        else:
            concentration_threshold_fraction = self.concentration_threshold_fraction

        drop_threshold_fraction: float | str | Unset
        if isinstance(self.drop_threshold_fraction, Unset):
            drop_threshold_fraction = UNSET
        else:
            drop_threshold_fraction = self.drop_threshold_fraction

        files_through_sii = self.files_through_sii

        late_payer_fraction: float | str | Unset
        if isinstance(self.late_payer_fraction, Unset):
            late_payer_fraction = UNSET
        else:
            late_payer_fraction = self.late_payer_fraction

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if concentration_threshold_fraction is not UNSET:
            field_dict["concentration_threshold_fraction"] = concentration_threshold_fraction
        if drop_threshold_fraction is not UNSET:
            field_dict["drop_threshold_fraction"] = drop_threshold_fraction
        if files_through_sii is not UNSET:
            field_dict["files_through_sii"] = files_through_sii
        if late_payer_fraction is not UNSET:
            field_dict["late_payer_fraction"] = late_payer_fraction

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_concentration_threshold_fraction(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        concentration_threshold_fraction = _parse_concentration_threshold_fraction(
            d.pop("concentration_threshold_fraction", UNSET)
        )

        def _parse_drop_threshold_fraction(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        drop_threshold_fraction = _parse_drop_threshold_fraction(
            d.pop("drop_threshold_fraction", UNSET)
        )

        files_through_sii = d.pop("files_through_sii", UNSET)

        def _parse_late_payer_fraction(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        late_payer_fraction = _parse_late_payer_fraction(d.pop("late_payer_fraction", UNSET))

        analytics_settings_in = cls(
            concentration_threshold_fraction=concentration_threshold_fraction,
            drop_threshold_fraction=drop_threshold_fraction,
            files_through_sii=files_through_sii,
            late_payer_fraction=late_payer_fraction,
        )

        return analytics_settings_in
