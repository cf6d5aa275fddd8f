from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.timeline_details_category_type_0 import TimelineDetailsCategoryType0
from ..models.timeline_details_direction_type_0 import TimelineDetailsDirectionType0
from ..models.timeline_details_kind_type_0 import TimelineDetailsKindType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.timeline_due_date import TimelineDueDate
    from ..models.timeline_rectified import TimelineRectified


T = TypeVar("T", bound="TimelineDetails")


@_attrs_define
class TimelineDetails:
    """The facts of an entry. Each kind carries its own members and no other (a member the kind
    does not use is absent, not null):

    - `interaction`: channel, direction, outcome, follow_up_on, contact_name, handled_by;
    - `request_opened`: priority, channel, sla_due_at;
    - `request_resolved`, `request_closed`, `request_reopened`: priority, note, sla_breached;
    - `survey_answered`: kind, score, comment, request_id, and category (NPS only);
    - `invoice_issued`: number, issue_date, total, currency, due_dates; `invoice_rectified`
      also rectifies;
    - `invoice_cancelled`: number, issue_date, total, currency, reason, cancelled_at;
    - `payment_recorded`: amount, currency, paid_on, method, invoice_id, invoice_number;
      `payment_reversed` also reason;
    - `receivable_overdue`: invoice_id, invoice_number, instalment, due_on, overdue_since,
      outstanding, currency;
    - `dunning_sent`: invoice_id, invoice_number, level, tone, to, outstanding, days_late.

        Attributes:
            amount (None | str | Unset):
            cancelled_at (datetime.datetime | None | Unset):
            category (None | TimelineDetailsCategoryType0 | Unset): NPS only.
            channel (None | str | Unset):
            comment (None | str | Unset):
            contact_name (None | str | Unset):
            currency (None | str | Unset):
            days_late (int | None | Unset):
            direction (None | TimelineDetailsDirectionType0 | Unset):
            due_dates (list[TimelineDueDate] | None | Unset):
            due_on (datetime.date | None | Unset):
            follow_up_on (datetime.date | None | Unset):
            handled_by (None | str | Unset):
            instalment (int | None | Unset):
            invoice_id (None | str | Unset): The invoice's id (a UUID).
            invoice_number (None | str | Unset):
            issue_date (datetime.date | None | Unset):
            kind (None | TimelineDetailsKindType0 | Unset): The survey's kind.
            level (int | None | Unset): The dunning level.
            method (None | str | Unset):
            note (None | str | Unset):
            number (None | str | Unset): The invoice's number.
            outcome (None | str | Unset):
            outstanding (None | str | Unset):
            overdue_since (datetime.date | None | Unset):
            paid_on (datetime.date | None | Unset):
            priority (None | str | Unset):
            reason (None | str | Unset): Why a payment was reversed or an invoice cancelled.
            rectifies (None | TimelineRectified | Unset):
            request_id (None | str | Unset): The request surveyed (a UUID).
            score (int | None | Unset):
            sla_breached (bool | None | Unset):
            sla_due_at (datetime.datetime | None | Unset):
            to (None | str | Unset): Where the notice was sent.
            tone (None | str | Unset):
            total (None | str | Unset):
    """

    amount: None | str | Unset = UNSET
    cancelled_at: datetime.datetime | None | Unset = UNSET
    category: None | TimelineDetailsCategoryType0 | Unset = UNSET
    channel: None | str | Unset = UNSET
    comment: None | str | Unset = UNSET
    contact_name: None | str | Unset = UNSET
    currency: None | str | Unset = UNSET
    days_late: int | None | Unset = UNSET
    direction: None | TimelineDetailsDirectionType0 | Unset = UNSET
    due_dates: list[TimelineDueDate] | None | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET
    follow_up_on: datetime.date | None | Unset = UNSET
    handled_by: None | str | Unset = UNSET
    instalment: int | None | Unset = UNSET
    invoice_id: None | str | Unset = UNSET
    invoice_number: None | str | Unset = UNSET
    issue_date: datetime.date | None | Unset = UNSET
    kind: None | TimelineDetailsKindType0 | Unset = UNSET
    level: int | None | Unset = UNSET
    method: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    number: None | str | Unset = UNSET
    outcome: None | str | Unset = UNSET
    outstanding: None | str | Unset = UNSET
    overdue_since: datetime.date | None | Unset = UNSET
    paid_on: datetime.date | None | Unset = UNSET
    priority: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    rectifies: None | TimelineRectified | Unset = UNSET
    request_id: None | str | Unset = UNSET
    score: int | None | Unset = UNSET
    sla_breached: bool | None | Unset = UNSET
    sla_due_at: datetime.datetime | None | Unset = UNSET
    to: None | str | Unset = UNSET
    tone: None | str | Unset = UNSET
    total: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.timeline_rectified import TimelineRectified  # noqa: PLC0415

        amount: None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        cancelled_at: None | str | Unset
        if isinstance(self.cancelled_at, Unset):
            cancelled_at = UNSET
        elif isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, TimelineDetailsCategoryType0):
            category = self.category.value
        else:
            category = self.category

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        contact_name: None | str | Unset
        if isinstance(self.contact_name, Unset):
            contact_name = UNSET
        else:
            contact_name = self.contact_name

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        days_late: int | None | Unset
        if isinstance(self.days_late, Unset):
            days_late = UNSET
        else:
            days_late = self.days_late

        direction: None | str | Unset
        if isinstance(self.direction, Unset):
            direction = UNSET
        elif isinstance(self.direction, TimelineDetailsDirectionType0):
            direction = self.direction.value
        else:
            direction = self.direction

        due_dates: list[dict[str, Any]] | None | Unset
        if isinstance(self.due_dates, Unset):
            due_dates = UNSET
        elif isinstance(self.due_dates, list):
            due_dates = []
            for due_dates_type_0_item_data in self.due_dates:
                due_dates_type_0_item = due_dates_type_0_item_data.to_dict()
                due_dates.append(due_dates_type_0_item)

        else:
            due_dates = self.due_dates

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        follow_up_on: None | str | Unset
        if isinstance(self.follow_up_on, Unset):
            follow_up_on = UNSET
        elif isinstance(self.follow_up_on, datetime.date):
            follow_up_on = self.follow_up_on.isoformat()
        else:
            follow_up_on = self.follow_up_on

        handled_by: None | str | Unset
        if isinstance(self.handled_by, Unset):
            handled_by = UNSET
        else:
            handled_by = self.handled_by

        instalment: int | None | Unset
        if isinstance(self.instalment, Unset):
            instalment = UNSET
        else:
            instalment = self.instalment

        invoice_id: None | str | Unset
        if isinstance(self.invoice_id, Unset):
            invoice_id = UNSET
        else:
            invoice_id = self.invoice_id

        invoice_number: None | str | Unset
        if isinstance(self.invoice_number, Unset):
            invoice_number = UNSET
        else:
            invoice_number = self.invoice_number

        issue_date: None | str | Unset
        if isinstance(self.issue_date, Unset):
            issue_date = UNSET
        elif isinstance(self.issue_date, datetime.date):
            issue_date = self.issue_date.isoformat()
        else:
            issue_date = self.issue_date

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, TimelineDetailsKindType0):
            kind = self.kind.value
        else:
            kind = self.kind

        level: int | None | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        method: None | str | Unset
        if isinstance(self.method, Unset):
            method = UNSET
        else:
            method = self.method

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        else:
            outcome = self.outcome

        outstanding: None | str | Unset
        if isinstance(self.outstanding, Unset):
            outstanding = UNSET
        else:
            outstanding = self.outstanding

        overdue_since: None | str | Unset
        if isinstance(self.overdue_since, Unset):
            overdue_since = UNSET
        elif isinstance(self.overdue_since, datetime.date):
            overdue_since = self.overdue_since.isoformat()
        else:
            overdue_since = self.overdue_since

        paid_on: None | str | Unset
        if isinstance(self.paid_on, Unset):
            paid_on = UNSET
        elif isinstance(self.paid_on, datetime.date):
            paid_on = self.paid_on.isoformat()
        else:
            paid_on = self.paid_on

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        rectifies: dict[str, Any] | None | Unset
        if isinstance(self.rectifies, Unset):
            rectifies = UNSET
        elif isinstance(self.rectifies, TimelineRectified):
            rectifies = self.rectifies.to_dict()
        else:
            rectifies = self.rectifies

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        score: int | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        sla_breached: bool | None | Unset
        if isinstance(self.sla_breached, Unset):
            sla_breached = UNSET
        else:
            sla_breached = self.sla_breached

        sla_due_at: None | str | Unset
        if isinstance(self.sla_due_at, Unset):
            sla_due_at = UNSET
        elif isinstance(self.sla_due_at, datetime.datetime):
            sla_due_at = self.sla_due_at.isoformat()
        else:
            sla_due_at = self.sla_due_at

        to: None | str | Unset
        if isinstance(self.to, Unset):
            to = UNSET
        else:
            to = self.to

        tone: None | str | Unset
        if isinstance(self.tone, Unset):
            tone = UNSET
        else:
            tone = self.tone

        total: None | str | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if cancelled_at is not UNSET:
            field_dict["cancelled_at"] = cancelled_at
        if category is not UNSET:
            field_dict["category"] = category
        if channel is not UNSET:
            field_dict["channel"] = channel
        if comment is not UNSET:
            field_dict["comment"] = comment
        if contact_name is not UNSET:
            field_dict["contact_name"] = contact_name
        if currency is not UNSET:
            field_dict["currency"] = currency
        if days_late is not UNSET:
            field_dict["days_late"] = days_late
        if direction is not UNSET:
            field_dict["direction"] = direction
        if due_dates is not UNSET:
            field_dict["due_dates"] = due_dates
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if follow_up_on is not UNSET:
            field_dict["follow_up_on"] = follow_up_on
        if handled_by is not UNSET:
            field_dict["handled_by"] = handled_by
        if instalment is not UNSET:
            field_dict["instalment"] = instalment
        if invoice_id is not UNSET:
            field_dict["invoice_id"] = invoice_id
        if invoice_number is not UNSET:
            field_dict["invoice_number"] = invoice_number
        if issue_date is not UNSET:
            field_dict["issue_date"] = issue_date
        if kind is not UNSET:
            field_dict["kind"] = kind
        if level is not UNSET:
            field_dict["level"] = level
        if method is not UNSET:
            field_dict["method"] = method
        if note is not UNSET:
            field_dict["note"] = note
        if number is not UNSET:
            field_dict["number"] = number
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if outstanding is not UNSET:
            field_dict["outstanding"] = outstanding
        if overdue_since is not UNSET:
            field_dict["overdue_since"] = overdue_since
        if paid_on is not UNSET:
            field_dict["paid_on"] = paid_on
        if priority is not UNSET:
            field_dict["priority"] = priority
        if reason is not UNSET:
            field_dict["reason"] = reason
        if rectifies is not UNSET:
            field_dict["rectifies"] = rectifies
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if score is not UNSET:
            field_dict["score"] = score
        if sla_breached is not UNSET:
            field_dict["sla_breached"] = sla_breached
        if sla_due_at is not UNSET:
            field_dict["sla_due_at"] = sla_due_at
        if to is not UNSET:
            field_dict["to"] = to
        if tone is not UNSET:
            field_dict["tone"] = tone
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.timeline_due_date import TimelineDueDate  # noqa: PLC0415
        from ..models.timeline_rectified import TimelineRectified  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at", UNSET))

        def _parse_category(data: object) -> None | TimelineDetailsCategoryType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = TimelineDetailsCategoryType0(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TimelineDetailsCategoryType0 | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_contact_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_name = _parse_contact_name(d.pop("contact_name", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_days_late(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days_late = _parse_days_late(d.pop("days_late", UNSET))

        def _parse_direction(data: object) -> None | TimelineDetailsDirectionType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_0 = TimelineDetailsDirectionType0(data)

                return direction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TimelineDetailsDirectionType0 | Unset, data)

        direction = _parse_direction(d.pop("direction", UNSET))

        def _parse_due_dates(data: object) -> list[TimelineDueDate] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                due_dates_type_0 = []
                _due_dates_type_0 = data
                for due_dates_type_0_item_data in _due_dates_type_0:
                    due_dates_type_0_item = TimelineDueDate.from_dict(due_dates_type_0_item_data)

                    due_dates_type_0.append(due_dates_type_0_item)

                return due_dates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TimelineDueDate] | None | Unset, data)

        due_dates = _parse_due_dates(d.pop("due_dates", UNSET))

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        def _parse_follow_up_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                follow_up_on_type_0 = datetime.date.fromisoformat(data)

                return follow_up_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        follow_up_on = _parse_follow_up_on(d.pop("follow_up_on", UNSET))

        def _parse_handled_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handled_by = _parse_handled_by(d.pop("handled_by", UNSET))

        def _parse_instalment(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        instalment = _parse_instalment(d.pop("instalment", UNSET))

        def _parse_invoice_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice_id = _parse_invoice_id(d.pop("invoice_id", UNSET))

        def _parse_invoice_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice_number = _parse_invoice_number(d.pop("invoice_number", UNSET))

        def _parse_issue_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issue_date_type_0 = datetime.date.fromisoformat(data)

                return issue_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        issue_date = _parse_issue_date(d.pop("issue_date", UNSET))

        def _parse_kind(data: object) -> None | TimelineDetailsKindType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = TimelineDetailsKindType0(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TimelineDetailsKindType0 | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_level(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        def _parse_method(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        method = _parse_method(d.pop("method", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        def _parse_outcome(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))

        def _parse_outstanding(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        outstanding = _parse_outstanding(d.pop("outstanding", UNSET))

        def _parse_overdue_since(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                overdue_since_type_0 = datetime.date.fromisoformat(data)

                return overdue_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        overdue_since = _parse_overdue_since(d.pop("overdue_since", UNSET))

        def _parse_paid_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_on_type_0 = datetime.date.fromisoformat(data)

                return paid_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        paid_on = _parse_paid_on(d.pop("paid_on", UNSET))

        def _parse_priority(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_rectifies(data: object) -> None | TimelineRectified | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rectifies_type_0 = TimelineRectified.from_dict(data)

                return rectifies_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TimelineRectified | Unset, data)

        rectifies = _parse_rectifies(d.pop("rectifies", UNSET))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        def _parse_score(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        def _parse_sla_breached(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sla_breached = _parse_sla_breached(d.pop("sla_breached", UNSET))

        def _parse_sla_due_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sla_due_at_type_0 = datetime.datetime.fromisoformat(data)

                return sla_due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        sla_due_at = _parse_sla_due_at(d.pop("sla_due_at", UNSET))

        def _parse_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to = _parse_to(d.pop("to", UNSET))

        def _parse_tone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tone = _parse_tone(d.pop("tone", UNSET))

        def _parse_total(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        timeline_details = cls(
            amount=amount,
            cancelled_at=cancelled_at,
            category=category,
            channel=channel,
            comment=comment,
            contact_name=contact_name,
            currency=currency,
            days_late=days_late,
            direction=direction,
            due_dates=due_dates,
            due_on=due_on,
            follow_up_on=follow_up_on,
            handled_by=handled_by,
            instalment=instalment,
            invoice_id=invoice_id,
            invoice_number=invoice_number,
            issue_date=issue_date,
            kind=kind,
            level=level,
            method=method,
            note=note,
            number=number,
            outcome=outcome,
            outstanding=outstanding,
            overdue_since=overdue_since,
            paid_on=paid_on,
            priority=priority,
            reason=reason,
            rectifies=rectifies,
            request_id=request_id,
            score=score,
            sla_breached=sla_breached,
            sla_due_at=sla_due_at,
            to=to,
            tone=tone,
            total=total,
        )

        return timeline_details
