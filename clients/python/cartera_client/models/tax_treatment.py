from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tax_treatment_vat_regime import TaxTreatmentVatRegime
from ..types import UNSET, Unset

T = TypeVar("T", bound="TaxTreatment")


@_attrs_define
class TaxTreatment:
    """
    Attributes:
        equivalence_surcharge (bool | Unset): Recargo de equivalencia (retailers under that regime). Default: False.
        exemption_reason (None | str | Unset): Legal basis printed on exempt invoices.
        irpf_retention (bool | Unset): The client withholds IRPF on professionals' invoices. Default: False.
        vat_regime (TaxTreatmentVatRegime | Unset):  Default: TaxTreatmentVatRegime.GENERAL.
    """

    equivalence_surcharge: bool | Unset = False
    exemption_reason: None | str | Unset = UNSET
    irpf_retention: bool | Unset = False
    vat_regime: TaxTreatmentVatRegime | Unset = TaxTreatmentVatRegime.GENERAL

    def to_dict(self) -> dict[str, Any]:
        equivalence_surcharge = self.equivalence_surcharge

        exemption_reason: None | str | Unset
        if isinstance(self.exemption_reason, Unset):
            exemption_reason = UNSET
        else:
            exemption_reason = self.exemption_reason

        irpf_retention = self.irpf_retention

        vat_regime: str | Unset = UNSET
        if not isinstance(self.vat_regime, Unset):
            vat_regime = self.vat_regime.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if equivalence_surcharge is not UNSET:
            field_dict["equivalence_surcharge"] = equivalence_surcharge
        if exemption_reason is not UNSET:
            field_dict["exemption_reason"] = exemption_reason
        if irpf_retention is not UNSET:
            field_dict["irpf_retention"] = irpf_retention
        if vat_regime is not UNSET:
            field_dict["vat_regime"] = vat_regime

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        equivalence_surcharge = d.pop("equivalence_surcharge", UNSET)

        def _parse_exemption_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exemption_reason = _parse_exemption_reason(d.pop("exemption_reason", UNSET))

        irpf_retention = d.pop("irpf_retention", UNSET)

        _vat_regime = d.pop("vat_regime", UNSET)
        vat_regime: TaxTreatmentVatRegime | Unset
        if isinstance(_vat_regime, Unset):
            vat_regime = UNSET
        else:
            vat_regime = TaxTreatmentVatRegime(_vat_regime)

        tax_treatment = cls(
            equivalence_surcharge=equivalence_surcharge,
            exemption_reason=exemption_reason,
            irpf_retention=irpf_retention,
            vat_regime=vat_regime,
        )

        return tax_treatment
