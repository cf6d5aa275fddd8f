from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Modelo347Quarters")


@_attrs_define
class Modelo347Quarters:
    """
    Attributes:
        q1 (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        q2 (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        q3 (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
        q4 (str): An amount: a decimal, as a string, with exactly two decimals (rounded half up).
    """

    q1: str
    q2: str
    q3: str
    q4: str

    def to_dict(self) -> dict[str, Any]:
        q1 = self.q1

        q2 = self.q2

        q3 = self.q3

        q4 = self.q4

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "Q1": q1,
                "Q2": q2,
                "Q3": q3,
                "Q4": q4,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        q1 = d.pop("Q1")

        q2 = d.pop("Q2")

        q3 = d.pop("Q3")

        q4 = d.pop("Q4")

        modelo_347_quarters = cls(
            q1=q1,
            q2=q2,
            q3=q3,
            q4=q4,
        )

        return modelo_347_quarters
