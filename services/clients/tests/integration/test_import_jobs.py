"""Import jobs: a job whose process died is reported as failed once its heartbeat stops, not
"running" for ever, and a job that still beats stays running; a tenant runs at most two at once;
a file is streamed to disk and read row by row, never held whole in memory; what goes wrong is
said in fixed words, never in the csv module's or the database's."""

import asyncio
import collections
import datetime as dt
import functools
import os
import tracemalloc
import uuid

import pytest
from sqlalchemy import func, insert, select, update

from cartera_clients.models import client_versions, clients, import_jobs, outbox
from cartera_clients.transfer import layout, service
from cartera_shared.db import set_tenant
from cartera_shared.testing import internal_headers, random_cif

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
                # The shape the job writes: a created row names its client.
                report=[{"line": 2, "status": "created", "client_id": str(uuid.uuid4())}],
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
        service.beat(app.state.runtime.sessions, job_id, tenant, every=0.05)
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


# ------------------------------------------------------------------ starting imports

HEADER = "legal_name;kind;tax_id;country;notes\n"


async def start_import(api, tenant, content, *, dry_run=True, filename="clientes.csv"):
    return await api.post(
        "/v1/clients/imports",
        headers=as_tenant(tenant),
        files={"file": (filename, content, "text/csv")},
        data={"dry_run": "true" if dry_run else "false"},
    )


async def finished(api, tenant, answer, timeout=120.0):
    assert answer.status_code == 202, answer.text
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        job = (await api.get(answer.headers["location"], headers=as_tenant(tenant))).json()
        if job["status"] != "running":
            return job
        assert asyncio.get_running_loop().time() < deadline, job
        await asyncio.sleep(0.1)


async def test_a_third_import_is_refused_while_two_run(api, owner):
    busy, other = uuid.uuid4(), uuid.uuid4()
    running = [await running_job(owner, busy, beat_ago=dt.timedelta(seconds=s)) for s in (1, 2)]
    content = (HEADER + "Bar Pepe S.L.;company;B12345674;ES;\n").encode()

    refused = await start_import(api, busy, content)
    assert refused.status_code == 429, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["retry-after"] == str(service.RETRY_AFTER_SECONDS)
    problem = refused.json()
    assert "at most 2 run at once" in problem["detail"]
    assert sorted(problem["running_imports"]) == sorted(
        f"/v1/clients/imports/{job_id}" for job_id in running
    )
    assert problem["retry_after"] == service.RETRY_AFTER_SECONDS

    # Another tenant is not held up by this one's imports.
    accepted = await start_import(api, other, content)
    assert (await finished(api, other, accepted))["status"] == "done"

    # Once one of the two finishes, the tenant may import again.
    async with owner.begin() as conn:
        await set_tenant(conn, busy)
        await conn.execute(
            update(import_jobs).where(import_jobs.c.id == running[0]).values(status="done")
        )
    again = await start_import(api, busy, content)
    assert (await finished(api, busy, again))["status"] == "done"


async def test_a_job_whose_process_died_holds_no_place(api, owner):
    tenant = uuid.uuid4()
    await running_job(owner, tenant, beat_ago=dt.timedelta(seconds=1))
    await running_job(owner, tenant, beat_ago=dt.timedelta(minutes=5))
    content = (HEADER + "Bar Pepe S.L.;company;B12345674;ES;\n").encode()
    answer = await start_import(api, tenant, content)
    assert (await finished(api, tenant, answer))["status"] == "done"


async def test_a_refused_import_reads_no_file_and_writes_no_job(api, owner):
    tenant = uuid.uuid4()
    for _ in range(2):
        await running_job(owner, tenant, beat_ago=dt.timedelta(seconds=1))
    # Not even a valid CSV: the limit is checked before a byte of the body is read.
    answer = await start_import(api, tenant, b"\xff\xfe not a csv")
    assert answer.status_code == 429
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        jobs = await conn.scalar(
            select(func.count()).select_from(import_jobs).where(import_jobs.c.tenant_id == tenant)
        )
    assert jobs == 2


async def test_a_multi_megabyte_file_is_never_held_in_memory(app, api, tmp_path):
    """The file is streamed to disk and read a chunk of rows at a time: the peak of the memory
    Python allocated while the import was received, checked and run stays a small part of it."""
    tenant = uuid.uuid4()
    path = tmp_path / "big.csv"
    rows = 3900  # 18.7 MiB, close to the 20 MiB limit
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(rows):
            # Seven digits are no NIF: each row is reported at once, without a client written.
            out.write(f"Cliente {n:05d} S.L.;company;00{n:05d};ES;{'nota ' * 1000}\n")
    size = path.stat().st_size
    assert 18 * 2**20 < size < layout.MAX_IMPORT_BYTES

    tracemalloc.start()
    try:
        with path.open("rb") as upload:
            answer = await api.post(
                "/v1/clients/imports",
                headers=as_tenant(tenant),
                files={"file": ("big.csv", upload, "text/csv")},
                data={"dry_run": "true"},
            )
        assert answer.status_code == 202, answer.text
        # Awaited rather than followed: reading the growing report would measure the reads.
        imports = app.state.runtime.part(service.ImportTasks)
        await asyncio.wait_for(asyncio.gather(*imports.running), timeout=170)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    job = await finished(api, tenant, answer)
    assert job["status"] == "done", job["error"]
    assert (job["total_rows"], job["error_count"]) == (rows, rows)
    print(f"\nimport of {size / 2**20:.1f} MiB: Python's peak {peak / 2**20:.1f} MiB")
    # Holding the file once would be `size` (the code before this held it three times over).
    assert peak < size / 4, f"peak {peak / 2**20:.1f} MiB for a file of {size / 2**20:.1f} MiB"


