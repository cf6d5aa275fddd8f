from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.irpf_withheld_modelo import IrpfWithheldModelo

T = TypeVar("T", bound="IrpfWithheld")


@_attrs_define
class IrpfWithheld:
    """
    Attributes:
        irpf (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        irpf_rate (str): A PERCENTAGE (21.00 is 21 %): a decimal, as a string, with exactly two decimals.
        modelo (IrpfWithheldModelo): The payer's return: 111 (activities) or 115 (rents of urban property).
        taxable_base (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
    """

    irpf: str
    irpf_rate: str
    modelo: IrpfWithheldModelo
    taxable_base: str

    def to_dict(self) -> dict[str, Any]:
        irpf = self.irpf

        irpf_rate = self.irpf_rate

        modelo = self.modelo.value

        taxable_base = self.taxable_base

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "irpf": irpf,
                "irpf_rate": irpf_rate,
                "modelo": modelo,
                "taxable_base": taxable_base,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        irpf = d.pop("irpf")

        irpf_rate = d.pop("irpf_rate")

        modelo = IrpfWithheldModelo(d.pop("modelo"))

        taxable_base = d.pop("taxable_base")

        irpf_withheld = cls(
            irpf=irpf,
            irpf_rate=irpf_rate,
            modelo=modelo,
            taxable_base=taxable_base,
        )

        return irpf_withheld
