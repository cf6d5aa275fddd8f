from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.stored_tax_treatment_vat_regime_type_0 import StoredTaxTreatmentVatRegimeType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="StoredTaxTreatment")


@_attrs_define
class StoredTaxTreatment:
    """
    Attributes:
        equivalence_surcharge (bool | None | Unset):
        exemption_reason (None | str | Unset):
        irpf_retention (bool | None | Unset):
        vat_regime (None | StoredTaxTreatmentVatRegimeType0 | Unset):
    """

    equivalence_surcharge: bool | None | Unset = UNSET
    exemption_reason: None | str | Unset = UNSET
    irpf_retention: bool | None | Unset = UNSET
    vat_regime: None | StoredTaxTreatmentVatRegimeType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        equivalence_surcharge: bool | None | Unset
        if isinstance(self.equivalence_surcharge, Unset):
            equivalence_surcharge = UNSET
        else:
            equivalence_surcharge = self.equivalence_surcharge

        exemption_reason: None | str | Unset
        if isinstance(self.exemption_reason, Unset):
            exemption_reason = UNSET
        else:
            exemption_reason = self.exemption_reason

        irpf_retention: bool | None | Unset
        if isinstance(self.irpf_retention, Unset):
            irpf_retention = UNSET
        else:
            irpf_retention = self.irpf_retention

        vat_regime: None | str | Unset
        if isinstance(self.vat_regime, Unset):
            vat_regime = UNSET
        elif isinstance(self.vat_regime, StoredTaxTreatmentVatRegimeType0):
            vat_regime = self.vat_regime.value
        else:
            vat_regime = self.vat_regime

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

        def _parse_equivalence_surcharge(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        equivalence_surcharge = _parse_equivalence_surcharge(d.pop("equivalence_surcharge", UNSET))

        def _parse_exemption_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        exemption_reason = _parse_exemption_reason(d.pop("exemption_reason", UNSET))

        def _parse_irpf_retention(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        irpf_retention = _parse_irpf_retention(d.pop("irpf_retention", UNSET))

        def _parse_vat_regime(data: object) -> None | StoredTaxTreatmentVatRegimeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                vat_regime_type_0 = StoredTaxTreatmentVatRegimeType0(data)

                return vat_regime_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StoredTaxTreatmentVatRegimeType0 | Unset, data)

        vat_regime = _parse_vat_regime(d.pop("vat_regime", UNSET))

        stored_tax_treatment = cls(
            equivalence_surcharge=equivalence_surcharge,
            exemption_reason=exemption_reason,
            irpf_retention=irpf_retention,
            vat_regime=vat_regime,
        )

        return stored_tax_treatment
