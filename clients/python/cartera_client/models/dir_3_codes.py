from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Dir3Codes")


@_attrs_define
class Dir3Codes:
    """The units of a public body that an invoice to it names (FACe routes it by them).

    Attributes:
        oficina_contable (str): Oficina contable (FacturaE role 01).
        organo_gestor (str): Órgano gestor (FacturaE role 02).
        unidad_tramitadora (str): Unidad tramitadora (FacturaE role 03).
    """

    oficina_contable: str
    organo_gestor: str
    unidad_tramitadora: str

    def to_dict(self) -> dict[str, Any]:
        oficina_contable = self.oficina_contable

        organo_gestor = self.organo_gestor

        unidad_tramitadora = self.unidad_tramitadora

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "oficina_contable": oficina_contable,
                "organo_gestor": organo_gestor,
                "unidad_tramitadora": unidad_tramitadora,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        oficina_contable = d.pop("oficina_contable")

        organo_gestor = d.pop("organo_gestor")

        unidad_tramitadora = d.pop("unidad_tramitadora")

        dir_3_codes = cls(
            oficina_contable=oficina_contable,
            organo_gestor=organo_gestor,
            unidad_tramitadora=unidad_tramitadora,
        )

        return dir_3_codes
