"""The typed Python client, clients/python/cartera_client, generated from docs/api/openapi.json.

    .venv/bin/python deploy/local/sdk_python.py          # regenerate it in place (`make sdk`)
    .venv/bin/python deploy/local/sdk_python.py --check  # exit 1 when the committed one is stale

The generator is openapi-python-client, pinned in the dev dependencies (uv.lock); its settings
are clients/python/openapi-python-client.yaml. Only the package folder is generated: the
distribution's pyproject.toml, README.md and examples/ around it are written by hand.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "docs" / "api" / "openapi.json"
PROJECT = ROOT / "clients" / "python"
CONFIG = PROJECT / "openapi-python-client.yaml"
PACKAGE = "cartera_client"
# The generator's own words when it had to leave a part of the document out of the client.
INCOMPLETE = "Warning(s) encountered while generating"


class GenerationFailed(RuntimeError):
    pass


def venv_bin() -> Path:
    """The folder of the running interpreter's tools: the generator and the ruff it runs."""
    # Not resolved: .venv/bin/python is a link to the base interpreter, outside the environment.
    return Path(sys.executable).parent


def generate(into: Path, document: Path = DOCUMENT) -> Path:
    """Write the package generated from `document` as `into`/cartera_client; return that folder."""
    generator = venv_bin() / "openapi-python-client"
    if not generator.exists():
        raise GenerationFailed(
            f"{generator} is missing: `make install` installs the dev dependencies (uv.lock)"
        )
    into.mkdir(parents=True, exist_ok=True)
    target = into / PACKAGE
    done = subprocess.run(  # noqa: S603 (the locked generator, fixed arguments)
        [
            str(generator),
            "generate",
            "--path",
            str(document),
            "--config",
            str(CONFIG),
            "--meta",
            "none",
            "--output-path",
            str(target),
        ],
        capture_output=True,
        text=True,
        cwd=into,
        check=False,
    )
    said = f"{done.stdout}\n{done.stderr}".strip()
    if done.returncode != 0 or not (target / "__init__.py").exists():
        raise GenerationFailed(f"openapi-python-client failed:\n{said}")
    # A client that silently lacks an operation or an answer is worse than no new client.
    if INCOMPLETE in said:
        raise GenerationFailed(
            "openapi-python-client left parts of the document out of the client; fix the "
            f"document or {CONFIG.relative_to(ROOT)}:\n{said}"
        )
    import_unset_where_named(target)
    tidy(target)
    # PEP 561: the package's own annotations are what a partner's type checker reads.
    (target / "py.typed").write_text("")
    return target


def import_unset_where_named(package: Path) -> None:
    """Import `Unset` in the operation modules that name it without importing it.

    openapi-python-client 0.29.1 annotates a required body of several media types as
    `... | Unset = UNSET` and forgets the import when nothing else in the module needs it (its
    open issue 1451): `receive_inbound_message` then fails with a NameError when imported. A
    no-op once the generator imports it itself.
    """
    for module in sorted(package.glob("api/*/*.py")):
        text = module.read_text()
        if not re.search(r"\bUnset\b", text) or re.search(
            r"^from \.\.\.types import .*\bUnset\b", text, re.M
        ):
            continue
        text, count = re.subn(
            r"^(from \.\.\.types import .+)$", r"\1, Unset", text, count=1, flags=re.M
        )
        if count != 1:
            raise GenerationFailed(f"{module}: names Unset and has no import from ...types")
        module.write_text(text)


def tidy(package: Path) -> None:
    """Ruff from the same lock, told everything on the command line (--isolated): the output
    depends neither on the folder it is written to nor on any configuration around it."""
    settings = ["--isolated", "--quiet", "--no-cache", "--target-version", "py311"]
    for command in (
        ["check", "--fix-only", "--select", "F,I,UP", "--line-length", "100"],
        ["format", "--line-length", "100"],
    ):
        done = subprocess.run(  # noqa: S603 (the locked ruff, fixed arguments)
            [str(venv_bin() / "ruff"), *command, *settings, str(package)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise GenerationFailed(f"ruff {command[0]} failed:\n{done.stdout}\n{done.stderr}")


def differences(expected: Path, actual: Path) -> list[str]:
    """Paths (relative to the package) whose files differ, or exist on one side only."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name}" for name in compared.left_only + compared.right_only)
        found.extend(f"{prefix}{name}" for name in compared.funny_files)
        for name in compared.common_files:
            left, right = Path(compared.left, name), Path(compared.right, name)
            if left.read_bytes() != right.read_bytes():
                found.append(f"{prefix}{name}")
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    ignored = ["__pycache__", ".mypy_cache", ".ruff_cache"]
    walk(filecmp.dircmp(expected, actual, ignore=ignored), "")
    return sorted(found)


def stale_files(document: Path = DOCUMENT) -> list[str]:
    """What `make sdk` would change in clients/python/cartera_client (empty: it is current)."""
    with tempfile.TemporaryDirectory(prefix="cartera-sdk-") as scratch:
        fresh = generate(Path(scratch), document)
        committed = PROJECT / PACKAGE
        if not committed.is_dir():
            return [f"{PACKAGE}/ (missing)"]
        return differences(fresh, committed)


def install_in_new_environment(venv: Path) -> Path:
    """`pip install ./clients/python` into a new virtual environment, as a partner would.

    Returns the environment's interpreter. pip fetches the build backend and the declared
    dependencies from the package index.
    """
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # noqa: S603
    python = venv / "bin" / "python"
    done = subprocess.run(  # noqa: S603 (fixed arguments)
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-input",
            str(PROJECT),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pip install {PROJECT} failed:\n{done.stdout}\n{done.stderr}")
    return python


def regenerate() -> None:
    with tempfile.TemporaryDirectory(prefix="cartera-sdk-") as scratch:
        fresh = generate(Path(scratch))
        target = PROJECT / PACKAGE
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(fresh, target, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    print(f"[sdk] {target.relative_to(ROOT)} generated from {DOCUMENT.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only tell whether the committed client is stale"
    )
    args = parser.parse_args()
    try:
        if not args.check:
            regenerate()
            return 0
        stale = stale_files()
    except GenerationFailed as failure:
        print(f"[sdk] {failure}", file=sys.stderr)
        return 2
    if stale:
        listed = "\n  ".join(stale)
        print(f"[sdk] clients/python is stale, run `make sdk`:\n  {listed}", file=sys.stderr)
        return 1
    print("[sdk] clients/python is current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
