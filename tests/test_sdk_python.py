"""The typed Python client in clients/python: current with the document, installable, typed.

No services: the generator runs on docs/api/openapi.json (and on altered copies of it), pip
installs the package into a new virtual environment, mypy reads the README's example.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "clients" / "python"
EXAMPLE = CLIENT / "examples" / "quickstart.py"


@pytest.fixture(scope="module")
def sdk() -> ModuleType:
    """deploy/local/sdk_python.py as a module (it is a script, not part of a package)."""
    spec = importlib.util.spec_from_file_location("sdk_python", ROOT / "deploy/local/sdk_python.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def altered_document(tmp_path: Path, change: Any) -> Path:
    document = json.loads((ROOT / "docs/api/openapi.json").read_text())
    change(document)
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    return path


def test_the_committed_client_is_what_the_document_generates(sdk: ModuleType) -> None:
    stale = sdk.stale_files()
    assert not stale, (
        "clients/python/cartera_client is stale: run `make sdk` and commit it. Differs: "
        + ", ".join(stale[:20])
    )


def test_a_change_of_the_document_makes_the_client_stale(sdk: ModuleType, tmp_path: Path) -> None:
    def drop_receivables_and_rename_a_member(document: dict[str, Any]) -> None:
        del document["paths"]["/v1/receivables"]
        payment = document["components"]["schemas"]["PaymentIn"]
        payment["properties"]["reference_text"] = payment["properties"].pop("reference")

    stale = sdk.stale_files(altered_document(tmp_path, drop_receivables_and_rename_a_member))
    assert "api/receivables/list_receivables.py" in stale
    assert "models/payment_in.py" in stale


def test_a_hand_edit_of_the_generated_code_is_noticed(sdk: ModuleType, tmp_path: Path) -> None:
    copy = tmp_path / "cartera_client"
    shutil.copytree(CLIENT / "cartera_client", copy)
    edited = copy / "models" / "problem_details.py"
    edited.write_text(edited.read_text() + "\n# patched by hand\n")
    (copy / "models" / "extra.py").write_text("X = 1\n")
    (copy / "types.py").unlink()
    assert sdk.differences(CLIENT / "cartera_client", copy) == [
        "models/extra.py",
        "models/problem_details.py",
        "types.py",
    ]


def test_the_generator_must_read_the_whole_document(sdk: ModuleType, tmp_path: Path) -> None:
    """A part the generator would leave out (here a ZIP answer) stops `make sdk`."""

    def answer_zip(document: dict[str, Any]) -> None:
        answer = document["paths"]["/v1/receivables"]["get"]["responses"]["200"]
        answer["content"] = {"application/zip": {"schema": {"type": "string", "format": "binary"}}}

    with pytest.raises(sdk.GenerationFailed, match="left parts of the document out"):
        sdk.generate(tmp_path / "out", altered_document(tmp_path, answer_zip))


def test_the_client_declares_every_operation_of_the_document() -> None:
    document = json.loads((ROOT / "docs/api/openapi.json").read_text())
    operations = {
        operation["operationId"]
        for methods in document["paths"].values()
        for operation in methods.values()
    }
    generated = {path.stem for path in (CLIENT / "cartera_client" / "api").glob("*/*.py")}
    assert operations - generated == set()
    assert (CLIENT / "cartera_client" / "py.typed").exists()


@pytest.mark.slow  # pip fetches the build backend and httpx: half a minute (e2e installs it too)
def test_pip_installs_the_client_into_a_new_environment(sdk: ModuleType, tmp_path: Path) -> None:
    python = sdk.install_in_new_environment(tmp_path / "venv")
    # Run outside the checkout, so only the installed copy can be imported.
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m, importlib.resources as r, cartera_client;"
            "from cartera_client.api.payments import record_payment;"
            "print(m.version('cartera-client'), r.files('cartera_client').joinpath('py.typed')"
            ".is_file(), cartera_client.__file__)",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    version, typed, location = probe.stdout.split()
    assert version == "0.1.0"
    assert typed == "True"
    assert location.startswith(str(tmp_path / "venv"))
    # Every declared dependency was installed, at versions that satisfy the declaration.
    check = subprocess.run(
        [str(python), "-m", "pip", "check", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_client_and_the_example_pass_mypy_strict() -> None:
    """The generated package and the README's example, read by mypy --strict.

    The generator's slips show up here (openapi-python-client 0.29.1 once named `Unset` without
    importing it, and read a CSV download as text into a bytes buffer).
    """
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            os.devnull,
            "cartera_client",
            "examples/quickstart.py",
        ],
        capture_output=True,
        text=True,
        cwd=CLIENT,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
