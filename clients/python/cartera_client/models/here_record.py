from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.here_record_kind import HereRecordKind
from ..models.here_record_status import HereRecordStatus

T = TypeVar("T", bound="HereRecord")


@_attrs_define
class HereRecord:
    """
    Attributes:
        huella (str):
        kind (HereRecordKind):
        position (int):
        record_id (UUID):
        status (HereRecordStatus):
    """

    huella: str
    kind: HereRecordKind
    position: int
    record_id: UUID
    status: HereRecordStatus

    def to_dict(self) -> dict[str, Any]:
        huella = self.huella

        kind = self.kind.value

        position = self.position

        record_id = str(self.record_id)

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "huella": huella,
                "kind": kind,
                "position": position,
                "record_id": record_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        huella = d.pop("huella")

        kind = HereRecordKind(d.pop("kind"))

        position = d.pop("position")

        record_id = UUID(d.pop("record_id"))

        status = HereRecordStatus(d.pop("status"))

        here_record = cls(
            huella=huella,
            kind=kind,
            position=position,
            record_id=record_id,
            status=status,
        )

        return here_record
