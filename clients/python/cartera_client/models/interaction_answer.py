from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.interaction_answer_channel import InteractionAnswerChannel
from ..models.interaction_answer_direction import InteractionAnswerDirection
from ..models.interaction_answer_outcome import InteractionAnswerOutcome
from ..models.interaction_answer_source import InteractionAnswerSource

T = TypeVar("T", bound="InteractionAnswer")


@_attrs_define
class InteractionAnswer:
    """One contact with a client, as recorded.

    Attributes:
        channel (InteractionAnswerChannel):
        client_id (UUID):
        contact_name (None | str): Who, client side
        created_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        direction (InteractionAnswerDirection):
        document_ids (list[UUID]):
        follow_up_on (datetime.date | None): When to follow up (outcome follow_up)
        handled_by (None | str): Who, on our side
        id (UUID):
        invoice_ids (list[UUID]):
        occurred_at (datetime.datetime): An instant: RFC 3339 in UTC with `Z` and six fractional digits.
        outcome (InteractionAnswerOutcome):
        recorded_by (str): Subject of the caller who logged it.
        request_id (None | UUID):
        source (InteractionAnswerSource): manual: logged through the API; inbound: from a received message.
        summary (str):
    """

    channel: InteractionAnswerChannel
    client_id: UUID
    contact_name: None | str
    created_at: datetime.datetime
    direction: InteractionAnswerDirection
    document_ids: list[UUID]
    follow_up_on: datetime.date | None
    handled_by: None | str
    id: UUID
    invoice_ids: list[UUID]
    occurred_at: datetime.datetime
    outcome: InteractionAnswerOutcome
    recorded_by: str
    request_id: None | UUID
    source: InteractionAnswerSource
    summary: str

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        client_id = str(self.client_id)

        contact_name: None | str
        contact_name = self.contact_name

        created_at = self.created_at.isoformat()

        direction = self.direction.value

        document_ids = []
        for document_ids_item_data in self.document_ids:
            document_ids_item = str(document_ids_item_data)
            document_ids.append(document_ids_item)

        follow_up_on: None | str
        if isinstance(self.follow_up_on, datetime.date):
            follow_up_on = self.follow_up_on.isoformat()
        else:
            follow_up_on = self.follow_up_on

        handled_by: None | str
        handled_by = self.handled_by

        id = str(self.id)

        invoice_ids = []
        for invoice_ids_item_data in self.invoice_ids:
            invoice_ids_item = str(invoice_ids_item_data)
            invoice_ids.append(invoice_ids_item)

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

        recorded_by = self.recorded_by

        request_id: None | str
        if isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        source = self.source.value

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "client_id": client_id,
                "contact_name": contact_name,
                "created_at": created_at,
                "direction": direction,
                "document_ids": document_ids,
                "follow_up_on": follow_up_on,
                "handled_by": handled_by,
                "id": id,
                "invoice_ids": invoice_ids,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "recorded_by": recorded_by,
                "request_id": request_id,
                "source": source,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = InteractionAnswerChannel(d.pop("channel"))

        client_id = UUID(d.pop("client_id"))

        def _parse_contact_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_name = _parse_contact_name(d.pop("contact_name"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        direction = InteractionAnswerDirection(d.pop("direction"))

        document_ids = []
        _document_ids = d.pop("document_ids")
        for document_ids_item_data in _document_ids:
            document_ids_item = UUID(document_ids_item_data)

            document_ids.append(document_ids_item)

        def _parse_follow_up_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                follow_up_on_type_0 = datetime.date.fromisoformat(data)

                return follow_up_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        follow_up_on = _parse_follow_up_on(d.pop("follow_up_on"))

        def _parse_handled_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        handled_by = _parse_handled_by(d.pop("handled_by"))

        id = UUID(d.pop("id"))

        invoice_ids = []
        _invoice_ids = d.pop("invoice_ids")
        for invoice_ids_item_data in _invoice_ids:
            invoice_ids_item = UUID(invoice_ids_item_data)

            invoice_ids.append(invoice_ids_item)

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = InteractionAnswerOutcome(d.pop("outcome"))

        recorded_by = d.pop("recorded_by")

        def _parse_request_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        request_id = _parse_request_id(d.pop("request_id"))

        source = InteractionAnswerSource(d.pop("source"))

        summary = d.pop("summary")

        interaction_answer = cls(
            channel=channel,
            client_id=client_id,
            contact_name=contact_name,
            created_at=created_at,
            direction=direction,
            document_ids=document_ids,
            follow_up_on=follow_up_on,
            handled_by=handled_by,
            id=id,
            invoice_ids=invoice_ids,
            occurred_at=occurred_at,
            outcome=outcome,
            recorded_by=recorded_by,
            request_id=request_id,
            source=source,
            summary=summary,
        )

        return interaction_answer
