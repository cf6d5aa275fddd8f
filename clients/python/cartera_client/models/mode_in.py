from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.mode_in_mode import ModeInMode

T = TypeVar("T", bound="ModeIn")


@_attrs_define
class ModeIn:
    """
    Attributes:
        mode (ModeInMode): own_certificate: with the tenant's certificate; operator: with the operator's, as the
            tenant's declared representative; off: records are not sent.
    """

    mode: ModeInMode

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = ModeInMode(d.pop("mode"))

        mode_in = cls(
            mode=mode,
        )

        return mode_in
