"""Contract of `tenant.created`: the gateway made a tenant (internal: never sent to webhooks)."""

from __future__ import annotations

from pydantic import ConfigDict

from cartera_shared.events.base import Id, Tolerant

TENANT_EVENT_VERSION = 1


class TenantCreated(Tolerant):
    """`tenant.created`: the envelope's subject and `tenant_id` are the new tenant's id."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"id": "3f2e1d0c-9b8a-4766-8544-332211009988", "name": "Asesoría Norte"}]
        }
    )

    id: Id
    name: str


__all__ = ["TENANT_EVENT_VERSION", "TenantCreated"]
