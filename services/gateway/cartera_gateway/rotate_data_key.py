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
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_gateway.models import webhook_subscriptions
from cartera_gateway.settings import GatewaySettings
from cartera_shared.data_keys import DataKeyError, DataKeys
from cartera_shared.db import create_engine, session_factory

BATCH = 200


@dataclass
class Rotation:
    reencrypted: int = 0
    current: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)


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
            rows = (await session.execute(query)).all()
            for subscription_id, stored in rows:
                try:
                    if keys.is_current(stored):
                        outcome.current += 1
                        continue
                    secret = keys.decrypt(stored, bound_to=str(subscription_id))
                except DataKeyError as exc:
                    outcome.unreadable.append((str(subscription_id), str(exc)))
                    continue
                await session.execute(
                    update(webhook_subscriptions)
                    .where(webhook_subscriptions.c.id == subscription_id)
                    .values(secret_encrypted=keys.encrypt(secret, bound_to=str(subscription_id)))
                )
                outcome.reencrypted += 1
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
    print(
        f"webhook secrets: {outcome.reencrypted} re-encrypted under key {keys.current_id}, "
        f"{outcome.current} already under it, {len(outcome.unreadable)} unreadable"
    )
    for subscription_id, reason in outcome.unreadable:
        print(f"  subscription {subscription_id}: {reason}", file=sys.stderr)
    return 1 if outcome.unreadable else 0


def main() -> None:
    sys.exit(asyncio.run(_main()))


if __name__ == "__main__":
    main()
