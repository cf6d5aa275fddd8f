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
        concentration_threshold (float | str | Unset): A fraction of 1 (not a percentage): 0.4 is 40 %. Default: 0.4.
        drop_threshold (float | str | Unset): A fraction of 1 (not a percentage): 0.4 is 40 %. Default: 0.5.
        files_through_sii (bool | Unset): A tenant that files through SII does not file Modelo 347. Default: False.
        late_payer_ratio (float | str | Unset): A fraction of 1 (not a percentage): 0.4 is 40 %. Default: 0.5.
    """

    concentration_threshold: float | str | Unset = 0.4
    drop_threshold: float | str | Unset = 0.5
    files_through_sii: bool | Unset = False
    late_payer_ratio: float | str | Unset = 0.5

    def to_dict(self) -> dict[str, Any]:
        concentration_threshold: float | str | Unset
        if isinstance(self.concentration_threshold, Unset):
            concentration_threshold = UNSET
        else:
            concentration_threshold = self.concentration_threshold

        drop_threshold: float | str | Unset
        if isinstance(self.drop_threshold, Unset):
            drop_threshold = UNSET
        else:
            drop_threshold = self.drop_threshold

        files_through_sii = self.files_through_sii

        late_payer_ratio: float | str | Unset
        if isinstance(self.late_payer_ratio, Unset):
            late_payer_ratio = UNSET
        else:
            late_payer_ratio = self.late_payer_ratio

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if concentration_threshold is not UNSET:
            field_dict["concentration_threshold"] = concentration_threshold
        if drop_threshold is not UNSET:
            field_dict["drop_threshold"] = drop_threshold
        if files_through_sii is not UNSET:
            field_dict["files_through_sii"] = files_through_sii
        if late_payer_ratio is not UNSET:
            field_dict["late_payer_ratio"] = late_payer_ratio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_concentration_threshold(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        concentration_threshold = _parse_concentration_threshold(
            d.pop("concentration_threshold", UNSET)
        )

        def _parse_drop_threshold(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        drop_threshold = _parse_drop_threshold(d.pop("drop_threshold", UNSET))

        files_through_sii = d.pop("files_through_sii", UNSET)

        def _parse_late_payer_ratio(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        late_payer_ratio = _parse_late_payer_ratio(d.pop("late_payer_ratio", UNSET))

        analytics_settings_in = cls(
            concentration_threshold=concentration_threshold,
            drop_threshold=drop_threshold,
            files_through_sii=files_through_sii,
            late_payer_ratio=late_payer_ratio,
        )

        return analytics_settings_in
