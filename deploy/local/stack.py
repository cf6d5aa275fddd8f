#!/usr/bin/env python3
"""Start, watch and stop Cartera's services on this machine, without Docker.

    stack.py up [--foreground] [--profile dev|test]   migrate, start the AEAT simulator and every
                                                       service, await their readiness
    stack.py watch [--profile dev|test]                stay attached; Ctrl-C stops the services
    stack.py down [--profile dev|test]                 stop exactly the processes `up` started
    stack.py roll [--profile dev|test]                 restart every service, one at a time,
                                                       without a failed request
    stack.py reset --profile test                      drop the service schemas of the test database
    stack.py status [--profile dev|test]

Infrastructure (PostgreSQL, Kafka) is started beforehand by infra.sh; this script reads the same
environment variables (CARTERA_DATABASE_URL, CARTERA_DATABASE_APP_URL,
CARTERA_KAFKA_BOOTSTRAP_SERVERS). Each service runs
as its own process, logs JSON to .local/<profile>/logs/<service>.log, and has its pid recorded in
.local/<profile>/pids/<service>.pid. Only the standard library is used, so the script runs before
the workspace is installed.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import shlex
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
ALEMBIC = ROOT / ".venv" / "bin" / "alembic"

sys.path.insert(0, str(Path(__file__).resolve().parent))
import local_secrets  # noqa: E402 (a sibling script, found through the line above)


@dataclass(frozen=True)
class Service:
    name: str
    module: str
    port: int
    # How to start it beyond `python -m module`, and where it says it is ready.
    args: tuple[str, ...] = ()
    ready_url: str = ""

    @property
    def readiness(self) -> str:
        return self.ready_url or f"http://127.0.0.1:{self.port}/ready"


# Ports per profile: the test profile never collides with a running `make up`.
PROFILES = {
    "dev": {"port_base": 8000, "database": "cartera"},
    # CARTERA_TEST_PORT_BASE lets two test runs share one machine without sharing ports.
    "test": {
        "port_base": int(os.environ.get("CARTERA_TEST_PORT_BASE", "18000")),
        "database": "cartera_test",
    },
}
SERVICE_OFFSETS = {
    "clients": 101,
    "invoicing": 102,
    "collections": 103,
    "crm": 104,
    "analytics": 105,
    "gateway": 0,
}
# The gateway last: it is the door, opened once everything behind it answers.
# How long a process stopped by `roll` goes on serving, out of sight, before it closes.
ROLL_DRAIN_SECONDS = 3.0
START_ORDER = ["clients", "invoicing", "collections", "crm", "analytics", "gateway"]


def services(profile: str) -> list[Service]:
    base = PROFILES[profile]["port_base"]
    return [Service(n, f"cartera_{n}.main", base + SERVICE_OFFSETS[n]) for n in START_ORDER]


# The AEAT's VERI*FACTU service cannot be reached from here: local runs and tests send the records
# to the conformance simulator instead (mutual TLS on this port, its control API on the next).
AEAT_OFFSET = 190
AEAT_PATH = "/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP"


def aeat_simulator(profile: str) -> Service:
    port = int(PROFILES[profile]["port_base"]) + AEAT_OFFSET
    return Service(
        "aeat-simulator",
        "cartera_invoicing.aeat.simulator",
        port,
        args=(
            "--state-dir",
            str(state_dir(profile) / "aeat"),
            "--port",
            str(port),
            "--control-port",
            str(port + 1),
        ),
        ready_url=f"http://127.0.0.1:{port + 1}/health",
    )


def processes(profile: str) -> list[Service]:
    """What `up` starts, in order: the AEAT simulator, then the services."""
    return [aeat_simulator(profile), *services(profile)]


def state_dir(profile: str) -> Path:
    base = PROFILES[profile]["port_base"]
    return ROOT / ".local" / (profile if base in (8000, 18000) else f"{profile}-{base}")


def documents_path(profile: str) -> Path:
    """Where the clients service keeps document files (CARTERA_CLIENTS_DOCUMENTS_PATH overrides the
    default)."""
    return Path(
        os.environ.get("CARTERA_CLIENTS_DOCUMENTS_PATH") or state_dir(profile) / "documents"
    )


def with_database(url: str, database: str) -> str:
    head, _, _ = url.rpartition("/")
    return f"{head}/{database}"


# What the local runner reads from the environment under names the services used before the
# CARTERA_ prefix (an operator's shell or an env file of that time).
FORMER = ("DATABASE_URL", "DATABASE_APP_URL", "KAFKA_BOOTSTRAP_SERVERS")


@functools.cache
def local_infra_env() -> dict[str, str]:
    """What `infra.sh env` gives for the local cluster and broker (their URLs carry this
    checkout's random passwords), for a run that was not given servers of its own."""
    # Without a database URL, infra.sh describes its own cluster (with one, it repeats it).
    local = {k: v for k, v in os.environ.items() if k not in ("CARTERA_DATABASE_URL", *FORMER)}
    printed = subprocess.run(  # noqa: S603 (our own script)
        [str(ROOT / "deploy" / "local" / "infra.sh"), "env"],
        env=local,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in printed.splitlines():
        if line.startswith("export "):
            name, _, value = line[len("export ") :].partition("=")
            found[name] = shlex.split(value)[0]
    return found


def service_env(profile: str, svc: Service) -> dict[str, str]:
    # This checkout's own random secrets (an operator's environment variables win), and the
    # local servers unless the environment names others.
    env = {**local_secrets.ensure()}
    if not (os.environ.get("CARTERA_DATABASE_URL") or os.environ.get("DATABASE_URL")):
        env.update(local_infra_env())
    env.update(os.environ)
    # An environment written with the former names still runs; the services are given only the
    # new ones, which win over the former anyway.
    for former in FORMER:
        value = env.pop(former, None)
        if value and not os.environ.get(f"CARTERA_{former}"):
            env[f"CARTERA_{former}"] = value
    database = str(PROFILES[profile]["database"])
    # Each service serves as a database role of its own (DATABASE_APP_URL_<SERVICE>, which
    # infra.sh gives for the local cluster); one CARTERA_DATABASE_APP_URL for all is the fallback
    # for a server of one's own, and the owner the last resort (row-level security is forced on it
    # too).
    key = svc.name.upper()
    owner = env["CARTERA_DATABASE_URL"]
    app = env.get(f"DATABASE_APP_URL_{key}") or env.get("CARTERA_DATABASE_APP_URL") or owner
    if profile == "test":
        owner = env.get("DATABASE_TEST_URL") or with_database(owner, database)
        app = (
            env.get(f"DATABASE_APP_TEST_URL_{key}")
            or env.get("DATABASE_APP_TEST_URL")
            or with_database(app, database)
        )
    role = urllib.parse.urlsplit(app).username
    env.update(
        CARTERA_DATABASE_URL=owner,
        CARTERA_DATABASE_APP_URL=app,
        # The role this service's migrations grant its own schema to, and nothing else.
        CARTERA_APP_ROLE=role or env.get("CARTERA_APP_ROLE", ""),
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=env.get(
            "CARTERA_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"
        ),
        CARTERA_CLIENTS_DOCUMENTS_PATH=str(documents_path(profile)),
        CARTERA_SERVICE_NAME=svc.name,
        # `roll` starts a service's new process beside the old one, on its port.
        CARTERA_REUSE_PORT="1",
        HOST="127.0.0.1",
        PORT=str(svc.port),
        PYTHONUNBUFFERED="1",
    )
    for other in services(profile):
        env[f"CARTERA_{other.name.upper()}_URL"] = f"http://127.0.0.1:{other.port}"
    # Invoicing sends its VERI*FACTU records to the local conformance simulator.
    simulator = aeat_simulator(profile)
    env.setdefault(
        "CARTERA_INVOICING_VERIFACTU_ENDPOINT", f"https://127.0.0.1:{simulator.port}{AEAT_PATH}"
    )
    env.setdefault(
        "CARTERA_INVOICING_VERIFACTU_CA_FILE", str(state_dir(profile) / "aeat" / "ca.pem")
    )
    # Stopped by `roll`, a process stays out of sight for this long before it closes, so the
    # callers' kept-alive connections (the gateway lets its own go after 2 s idle) are all
    # closed first; `down` skips it (a second SIGTERM).
    env.setdefault("CARTERA_SHUTDOWN_DRAIN_SECONDS", str(ROLL_DRAIN_SECONDS))
    # Password-reset mails link to this run's own gateway.
    env.setdefault("CARTERA_GATEWAY_PUBLIC_BASE_URL", env["CARTERA_GATEWAY_URL"])
    # Local runs are plain http on loopback, and their webhook receivers live on loopback too.
    env.setdefault("CARTERA_GATEWAY_SECURE_COOKIES", "false")
    env.setdefault("CARTERA_GATEWAY_WEBHOOKS_ALLOW_PRIVATE", "true")
    if profile == "test":
        # Tests wait seconds, not hours, for retries; many tests sign in from one address.
        env.setdefault("CARTERA_GATEWAY_WEBHOOK_BACKOFF_SECONDS", "0.2")
        env.setdefault("CARTERA_GATEWAY_WEBHOOK_POLL_SECONDS", "0.2")
        env.setdefault("CARTERA_GATEWAY_SIGN_IN_RATE_LIMIT", "100/minute")
        env.setdefault("CARTERA_GATEWAY_WEBHOOK_MAX_ATTEMPTS", "4")
        env.setdefault("CARTERA_GATEWAY_WEBHOOK_DISABLE_AFTER", "6")
        # Per-key limits are tested with small per-key budgets; the tenant's is out of the way.
        env.setdefault("CARTERA_GATEWAY_RATE_LIMIT_TENANT", "1000000/minute")
        # The VERI*FACTU sender looks often, backs off briefly and times out soon, so tests of
        # its faults wait seconds (a lease lasts 2 x the time-out + 30 s).
        env.setdefault("CARTERA_INVOICING_VERIFACTU_POLL_SECONDS", "0.3")
        env.setdefault("CARTERA_INVOICING_VERIFACTU_TIMEOUT_SECONDS", "5")
        env.setdefault("CARTERA_INVOICING_VERIFACTU_BACKOFF_SECONDS", "0.5")
        env.setdefault("CARTERA_INVOICING_VERIFACTU_BACKOFF_MAX_SECONDS", "2")
    return env


def pid_alive(pid: int) -> bool:
    """True while the process runs; a zombie (exited, not yet reaped by its parent) is dead."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X")


def recorded_pid(profile: str, svc: Service) -> int | None:
    pid_file = state_dir(profile) / "pids" / f"{svc.name}.pid"
    if not pid_file.exists():
        return None
    try:
        pid = int(pid_file.read_text().strip())
    except ValueError:
        return None
    cmdline = Path(f"/proc/{pid}/cmdline")
    if pid_alive(pid) and cmdline.exists() and svc.module.encode() in cmdline.read_bytes():
        return pid
    pid_file.unlink(missing_ok=True)  # stale: that process is gone or is something else now
    return None


def migrate(profile: str) -> None:
    for svc in services(profile):
        env = service_env(profile, svc)
        started = time.monotonic()
        result = subprocess.run(  # noqa: S603 (our own alembic, fixed arguments)
            [str(ALEMBIC), "upgrade", "head"],
            cwd=ROOT / "services" / svc.name,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            sys.exit(f"migration of {svc.name} failed:\n{result.stderr[-3000:]}")
        print(f"  migrated {svc.name:<12} ({time.monotonic() - started:.1f}s)")


def reset(profile: str) -> None:
    """Drop every service schema of the test database, so a test run starts from nothing.

    Refused unless the database's name ends in `_test` or `_bench`: a DATABASE_TEST_URL pointing
    at real data must never be wiped by a test run.
    """
    env = service_env(profile, services(profile)[0])
    url = env["CARTERA_DATABASE_URL"]
    database = url.rsplit("/", 1)[-1].split("?", 1)[0]
    if profile != "test" or not database.endswith(("_test", "_bench")):
        sys.exit(f"refusing to reset {database!r}: only a *_test or *_bench database is reset")
    schemas = ", ".join(f'"{svc.name}"' for svc in services(profile))
    script = (
        "import asyncio, asyncpg, sys\n"
        "async def main():\n"
        "    conn = await asyncpg.connect(sys.argv[1])\n"
        f"    await conn.execute('DROP SCHEMA IF EXISTS {schemas} CASCADE')\n"
        "    await conn.close()\n"
        "asyncio.run(main())\n"
    )
    plain = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    subprocess.run([str(PYTHON), "-c", script, plain], check=True)  # noqa: S603
    print(f"  reset {database}: dropped {schemas}")


def http_status(url: str, timeout: float = 2.0) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 (loopback)
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return None


def launch(profile: str, svc: Service) -> int:
    """Start one process of a service, logging to its log file; its pid."""
    logs = state_dir(profile) / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / f"{svc.name}.log").open("ab") as log:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [str(PYTHON), "-m", svc.module, *svc.args],
            cwd=ROOT,
            env=service_env(profile, svc),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process.pid


def record_pid(profile: str, svc: Service, pid: int) -> None:
    pids = state_dir(profile) / "pids"
    pids.mkdir(parents=True, exist_ok=True)
    (pids / f"{svc.name}.pid").write_text(str(pid))


def start(profile: str, timeout: float) -> list[Service]:
    logs = state_dir(profile) / "logs"
    started: list[Service] = []

    def spawn(svc: Service) -> None:
        if http_status(f"http://127.0.0.1:{svc.port}/health") is not None or (
            svc.ready_url and http_status(svc.ready_url) is not None
        ):
            sys.exit(
                f"port {svc.port} for {svc.name} is taken by a process this script did not start"
            )
        record_pid(profile, svc, launch(profile, svc))
        started.append(svc)

    for svc in processes(profile):
        if recorded_pid(profile, svc) is None:
            spawn(svc)
        else:
            print(f"  {svc.name:<12} already running on :{svc.port}")
    deadline = time.monotonic() + timeout
    for svc in processes(profile):
        while True:
            status = http_status(svc.readiness)
            if status == 200:
                print(f"  {svc.name:<12} ready on http://127.0.0.1:{svc.port}")
                break
            pid = recorded_pid(profile, svc)
            if pid is None and svc not in started:
                # It was running when we looked and has gone since (it was being killed, or it
                # crashed): start it, as if it had not been running at all.
                print(f"  {svc.name:<12} stopped meanwhile; starting it")
                spawn(svc)
                continue
            if pid is None or time.monotonic() > deadline:
                tail = (logs / f"{svc.name}.log").read_text(errors="replace").splitlines()[-25:]
                why = "exited" if pid is None else f"not ready after {timeout:.0f}s"
                stop(profile)
                sys.exit(f"{svc.name} {why}; last lines of its log:\n" + "\n".join(tail))
            time.sleep(0.3)
    return started


def stop(profile: str, grace_seconds: float = 15.0) -> None:
    """SIGTERM every service at once, wait for all, SIGKILL what outlives the grace period.

    Twice: the first signal starts a service's drain, the second cuts it short (nothing routes
    to a stack that is going down); the requests in hand still finish."""
    running = [(svc, pid) for svc in processes(profile) if (pid := recorded_pid(profile, svc))]
    for _, pid in running:
        os.kill(pid, signal.SIGTERM)
    time.sleep(0.2)
    for _, pid in running:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    for svc, pid in running:
        while pid_alive(pid) and time.monotonic() < deadline:
            # Reap it if it is our child (foreground mode), or it lingers as a zombie.
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.05)
        if pid_alive(pid):
            os.kill(pid, signal.SIGKILL)
            print(f"  killed {svc.name} (no exit after {grace_seconds:.0f}s)")
        else:
            print(f"  stopped {svc.name}")
        (state_dir(profile) / "pids" / f"{svc.name}.pid").unlink(missing_ok=True)


def listening(pid: int, port: int) -> bool:
    """True once process `pid` listens on TCP `port` (Linux: its sockets against /proc/net/tcp)."""
    try:
        inodes = {
            link.removeprefix("socket:[").rstrip("]")
            for fd in Path(f"/proc/{pid}/fd").iterdir()
            if (link := os.readlink(fd)).startswith("socket:[")
        }
    except (FileNotFoundError, PermissionError):
        return False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port and inode in inodes:
                    return True
    return False


def roll(profile: str, timeout: float) -> None:
    """Restart every service in turn without a failed request: the new process starts on the
    same port (CARTERA_REUSE_PORT) and, once it listens, which it does only when it has started,
    takes every new connection; the old one is then stopped gracefully (SIGTERM: not ready, a
    drain of CARTERA_SHUTDOWN_DRAIN_SECONDS whose answers close their connections, then the
    requests in hand finish and its consumers commit what they processed)."""
    for svc in services(profile):
        old = recorded_pid(profile, svc)
        if old is None:
            sys.exit(f"{svc.name} is not running; start the stack with `up` first")
        began = time.monotonic()
        new = launch(profile, svc)
        deadline = began + timeout
        while not listening(new, svc.port):
            if not pid_alive(new) or time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(new, signal.SIGKILL)
                log = state_dir(profile) / "logs" / f"{svc.name}.log"
                tail = log.read_text(errors="replace").splitlines()[-25:]
                sys.exit(
                    f"the new {svc.name} did not start; the old one still serves:\n"
                    + "\n".join(tail)
                )
            time.sleep(0.1)
        record_pid(profile, svc, new)
        os.kill(old, signal.SIGTERM)
        drain = float(service_env(profile, svc)["CARTERA_SHUTDOWN_DRAIN_SECONDS"])
        deadline = time.monotonic() + drain + 30
        while pid_alive(old) and time.monotonic() < deadline:
            time.sleep(0.1)
        if pid_alive(old):
            os.kill(old, signal.SIGKILL)
        print(f"  {svc.name:<12} pid {old} -> {new} in {time.monotonic() - began:.1f}s")


def status(profile: str) -> int:
    code = 0
    for svc in processes(profile):
        pid = recorded_pid(profile, svc)
        ready = http_status(svc.readiness)
        print(f"  {svc.name:<12} pid={pid or '-':<8} port={svc.port} ready={ready == 200}")
        code |= pid is None
    return code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", choices=["up", "down", "status", "migrate", "urls", "watch", "reset", "roll"]
    )
    parser.add_argument("--profile", choices=sorted(PROFILES), default="dev")
    parser.add_argument("--foreground", action="store_true", help="stay attached; Ctrl-C stops")
    parser.add_argument("--timeout", type=float, default=90.0)
    args = parser.parse_args()

    if args.command == "down":
        stop(args.profile)
    elif args.command == "status":
        sys.exit(status(args.profile))
    elif args.command == "migrate":
        migrate(args.profile)
    elif args.command == "reset":
        reset(args.profile)
    elif args.command == "roll":
        roll(args.profile, args.timeout)
    elif args.command == "watch":
        wait_until_interrupted(args.profile)
    elif args.command == "urls":
        print(json.dumps({s.name: f"http://127.0.0.1:{s.port}" for s in services(args.profile)}))
    else:
        began = time.monotonic()
        print("migrating")
        migrate(args.profile)
        print("starting services")
        start(args.profile, args.timeout)
        print(f"all services ready in {time.monotonic() - began:.1f}s")
        if args.foreground:
            wait_until_interrupted(args.profile)


def wait_until_interrupted(profile: str) -> None:
    def on_signal(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        while True:
            time.sleep(1)
            for svc in processes(profile):
                if recorded_pid(profile, svc) is None:
                    print(f"{svc.name} exited; see .local/{profile}/logs/{svc.name}.log")
                    raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("\nstopping services")
        stop(profile)


if __name__ == "__main__":
    main()
