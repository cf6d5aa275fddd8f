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
    r"|_ENV = \"([A-Z][A-Z0-9_]+)\"|renamed\(\s*\"([A-Z][A-Z0-9_]+)\""
)
# The former names of a renamed variable: renamed("NEW", "OLD", ...).
FORMER = re.compile(r"renamed\(\s*\"[A-Z][A-Z0-9_]+\",\s*((?:\"[A-Z][A-Z0-9_]+\",?\s*)+)\)")


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


def listed_variables() -> tuple[set[str], dict[str, str]]:
    """The variables the document lists, and {former name: the variable it is listed under}."""
    text = DOCUMENT.read_text()
    rows = re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|(.*)$", text, re.MULTILINE)
    former = {
        old: name
        for name, rest in rows
        for formerly in re.findall(r"Formerly ((?:`[A-Z][A-Z0-9_]+`(?:, )?)+) \(deprecated\)", rest)
        for old in re.findall(r"`([A-Z][A-Z0-9_]+)`", formerly)
    }
    return {name for name, _ in rows}, former


def test_every_variable_the_code_reads_is_listed():
    names, former = listed_variables()
    listed = names | set(former)
    missing = {name: where for name, where in read_variables().items() if name not in listed}
    assert not missing, f"read by the code but not in docs/configuration.md: {missing}"


def test_every_listed_variable_says_what_it_is_for():
    blank = re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|.*\|  \|$", DOCUMENT.read_text(), re.MULTILINE)
    assert not blank, f"variables without a meaning (add a comment above the field): {blank}"


def test_every_former_name_is_listed_under_its_new_one():
    read: dict[str, str] = {}
    for folder in CODE:
        for path in folder.rglob("*.py"):
            if "tests" in path.parts:
                continue
            for match in re.finditer(
                r"renamed\(\s*\"([A-Z][A-Z0-9_]+)\",([^)]*)\)", path.read_text()
            ):
                for old in re.findall(r"\"([A-Z][A-Z0-9_]+)\"", match.group(2)):
                    read[old] = match.group(1)
    assert len(read) > 50  # the regular expression still finds the renamed settings
    _, former = listed_variables()
    wrong = {old: new for old, new in read.items() if former.get(old) != new}
    assert not wrong, f"former names not listed (or listed under another variable): {wrong}"


def test_each_service_reads_its_own_variables_under_its_prefix():
    """A service's own setting is CARTERA_<SERVICE>_*; the only others a service class declares
    are the addresses of the services it calls (CARTERA_<CALLEE>_URL)."""
    module = generator()
    services = ("CLIENTS", "INVOICING", "COLLECTIONS", "CRM", "ANALYTICS", "GATEWAY")
    addresses = {f"CARTERA_{service}_URL" for service in services}
    checked = 0
    for title, target, _ in module.SETTINGS_CLASSES:
        service = title.upper()
        rows = module.variables_of(module.class_of(target))
        for variable, *_ in rows:
            checked += 1
            if service in services:
                assert variable.startswith(f"CARTERA_{service}_") or variable in addresses, (
                    title,
                    variable,
                )
            else:
                assert variable.startswith("CARTERA_"), (title, variable)
                assert not variable.startswith(tuple(f"CARTERA_{s}_" for s in services)), (
                    title,
                    variable,
                )
    assert checked > 80
