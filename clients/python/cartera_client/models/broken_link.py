from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="BrokenLink")


@_attrs_define
class BrokenLink:
    """
    Attributes:
        detail (None | str):
        index (int | None): The record's index in the chain, from 0.
        number (None | str): The invoice number of that record.
        problem (None | str):
    """

    detail: None | str
    index: int | None
    number: None | str
    problem: None | str

    def to_dict(self) -> dict[str, Any]:
        detail: None | str
        detail = self.detail

        index: int | None
        index = self.index

        number: None | str
        number = self.number

        problem: None | str
        problem = self.problem

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "detail": detail,
                "index": index,
                "number": number,
                "problem": problem,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        detail = _parse_detail(d.pop("detail"))

        def _parse_index(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        index = _parse_index(d.pop("index"))

        def _parse_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        number = _parse_number(d.pop("number"))

        def _parse_problem(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        problem = _parse_problem(d.pop("problem"))

        broken_link = cls(
            detail=detail,
            index=index,
            number=number,
            problem=problem,
        )

        return broken_link
