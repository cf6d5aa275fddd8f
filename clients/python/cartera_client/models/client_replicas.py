from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.client_replicas_replicas import ClientReplicasReplicas


T = TypeVar("T", bound="ClientReplicas")


@_attrs_define
class ClientReplicas:
    """
    Attributes:
        client_id (UUID):
        replicas (ClientReplicasReplicas): By service: invoicing, collections, crm, analytics.
        version (int): The client's version at the clients service (its ETag).
    """

    client_id: UUID
    replicas: ClientReplicasReplicas
    version: int

    def to_dict(self) -> dict[str, Any]:
        client_id = str(self.client_id)

        replicas = self.replicas.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_id": client_id,
                "replicas": replicas,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.client_replicas_replicas import ClientReplicasReplicas  # noqa: PLC0415

        d = dict(src_dict)
        client_id = UUID(d.pop("client_id"))

        replicas = ClientReplicasReplicas.from_dict(d.pop("replicas"))

        version = d.pop("version")

        client_replicas = cls(
            client_id=client_id,
            replicas=replicas,
            version=version,
        )

        return client_replicas
