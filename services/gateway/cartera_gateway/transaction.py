"""The gateway's one-transaction dependency, its counterpart of `cartera_shared.edge.TenantSession`.

The gateway's tables are not split by tenant with row-level security (it looks credentials up
before any tenant is known, and the operator creates tenants), and its callers carry an API key
or a session rather than the internal identity token `TenantSession` reads; its routes filter
by the caller's tenant themselves. Like `TenantSession`, the transaction is committed when the
route function returns and before the answer is sent, and rolled back when it raises.

A route whose failure must still be written (a wrong password counted before the 401) or that
acts after the commit (a cache forgotten once the change is visible) opens its own transaction
on `Runtime.sessions` instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_shared.edge import runtime_of


async def gateway_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with runtime_of(request).sessions() as session, session.begin():
        yield session


Transaction = Annotated[AsyncSession, Depends(gateway_session, scope="function")]
