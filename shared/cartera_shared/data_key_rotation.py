"""What every `rotate_data_key` command does to the rows it reads: a value already under the
current data key is left alone, another is opened (with the current or the previous key) and
written again under the current one, and one that neither key opens is named and left as it is.

Each service decides how it walks its rows (the gateway in batches, invoicing a tenant at a time
behind row-level security); the per-row rule and the report are the same everywhere.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Column, Table, update
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_shared.data_keys import DataKeyError, DataKeys


@dataclass
class Rotation:
    reencrypted: int = 0
    current: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (row id, why)

    def report(self, what: str, row_kind: str, key_id: str) -> int:
        """Print the outcome; the command's exit code (1 while some value cannot be opened)."""
        print(
            f"{what}: {self.reencrypted} re-encrypted under key {key_id}, "
            f"{self.current} already under it, {len(self.unreadable)} unreadable"
        )
        for row_id, reason in self.unreadable:
            print(f"  {row_kind} {row_id}: {reason}", file=sys.stderr)
        return 1 if self.unreadable else 0


async def reencrypt(
    session: AsyncSession,
    keys: DataKeys,
    table: Table,
    value: Column[str],
    rows: Iterable[tuple[uuid.UUID, str]],
    outcome: Rotation,
) -> None:
    """Rewrite `value` of each (id, stored value) row under the current key, in the caller's
    transaction (which should hold the rows locked). Values are bound to their row's id."""
    for row_id, stored in rows:
        try:
            if keys.is_current(stored):
                outcome.current += 1
                continue
            plain = keys.decrypt(stored, bound_to=str(row_id))
        except DataKeyError as exc:
            outcome.unreadable.append((str(row_id), str(exc)))
            continue
        await session.execute(
            update(table)
            .where(table.c.id == row_id)
            .values({value.name: keys.encrypt(plain, bound_to=str(row_id))})
        )
        outcome.reencrypted += 1
