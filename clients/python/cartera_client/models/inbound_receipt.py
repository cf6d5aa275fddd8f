from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.inbound_receipt_kind import InboundReceiptKind
from ..models.inbound_receipt_status import InboundReceiptStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="InboundReceipt")


@_attrs_define
class InboundReceipt:
    """What a received message became: logged for its client, or waiting in triage.

    Attributes:
        id (UUID): The interaction, request or triage item.
        kind (InboundReceiptKind):
        status (InboundReceiptStatus):
        client_id (None | Unset | UUID): Only when logged: the client the sender matched.
    """

    id: UUID
    kind: InboundReceiptKind
    status: InboundReceiptStatus
    client_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        status = self.status.value

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        elif isinstance(self.client_id, UUID):
            client_id = str(self.client_id)
        else:
            client_id = self.client_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "status": status,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = InboundReceiptKind(d.pop("kind"))

        status = InboundReceiptStatus(d.pop("status"))

        def _parse_client_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                client_id_type_0 = UUID(data)

                return client_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        inbound_receipt = cls(
            id=id,
            kind=kind,
            status=status,
            client_id=client_id,
        )

        return inbound_receipt
