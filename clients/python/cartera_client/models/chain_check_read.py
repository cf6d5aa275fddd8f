from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.broken_link import BrokenLink


T = TypeVar("T", bound="ChainCheckRead")


@_attrs_define
class ChainCheckRead:
    """
    Attributes:
        checked (int): Records that passed.
        first_broken (BrokenLink | None):
        issuer_tax_id (str):
        ok (bool):
        records (int):
    """

    checked: int
    first_broken: BrokenLink | None
    issuer_tax_id: str
    ok: bool
    records: int

    def to_dict(self) -> dict[str, Any]:
        from ..models.broken_link import BrokenLink  # noqa: PLC0415

        checked = self.checked

        first_broken: dict[str, Any] | None
        if isinstance(self.first_broken, BrokenLink):
            first_broken = self.first_broken.to_dict()
        else:
            first_broken = self.first_broken

        issuer_tax_id = self.issuer_tax_id

        ok = self.ok

        records = self.records

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "checked": checked,
                "first_broken": first_broken,
                "issuer_tax_id": issuer_tax_id,
                "ok": ok,
                "records": records,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.broken_link import BrokenLink  # noqa: PLC0415

        d = dict(src_dict)
        checked = d.pop("checked")

        def _parse_first_broken(data: object) -> BrokenLink | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                first_broken_type_0 = BrokenLink.from_dict(data)

                return first_broken_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BrokenLink | None, data)

        first_broken = _parse_first_broken(d.pop("first_broken"))

        issuer_tax_id = d.pop("issuer_tax_id")

        ok = d.pop("ok")

        records = d.pop("records")

        chain_check_read = cls(
            checked=checked,
            first_broken=first_broken,
            issuer_tax_id=issuer_tax_id,
            ok=ok,
            records=records,
        )

        return chain_check_read
