from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.sla_hours import SlaHours


T = TypeVar("T", bound="SlaPolicyAnswer")


@_attrs_define
class SlaPolicyAnswer:
    """
    Attributes:
        defaults (SlaHours):
        resolve_hours (SlaHours):
    """

    defaults: SlaHours
    resolve_hours: SlaHours

    def to_dict(self) -> dict[str, Any]:
        defaults = self.defaults.to_dict()

        resolve_hours = self.resolve_hours.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "defaults": defaults,
                "resolve_hours": resolve_hours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sla_hours import SlaHours  # noqa: PLC0415

        d = dict(src_dict)
        defaults = SlaHours.from_dict(d.pop("defaults"))

        resolve_hours = SlaHours.from_dict(d.pop("resolve_hours"))

        sla_policy_answer = cls(
            defaults=defaults,
            resolve_hours=resolve_hours,
        )

        return sla_policy_answer
