from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.desk_line_role_type_0 import DeskLineRoleType0
from ..models.desk_line_unavailable_item import DeskLineUnavailableItem

if TYPE_CHECKING:
    from ..models.human_reason import HumanReason
    from ..models.modelo_347_figures import Modelo347Figures
    from ..models.overdue_figures import OverdueFigures
    from ..models.tax_figures import TaxFigures
    from ..models.verifactu_figures import VerifactuFigures


T = TypeVar("T", bound="DeskLine")


@_attrs_define
class DeskLine:
    """One business: its figures, null where a service did not answer (named in
    `unavailable`).

        Attributes:
            modelo_347 (Modelo347Figures):
            name (str):
            needs_human (list[HumanReason]): Concrete things a person should look at, with how many (only counts > 0).
            overdue (OverdueFigures):
            role (DeskLineRoleType0 | None): The person's role there; null for an API key.
            tax (TaxFigures):
            tenant_id (UUID):
            unavailable (list[DeskLineUnavailableItem]): Parts whose service did not answer in time or answered an error.
                The list of parts may grow.
            verifactu (VerifactuFigures):
    """

    modelo_347: Modelo347Figures
    name: str
    needs_human: list[HumanReason]
    overdue: OverdueFigures
    role: DeskLineRoleType0 | None
    tax: TaxFigures
    tenant_id: UUID
    unavailable: list[DeskLineUnavailableItem]
    verifactu: VerifactuFigures

    def to_dict(self) -> dict[str, Any]:
        modelo_347 = self.modelo_347.to_dict()

        name = self.name

        needs_human = []
        for needs_human_item_data in self.needs_human:
            needs_human_item = needs_human_item_data.to_dict()
            needs_human.append(needs_human_item)

        overdue = self.overdue.to_dict()

        role: None | str
        if isinstance(self.role, DeskLineRoleType0):
            role = self.role.value
        else:
            role = self.role

        tax = self.tax.to_dict()

        tenant_id = str(self.tenant_id)

        unavailable = []
        for unavailable_item_data in self.unavailable:
            unavailable_item = unavailable_item_data.value
            unavailable.append(unavailable_item)

        verifactu = self.verifactu.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "modelo_347": modelo_347,
                "name": name,
                "needs_human": needs_human,
                "overdue": overdue,
                "role": role,
                "tax": tax,
                "tenant_id": tenant_id,
                "unavailable": unavailable,
                "verifactu": verifactu,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.human_reason import HumanReason  # noqa: PLC0415
        from ..models.modelo_347_figures import Modelo347Figures  # noqa: PLC0415
        from ..models.overdue_figures import OverdueFigures  # noqa: PLC0415
        from ..models.tax_figures import TaxFigures  # noqa: PLC0415
        from ..models.verifactu_figures import VerifactuFigures  # noqa: PLC0415

        d = dict(src_dict)
        modelo_347 = Modelo347Figures.from_dict(d.pop("modelo_347"))

        name = d.pop("name")

        needs_human = []
        _needs_human = d.pop("needs_human")
        for needs_human_item_data in _needs_human:
            needs_human_item = HumanReason.from_dict(needs_human_item_data)

            needs_human.append(needs_human_item)

        overdue = OverdueFigures.from_dict(d.pop("overdue"))

        def _parse_role(data: object) -> DeskLineRoleType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = DeskLineRoleType0(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeskLineRoleType0 | None, data)

        role = _parse_role(d.pop("role"))

        tax = TaxFigures.from_dict(d.pop("tax"))

        tenant_id = UUID(d.pop("tenant_id"))

        unavailable = []
        _unavailable = d.pop("unavailable")
        for unavailable_item_data in _unavailable:
            unavailable_item = DeskLineUnavailableItem(unavailable_item_data)

            unavailable.append(unavailable_item)

        verifactu = VerifactuFigures.from_dict(d.pop("verifactu"))

        desk_line = cls(
            modelo_347=modelo_347,
            name=name,
            needs_human=needs_human,
            overdue=overdue,
            role=role,
            tax=tax,
            tenant_id=tenant_id,
            unavailable=unavailable,
            verifactu=verifactu,
        )

        return desk_line
