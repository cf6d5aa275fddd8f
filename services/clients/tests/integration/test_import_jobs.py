"""Import jobs whose process died: reported as failed once their heartbeat stops, not "running"
for ever; a job that still beats stays running."""

import asyncio
import datetime as dt
import functools
import uuid

import pytest
from sqlalchemy import insert, select, update

from cartera_clients import transfer
from cartera_clients.models import import_jobs
from cartera_shared.db import set_tenant
from cartera_shared.testing import internal_headers

# What the gateway sends for Ana, who works with clients.
as_tenant = functools.partial(
    internal_headers, service="clients", scopes=("clients:*",), subject="user:ana"
)


async def running_job(owner, tenant, *, beat_ago: dt.timedelta, dry_run: bool = False):
    job_id = uuid.uuid4()
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        await conn.execute(
            insert(import_jobs).values(
                id=job_id,
                tenant_id=tenant,
                status="running",
                dry_run=dry_run,
                total_rows=1000,
                processed_rows=250,
                created_count=250,
                created_by="user:ana",
                report=[{"line": 2, "status": "created"}],
                heartbeat_at=dt.datetime.now(dt.UTC) - beat_ago,
            )
        )
    return job_id


@pytest.mark.parametrize("dry_run", [False, True])
async def test_a_job_whose_heartbeat_stopped_reads_as_failed(api, owner, dry_run):
    tenant = uuid.uuid4()
    job_id = await running_job(owner, tenant, beat_ago=dt.timedelta(minutes=2), dry_run=dry_run)
    answer = await api.get(f"/v1/clients/imports/{job_id}", headers=as_tenant(tenant))
    assert answer.status_code == 200, answer.text
    job = answer.json()
    assert job["status"] == "failed"
    assert job["error"].startswith("interrupted: the process running it stopped")
    assert ("nothing was written" in job["error"]) is dry_run
    assert job["finished_at"] is not None
    # What it did until then is still there, and the change is kept.
    assert (job["processed_rows"], job["created_count"], len(job["report"])) == (250, 250, 1)
    again = (await api.get(f"/v1/clients/imports/{job_id}", headers=as_tenant(tenant))).json()
    assert (again["status"], again["finished_at"]) == ("failed", job["finished_at"])


async def test_a_job_that_beats_stays_running(api, owner):
    tenant = uuid.uuid4()
    job_id = await running_job(owner, tenant, beat_ago=dt.timedelta(seconds=10))
    answer = await api.get(f"/v1/clients/imports/{job_id}", headers=as_tenant(tenant))
    assert answer.json()["status"] == "running"
    assert answer.json()["error"] is None


async def test_the_heartbeat_is_written_while_the_job_runs(app, owner):
    tenant = uuid.uuid4()
    job_id = await running_job(owner, tenant, beat_ago=dt.timedelta(minutes=5))

    async def heartbeat() -> dt.datetime:
        async with owner.begin() as conn:
            await set_tenant(conn, tenant)
            return await conn.scalar(
                select(import_jobs.c.heartbeat_at).where(import_jobs.c.id == job_id)
            )

    before = await heartbeat()
    beating = asyncio.create_task(
        transfer.beat(app.state.runtime.sessions, job_id, tenant, every=0.05)
    )
    await asyncio.sleep(0.5)
    beating.cancel()
    assert dt.datetime.now(dt.UTC) - await heartbeat() < dt.timedelta(seconds=5)
    assert await heartbeat() > before
    # Stopped: no more beats.
    last = await heartbeat()
    await asyncio.sleep(0.2)
    assert await heartbeat() == last


async def test_a_finished_job_is_never_touched(api, owner):
    tenant = uuid.uuid4()
    job_id = await running_job(owner, tenant, beat_ago=dt.timedelta(minutes=2))
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        await conn.execute(
            update(import_jobs).where(import_jobs.c.id == job_id).values(status="done")
        )
    answer = await api.get(f"/v1/clients/imports/{job_id}", headers=as_tenant(tenant))
    assert (answer.json()["status"], answer.json()["error"]) == ("done", None)
