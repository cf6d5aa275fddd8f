from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.difference_kind import DifferenceKind

if TYPE_CHECKING:
    from ..models.aeat_record import AeatRecord
    from ..models.here_record import HereRecord


T = TypeVar("T", bound="Difference")


@_attrs_define
class Difference:
    """
    Attributes:
        aeat (AeatRecord | None): What the AEAT holds, if anything.
        here (HereRecord | None): Cartera's record, if any.
        issue_date (datetime.date):
        kind (DifferenceKind):
        number (str):
    """

    aeat: AeatRecord | None
    here: HereRecord | None
    issue_date: datetime.date
    kind: DifferenceKind
    number: str

    def to_dict(self) -> dict[str, Any]:
        from ..models.aeat_record import AeatRecord  # noqa: PLC0415
        from ..models.here_record import HereRecord  # noqa: PLC0415

        aeat: dict[str, Any] | None
        if isinstance(self.aeat, AeatRecord):
            aeat = self.aeat.to_dict()
        else:
            aeat = self.aeat

        here: dict[str, Any] | None
        if isinstance(self.here, HereRecord):
            here = self.here.to_dict()
        else:
            here = self.here

        issue_date = self.issue_date.isoformat()

        kind = self.kind.value

        number = self.number

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "aeat": aeat,
                "here": here,
                "issue_date": issue_date,
                "kind": kind,
                "number": number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.aeat_record import AeatRecord  # noqa: PLC0415
        from ..models.here_record import HereRecord  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_aeat(data: object) -> AeatRecord | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                aeat_type_0 = AeatRecord.from_dict(data)

                return aeat_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AeatRecord | None, data)

        aeat = _parse_aeat(d.pop("aeat"))

        def _parse_here(data: object) -> HereRecord | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                here_type_0 = HereRecord.from_dict(data)

                return here_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HereRecord | None, data)

        here = _parse_here(d.pop("here"))

        issue_date = datetime.date.fromisoformat(d.pop("issue_date"))

        kind = DifferenceKind(d.pop("kind"))

        number = d.pop("number")

        difference = cls(
            aeat=aeat,
            here=here,
            issue_date=issue_date,
            kind=kind,
            number=number,
        )

        return difference
