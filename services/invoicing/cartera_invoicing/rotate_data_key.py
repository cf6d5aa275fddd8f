"""Re-encrypts every stored certificate key under the current CARTERA_DATA_KEY.

    python -m cartera_invoicing.rotate_data_key

Run with the invoicing service's environment after every replica has the new CARTERA_DATA_KEY and
the former one as CARTERA_DATA_KEY_PREVIOUS (docs/operations.md, "Rotating keys"). Keys already
under the current key are left alone, so it can be run again at any time. A key that neither
data key opens is named (by certificate id and key id) and left as it is; the command then exits
1, and CARTERA_DATA_KEY_PREVIOUS must stay until it is solved.

The certificates are behind row-level security and this runs as the service's own role: the
tenants are found in `certificate_directory` (ids only), and each tenant's keys are rewritten in
a transaction of that tenant, its rows locked.
"""

from __future__ import annotations

import asyncio
import sys
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_invoicing.models import certificate_directory, issuer_certificates
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.data_key_rotation import Rotation, reencrypt
from cartera_shared.data_keys import DataKeys
from cartera_shared.db import create_engine, session_factory, tenant_transaction


async def rotate(sessions: async_sessionmaker[AsyncSession], keys: DataKeys) -> Rotation:
    """Every stored key not under the current data key, re-encrypted, a tenant per transaction."""
    outcome = Rotation()
    async with sessions() as session, session.begin():
        tenants: list[uuid.UUID] = list(
            (
                await session.execute(
                    select(certificate_directory.c.tenant_id)
                    .distinct()
                    .order_by(certificate_directory.c.tenant_id)
                )
            ).scalars()
        )
    for tenant_id in tenants:
        async with tenant_transaction(sessions, tenant_id) as session:
            rows = (
                await session.execute(
                    select(issuer_certificates.c.id, issuer_certificates.c.private_key_encrypted)
                    .where(
                        issuer_certificates.c.tenant_id == tenant_id,
                        issuer_certificates.c.private_key_encrypted.is_not(None),
                    )
                    .order_by(issuer_certificates.c.id)
                    .with_for_update()
                )
            ).tuples()
            column = issuer_certificates.c.private_key_encrypted
            await reencrypt(session, keys, issuer_certificates, column, rows, outcome)
    return outcome


async def _main() -> int:
    settings = InvoicingSettings()
    keys = settings.data_keys()
    engine = create_engine(settings.effective_app_url, pool_size=1, application_name="rotate")
    try:
        outcome = await rotate(session_factory(engine), keys)
    finally:
        await engine.dispose()
    return outcome.report("certificate keys", "certificate", keys.current_id)


def main() -> None:
    sys.exit(asyncio.run(_main()))


if __name__ == "__main__":
    main()