async def test_a_file_over_the_limit_is_refused_while_it_streams(api):
    tenant = uuid.uuid4()
    line = b"Bar Pepe S.L.;company;B12345674;ES;" + b"x" * 4000 + b"\n"

    sent = 0

    async def body():
        # Chunked, without Content-Length: only counting the bytes can stop it.
        nonlocal sent
        yield (
            b'--cut\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
            b"Content-Type: text/csv\r\n\r\n" + HEADER.encode()
        )
        while sent < 2 * layout.MAX_IMPORT_BYTES:
            sent += len(line)
            yield line
        yield b"\r\n--cut--\r\n"

    answer = await api.post(
        "/v1/clients/imports",
        headers={**as_tenant(tenant), "Content-Type": "multipart/form-data; boundary=cut"},
        content=body(),
    )
    assert answer.status_code == 413, answer.text
    assert sent < layout.MAX_IMPORT_BYTES + 1024 * 1024


# ------------------------------------------------------------------ what a tenant is told

INSIDE_WORDS = ("select", "sql", "asyncpg", "dbapi", "0x00", "utf8", "expected after", "error:")


def says_nothing_of_the_inside(text: str) -> bool:
    return not any(word in text.lower() for word in INSIDE_WORDS)


async def test_a_nul_in_a_cell_is_that_row_s_error_not_the_database_s(api):
    tenant = uuid.uuid4()
    content = (
        HEADER
        + "Bar Pepe S.L.;company;B12345674;E\x00S;\n"
        + "Ferretería Sol S.L.;company;A58818501;ES;\n"
    ).encode()
    job = await finished(api, tenant, await start_import(api, tenant, content))
    assert job["status"] == "done", job
    assert job["error"] is None
    assert [(e["line"], e["status"]) for e in job["report"]] == [(2, "error"), (3, "created")]
    assert job["report"][0]["errors"] == ["country: the cell contains the control character U+0000"]
    assert says_nothing_of_the_inside(str(job))


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (HEADER + 'Bar "Pepe";company;B12345674;ES;\n"Sol"x;company;A58818501;ES;\n', "line 3"),
        (HEADER + '"Bar Pepe S.L.;company;B12345674;ES;\n', "quoted cell ends with a quote"),
        (HEADER + "Bar;company;B12345674;ES;" + "x" * 200_000 + "\n", "longer than"),
        (HEADER + ";" * 300_000 + "\n", "longer than 262144 characters"),
    ],
)
async def test_a_file_the_csv_reader_cannot_read_is_refused_in_plain_words(api, content, said):
    tenant = uuid.uuid4()
    answer = await start_import(api, tenant, content.encode())
    assert answer.status_code == 422, answer.text
    assert said in answer.json()["detail"]
    assert says_nothing_of_the_inside(answer.json()["detail"]), answer.text


async def test_a_job_stopped_by_an_unexpected_error_says_so_without_its_text(app, owner, caplog):
    tenant = uuid.uuid4()
    job_id = await running_job(owner, tenant, beat_ago=dt.timedelta(seconds=1))
    broken = open(os.devnull, "rb")  # noqa: SIM115
    broken.close()  # reading it raises ValueError("seek of closed file")
    await service.run_import(
        app.state.runtime.sessions,
        job_id=job_id,
        tenant_id=tenant,
        source=broken,
        total_rows=1000,
        dry_run=False,
        actor="user:ana",
    )
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        status, error = (
            await conn.execute(
                select(import_jobs.c.status, import_jobs.c.error).where(import_jobs.c.id == job_id)
            )
        ).one()
    assert status == "failed"
    assert error.startswith(f"stopped by an unexpected error (logged with import {job_id})")
    assert "importing the same file again is safe" in error
    assert "closed file" not in error
    assert "ValueError" not in error
    assert any(r.getMessage() == "import job failed" and r.exc_info for r in caplog.records)


