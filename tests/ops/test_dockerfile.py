"""No Docker engine runs here: the Dockerfile's structure is checked instead (multi-stage, slim,
non-root, reproducible from uv.lock, one image per service by build argument), and kept in step
with docker-compose.yml and the Kubernetes manifests."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "deploy/docker/Dockerfile"
SERVICES = ["clients", "invoicing", "collections", "crm", "analytics", "gateway"]


def instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


def stages() -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = []
    for op, arg in instructions():
        if op == "FROM":
            out.append([])
        if out:
            out[-1].append((op, arg))
    return out


def test_two_stages_from_a_slim_python():
    build, runtime = stages()
    assert build[0][1].endswith("AS build")
    assert runtime[0][1].endswith("AS runtime")
    default = dict(a.split("=", 1) for op, a in instructions() if op == "ARG" and "=" in a)
    assert default["PYTHON_IMAGE"].endswith("-slim")
    assert build[0][1].startswith("${PYTHON_IMAGE}")
    assert runtime[0][1].startswith("${PYTHON_IMAGE}")


def test_dependencies_come_from_the_lock_file_with_a_pinned_uv():
    build, _ = stages()
    runs = " ".join(a for op, a in build if op == "RUN")
    assert 'uv==${UV_VERSION}"' in runs
    assert runs.count("uv sync --frozen --no-dev") == 2
    assert "uv.lock" in " ".join(a for op, a in build if op == "COPY")
    env = " ".join(a for op, a in build if op == "ENV")
    assert "UV_PYTHON_DOWNLOADS=never" in env


def test_the_runtime_stage_is_non_root_without_build_tools():
    _, runtime = stages()
    ops = [op for op, _ in runtime]
    assert "USER" in ops
    user = next(a for op, a in runtime if op == "USER")
    assert user.split(":")[0] not in ("root", "0")
    assert ops.index("USER") > max(i for i, op in enumerate(ops) if op in ("RUN", "COPY"))
    assert not [a for op, a in runtime if op == "RUN" and ("pip" in a or "uv " in a)]
    copies = [a for op, a in runtime if op == "COPY"]
    assert copies
    assert all(a.startswith("--from=build") for a in copies)
    cmd = next(a for op, a in runtime if op == "CMD")
    assert "exec python -m" in cmd


def test_the_service_argument_picks_the_module_that_runs():
    _, runtime = stages()
    env = " ".join(a for op, a in runtime if op == "ENV")
    assert "SERVICE_MODULE=cartera_${SERVICE}.main" in env
    for name in SERVICES:
        assert (ROOT / "services" / name / "pyproject.toml").exists()


def test_compose_builds_every_service_with_it():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for name in [*SERVICES, "migrate"]:
        build = compose[name]["build"]
        assert build["dockerfile"] == "deploy/docker/Dockerfile"
        assert build["args"]["SERVICE"] == ("all" if name == "migrate" else name)
