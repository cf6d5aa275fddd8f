from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Cancellation")


@_attrs_define
class Cancellation:
    """Why, by whom and with which Verifactu record (anulación) an invoice was cancelled.

    Attributes:
        cancelled_by (str):
        reason (str):
        verifactu_huella (str): The anulación's fingerprint (SHA-256, hexadecimal).
        verifactu_position (int): The anulación's place in the issuer's chain.
    """

    cancelled_by: str
    reason: str
    verifactu_huella: str
    verifactu_position: int

    def to_dict(self) -> dict[str, Any]:
        cancelled_by = self.cancelled_by

        reason = self.reason

        verifactu_huella = self.verifactu_huella

        verifactu_position = self.verifactu_position

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cancelled_by": cancelled_by,
                "reason": reason,
                "verifactu_huella": verifactu_huella,
                "verifactu_position": verifactu_position,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cancelled_by = d.pop("cancelled_by")

        reason = d.pop("reason")

        verifactu_huella = d.pop("verifactu_huella")

        verifactu_position = d.pop("verifactu_position")

        cancellation = cls(
            cancelled_by=cancelled_by,
            reason=reason,
            verifactu_huella=verifactu_huella,
            verifactu_position=verifactu_position,
        )

        return cancellation
