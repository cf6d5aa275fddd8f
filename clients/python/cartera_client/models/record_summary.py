from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.record_summary_sending_blocked_type_0 import RecordSummarySendingBlockedType0

T = TypeVar("T", bound="RecordSummary")


@_attrs_define
class RecordSummary:
    """How many of the tenant's records need a look: what the accountant's desk shows.

    Attributes:
        accepted_with_errors (int): Each invoice's last record accepted with errors (worth a look, not a fix).
        rejected (int): Rejected records still to correct (each invoice's last record only).
        sending_blocked (None | RecordSummarySendingBlockedType0): Why the waiting records cannot be sent now:
            `submission_off` (the tenant's VERI*FACTU mode is off) or `no_valid_certificate` (none uploaded for an issuer
            whose records wait, or it expired). Null when nothing waits or everything waiting can go: those records only
            wait for their turn or for the AEAT.
        waiting (int): Records pending or sent and not yet answered by the AEAT.
    """

    accepted_with_errors: int
    rejected: int
    sending_blocked: None | RecordSummarySendingBlockedType0
    waiting: int

    def to_dict(self) -> dict[str, Any]:
        accepted_with_errors = self.accepted_with_errors

        rejected = self.rejected

        sending_blocked: None | str
        if isinstance(self.sending_blocked, RecordSummarySendingBlockedType0):
            sending_blocked = self.sending_blocked.value
        else:
            sending_blocked = self.sending_blocked

        waiting = self.waiting

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accepted_with_errors": accepted_with_errors,
                "rejected": rejected,
                "sending_blocked": sending_blocked,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accepted_with_errors = d.pop("accepted_with_errors")

        rejected = d.pop("rejected")

        def _parse_sending_blocked(data: object) -> None | RecordSummarySendingBlockedType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sending_blocked_type_0 = RecordSummarySendingBlockedType0(data)

                return sending_blocked_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordSummarySendingBlockedType0, data)

        sending_blocked = _parse_sending_blocked(d.pop("sending_blocked"))

        waiting = d.pop("waiting")

        record_summary = cls(
            accepted_with_errors=accepted_with_errors,
            rejected=rejected,
            sending_blocked=sending_blocked,
            waiting=waiting,
        )

        return record_summary
