"""The typed dependencies every route uses instead of reaching into `request.app.state`.

- `Runtime`: the service's live parts (`ServiceRuntime`).
- `TenantSession`: one database transaction scoped to the caller's tenant (row-level security),
  committed when the route function returns and before the answer is sent, rolled back when it
  raises. A commit that fails therefore becomes an error answer, never a 2xx for a lost write.
- `part(Type)`: one of the objects the service declared to `create_service_app(parts=...)`.
- `settings_of(Type)`: the service's settings, as its own settings class.

A route that needs more than one transaction (work, then a call to another service, then more
work) keeps using `tenant_transaction` on `Runtime.sessions`: the dependency is the one-step case.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_shared.db import tenant_transaction
from cartera_shared.identity import Identity, current_identity

if TYPE_CHECKING:
    from cartera_shared.app_factory import ServiceRuntime
    from cartera_shared.settings import ServiceSettings

T = TypeVar("T")
SettingsT = TypeVar("SettingsT", bound="ServiceSettings")


def runtime_of(request: Request) -> ServiceRuntime:
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


# The dependencies below are coroutines although they never wait: FastAPI runs a plain function
# dependency in its thread pool, a hand-off to another thread and back on every request for what
# is an attribute lookup (`tests/test_route_scopes.py` keeps every app's routes free of them).
async def _runtime(request: Request) -> ServiceRuntime:
    return runtime_of(request)


Runtime = Annotated["ServiceRuntime", Depends(_runtime)]


async def tenant_session(
    request: Request, identity: Annotated[Identity, Depends(current_identity)]
) -> AsyncIterator[AsyncSession]:
    async with tenant_transaction(runtime_of(request).sessions, identity.tenant_id) as session:
        yield session


# scope="function": the transaction ends when the route function does, before the answer is sent.
TenantSession = Annotated[AsyncSession, Depends(tenant_session, scope="function")]


def part(kind: type[T]) -> Any:
    """`directory: Annotated[ClientsDirectory, part(ClientsDirectory)]`."""

    async def lookup(request: Request) -> T:
        return runtime_of(request).part(kind)

    lookup.__name__ = f"part_{kind.__name__}"
    return Depends(lookup)


def settings_of(kind: type[SettingsT]) -> Any:
    """`settings: Annotated[InvoicingSettings, settings_of(InvoicingSettings)]`."""

    async def lookup(request: Request) -> SettingsT:
        settings = runtime_of(request).settings
        if not isinstance(settings, kind):
            raise LookupError(f"the service runs with {type(settings).__name__}, not {kind}")
        return settings

    lookup.__name__ = f"settings_{kind.__name__}"
    return Depends(lookup)
