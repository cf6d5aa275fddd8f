"""The restore drill, on the running stack: business data through the gateway, a backup
(deploy/ops/backup.sh: Kafka offsets, then one pg_dump per schema), more business after it, the
database wiped, the backup restored (deploy/ops/restore.sh: pg_restore, consumer groups rewound
to the saved offsets) and the services started again, replaying the topics since the dump.

What comes back, and what cannot (docs/operations.md, "Backups and restore"):
- everything up to the dump, in every service, consistent across them;
- after the dump, whatever a service derives from events: receivables of the invoices issued
  after the dump, analytics of every invoice, client replicas;
- not a service's own writes after the dump (the invoices invoicing issued, the payments
  collections recorded): the events about them are in Kafka, but their owner does not consume
  its own events. The drill lists them exactly; point-in-time recovery brings them back.

A second drill loses only the analytics schema (a read model): restored from the same older
dump and replayed, it equals the live figures again, to the cent.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
import urllib.parse
from decimal import Decimal
from pathlib import Path

import asyncpg
import pytest

from .flow import eventually, figures, issue, new_client, open_books, pay, receivable

ROOT = Path(__file__).resolve().parents[2]
STACK = ROOT / "deploy" / "local" / "stack.py"
SCHEMAS = ("clients", "invoicing", "collections", "crm", "analytics", "gateway")


def libpq(url: str) -> str:
    return url.replace("+asyncpg", "")


def run(
    *command: str, env: dict[str, str], stdin: str | None = None, cwd: str | None = None
) -> str:
    done = subprocess.run(
        command, env=env, input=stdin, cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def services(command: str) -> None:
    run(sys.executable, str(STACK), command, "--profile", "test", env=dict(os.environ))


async def start_services(stack_script) -> None:  # type: ignore[no-untyped-def]
    """Start the services as the documented restore does (scale the deployments up): no
    migrations first, the restored schemas being what the code expects."""
    await asyncio.to_thread(stack_script.start, "test", 240.0)


# Made for each run: the role stays in the cluster, so its password must not be one in the code.
BACKUP_PASSWORD = secrets.token_hex(24)


@pytest.fixture(scope="module")
def backup_url(owner_url: str) -> str:
    """The backup role (deploy/ops/backup-role.sql), created as the cluster's superuser over the
    Unix socket, as deploy/local/postgres.sh administers its cluster. Against a server of one's
    own, create the role there and give its URL in BACKUP_DATABASE_TEST_URL."""
    if os.environ.get("BACKUP_DATABASE_TEST_URL"):
        return os.environ["BACKUP_DATABASE_TEST_URL"]
    # The cluster the tests' database lives on (its superuser is reached over the Unix socket).
    port = str(urllib.parse.urlsplit(owner_url).port or 5432)
    if not Path(f"/var/run/postgresql/.s.PGSQL.{port}").exists():
        # The drill is the proof that backups restore: without a role to run it, it fails.
        pytest.fail(
            "no local cluster to create the backup role on (deploy/local/postgres.sh makes one):"
            " run deploy/ops/backup-role.sql as a superuser and set BACKUP_DATABASE_TEST_URL"
        )
    database = owner_url.rsplit("/", 1)[1]
    # The script goes in on standard input: `postgres` may not enter the checkout (a clone under
    # /root, mode 0700), so it must never be handed a path inside it. The working directory is
    # one `postgres` can enter, for the same reason.
    run(
        "runuser", "-u", "postgres", "--",
        "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "/var/run/postgresql", "-p", port,
        "-d", database, "-v", f"backup_password={BACKUP_PASSWORD}",
        env=dict(os.environ),
        stdin=(ROOT / "deploy/ops/backup-role.sql").read_text(),
        cwd="/",
    )  # fmt: skip
    rest = owner_url.split("@", 1)[1]
    return f"postgresql://cartera_backup:{BACKUP_PASSWORD}@{rest}"


async def wipe(owner_url: str, schemas: tuple[str, ...]) -> None:
    conn = await asyncpg.connect(libpq(owner_url))
    try:
        for schema in schemas:
            await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        await conn.close()


async def until_whole(tenant, invoices: int, receivables: int) -> dict:
    """Wait until analytics holds every invoice and collections every receivable."""
    seen: dict = {}

    async def there() -> bool:
        seen.update(await figures(tenant))
        return seen["analytics"]["invoices"] == invoices and len(seen["receivables"]) == receivables

    try:
        await eventually(there, timeout=90, interval=0.5)
    except AssertionError as exc:
        raise AssertionError(f"not whole: {seen}") from exc
    return seen


async def test_dump_wipe_restore_and_replay_make_the_figures_whole(
    stack, stack_script, tenant, owner_url, backup_url, kafka_bootstrap, tmp_path
):
    env = {
        **os.environ,
        "BACKUP_DATABASE_URL": backup_url,
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
    }
    await open_books(tenant)
    first = await new_client(tenant, "Carpintería Antes S.L.")
    second = await new_client(tenant, "Fontanería Antes S.L.")
    before = [
        await issue(tenant, first["id"], "100.00"),
        await issue(tenant, second["id"], "250.00"),
        await issue(tenant, first["id"], "80.00"),
    ]
    for invoice in before:
        await receivable(tenant, invoice["id"])
    await pay(tenant, before[0]["id"], before[0]["totals"]["total"])
    await pay(tenant, before[1]["id"], "50.00")
    at_dump = await until_whole(tenant, invoices=3, receivables=3)

    backup = tmp_path / "backup"
    run(str(ROOT / "deploy/ops/backup.sh"), str(backup), env=env)
    assert {p.name for p in backup.iterdir()} == {
        *(f"{s}.dump" for s in SCHEMAS),
        "kafka-offsets.json",
        "SHA256SUMS",
        "MANIFEST",
    }

    # Business goes on after the dump.
    after = [
        await issue(tenant, second["id"], "40.00"),
        await issue(tenant, first["id"], "60.00"),
    ]
    for invoice in after:
        await receivable(tenant, invoice["id"])
    await pay(tenant, after[0]["id"], "10.00")
    live = await until_whole(tenant, invoices=5, receivables=5)

    # --- Drill 1: a read model lost. Analytics alone from the older dump, then replay.
    services("down")
    await wipe(owner_url, ("analytics",))
    run(str(ROOT / "deploy/ops/restore.sh"), "--yes", str(backup), "analytics", env=env)
    await start_services(stack_script)
    replayed = await until_whole(tenant, invoices=5, receivables=5)
    assert replayed == live

    # --- Drill 2: the whole database lost. Every schema from the dump, then replay.
    services("down")
    await wipe(owner_url, SCHEMAS)
    out = run(str(ROOT / "deploy/ops/restore.sh"), "--yes", str(backup), env=env)
    assert "collections.receivables: replays" in out
    await start_services(stack_script)
    restored = await until_whole(tenant, invoices=5, receivables=5)

    # Derived from events, whole: analytics equals the live figures; receivables exist for
    # every invoice issued, before and after the dump, for the same amounts.
    assert restored["analytics"] == live["analytics"]
    assert restored["receivables"] == live["receivables"]
    assert restored["receivable"] == live["receivable"] == live["invoiced"]
    # Up to the dump, whole in every service: invoicing and collections agree to the cent.
    assert restored["invoices"] == at_dump["invoices"]
    assert restored["invoiced"] == at_dump["invoiced"]
    assert restored["paid"] == at_dump["paid"] == Decimal(before[0]["totals"]["total"]) + 50
    # Lost: the owners' own writes after the dump (the drill names them exactly).
    lost_invoices = set(live["invoices"]) - set(restored["invoices"])
    assert lost_invoices == {i["id"] for i in after}
    assert live["paid"] - restored["paid"] == Decimal("10.00")
    # Receivables of the lost invoices came back from their events: the reconciliation list.
    orphans = set(restored["receivables"]) - set(restored["invoices"])
    assert orphans == lost_invoices
