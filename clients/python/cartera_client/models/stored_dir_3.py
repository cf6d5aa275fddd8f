from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="StoredDir3")


@_attrs_define
class StoredDir3:
    """
    Attributes:
        oficina_contable (str):
        organo_gestor (str):
        unidad_tramitadora (str):
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

        stored_dir_3 = cls(
            oficina_contable=oficina_contable,
            organo_gestor=organo_gestor,
            unidad_tramitadora=unidad_tramitadora,
        )

        return stored_dir_3
