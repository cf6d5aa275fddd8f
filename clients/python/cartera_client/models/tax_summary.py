from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.box import Box
    from ..models.irpf_withheld import IrpfWithheld
    from ..models.rate_figures import RateFigures
    from ..models.rectifications import Rectifications


T = TypeVar("T", bound="TaxSummary")


@_attrs_define
class TaxSummary:
    """
    Attributes:
        boxes (list[Box]): Modelo 303 casillas of IVA devengado that issued invoices fill (docs/compliance.md).
        by_rate (list[RateFigures]): Every document of the quarter, by rate.
        irpf_withheld (list[IrpfWithheld]):
        irpf_withheld_total (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        period_end (str): The quarter's last day, YYYY-MM-DD.
        period_start (str): The quarter's first day, YYYY-MM-DD.
        quarter (int):
        rectifications (Rectifications):
        surcharge_total (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        taxable_base_total (str): Net of rectifications; cancelled: nothing.
        vat_total (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        year (int):
    """

    boxes: list[Box]
    by_rate: list[RateFigures]
    irpf_withheld: list[IrpfWithheld]
    irpf_withheld_total: str
    period_end: str
    period_start: str
    quarter: int
    rectifications: Rectifications
    surcharge_total: str
    taxable_base_total: str
    vat_total: str
    year: int

    def to_dict(self) -> dict[str, Any]:
        boxes = []
        for boxes_item_data in self.boxes:
            boxes_item = boxes_item_data.to_dict()
            boxes.append(boxes_item)

        by_rate = []
        for by_rate_item_data in self.by_rate:
            by_rate_item = by_rate_item_data.to_dict()
            by_rate.append(by_rate_item)

        irpf_withheld = []
        for irpf_withheld_item_data in self.irpf_withheld:
            irpf_withheld_item = irpf_withheld_item_data.to_dict()
            irpf_withheld.append(irpf_withheld_item)

        irpf_withheld_total = self.irpf_withheld_total

        period_end = self.period_end

        period_start = self.period_start

        quarter = self.quarter

        rectifications = self.rectifications.to_dict()

        surcharge_total = self.surcharge_total

        taxable_base_total = self.taxable_base_total

        vat_total = self.vat_total

        year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "boxes": boxes,
                "by_rate": by_rate,
                "irpf_withheld": irpf_withheld,
                "irpf_withheld_total": irpf_withheld_total,
                "period_end": period_end,
                "period_start": period_start,
                "quarter": quarter,
                "rectifications": rectifications,
                "surcharge_total": surcharge_total,
                "taxable_base_total": taxable_base_total,
                "vat_total": vat_total,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.box import Box  # noqa: PLC0415
        from ..models.irpf_withheld import IrpfWithheld  # noqa: PLC0415
        from ..models.rate_figures import RateFigures  # noqa: PLC0415
        from ..models.rectifications import Rectifications  # noqa: PLC0415

        d = dict(src_dict)
        boxes = []
        _boxes = d.pop("boxes")
        for boxes_item_data in _boxes:
            boxes_item = Box.from_dict(boxes_item_data)

            boxes.append(boxes_item)

        by_rate = []
        _by_rate = d.pop("by_rate")
        for by_rate_item_data in _by_rate:
            by_rate_item = RateFigures.from_dict(by_rate_item_data)

            by_rate.append(by_rate_item)

        irpf_withheld = []
        _irpf_withheld = d.pop("irpf_withheld")
        for irpf_withheld_item_data in _irpf_withheld:
            irpf_withheld_item = IrpfWithheld.from_dict(irpf_withheld_item_data)

            irpf_withheld.append(irpf_withheld_item)

        irpf_withheld_total = d.pop("irpf_withheld_total")

        period_end = d.pop("period_end")

        period_start = d.pop("period_start")

        quarter = d.pop("quarter")

        rectifications = Rectifications.from_dict(d.pop("rectifications"))

        surcharge_total = d.pop("surcharge_total")

        taxable_base_total = d.pop("taxable_base_total")

        vat_total = d.pop("vat_total")

        year = d.pop("year")

        tax_summary = cls(
            boxes=boxes,
            by_rate=by_rate,
            irpf_withheld=irpf_withheld,
            irpf_withheld_total=irpf_withheld_total,
            period_end=period_end,
            period_start=period_start,
            quarter=quarter,
            rectifications=rectifications,
            surcharge_total=surcharge_total,
            taxable_base_total=taxable_base_total,
            vat_total=vat_total,
            year=year,
        )

        return tax_summary
