from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="DuplicateCandidate")


@_attrs_define
class DuplicateCandidate:
    """
    Attributes:
        id (UUID):
        legal_name (str):
        similarity_fraction (str): How alike the names are: a fraction of 1 (trigram similarity; not a percentage),
            decimal as a string, four decimals.
        status (str):
        tax_id (str):
    """

    id: UUID
    legal_name: str
    similarity_fraction: str
    status: str
    tax_id: str

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        legal_name = self.legal_name

        similarity_fraction = self.similarity_fraction

        status = self.status

        tax_id = self.tax_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "legal_name": legal_name,
                "similarity_fraction": similarity_fraction,
                "status": status,
                "tax_id": tax_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        legal_name = d.pop("legal_name")

        similarity_fraction = d.pop("similarity_fraction")

        status = d.pop("status")

        tax_id = d.pop("tax_id")

        duplicate_candidate = cls(
            id=id,
            legal_name=legal_name,
            similarity_fraction=similarity_fraction,
            status=status,
            tax_id=tax_id,
        )

        return duplicate_candidate
