"""What a fresh clone needs is in the clone: nothing in the project reads a path beside it."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Ways a file can reach out of the checkout into a folder beside it (the team's reference folder,
# "shared" one level up). The examples below are built from pieces, so that this file does not
# itself hold what it looks for.
OUTSIDE = re.compile(
    r"\.\./shared\b|\.parent\s*/\s*\"shared\"\s*/\s*\"schemas\"|parents\[\d\]\.parent\b"
)
CHECKED = {".py", ".sh", ".ts", ".toml", ".mk", ".yml", ".yaml", ".cfg", ".ini", ".json"}


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in listed.split("\0") if name]


def test_no_file_reads_outside_the_checkout():
    offenders = []
    for path in tracked_files():
        if path.suffix not in CHECKED and path.name != "Makefile":
            continue
        if path == Path(__file__).resolve() or not path.is_file():
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "these lines reach outside the checkout:\n" + "\n".join(offenders)


def test_the_guard_recognises_what_it_looks_for():
    up, parent = "..", "ROOT.parent"
    assert OUTSIDE.search(parent + ' / "shared" / "schemas"')
    assert OUTSIDE.search(f"cat {up}/shared/schemas/sepa/x.xsd")
    assert OUTSIDE.search('Path(__file__).resolve().parents[4].parent / "x"')
    assert not OUTSIDE.search('ROOT / "shared" / "cartera_shared"')


# Secrets and passwords that were once written in the code or its configuration: published, so
# no installation may use them. Tests name them on purpose (to prove they are refused).
FORMER_SECRETS = (
    "cartera-local-internal-secret-change-me",
    "cartera-local-admin-token",
    "cartera_owner:cartera_owner",
    "cartera_app:cartera_app",
    "PASSWORD 'cartera_app'",
    "Cartera-demo-2026",
    "cartera-backup-drill",
)


def test_no_former_fixed_secret_is_left_outside_the_tests():
    offenders = []
    for path in tracked_files():
        relative = path.relative_to(ROOT)
        if "tests" in relative.parts or not path.is_file():
            continue
        text = path.read_text(errors="replace")
        offenders += [f"{relative}: {s}" for s in FORMER_SECRETS if s in text]
    assert not offenders, "\n".join(offenders)
