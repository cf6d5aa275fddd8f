from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.interaction_in_channel import InteractionInChannel
from ..models.interaction_in_direction import InteractionInDirection
from ..models.interaction_in_outcome import InteractionInOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="InteractionIn")


@_attrs_define
class InteractionIn:
    """
    Attributes:
        channel (InteractionInChannel):
        client_id (UUID):
        direction (InteractionInDirection):
        occurred_at (datetime.datetime):
        outcome (InteractionInOutcome):
        summary (str):
        contact_name (None | str | Unset): Who, client side
        document_ids (list[UUID] | Unset):
        follow_up_on (datetime.date | None | Unset): Required with follow_up
        handled_by (None | str | Unset): Who, on our side
        invoice_ids (list[UUID] | Unset):
        request_id (None | Unset | UUID):
    """

    channel: InteractionInChannel
    client_id: UUID
    direction: InteractionInDirection
    occurred_at: datetime.datetime
    outcome: InteractionInOutcome
    summary: str
    contact_name: None | str | Unset = UNSET
    document_ids: list[UUID] | Unset = UNSET
    follow_up_on: datetime.date | None | Unset = UNSET
    handled_by: None | str | Unset = UNSET
    invoice_ids: list[UUID] | Unset = UNSET
    request_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        client_id = str(self.client_id)

        direction = self.direction.value

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

        summary = self.summary

        contact_name: None | str | Unset
        if isinstance(self.contact_name, Unset):
            contact_name = UNSET
        else:
            contact_name = self.contact_name

        document_ids: list[str] | Unset = UNSET
        if not isinstance(self.document_ids, Unset):
            document_ids = []
            for document_ids_item_data in self.document_ids:
                document_ids_item = str(document_ids_item_data)
                document_ids.append(document_ids_item)

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

        invoice_ids: list[str] | Unset = UNSET
        if not isinstance(self.invoice_ids, Unset):
            invoice_ids = []
            for invoice_ids_item_data in self.invoice_ids:
                invoice_ids_item = str(invoice_ids_item_data)
                invoice_ids.append(invoice_ids_item)

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        elif isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "client_id": client_id,
                "direction": direction,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "summary": summary,
            }
        )
        if contact_name is not UNSET:
            field_dict["contact_name"] = contact_name
        if document_ids is not UNSET:
            field_dict["document_ids"] = document_ids
        if follow_up_on is not UNSET:
            field_dict["follow_up_on"] = follow_up_on
        if handled_by is not UNSET:
            field_dict["handled_by"] = handled_by
        if invoice_ids is not UNSET:
            field_dict["invoice_ids"] = invoice_ids
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = InteractionInChannel(d.pop("channel"))

        client_id = UUID(d.pop("client_id"))

        direction = InteractionInDirection(d.pop("direction"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = InteractionInOutcome(d.pop("outcome"))

        summary = d.pop("summary")

        def _parse_contact_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_name = _parse_contact_name(d.pop("contact_name", UNSET))

        _document_ids = d.pop("document_ids", UNSET)
        document_ids: list[UUID] | Unset = UNSET
        if _document_ids is not UNSET:
            document_ids = []
            for document_ids_item_data in _document_ids:
                document_ids_item = UUID(document_ids_item_data)

                document_ids.append(document_ids_item)

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

        _invoice_ids = d.pop("invoice_ids", UNSET)
        invoice_ids: list[UUID] | Unset = UNSET
        if _invoice_ids is not UNSET:
            invoice_ids = []
            for invoice_ids_item_data in _invoice_ids:
                invoice_ids_item = UUID(invoice_ids_item_data)

                invoice_ids.append(invoice_ids_item)

        def _parse_request_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        interaction_in = cls(
            channel=channel,
            client_id=client_id,
            direction=direction,
            occurred_at=occurred_at,
            outcome=outcome,
            summary=summary,
            contact_name=contact_name,
            document_ids=document_ids,
            follow_up_on=follow_up_on,
            handled_by=handled_by,
            invoice_ids=invoice_ids,
            request_id=request_id,
        )

        return interaction_in
