"""deploy/local/stack.py's start: what `make run` and the fault test rely on."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

READY_SERVER = textwrap.dedent(
    """
    import os
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Ready(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path in ("/ready", "/health") else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    print("listening", flush=True)
    HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Ready).serve_forever()
    """
)


@pytest.fixture
def script(stack_script, tmp_path, monkeypatch):
    """stack.py, its services replaced by one tiny HTTP server that answers /ready."""
    module = stack_script
    (tmp_path / "fake_ready_service.py").write_text(READY_SERVER)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    service = module.Service("fake", "fake_ready_service", port)
    monkeypatch.setattr(module, "services", lambda profile: [service])
    monkeypatch.setattr(module, "processes", lambda profile: [service])
    monkeypatch.setattr(module, "state_dir", lambda profile: tmp_path / "state")
    monkeypatch.setattr(module, "PYTHON", Path(sys.executable))
    monkeypatch.setattr(
        module,
        "service_env",
        lambda profile, svc: {
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(tmp_path),
            "PORT": str(svc.port),
        },
    )
    yield module
    module.stop("test", grace_seconds=2)


def test_start_starts_a_service_and_records_its_pid(script):
    started = script.start("test", timeout=30)

    (service,) = started
    pid = script.recorded_pid("test", service)
    assert pid is not None
    assert script.http_status(f"http://127.0.0.1:{service.port}/ready") == 200


def test_a_service_that_dies_while_start_waits_for_it_is_started_again(script, tmp_path):
    """The fault test SIGKILLs a service and calls `up` at once: the victim may still look alive.

    start() then reports it as running and waits for it to be ready; once it has died, start()
    must start it rather than give up with "exited" and stop the whole stack.
    """
    (service,) = script.services("test")
    dying = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1.5)", service.module])
    pids = tmp_path / "state" / "pids"
    pids.mkdir(parents=True)
    (pids / "fake.pid").write_text(str(dying.pid))
    assert script.recorded_pid("test", service) == dying.pid  # looks like the service, running

    began = time.monotonic()
    started = script.start("test", timeout=30)

    assert dying.wait(timeout=5) == 0
    assert [s.name for s in started] == ["fake"]
    new_pid = script.recorded_pid("test", service)
    assert new_pid not in (None, dying.pid)
    assert script.http_status(f"http://127.0.0.1:{service.port}/ready") == 200
    assert time.monotonic() - began < 20
