from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="LatePaymentLaw")


@_attrs_define
class LatePaymentLaw:
    """Whether Ley 3/2004 covers the debt (a business or public administration debtor) and what
    the decision rests on.

        Attributes:
            applies (bool):
            basis (None | str): Why, in words.
            client_version (int | None): The client's version the decision read.
            debtor_kind (None | str): The client's kind when it was decided.
    """

    applies: bool
    basis: None | str
    client_version: int | None
    debtor_kind: None | str

    def to_dict(self) -> dict[str, Any]:
        applies = self.applies

        basis: None | str
        basis = self.basis

        client_version: int | None
        client_version = self.client_version

        debtor_kind: None | str
        debtor_kind = self.debtor_kind

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "applies": applies,
                "basis": basis,
                "client_version": client_version,
                "debtor_kind": debtor_kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applies = d.pop("applies")

        def _parse_basis(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        basis = _parse_basis(d.pop("basis"))

        def _parse_client_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        client_version = _parse_client_version(d.pop("client_version"))

        def _parse_debtor_kind(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        debtor_kind = _parse_debtor_kind(d.pop("debtor_kind"))

        late_payment_law = cls(
            applies=applies,
            basis=basis,
            client_version=client_version,
            debtor_kind=debtor_kind,
        )

        return late_payment_law
