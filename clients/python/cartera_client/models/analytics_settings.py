from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AnalyticsSettings")


@_attrs_define
class AnalyticsSettings:
    """
    Attributes:
        concentration_threshold (str): A client's share of a month's billing above which a concentration alert is
            raised: a fraction of 1 (not a percentage), decimal as a string, four decimals.
        drop_threshold (str): Fall of a top client's monthly billing that raises an alert: a fraction of 1 (not a
            percentage).
        files_through_sii (bool):
        late_payer_ratio (str): Share of a client's last six instalments paid late that raises an alert: a fraction of 1
            (not a percentage).
    """

    concentration_threshold: str
    drop_threshold: str
    files_through_sii: bool
    late_payer_ratio: str

    def to_dict(self) -> dict[str, Any]:
        concentration_threshold = self.concentration_threshold

        drop_threshold = self.drop_threshold

        files_through_sii = self.files_through_sii

        late_payer_ratio = self.late_payer_ratio

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "concentration_threshold": concentration_threshold,
                "drop_threshold": drop_threshold,
                "files_through_sii": files_through_sii,
                "late_payer_ratio": late_payer_ratio,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        concentration_threshold = d.pop("concentration_threshold")

        drop_threshold = d.pop("drop_threshold")

        files_through_sii = d.pop("files_through_sii")

        late_payer_ratio = d.pop("late_payer_ratio")

        analytics_settings = cls(
            concentration_threshold=concentration_threshold,
            drop_threshold=drop_threshold,
            files_through_sii=files_through_sii,
            late_payer_ratio=late_payer_ratio,
        )

        return analytics_settings
