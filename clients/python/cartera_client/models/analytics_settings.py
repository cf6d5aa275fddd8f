from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AnalyticsSettings")


@_attrs_define
class AnalyticsSettings:
    """
    Attributes:
        concentration_threshold_fraction (str): A client's share of a month's billing above which a concentration alert
            is raised: a fraction of 1 (not a percentage), decimal as a string, four decimals.
        drop_threshold_fraction (str): Fall of a top client's monthly billing that raises an alert: a fraction of 1 (not
            a percentage).
        files_through_sii (bool):
        late_payer_fraction (str): Share of a client's last six instalments paid late that raises an alert: a fraction
            of 1 (not a percentage).
    """

    concentration_threshold_fraction: str
    drop_threshold_fraction: str
    files_through_sii: bool
    late_payer_fraction: str

    def to_dict(self) -> dict[str, Any]:
        concentration_threshold_fraction = self.concentration_threshold_fraction

        drop_threshold_fraction = self.drop_threshold_fraction

        files_through_sii = self.files_through_sii

        late_payer_fraction = self.late_payer_fraction

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "concentration_threshold_fraction": concentration_threshold_fraction,
                "drop_threshold_fraction": drop_threshold_fraction,
                "files_through_sii": files_through_sii,
                "late_payer_fraction": late_payer_fraction,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        concentration_threshold_fraction = d.pop("concentration_threshold_fraction")

        drop_threshold_fraction = d.pop("drop_threshold_fraction")

        files_through_sii = d.pop("files_through_sii")

        late_payer_fraction = d.pop("late_payer_fraction")

        analytics_settings = cls(
            concentration_threshold_fraction=concentration_threshold_fraction,
            drop_threshold_fraction=drop_threshold_fraction,
            files_through_sii=files_through_sii,
            late_payer_fraction=late_payer_fraction,
        )

        return analytics_settings