async def test_an_import_running_at_shutdown_is_recorded_as_interrupted(app, owner, tmp_path):
    """The service closes its ImportTasks before it lets go of the database: the job that was
    cut short says so, instead of reading as running until its heartbeat goes stale."""
    tenant = uuid.uuid4()
    job_id = await running_job(owner, tenant, beat_ago=dt.timedelta(seconds=1))
    rows = 12_000  # a dry run of 48 chunks: still running when the service stops
    path = tmp_path / "many.csv"
    path.write_text(
        "legal_name,kind,tax_id\n"
        + "".join(f"Cliente {n} S.L.,company,{random_cif()}\n" for n in range(rows))
    )
    imports = service.ImportTasks()
    imports.start(
        service.run_import(
            app.state.runtime.sessions,
            job_id=job_id,
            tenant_id=tenant,
            source=path.open("rb"),
            total_rows=rows,
            dry_run=True,
            actor="user:ana",
        ),
        name="interrupted-import",
    )
    await asyncio.sleep(0.5)
    assert imports.running
    await imports.close()
    assert not imports.running
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        status, error, processed = (
            await conn.execute(
                select(
                    import_jobs.c.status, import_jobs.c.error, import_jobs.c.processed_rows
                ).where(import_jobs.c.id == job_id)
            )
        ).one()
    assert (status, error) == ("failed", "interrupted: the service stopped")
    assert processed < rows


def _chunk(rows: list[tuple[str, str]]) -> collections.deque[tuple[int, dict[str, str]]]:
    return collections.deque(
        (line, {"legal_name": name, "kind": "company", "tax_id": tax_id})
        for line, (name, tax_id) in enumerate(rows, start=2)
    )


async def test_a_chunk_of_new_clients_is_created_together_with_a_version_and_event_each(app, owner):
    tenant = uuid.uuid4()
    known = random_cif()
    async with owner.begin() as conn:  # an active client the file updates
        await set_tenant(conn, tenant)
        await conn.execute(insert(clients).values(**_planted(tenant, known, "Antes S.L.")))
    rows = [(f"Cliente {n} S.L.", random_cif()) for n in range(40)]
    rows[7] = ("Después S.L.", known)
    rows[20] = ("", random_cif())  # no legal name: that row's error, not the chunk's
    async with app.state.runtime.sessions() as session, session.begin():
        await set_tenant(session, tenant)
        report = await service._apply_chunk(session, tenant, _chunk(rows), {}, "user:ana")
    assert [entry["line"] for entry in report] == list(range(2, 42))  # the file's order
    statuses = [entry["status"] for entry in report]
    assert statuses.count("created") == 38
    assert (statuses[7], statuses[20]) == ("updated", "error")
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        names = set(
            (await conn.execute(select(clients.c.legal_name).where(clients.c.tenant_id == tenant)))
            .scalars()
            .all()
        )
        versions = await conn.scalar(
            select(func.count())
            .select_from(client_versions)
            .where(client_versions.c.tenant_id == tenant)
        )
        events = (
            await conn.execute(
                select(outbox.c.type, outbox.c.key).where(outbox.c.tenant_id == tenant)
            )
        ).all()
    assert len(names) == 39
    assert "Después S.L." in names
    assert "Antes S.L." not in names
    assert versions == 38 + 1  # one per new client, and the planted one's second
    created = {str(key) for kind, key in events if kind == "client.created"}
    assert created == {e["client_id"] for e in report if e["status"] == "created"}


async def test_a_client_created_meanwhile_sends_the_chunk_row_by_row(app, owner):
    """Another transaction creates, and has not yet committed, an active client with a tax id
    of the chunk: the chunk's look-up cannot see it, its batch insert waits on the unique
    index and then fails, and every row goes again one by one: the one that collided updates
    that client, the others are created, none is lost or doubled."""
    tenant = uuid.uuid4()
    rows = [(f"Cliente {n} S.L.", random_cif()) for n in range(12)]
    async with owner.connect() as rival:
        transaction = await rival.begin()
        await set_tenant(rival, tenant)
        await rival.execute(insert(clients).values(**_planted(tenant, rows[5][1], "Rival S.L.")))

        async def apply():
            async with app.state.runtime.sessions() as session, session.begin():
                await set_tenant(session, tenant)
                return await service._apply_chunk(session, tenant, _chunk(rows), {}, "user:ana")

        applying = asyncio.create_task(apply())
        await asyncio.sleep(1.0)
        assert not applying.done()  # waiting on the rival's uncommitted row
        await transaction.commit()
        report = await asyncio.wait_for(applying, 30)
    statuses = [entry["status"] for entry in report]
    assert statuses.count("created") == 11, report
    assert statuses[5] == "updated", report
    async with owner.begin() as conn:
        await set_tenant(conn, tenant)
        count = await conn.scalar(
            select(func.count()).select_from(clients).where(clients.c.tenant_id == tenant)
        )
    assert count == 12


def _planted(tenant: uuid.UUID, tax_id: str, name: str) -> dict[str, object]:
    return {
        "id": uuid.uuid4(),
        "tenant_id": tenant,
        "version": 1,
        "legal_name": name,
        "kind": "company",
        "tax_id": tax_id,
        "country": "ES",
    }
