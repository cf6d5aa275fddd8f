from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.difference import Difference


T = TypeVar("T", bound="IssuerReconciliation")


@_attrs_define
class IssuerReconciliation:
    """
    Attributes:
        accepted_here (int):
        differences (list[Difference]):
        held_at_aeat (int | None):
        issuer_tax_id (str):
        queried (bool): false when no valid certificate could ask the AEAT.
        reason (None | str):
        records_here (int):
    """

    accepted_here: int
    differences: list[Difference]
    held_at_aeat: int | None
    issuer_tax_id: str
    queried: bool
    reason: None | str
    records_here: int

    def to_dict(self) -> dict[str, Any]:
        accepted_here = self.accepted_here

        differences = []
        for differences_item_data in self.differences:
            differences_item = differences_item_data.to_dict()
            differences.append(differences_item)

        held_at_aeat: int | None
        held_at_aeat = self.held_at_aeat

        issuer_tax_id = self.issuer_tax_id

        queried = self.queried

        reason: None | str
        reason = self.reason

        records_here = self.records_here

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted_here": accepted_here,
                "differences": differences,
                "held_at_aeat": held_at_aeat,
                "issuer_tax_id": issuer_tax_id,
                "queried": queried,
                "reason": reason,
                "records_here": records_here,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.difference import Difference  # noqa: PLC0415

        d = dict(src_dict)
        accepted_here = d.pop("accepted_here")

        differences = []
        _differences = d.pop("differences")
        for differences_item_data in _differences:
            differences_item = Difference.from_dict(differences_item_data)

            differences.append(differences_item)

        def _parse_held_at_aeat(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        held_at_aeat = _parse_held_at_aeat(d.pop("held_at_aeat"))

        issuer_tax_id = d.pop("issuer_tax_id")

        queried = d.pop("queried")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        records_here = d.pop("records_here")

        issuer_reconciliation = cls(
            accepted_here=accepted_here,
            differences=differences,
            held_at_aeat=held_at_aeat,
            issuer_tax_id=issuer_tax_id,
            queried=queried,
            reason=reason,
            records_here=records_here,
        )

        return issuer_reconciliation
