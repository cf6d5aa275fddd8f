from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.verifactu_mode_mode import VerifactuModeMode

if TYPE_CHECKING:
    from ..models.operator_summary import OperatorSummary


T = TypeVar("T", bound="VerifactuMode")


@_attrs_define
class VerifactuMode:
    """How the tenant's Verifactu records are sent.

    Attributes:
        mode (VerifactuModeMode):
        operator (OperatorSummary): The SaaS operator's certificate, for `operator` mode.
        submission_enabled (bool): Whether records are being sent now (a usable certificate at hand).
    """

    mode: VerifactuModeMode
    operator: OperatorSummary
    submission_enabled: bool

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        operator = self.operator.to_dict()

        submission_enabled = self.submission_enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
                "operator": operator,
                "submission_enabled": submission_enabled,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.operator_summary import OperatorSummary  # noqa: PLC0415

        d = dict(src_dict)
        mode = VerifactuModeMode(d.pop("mode"))

        operator = OperatorSummary.from_dict(d.pop("operator"))

        submission_enabled = d.pop("submission_enabled")

        verifactu_mode = cls(
            mode=mode,
            operator=operator,
            submission_enabled=submission_enabled,
        )

        return verifactu_mode
