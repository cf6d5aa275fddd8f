from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.csat_figures import CsatFigures
    from ..models.nps_figures import NpsFigures
    from ..models.satisfaction_month import SatisfactionMonth
    from ..models.satisfaction_trend import SatisfactionTrend


T = TypeVar("T", bound="ClientSatisfaction")


@_attrs_define
class ClientSatisfaction:
    """The client's own figures (its id and name first, as on the wire).

    Attributes:
        client_id (None | UUID): The client; null for invoices whose recipient is not a client of the directory (they
            are summed together).
        csat (CsatFigures):
        legal_name (None | str): Its legal name; null when unknown here.
        months (list[SatisfactionMonth]):
        nps (NpsFigures):
        trend (SatisfactionTrend):
    """

    client_id: None | UUID
    csat: CsatFigures
    legal_name: None | str
    months: list[SatisfactionMonth]
    nps: NpsFigures
    trend: SatisfactionTrend

    def to_dict(self) -> dict[str, Any]:
        client_id: None | str
        if isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        csat = self.csat.to_dict()

        legal_name: None | str
        legal_name = self.legal_name

        months = []
        for months_item_data in self.months:
            months_item = months_item_data.to_dict()
            months.append(months_item)

        nps = self.nps.to_dict()

        trend = self.trend.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "csat": csat,
                "legal_name": legal_name,
                "months": months,
                "nps": nps,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csat_figures import CsatFigures  # noqa: PLC0415
        from ..models.nps_figures import NpsFigures  # noqa: PLC0415
        from ..models.satisfaction_month import SatisfactionMonth  # noqa: PLC0415
        from ..models.satisfaction_trend import SatisfactionTrend  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_client_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        client_id = _parse_client_id(d.pop("client_id"))

        csat = CsatFigures.from_dict(d.pop("csat"))

        def _parse_legal_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        legal_name = _parse_legal_name(d.pop("legal_name"))

        months = []
        _months = d.pop("months")
        for months_item_data in _months:
            months_item = SatisfactionMonth.from_dict(months_item_data)

            months.append(months_item)

        nps = NpsFigures.from_dict(d.pop("nps"))

        trend = SatisfactionTrend.from_dict(d.pop("trend"))

        client_satisfaction = cls(
            client_id=client_id,
            csat=csat,
            legal_name=legal_name,
            months=months,
            nps=nps,
            trend=trend,
        )

        return client_satisfaction
