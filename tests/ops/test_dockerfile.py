"""No Docker engine runs here: the Dockerfile's structure is checked instead (multi-stage, slim,
non-root, reproducible from uv.lock, one image per service by build argument, the web app built
in a stage of its own from exactly the files it copies), and kept in step with
docker-compose.yml and the Kubernetes manifests."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
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


def test_three_stages_the_python_ones_from_a_slim_image():
    webapp, build, runtime = stages()
    assert webapp[0][1] == "${NODE_IMAGE} AS webapp"
    assert build[0][1].endswith("AS build")
    assert runtime[0][1].endswith("AS runtime")
    default = dict(a.split("=", 1) for op, a in instructions() if op == "ARG" and "=" in a)
    assert default["PYTHON_IMAGE"].endswith("-slim")
    assert default["NODE_IMAGE"].endswith("-slim")
    assert build[0][1].startswith("${PYTHON_IMAGE}")
    assert runtime[0][1].startswith("${PYTHON_IMAGE}")


def test_the_image_holds_the_built_web_app_where_the_gateway_looks():
    webapp, _, runtime = stages()
    runs = [a for op, a in webapp if op == "RUN"]
    assert runs == [
        "cd webapp && npm ci --no-audit --no-fund",
        "cd webapp && npm run build",
    ]
    copies = [a for op, a in runtime if op == "COPY"]
    assert "--from=webapp /src/webapp/dist ./webapp/dist" in copies
    workdir = next(a for op, a in runtime if op == "WORKDIR")
    env = " ".join(a for op, a in runtime if op == "ENV")
    assert f"WEBAPP_DIST={workdir}/webapp/dist" in env


def test_the_files_the_web_app_stage_copies_are_enough_to_build_it(tmp_path):
    """The stage replayed outside Docker: only what its COPY lines bring, then its RUN lines (npm
    ci from the lock file, the type check and the bundle). A source the build reads but the
    stage forgot fails here, not in an operator's image build."""
    webapp, _, _ = stages()
    workdir = Path(next(a for op, a in webapp if op == "WORKDIR"))
    root = tmp_path / "image"
    for op, arg in webapp:
        if op == "COPY":
            *sources, target = arg.split()
            destination = root / workdir.relative_to("/") / target
            for source in sources:
                origin = ROOT / source
                if origin.is_dir():
                    shutil.copytree(origin, destination, dirs_exist_ok=True)
                else:
                    place = destination / origin.name if target.endswith("/") else destination
                    place.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(origin, place)
        elif op == "RUN":
            # Prefer the npm cache `make install` filled: the same lock file, no network needed.
            command = arg.replace("npm ci ", "npm ci --prefer-offline ")
            subprocess.run(
                ["bash", "-c", command],
                cwd=root / workdir.relative_to("/"),
                check=True,
                capture_output=True,
                timeout=300,
            )
    dist = root / workdir.relative_to("/") / "webapp" / "dist"
    page = (dist / "index.html").read_text()
    assets = re.findall(r"/app/assets/([\w.-]+)", page)
    assert assets
    assert all((dist / "assets" / name).is_file() for name in assets)
    lock = json.loads((ROOT / "webapp" / "package-lock.json").read_text())
    assert (root / "src/webapp/node_modules/chart.js/package.json").is_file()
    assert (
        lock["packages"]["node_modules/chart.js"]["version"]
        == json.loads((root / "src/webapp/node_modules/chart.js/package.json").read_text())[
            "version"
        ]
    )


def test_dependencies_come_from_the_lock_file_with_a_pinned_uv():
    _, build, _ = stages()
    runs = " ".join(a for op, a in build if op == "RUN")
    assert 'uv==${UV_VERSION}"' in runs
    assert runs.count("uv sync --frozen --no-dev") == 2
    assert "uv.lock" in " ".join(a for op, a in build if op == "COPY")
    env = " ".join(a for op, a in build if op == "ENV")
    assert "UV_PYTHON_DOWNLOADS=never" in env


def test_the_runtime_stage_is_non_root_without_build_tools():
    _, _, runtime = stages()
    ops = [op for op, _ in runtime]
    assert "USER" in ops
    user = next(a for op, a in runtime if op == "USER")
    assert user.split(":")[0] not in ("root", "0")
    assert ops.index("USER") > max(i for i, op in enumerate(ops) if op in ("RUN", "COPY"))
    assert not [a for op, a in runtime if op == "RUN" and ("pip" in a or "uv " in a)]
    copies = [a for op, a in runtime if op == "COPY"]
    assert copies
    assert all(a.startswith(("--from=build ", "--from=webapp ")) for a in copies)
    cmd = next(a for op, a in runtime if op == "CMD")
    assert "exec python -m" in cmd


def test_the_service_argument_picks_the_module_that_runs():
    _, _, runtime = stages()
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
