"""Re-encrypts every stored webhook secret under the current CARTERA_DATA_KEY.

    python -m cartera_gateway.rotate_data_key

Run with the gateway's environment after every replica has the new CARTERA_DATA_KEY and the
former one as CARTERA_DATA_KEY_PREVIOUS (docs/operations.md, "Rotating keys"). Secrets already
under the current key are left alone, so it can be run again at any time. A secret that neither
key opens is named (by subscription id and key id) and left as it is; the command then exits 1,
and CARTERA_DATA_KEY_PREVIOUS must stay until it is solved.
"""

from __future__ import annotations

import asyncio
import sys

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_gateway.models import webhook_subscriptions
from cartera_gateway.settings import GatewaySettings
from cartera_shared.data_key_rotation import Rotation, reencrypt
from cartera_shared.data_keys import DataKeys
from cartera_shared.db import create_engine, session_factory

BATCH = 200


async def rotate(sessions: async_sessionmaker[AsyncSession], keys: DataKeys) -> Rotation:
    """Every secret not under the current key, re-encrypted, a batch per transaction."""
    outcome = Rotation()
    after = None
    while True:
        async with sessions() as session, session.begin():
            query = (
                select(webhook_subscriptions.c.id, webhook_subscriptions.c.secret_encrypted)
                .order_by(webhook_subscriptions.c.id)
                .limit(BATCH)
                .with_for_update()
            )
            if after is not None:
                query = query.where(webhook_subscriptions.c.id > after)
            rows = (await session.execute(query)).tuples().all()
            column = webhook_subscriptions.c.secret_encrypted
            await reencrypt(session, keys, webhook_subscriptions, column, rows, outcome)
        if len(rows) < BATCH:
            return outcome
        after = rows[-1][0]


async def _main() -> int:
    settings = GatewaySettings()
    keys = settings.data_keys()
    engine = create_engine(settings.effective_app_url, pool_size=1, application_name="rotate")
    try:
        outcome = await rotate(session_factory(engine), keys)
    finally:
        await engine.dispose()
    return outcome.report("webhook secrets", "subscription", keys.current_id)


def main() -> None:
    sys.exit(asyncio.run(_main()))


if __name__ == "__main__":
    main()
