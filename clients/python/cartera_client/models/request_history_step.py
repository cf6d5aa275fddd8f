from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.request_history_step_from_type_0 import RequestHistoryStepFromType0
from ..models.request_history_step_to import RequestHistoryStepTo

T = TypeVar("T", bound="RequestHistoryStep")


@_attrs_define
class RequestHistoryStep:
    """One change of a request's status.

    Attributes:
        at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        by (str):
        from_ (None | RequestHistoryStepFromType0): None for the opening.
        note (None | str):
        to (RequestHistoryStepTo):
    """

    at: datetime.datetime
    by: str
    from_: None | RequestHistoryStepFromType0
    note: None | str
    to: RequestHistoryStepTo

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        by = self.by

        from_: None | str
        if isinstance(self.from_, RequestHistoryStepFromType0):
            from_ = self.from_.value
        else:
            from_ = self.from_

        note: None | str
        note = self.note

        to = self.to.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "at": at,
                "by": by,
                "from": from_,
                "note": note,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        by = d.pop("by")

        def _parse_from_(data: object) -> None | RequestHistoryStepFromType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_type_0 = RequestHistoryStepFromType0(data)

                return from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestHistoryStepFromType0, data)

        from_ = _parse_from_(d.pop("from"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        to = RequestHistoryStepTo(d.pop("to"))

        request_history_step = cls(
            at=at,
            by=by,
            from_=from_,
            note=note,
            to=to,
        )

        return request_history_step
