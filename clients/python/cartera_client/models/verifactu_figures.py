from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.verifactu_figures_sending_blocked_type_0 import VerifactuFiguresSendingBlockedType0

T = TypeVar("T", bound="VerifactuFigures")


@_attrs_define
class VerifactuFigures:
    """
    Attributes:
        rejected (int | None): Rejected records still to correct.
        sending_blocked (None | VerifactuFiguresSendingBlockedType0): Why the waiting records cannot be sent now: the
            business turned submission off, or there is no valid certificate to send them with. Null when they can be (or
            nothing waits, or the figures are unavailable).
        waiting (int | None): Records not yet answered by the AEAT.
    """

    rejected: int | None
    sending_blocked: None | VerifactuFiguresSendingBlockedType0
    waiting: int | None

    def to_dict(self) -> dict[str, Any]:
        rejected: int | None
        rejected = self.rejected

        sending_blocked: None | str
        if isinstance(self.sending_blocked, VerifactuFiguresSendingBlockedType0):
            sending_blocked = self.sending_blocked.value
        else:
            sending_blocked = self.sending_blocked

        waiting: int | None
        waiting = self.waiting

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rejected": rejected,
                "sending_blocked": sending_blocked,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_rejected(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rejected = _parse_rejected(d.pop("rejected"))

        def _parse_sending_blocked(data: object) -> None | VerifactuFiguresSendingBlockedType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sending_blocked_type_0 = VerifactuFiguresSendingBlockedType0(data)

                return sending_blocked_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | VerifactuFiguresSendingBlockedType0, data)

        sending_blocked = _parse_sending_blocked(d.pop("sending_blocked"))

        def _parse_waiting(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        waiting = _parse_waiting(d.pop("waiting"))

        verifactu_figures = cls(
            rejected=rejected,
            sending_blocked=sending_blocked,
            waiting=waiting,
        )

        return verifactu_figures
