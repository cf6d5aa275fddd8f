"""Cartera's benchmark: start the system, load it through the gateway, write docs/benchmarks.md.

    make bench                       # or: .venv/bin/python bench/run.py [--repeats 3] [--quick]

It starts PostgreSQL and Kafka if needed, runs the six services on their own ports (29000+,
database `cartera_bench`, which it resets), and from this separate process measures, as medians
with min and max over `--repeats` runs:

- operations per second and p50 / p99 latency at 1, 8 and 32 concurrent callers for client
  creation, invoice issue (in one call with the callers spread over 16 tenants, as issue 20
  measures it; in one call by one tenant, one series; as draft + issue) and payment recording;
- invoices per second issued by POST /v1/invoices/batch, 1,000 in a call;
- CPU milliseconds per invoice by process (services, PostgreSQL, Kafka), consumers included;
- propagation from the issue answer to the receivable in collections and to the figure in
  analytics, one invoice at a time on an idle stack and for every invoice under the 32-caller
  load;
- the PostgreSQL ceiling on the same machine (pgbench TPS) and the ratio of invoices per second
  to it;
- each service's peak resident memory (VmHWM) after the load;
- analytics: portfolio query latency on 5,000 clients / 500,000 invoices and replay speed
  (services/analytics/bench/bench.py);
- VERI*FACTU: the records per second one issuer's worker sends to the AEAT conformance simulator
  over mutual TLS (bench/verifactu.py).

- late-payment risk: the AUC of the score, beside a baseline, backtested on the demo's history
  and on a generated one (bench/risk.py; needs no running system);
- the cash forecast: its error week by week ahead on the demo's history, beside the naive
  due-date forecast (bench/forecast.py; needs no running system).

`--part verifactu`, `--part risk` or `--part forecast` runs only that one and rewrites only its
section of the report.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from cartera_shared.db import create_engine
from cartera_shared.testing import numbered_cif

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
PORT_BASE = 29000
AEAT_CONTROL = f"http://127.0.0.1:{PORT_BASE + 191}"  # stack.py: the simulator's control API
sys.path.insert(0, str(ROOT / "deploy" / "local"))
import forecast  # noqa: E402 (bench/forecast.py, beside this file)
import local_secrets  # noqa: E402 (the local runner's random secrets, found through the line above)
import risk  # noqa: E402 (bench/risk.py, beside this file)
import verifactu  # noqa: E402 (bench/verifactu.py, beside this file)
from report_section import replace_section  # noqa: E402 (bench/report_section.py)

ADMIN = {"Authorization": f"Bearer {local_secrets.ensure()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
LEVELS = (1, 8, 32)
# Issue 20's measure: callers spread over this many tenants, each with its own series.
TENANTS = 16
# Invoices per call of POST /v1/invoices/batch (its most).
BATCH_SIZE = 1000


@dataclass
class Run:
    operations: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    # CPU milliseconds per operation, by process (invoices only): unlike operations per second,
    # hardly moved by other work on the machine.
    cpu_ms: dict[str, float] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.operations / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        return percentile(self.latencies_ms, p)


def env_for_stack() -> dict[str, str]:
    env = dict(os.environ)
    env["CARTERA_TEST_PORT_BASE"] = str(PORT_BASE)
    # The load must measure the system, not the rate limiter.
    env["CARTERA_GATEWAY_RATE_LIMIT_TENANT"] = "100000000/minute"
    env["CARTERA_GATEWAY_RATE_LIMIT_CREDENTIAL"] = "100000000/minute"
    env["CARTERA_LOG_LEVEL"] = "WARNING"
    # The background pollers at their defaults: the test profile has them look several times a
    # second so that tests wait less, which a production stack does not pay for.
    env["CARTERA_GATEWAY_WEBHOOK_POLL_SECONDS"] = "1.0"
    env["CARTERA_INVOICING_VERIFACTU_POLL_SECONDS"] = "5.0"
    return env


def infra_env() -> dict[str, str]:
    subprocess.run([str(ROOT / "deploy/local/infra.sh"), "up"], check=True, cwd=ROOT)
    out = subprocess.run(
        [str(ROOT / "deploy/local/infra.sh"), "env"],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    env = env_for_stack()
    for line in out.splitlines():
        if line.startswith("export "):
            name, _, value = line[len("export ") :].partition("=")
            env[name] = value.strip("'")
    # Its own database (deploy/local/postgres.sh creates it), never the tests' one.
    for name in [n for n in env if n.startswith(("DATABASE_TEST_URL", "DATABASE_APP_TEST_URL"))]:
        env[name] = env[name].rsplit("/", 1)[0] + "/cartera_bench"
    return env


def stack(command: str, env: dict[str, str]) -> None:
    subprocess.run(
        [PY, str(ROOT / "deploy/local/stack.py"), command, "--profile", "test"],
        check=True,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )


async def timed(concurrency: int, total: int, operation: Callable[[int], Awaitable[None]]) -> Run:
    """Run `total` operations with `concurrency` callers; latency per operation."""
    queue = list(range(total))
    run = Run(operations=0, seconds=0.0)

    async def caller() -> None:
        while queue:
            index = queue.pop()
            started = time.perf_counter()
            try:
                await operation(index)
            except Exception:
                run.errors += 1
                continue
            run.latencies_ms.append((time.perf_counter() - started) * 1000)
            run.operations += 1

    began = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(concurrency)))
    run.seconds = time.perf_counter() - began
    return run


def client_body(index: int) -> dict[str, Any]:
    return {
        "legal_name": f"Cliente de prueba {index} S.L.",
        "kind": "company",
        # Distinct within a tenant: random ones met now and then in a run of thousands (409).
        "tax_id": numbered_cif(index),
        "country": "ES",
        "fiscal_address": {
            "street": "Calle Mayor 1",
            "postal_code": "46001",
            "city": "Valencia",
            "country": "ES",
        },
        "payment_terms": {"days": 30},
        "valid_from": "2024-01-01",
    }


async def new_tenant(http: httpx.AsyncClient) -> dict[str, str]:
    answer = await http.post("/v1/admin/tenants", json={"name": "Bench"}, headers=ADMIN)
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['api_key']}"}


async def prepare_books(http: httpx.AsyncClient, key: dict[str, str], clients: int) -> list[str]:
    (
        await http.put(
            "/v1/issuer",
            json={
                "legal_name": "Bench S.L.",
                "tax_id": "B98765431",
                "fiscal_address": {
                    "street": "Avenida 1",
                    "postal_code": "46015",
                    "city": "Valencia",
                    "country": "ES",
                },
                "valid_from": "2024-01-01",
            },
            headers=key,
        )
    ).raise_for_status()
    (
        await http.post("/v1/series", json={"code": "F", "prefix": "F"}, headers=key)
    ).raise_for_status()
    ids = []
    for index in range(clients):
        answer = await http.post("/v1/clients", json=client_body(index), headers=key)
        answer.raise_for_status()
        ids.append(answer.json()["id"])
    await asyncio.sleep(2)  # the replicas reach invoicing
    return ids


async def measure_clients(http: httpx.AsyncClient, concurrency: int, total: int) -> Run:
    key = await new_tenant(http)

    async def create(index: int) -> None:
        answer = await http.post("/v1/clients", json=client_body(index), headers=key)
        answer.raise_for_status()

    return await timed(concurrency, total, create)


async def issue(
    http: httpx.AsyncClient, key: dict[str, str], client_id: str, one_call: bool = False
) -> dict[str, Any]:
    body = {
        "client_id": client_id,
        "series": "F",
        "lines": [{"description": "Mantenimiento", "quantity": "1", "unit_price": "100.00"}],
    }
    if one_call:
        answer = await http.post("/v1/invoices", params={"issue": "true"}, json=body, headers=key)
        answer.raise_for_status()
        made: dict[str, Any] = answer.json()
        return made
    draft = await http.post("/v1/invoices", json=body, headers=key)
    draft.raise_for_status()
    issued = await http.post(f"/v1/invoices/{draft.json()['id']}/issue", headers=key)
    issued.raise_for_status()
    result: dict[str, Any] = issued.json()
    return result


async def measure_invoices(
    http: httpx.AsyncClient,
    concurrency: int,
    total: int,
    one_call: bool = False,
    tenants: int = 1,
) -> tuple[Run, list[dict[str, Any]], dict[str, str]]:
    """Invoices issued by `concurrency` callers; with `tenants` above 1, operation n is the
    tenant n % tenants's, so the callers are spread over as many tenants (and series)."""

    async def books() -> tuple[dict[str, str], list[str]]:
        key = await new_tenant(http)
        return key, await prepare_books(http, key, 20 if tenants == 1 else 5)

    tenant_books = await asyncio.gather(*(books() for _ in range(tenants)))
    issued: list[dict[str, Any]] = []

    async def one(index: int) -> None:
        key, clients = tenant_books[index % tenants]
        invoice = await issue(http, key, clients[(index // tenants) % len(clients)], one_call)
        issued.append({**invoice, "answered_at": dt.datetime.now(dt.UTC)})

    before = cpu_by_process()
    run = await timed(concurrency, total, one)
    run.cpu_ms = cpu_per_operation(before, await when_quiet(), run.operations)
    return run, issued, tenant_books[0][0]


async def when_quiet(most_seconds: float = 60.0) -> dict[str, float]:
    """Each process's CPU seconds once the work of the last answers is done: the consumers'
    share comes after the answers, and under load they lag by seconds. Quiet: the processes
    together used less than 15 % of a core in the last second (their idle polling stays under
    that), or `most_seconds` have passed."""
    await asyncio.sleep(3)
    deadline = time.monotonic() + most_seconds
    earlier = cpu_by_process()
    while True:
        await asyncio.sleep(1)
        now = cpu_by_process()
        used = sum(now[name] - earlier[name] for name in now if name in earlier)
        if used < 0.15 or time.monotonic() > deadline:
            return now
        earlier = now


def cpu_per_operation(
    before: dict[str, float], after: dict[str, float], operations: int
) -> dict[str, float]:
    if not operations:
        return {}
    return {
        name: (after[name] - before[name]) * 1000 / operations for name in before if name in after
    }


async def measure_batch(http: httpx.AsyncClient, size: int) -> Run:
    """One call of POST /v1/invoices/batch with `size` invoices of one tenant."""
    key = await new_tenant(http)
    clients = await prepare_books(http, key, 20)
    line = {"description": "Cuota mensual", "quantity": "1", "unit_price": "100.00"}
    body = {
        "invoices": [
            {"client_id": clients[n % len(clients)], "series": "F", "lines": [line]}
            for n in range(size)
        ]
    }
    before = cpu_by_process()
    began = time.perf_counter()
    answer = await http.post("/v1/invoices/batch", json=body, headers=key, timeout=300)
    seconds = time.perf_counter() - began
    ok = answer.status_code == 201 and len(answer.json()["invoices"]) == size
    run = Run(operations=size if ok else 0, seconds=seconds, errors=0 if ok else 1)
    run.latencies_ms.append(seconds * 1000)
    run.cpu_ms = cpu_per_operation(before, await when_quiet(), run.operations)
    return run


def our_processes() -> dict[str, list[int]]:
    """The services, the Kafka broker and the PostgreSQL cluster (postmaster and backends)."""
    found: dict[str, list[int]] = {}
    for pid_file in sorted((ROOT / ".local" / f"test-{PORT_BASE}" / "pids").glob("*.pid")):
        found[pid_file.stem] = [int(pid_file.read_text().strip())]
    kafka = ROOT / ".local" / "state" / "kafka.pid"
    if kafka.exists():
        found["kafka"] = [int(kafka.read_text().strip())]
    cluster = os.environ.get("POSTGRES_CLUSTER", "cartera")
    for postmaster in Path("/var/lib/postgresql").glob(f"*/{cluster}/postmaster.pid"):
        master = int(postmaster.read_text().split()[0])
        found["postgresql"] = [master] + [
            int(d.name)
            for d in Path("/proc").iterdir()
            if d.name.isdigit() and _parent(int(d.name)) == master
        ]
    return found


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def cpu_seconds(pids: list[int], reaped_children_of: int | None = None) -> float:
    """User and system CPU time used so far by these processes (those gone count nothing),
    plus, for `reaped_children_of`, what its children that have exited used."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
        if pid == reaped_children_of:
            total += (int(fields[13]) + int(fields[14])) / tick
    return total


def cpu_by_process() -> dict[str, float]:
    """CPU seconds so far of each of our processes. PostgreSQL's backends come and go (pool
    connections, autovacuum workers): its set is looked up afresh each time, and the backends
    that have exited count through the postmaster's reaped-children time. (A set fixed before
    a run lost the CPU of backends that ended during it: a negative figure in one table.)"""
    return {
        name: cpu_seconds(pids, reaped_children_of=pids[0] if name == "postgresql" else None)
        for name, pids in our_processes().items()
    }


async def measure_payments(
    http: httpx.AsyncClient, concurrency: int, invoices: list[dict[str, Any]], key: dict[str, str]
) -> Run:
    # Receivables must exist before they can be paid.
    for invoice in invoices[-1:]:
        for _ in range(400):
            answer = await http.get(
                "/v1/receivables", params={"invoice_id": invoice["id"]}, headers=key
            )
            if answer.json()["items"]:
                break
            await asyncio.sleep(0.05)
    today = dt.date.today().isoformat()

    async def pay(index: int) -> None:
        answer = await http.post(
            "/v1/payments",
            json={"invoice_id": invoices[index]["id"], "amount": "10.00", "paid_on": today},
            headers=key,
        )
        answer.raise_for_status()

    return await timed(concurrency, len(invoices), pay)


async def measure_propagation(http: httpx.AsyncClient, samples: int) -> dict[str, list[float]]:
    key = await new_tenant(http)
    clients = await prepare_books(http, key, 3)
    to_receivable: list[float] = []
    to_analytics: list[float] = []
    today = dt.date.today()
    month_start = today.replace(day=1).isoformat()
    for index in range(samples):
        before = await http.get(
            "/v1/analytics/portfolio",
            params={"from": month_start, "to": today.isoformat()},
            headers=key,
        )
        total_before = before.json()["totals"]
        invoice = await issue(http, key, clients[index % 3])
        answered = time.perf_counter()
        receivable_at = analytics_at = None
        while receivable_at is None or analytics_at is None:
            if time.perf_counter() - answered > 10:
                break
            if receivable_at is None:
                found = await http.get(
                    "/v1/receivables", params={"invoice_id": invoice["id"]}, headers=key
                )
                if found.json()["items"]:
                    receivable_at = time.perf_counter()
            if analytics_at is None:
                now = await http.get(
                    "/v1/analytics/portfolio",
                    params={"from": month_start, "to": today.isoformat()},
                    headers=key,
                )
                if now.json()["totals"] != total_before:
                    analytics_at = time.perf_counter()
            await asyncio.sleep(0.002)
        if receivable_at:
            to_receivable.append((receivable_at - answered) * 1000)
        if analytics_at:
            to_analytics.append((analytics_at - answered) * 1000)
    return {"receivable": to_receivable, "analytics": to_analytics}


# When the consumers applied each invoice issued since a moment: the start of the transaction
# that applied its event (its inbox row's time, PostgreSQL's now()). Outbox and inbox are not
# tenant-scoped, so the owner reads every tenant's.
APPLIED_QUERY = """
SELECT o.payload->>'subject', 'receivable', i.processed_at
FROM invoicing.outbox o
JOIN collections.inbox i ON i.event_id = o.id AND i.consumer = 'collections.receivables'
WHERE o.type = 'invoice.issued' AND o.created_at >= :since
UNION ALL
SELECT o.payload->>'subject', 'analytics', i.processed_at
FROM invoicing.outbox o
JOIN analytics.inbox i ON i.event_id = o.id AND i.consumer = 'analytics.read-models'
WHERE o.type = 'invoice.issued' AND o.created_at >= :since
"""


async def lags_since(
    database_url: str, since: dt.datetime, answered: dict[str, dt.datetime]
) -> dict[str, list[float]]:
    """Propagation of the invoices `answered` (id: when its caller had the answer), in ms, to
    collections and to analytics: from the answer to the start of the consumer's transaction
    that applied it, read from the outbox and the inboxes after the load (one clock: this
    machine's). For a load whose own calls must not be slowed by polling: `measure_propagation`
    polls through the gateway, which suits an idle stack."""
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            rows = (await connection.execute(text(APPLIED_QUERY), {"since": since})).all()
    finally:
        await engine.dispose()
    lags: dict[str, list[float]] = {"receivable": [], "analytics": []}
    for invoice_id, to, applied_at in rows:
        if invoice_id in answered:
            lags[to].append((applied_at - answered[invoice_id]).total_seconds() * 1000)
    return lags


def percentile(data: list[float], p: float) -> float:
    data = sorted(data)
    if not data:
        return float("nan")
    return data[min(len(data) - 1, round(p / 100 * (len(data) - 1)))]


def pgbench(env: dict[str, str]) -> float | None:
    binary = shutil.which("pgbench") or next(
        iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/pgbench"))), None
    )
    if binary is None:
        return None
    url = env["DATABASE_TEST_URL"].replace("postgresql+asyncpg://", "postgresql://")
    subprocess.run([str(binary), "-i", "-q", "-s", "10", url], check=True, capture_output=True)
    out = subprocess.run(
        [str(binary), "-c", "8", "-j", "2", "-T", "20", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        if line.startswith("tps"):
            return float(line.split("=")[1].split()[0])
    return None


def peak_memory_mib() -> dict[str, float]:
    pids = ROOT / ".local" / f"test-{PORT_BASE}" / "pids"
    peaks = {}
    for pid_file in sorted(pids.glob("*.pid")):
        status = Path(f"/proc/{pid_file.read_text().strip()}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid_file.stem] = int(line.split()[1]) / 1024
    return peaks


def analytics_bench(env: dict[str, str], quick: bool) -> str:
    script = str(ROOT / "services/analytics/bench/bench.py")
    bench_env = {**local_secrets.ensure(), **env}
    bench_env["CARTERA_DATABASE_URL"] = env["DATABASE_TEST_URL"]
    bench_env["CARTERA_DATABASE_APP_URL"] = (
        env.get("DATABASE_APP_TEST_URL_ANALYTICS") or env["DATABASE_APP_TEST_URL"]
    )
    clients, invoices, events = ("500", "50000", "10000") if quick else ("5000", "500000", "100000")
    lines = []
    for args in (
        ["portfolio", "--clients", clients, "--invoices", invoices],
        ["replay", "--events", events],
    ):
        out = subprocess.run(
            [PY, script, *args],
            env=bench_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        lines.append(
            f"$ bench.py {' '.join(args)}\n{out.stdout.strip()}{out.stderr.strip()[-400:]}"
        )
    return "\n\n".join(lines)


def summary(runs: list[Run]) -> dict[str, Any]:
    def spread(values: list[float]) -> tuple[float, float, float]:
        return statistics.median(values), min(values), max(values)

    rate = spread([r.per_second for r in runs])
    p50 = spread([r.percentile(50) for r in runs])
    p99 = spread([r.percentile(99) for r in runs])
    return {
        "rate": rate[0],
        "rate_min": rate[1],
        "rate_max": rate[2],
        "p50": p50[0],
        "p50_min": p50[1],
        "p50_max": p50[2],
        "p99": p99[0],
        "p99_min": p99[1],
        "p99_max": p99[2],
        "errors": sum(r.errors for r in runs),
        "cpu_ms": {
            name: statistics.median(r.cpu_ms[name] for r in runs if name in r.cpu_ms)
            for name in sorted({n for r in runs for n in r.cpu_ms})
        },
    }


async def load(gateway: str, repeats: int, quick: bool, database_url: str) -> dict[str, Any]:
    results: dict[str, Any] = {
        "clients": {},
        "invoices": {},
        "spread": {},
        "one_call": {},
        "payments": {},
        "propagation_under_load": {"receivable": [], "analytics": []},
    }
    per_run = 100 if quick else 400
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=gateway, timeout=60, limits=limits) as http:
        for level in LEVELS:
            client_runs, invoice_runs, spread_runs, one_call_runs, payment_runs = [], [], [], [], []
            for _ in range(repeats):
                client_runs.append(await measure_clients(http, level, per_run))
                invoice_run, issued, key = await measure_invoices(http, level, per_run)
                invoice_runs.append(invoice_run)
                payment_runs.append(await measure_payments(http, level, issued, key))
                started = dt.datetime.now(dt.UTC)
                spread_run, spread_issued, _ = await measure_invoices(
                    http, level, per_run, True, tenants=TENANTS
                )
                spread_runs.append(spread_run)
                if level == LEVELS[-1]:
                    answered = {i["id"]: i["answered_at"] for i in spread_issued}
                    lags = await lags_since(database_url, started, answered)
                    for key, found in lags.items():
                        results["propagation_under_load"][key] += found
                one_call_runs.append((await measure_invoices(http, level, per_run, True))[0])
            results["clients"][level] = summary(client_runs)
            results["invoices"][level] = summary(invoice_runs)
            results["spread"][level] = summary(spread_runs)
            results["one_call"][level] = summary(one_call_runs)
            results["payments"][level] = summary(payment_runs)
            print(
                f"  {level:>2} callers: {results['invoices'][level]['rate']:.0f} invoices/s "
                f"(draft + issue), {results['spread'][level]['rate']:.0f} in one call over "
                f"{TENANTS} tenants, {results['one_call'][level]['rate']:.0f} in one series",
                flush=True,
            )
        size = 200 if quick else BATCH_SIZE
        batches = [await measure_batch(http, size) for _ in range(repeats)]
        results["batch"] = {size: summary(batches)}
        print(f"  batches of {size}: {results['batch'][size]['rate']:.0f} invoices/s", flush=True)
        results["propagation"] = await measure_propagation(http, 30 if quick else 100)
    return results


async def measure_verifactu(gateway: str, repeats: int, quick: bool) -> dict[str, Any]:
    records = 2000 if quick else 5000
    runs: list[verifactu.VerifactuRun] = []
    async with (
        httpx.AsyncClient(base_url=gateway, timeout=60) as http,
        httpx.AsyncClient(base_url=AEAT_CONTROL, timeout=10) as control,
    ):
        for _ in range(repeats):
            key = await new_tenant(http)
            run = await verifactu.measure(http, control, key, records)
            print(
                f"  VERI*FACTU: {run.steady_rate:.0f} records/s steady, {run.records} drained "
                f"in {run.drain_seconds:.1f} s, {run.accepted_in_cartera} accepted in Cartera",
                flush=True,
            )
            runs.append(run)
    return {
        "records": records,
        "requests": records // verifactu.BATCH,
        "steady": [r.steady_rate for r in runs],
        "drain_seconds": [r.drain_seconds for r in runs],
        "drain": [r.drain_rate for r in runs],
        "accepted": [r.accepted_in_cartera for r in runs],
    }


VERIFACTU_START, VERIFACTU_END = "<!-- verifactu -->", "<!-- /verifactu -->"


def verifactu_section(results: dict[str, Any]) -> list[str]:
    def spread(values: list[float], digits: int = 0) -> str:
        return (
            f"{statistics.median(values):.{digits}f} "
            f"[{min(values):.{digits}f} - {max(values):.{digits}f}]"
        )

    return [
        VERIFACTU_START,
        "## VERI*FACTU records sent by one issuer's worker",
        "",
        f"A backlog of {results['records']:,} records of one issuer (issued while the tenant had",
        "no certificate), drained into the AEAT conformance simulator over mutual TLS once the",
        f"certificate is uploaded: {results['requests']} requests of 1,000 records, back to back",
        "(bench/verifactu.py). Steady: records registered between the end of the first request",
        "and the end of the last, over that time. Drain: from the upload's answer to the last",
        "record registered (the upload wakes the worker at once, so it also counts the first",
        "request, which steady leaves out). The simulator's",
        "schema validation and huella checks run on the same cores and are part of the time.",
        "",
        "| | median [min - max] |",
        "|---|---|",
        f"| records per second, steady | {spread(results['steady'])} |",
        f"| records per second, drain | {spread(results['drain'])} |",
        f"| drain time, s | {spread(results['drain_seconds'], 1)} |",
        f"| records accepted in Cartera (of {results['records']:,}) "
        f"| {', '.join(str(n) for n in results['accepted'])} |",
        VERIFACTU_END,
        "",
    ]


def write_verifactu_only(results: dict[str, Any]) -> Path:
    """Replace only the VERI*FACTU section of the report (or add it before the notes)."""
    return replace_section(
        ROOT / "docs" / "benchmarks.md",
        VERIFACTU_START,
        VERIFACTU_END,
        verifactu_section(results),
    )


def versions() -> dict[str, str]:
    def run(*cmd: str) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
        except FileNotFoundError:
            return "?"

    postgres = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))), None)
    return {
        # What was measured: the figures are only true of this code.
        "commit": run("git", "-C", str(ROOT), "rev-parse", "--short", "HEAD") or "?",
        "python": platform.python_version(),
        "postgresql": run(str(postgres), "--version") if postgres else "?",
        "kafka": "4.4.0 (KRaft, one broker)",
        "cpu": next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "?",
        ),
        "cores": str(os.cpu_count()),
        "memory": f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB",
        "kernel": platform.release(),
    }


def pin(cores: set[int]) -> None:
    """Every thread of the stack's processes (services, Kafka, PostgreSQL's postmaster and
    backends; new backends inherit the postmaster's) on `cores` only."""
    for pids in our_processes().values():
        for pid in pids:
            for task in Path(f"/proc/{pid}/task").glob("*"):
                with contextlib.suppress(OSError):  # a thread or backend that just ended
                    os.sched_setaffinity(int(task.name), cores)


async def measure_cores(gateway: str, quick: bool) -> dict[int, dict[str, float]]:
    """Invoices per second with the whole stack on one core, then on every core: single calls
    (32 callers over 16 tenants) and batches of 1,000. With one core for the stack, this load
    generator runs on the other, so the stack has its core to itself."""
    every = set(range(os.cpu_count() or 1))
    found: dict[int, dict[str, float]] = {}
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    try:
        async with httpx.AsyncClient(base_url=gateway, timeout=300, limits=limits) as http:
            for count in sorted({1, len(every)}):
                stack_cores = set(sorted(every)[:count])
                pin(stack_cores)
                os.sched_setaffinity(0, (every - stack_cores) or every)
                single = (
                    await measure_invoices(
                        http, LEVELS[-1], 100 if quick else 400, True, tenants=TENANTS
                    )
                )[0]
                batch = await measure_batch(http, 200 if quick else BATCH_SIZE)
                found[count] = {"single": single.per_second, "batch": batch.per_second}
                print(
                    f"  {count} core(s): {single.per_second:.0f} invoices/s in single calls, "
                    f"{batch.per_second:.0f}/s in batches",
                    flush=True,
                )
    finally:
        pin(every)
        os.sched_setaffinity(0, every)
    return found


def cores_section(found: dict[int, dict[str, float]]) -> list[str]:
    lines = [
        "## Per core",
        "",
        "The whole stack (services, Kafka, PostgreSQL) pinned to one core, then to every core,",
        f"one run each: single calls by {LEVELS[-1]} callers over {TENANTS} tenants, and one",
        "batch of 1,000. With one core the load generator has the other; with every core it",
        "shares them.",
        "",
        "| cores | single calls per second | batch invoices per second |",
        "|---|---|---|",
        *(f"| {n} | {r['single']:.0f} | {r['batch']:.0f} |" for n, r in sorted(found.items())),
    ]
    if len(found) > 1:
        low, high = min(found), max(found)
        added = high - low
        lines.append(
            f"| per added core | {(found[high]['single'] - found[low]['single']) / added:.0f} "
            f"| {(found[high]['batch'] - found[low]['batch']) / added:.0f} |"
        )
    return [*lines, ""]


def write_report(
    results: dict[str, Any],
    tps: float | None,
    memory: dict[str, float],
    analytics: str,
    repeats: int,
) -> Path:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (bench/run.py) on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        "Everything (PostgreSQL, Kafka, six services, the load generator) on one machine.",
        "",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in versions().items()],
        "",
        f"Medians over {repeats} runs, [min - max] in brackets; latencies in ms, seen by the caller"
        " through the gateway.",
        "",
    ]
    for name, label in (
        (
            "spread",
            f"Invoices issued in one call (POST /v1/invoices?issue=true), callers over {TENANTS} "
            "tenants",
        ),
        ("one_call", "One series: invoices issued in one call by one tenant"),
        ("invoices", "Invoices issued in two calls (draft + issue), one tenant"),
        ("clients", "Clients created"),
        ("payments", "Payments recorded"),
    ):
        lines += [
            f"## {label}",
            "",
            "| callers | per second | p50 | p99 | errors |",
            "|---|---|---|---|---|",
        ]
        for level, s in results[name].items():
            lines.append(
                f"| {level} | {s['rate']:.0f} [{s['rate_min']:.0f} - {s['rate_max']:.0f}] "
                f"| {s['p50']:.1f} [{s['p50_min']:.1f} - {s['p50_max']:.1f}] "
                f"| {s['p99']:.1f} [{s['p99_min']:.1f} - {s['p99_max']:.1f}] | {s['errors']} |"
            )
        lines.append("")
    batch = results.get("batch", {})
    if batch:
        lines += [
            "## Invoices issued in batches (POST /v1/invoices/batch)",
            "",
            "One call at a time, one tenant; the call's time is the p50 column (ms).",
            "",
            "| invoices per call | per second | p50 | errors |",
            "|---|---|---|---|",
            *(
                f"| {size} | {s['rate']:.0f} [{s['rate_min']:.0f} - {s['rate_max']:.0f}] "
                f"| {s['p50']:.0f} [{s['p50_min']:.0f} - {s['p50_max']:.0f}] | {s['errors']} |"
                for size, s in batch.items()
            ),
            "",
        ]
    costs = {
        f"{level}, {how}": s
        for how, key in (
            ("two calls", "invoices"),
            ("one call, one series", "one_call"),
            (f"one call, {TENANTS} tenants", "spread"),
        )
        for level, s in results[key].items()
    }
    costs.update({f"batch of {size}": s for size, s in batch.items()})
    names = sorted(
        {n for s in costs.values() for n in s["cpu_ms"]},
        key=lambda n: -max(s["cpu_ms"].get(n, 0) for s in costs.values()),
    )
    if names:
        lines += [
            "## CPU per invoice issued, by process",
            "",
            "CPU milliseconds (user + system) each process spent per invoice, from the first call",
            "until the processes are quiet again after the last answer (the consumers' share",
            "included, with their idle polling meanwhile); medians. Unlike invoices per second,",
            "this hardly moves with other work on the machine.",
            "",
            "| callers, how | total | " + " | ".join(names) + " |",
            "|---|---|" + "---|" * len(names),
        ]
        for label, s in costs.items():
            lines.append(
                f"| {label} | {sum(s['cpu_ms'].values()):.1f} | "
                + " | ".join(f"{s['cpu_ms'].get(n, 0):.1f}" for n in names)
                + " |"
            )
        lines.append("")
    prop = results["propagation"]
    loaded = results.get("propagation_under_load", {"receivable": [], "analytics": []})
    targets = (("receivable", "receivable in collections"), ("analytics", "figure in analytics"))
    lines += [
        "## Event propagation",
        "",
        "From the issue answer. Idle: one invoice at a time, until the receivable and the",
        "portfolio figure can be read through the gateway. Under load: every invoice of the",
        f"{LEVELS[-1]}-caller runs over {TENANTS} tenants, until the consumer's transaction that",
        "applied it began (its inbox row's time; read afterwards, so the load is not slowed).",
        "",
        "| to | when | samples | p50 | p99 |",
        "|---|---|---|---|---|",
        *(
            f"| {label} | idle | {len(prop[key])} | {percentile(prop[key], 50):.0f} "
            f"| {percentile(prop[key], 99):.0f} |"
            for key, label in targets
        ),
        *(
            f"| {label} | under load | {len(loaded[key])} | {percentile(loaded[key], 50):.0f} "
            f"| {percentile(loaded[key], 99):.0f} |"
            for key, label in targets
        ),
        "",
        "## PostgreSQL ceiling",
        "",
    ]
    best = max(
        s["rate"] for key in ("invoices", "one_call", "spread") for s in results[key].values()
    )
    if tps:
        lines.append(
            f"pgbench (TPC-B like, scale 10, 8 clients, 20 s): {tps:.0f} TPS. Invoices issued per "
            f"second at best, one per call: {best:.0f}, {best / tps:.1%} of it (each issue is "
            "several transactions: draft, number, issue, outbox, and the consumers' work)."
        )
    else:
        lines.append("pgbench not found.")
    lines += [
        "",
        "## Peak resident memory after the load (VmHWM)",
        "",
        "| service | MiB |",
        "|---|---|",
    ]
    lines += [f"| {name} | {mib:.0f} |" for name, mib in memory.items()]
    lines.append("")
    if "cores" in results:
        lines += cores_section(results["cores"])
    lines += ["## Analytics at scale", "", "```", analytics, "```", ""]
    if "verifactu" in results:
        lines += verifactu_section(results["verifactu"])
    if "risk" in results:
        lines += risk.section(results["risk"])
    if "forecast" in results:
        lines += forecast.section(results["forecast"])
    report = ROOT / "docs" / "benchmarks.md"
    existing = report.read_text() if report.exists() else ""
    notes = existing.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in existing else "\n"
    report.write_text("\n".join(lines) + "\n<!-- notes -->" + notes)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller runs, for a smoke test")
    parser.add_argument(
        "--part",
        choices=("all", "verifactu", "risk", "forecast"),
        default="all",
        help="run only one part",
    )
    args = parser.parse_args()
    if args.part == "risk":
        # A backtest over histories in memory: no system to start.
        print("late-payment risk backtest ...", flush=True)
        print(f"wrote {risk.write_section(risk.run()).relative_to(ROOT)}")
        return
    if args.part == "forecast":
        # The demo's history replayed offline: no stack to start.
        print("cash forecast backtest on the demo's history ...", flush=True)
        report = forecast.write_section(forecast.run(), ROOT / "docs" / "benchmarks.md")
        print(f"wrote {report.relative_to(ROOT)}")
        return
    env = infra_env()
    stack("down", env)
    stack("reset", env)
    stack("migrate", env)
    stack("up", env)
    gateway = f"http://127.0.0.1:{PORT_BASE}"
    if args.part == "verifactu":
        try:
            print("VERI*FACTU records to the AEAT simulator ...", flush=True)
            alone = asyncio.run(measure_verifactu(gateway, args.repeats, args.quick))
        finally:
            stack("down", env)
        print(f"wrote {write_verifactu_only(alone).relative_to(ROOT)}")
        return
    try:
        print("load through the gateway ...", flush=True)
        results = asyncio.run(load(gateway, args.repeats, args.quick, env["DATABASE_TEST_URL"]))
        memory = peak_memory_mib()
        print("per core ...", flush=True)
        results["cores"] = asyncio.run(measure_cores(gateway, args.quick))
        print("pgbench ...", flush=True)
        tps = pgbench(env)
        print("analytics at scale ...", flush=True)
        analytics = analytics_bench(env, args.quick)
        print("VERI*FACTU records to the AEAT simulator ...", flush=True)
        results["verifactu"] = asyncio.run(measure_verifactu(gateway, args.repeats, args.quick))
        print("late-payment risk backtest ...", flush=True)
        results["risk"] = risk.run()
        print("cash forecast backtest on the demo's history ...", flush=True)
        results["forecast"] = forecast.run()
    finally:
        stack("down", env)
    report = write_report(results, tps, memory, analytics, args.repeats)
    print(f"wrote {report.relative_to(ROOT)}")
    json.dump(results, sys.stdout, default=str, indent=1)


if __name__ == "__main__":
    main()
