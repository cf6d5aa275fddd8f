from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.series_create_kind import SeriesCreateKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="SeriesCreate")


@_attrs_define
class SeriesCreate:
    """
    Attributes:
        code (str): e.g. F, R, T2026
        description (None | str | Unset):
        kind (SeriesCreateKind | Unset):  Default: SeriesCreateKind.ORDINARY.
        prefix (str | Unset):  Default: ''.
        yearly_restart (bool | Unset):  Default: True.
    """

    code: str
    description: None | str | Unset = UNSET
    kind: SeriesCreateKind | Unset = SeriesCreateKind.ORDINARY
    prefix: str | Unset = ""
    yearly_restart: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        prefix = self.prefix

        yearly_restart = self.yearly_restart

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if kind is not UNSET:
            field_dict["kind"] = kind
        if prefix is not UNSET:
            field_dict["prefix"] = prefix
        if yearly_restart is not UNSET:
            field_dict["yearly_restart"] = yearly_restart

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _kind = d.pop("kind", UNSET)
        kind: SeriesCreateKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = SeriesCreateKind(_kind)

        prefix = d.pop("prefix", UNSET)

        yearly_restart = d.pop("yearly_restart", UNSET)

        series_create = cls(
            code=code,
            description=description,
            kind=kind,
            prefix=prefix,
            yearly_restart=yearly_restart,
        )

        return series_create
