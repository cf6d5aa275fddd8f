from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RecordSummary")


@_attrs_define
class RecordSummary:
    """How many of the tenant's records need a look: what the accountant's desk shows.

    Attributes:
        accepted_with_errors (int): Each invoice's last record accepted with errors (worth a look, not a fix).
        rejected (int): Rejected records still to correct (each invoice's last record only).
        waiting (int): Records pending or sent and not yet answered by the AEAT.
    """

    accepted_with_errors: int
    rejected: int
    waiting: int

    def to_dict(self) -> dict[str, Any]:
        accepted_with_errors = self.accepted_with_errors

        rejected = self.rejected

        waiting = self.waiting

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted_with_errors": accepted_with_errors,
                "rejected": rejected,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accepted_with_errors = d.pop("accepted_with_errors")

        rejected = d.pop("rejected")

        waiting = d.pop("waiting")

        record_summary = cls(
            accepted_with_errors=accepted_with_errors,
            rejected=rejected,
            waiting=waiting,
        )

        return record_summary
