"""docs/configuration.md lists every environment variable the code reads, and is current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "docs" / "configuration.md"
CODE = [ROOT / "shared" / "cartera_shared", *sorted((ROOT / "services").glob("*/cartera_*"))]
READS = re.compile(
    r"validation_alias=\"([A-Z][A-Z0-9_]+)\"|os\.environ(?:\.get)?[\[(]\s*\"([A-Z][A-Z0-9_]+)\""
    r"|_ENV = \"([A-Z][A-Z0-9_]+)\""
)


def generator():  # deploy/local is not a package: load the script by its path
    spec = importlib.util.spec_from_file_location(
        "configuration_doc", ROOT / "deploy" / "local" / "configuration_doc.py"
    )
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_variables() -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in CODE:
        for path in folder.rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for match in READS.finditer(path.read_text()):
                name = next(group for group in match.groups() if group)
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def test_the_document_is_current():
    expected = generator().document()
    assert DOCUMENT.read_text() == expected, (
        "docs/configuration.md is stale: run `.venv/bin/python deploy/local/configuration_doc.py`"
    )


def test_every_variable_the_code_reads_is_listed():
    listed = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", DOCUMENT.read_text(), re.MULTILINE))
    missing = {name: where for name, where in read_variables().items() if name not in listed}
    assert not missing, f"read by the code but not in docs/configuration.md: {missing}"


def test_every_listed_variable_says_what_it_is_for():
    blank = re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|.*\|  \|$", DOCUMENT.read_text(), re.MULTILINE)
    assert not blank, f"variables without a meaning (add a comment above the field): {blank}"
