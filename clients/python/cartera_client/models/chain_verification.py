from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.chain_check_read import ChainCheckRead


T = TypeVar("T", bound="ChainVerification")


@_attrs_define
class ChainVerification:
    """Every chain of the tenant recomputed; the first broken link of each.

    Attributes:
        chains (list[ChainCheckRead]):
        ok (bool):
    """

    chains: list[ChainCheckRead]
    ok: bool

    def to_dict(self) -> dict[str, Any]:
        chains = []
        for chains_item_data in self.chains:
            chains_item = chains_item_data.to_dict()
            chains.append(chains_item)

        ok = self.ok

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "chains": chains,
                "ok": ok,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chain_check_read import ChainCheckRead  # noqa: PLC0415

        d = dict(src_dict)
        chains = []
        _chains = d.pop("chains")
        for chains_item_data in _chains:
            chains_item = ChainCheckRead.from_dict(chains_item_data)

            chains.append(chains_item)

        ok = d.pop("ok")

        chain_verification = cls(
            chains=chains,
            ok=ok,
        )

        return chain_verification
