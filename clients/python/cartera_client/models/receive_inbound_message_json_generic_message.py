from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.receive_inbound_message_json_generic_message_channel import (
    ReceiveInboundMessageJsonGenericMessageChannel,
)
from ..models.receive_inbound_message_json_generic_message_create_type_0 import (
    ReceiveInboundMessageJsonGenericMessageCreateType0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReceiveInboundMessageJsonGenericMessage")


@_attrs_define
class ReceiveInboundMessageJsonGenericMessage:
    """What a provider adapter (or the provider itself) posts for one received message.

    Not an `Input`: a received message is kept as it came, control characters and all, since
    refusing it would lose what a client wrote; it never goes into an invoice's XML.

        Attributes:
            from_ (str):
            message_id (str):
            text (str):
            channel (ReceiveInboundMessageJsonGenericMessageChannel | Unset):  Default:
                ReceiveInboundMessageJsonGenericMessageChannel.EMAIL.
            create (None | ReceiveInboundMessageJsonGenericMessageCreateType0 | Unset): Default: a request for web_form, an
                interaction otherwise.
            received_at (datetime.datetime | None | Unset):
            subject (None | str | Unset):
            to (None | str | Unset):
    """

    from_: str
    message_id: str
    text: str
    channel: ReceiveInboundMessageJsonGenericMessageChannel | Unset = (
        ReceiveInboundMessageJsonGenericMessageChannel.EMAIL
    )
    create: None | ReceiveInboundMessageJsonGenericMessageCreateType0 | Unset = UNSET
    received_at: datetime.datetime | None | Unset = UNSET
    subject: None | str | Unset = UNSET
    to: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_

        message_id = self.message_id

        text = self.text

        channel: str | Unset = UNSET
        if not isinstance(self.channel, Unset):
            channel = self.channel.value

        create: None | str | Unset
        if isinstance(self.create, Unset):
            create = UNSET
        elif isinstance(self.create, ReceiveInboundMessageJsonGenericMessageCreateType0):
            create = self.create.value
        else:
            create = self.create

        received_at: None | str | Unset
        if isinstance(self.received_at, Unset):
            received_at = UNSET
        elif isinstance(self.received_at, datetime.datetime):
            received_at = self.received_at.isoformat()
        else:
            received_at = self.received_at

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        to: None | str | Unset
        if isinstance(self.to, Unset):
            to = UNSET
        else:
            to = self.to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "message_id": message_id,
                "text": text,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel
        if create is not UNSET:
            field_dict["create"] = create
        if received_at is not UNSET:
            field_dict["received_at"] = received_at
        if subject is not UNSET:
            field_dict["subject"] = subject
        if to is not UNSET:
            field_dict["to"] = to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = d.pop("from")

        message_id = d.pop("message_id")

        text = d.pop("text")

        _channel = d.pop("channel", UNSET)
        channel: ReceiveInboundMessageJsonGenericMessageChannel | Unset
        if isinstance(_channel, Unset):
            channel = UNSET
        else:
            channel = ReceiveInboundMessageJsonGenericMessageChannel(_channel)

        def _parse_create(
            data: object,
        ) -> None | ReceiveInboundMessageJsonGenericMessageCreateType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                create_type_0 = ReceiveInboundMessageJsonGenericMessageCreateType0(data)

                return create_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReceiveInboundMessageJsonGenericMessageCreateType0 | Unset, data)

        create = _parse_create(d.pop("create", UNSET))

        def _parse_received_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                received_at_type_0 = datetime.datetime.fromisoformat(data)

                return received_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        received_at = _parse_received_at(d.pop("received_at", UNSET))

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to = _parse_to(d.pop("to", UNSET))

        receive_inbound_message_json_generic_message = cls(
            from_=from_,
            message_id=message_id,
            text=text,
            channel=channel,
            create=create,
            received_at=received_at,
            subject=subject,
            to=to,
        )

        return receive_inbound_message_json_generic_message
