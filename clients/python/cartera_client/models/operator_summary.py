from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="OperatorSummary")


@_attrs_define
class OperatorSummary:
    """The SaaS operator's certificate, for `operator` mode.

    Attributes:
        available (bool):
        name (None | str):
        nif (None | str): The NIF to declare as representative for operator mode.
        not_after (datetime.datetime | None):
    """

    available: bool
    name: None | str
    nif: None | str
    not_after: datetime.datetime | None

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        name: None | str
        name = self.name

        nif: None | str
        nif = self.nif

        not_after: None | str
        if isinstance(self.not_after, datetime.datetime):
            not_after = self.not_after.isoformat()
        else:
            not_after = self.not_after

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "available": available,
                "name": name,
                "nif": nif,
                "not_after": not_after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        available = d.pop("available")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_nif(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nif = _parse_nif(d.pop("nif"))

        def _parse_not_after(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                not_after_type_0 = datetime.datetime.fromisoformat(data)

                return not_after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        not_after = _parse_not_after(d.pop("not_after"))

        operator_summary = cls(
            available=available,
            name=name,
            nif=nif,
            not_after=not_after,
        )

        return operator_summary
