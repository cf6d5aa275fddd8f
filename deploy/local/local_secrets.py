#!/usr/bin/env python3
"""The secrets of a local run: made at random on first use, kept in `.local/secrets/local.env`.

    local_secrets.py env          `export` lines for every secret (eval-safe)
    local_secrets.py dotenv       NAME=value lines, for docker compose's `.env` file
    local_secrets.py get NAME     one secret's value
    local_secrets.py path         where they are kept

No secret of Cartera has a default anywhere: the services refuse to start without strong ones.
On a developer's machine this file is where they come from. It is made once (mode 0600 in a
0700 folder) and reused, so the database passwords and the operator token stay the same from one
`make run` to the next. A variable already set in the environment wins over the file, so an
operator can pin any of them. Delete the file to get new ones (`make down` first: the database
roles are given the new passwords at the next start). Standard library only: it runs before the
workspace is installed.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRETS_DIR = ROOT / ".local" / "secrets"
SECRETS_FILE = SECRETS_DIR / "local.env"

SERVICES = ("clients", "invoicing", "collections", "crm", "analytics", "gateway")


def database_password_name(role: str) -> str:
    return f"POSTGRES_PASSWORD_{role.upper()}"


# Every secret a local run needs, with how it is made.
NAMES = (
    "CARTERA_INTERNAL_SECRET",  # signs the gateway's identity tokens for the services
    "CARTERA_GATEWAY_ADMIN_TOKEN",  # the operator's token (POST /v1/admin/tenants)
    "CARTERA_GATEWAY_METRICS_TOKEN",  # reads the gateway's /metrics
    "CARTERA_DATA_KEY",  # encrypts secrets kept in the databases (webhook secrets, cert keys)
    "CARTERA_CRM_INBOUND_KEY",  # derives each tenant's inbound-message signing secret
    "CARTERA_DEMO_PASSWORD",  # the demo tenant owner's password (make run's seed prints it)
    database_password_name("cartera_owner"),
    *(database_password_name(f"cartera_{service}") for service in SERVICES),
    database_password_name("cartera_lab"),  # the library tests' non-owner role
)
# Names these secrets were kept under before the CARTERA_<SERVICE>_ prefix: a file (or an
# environment) of that time keeps its values, so the operator token does not change under them.
FORMER = {
    "CARTERA_GATEWAY_ADMIN_TOKEN": "CARTERA_ADMIN_TOKEN",
    "CARTERA_GATEWAY_METRICS_TOKEN": "CARTERA_METRICS_TOKEN",
    "CARTERA_CRM_INBOUND_KEY": "CRM_INBOUND_KEY",
}
PREFIXES = {"CARTERA_GATEWAY_ADMIN_TOKEN": "cop_", "CARTERA_GATEWAY_METRICS_TOKEN": "cmt_"}


def _new(name: str) -> str:
    if name == "CARTERA_DEMO_PASSWORD":
        return "Demo-" + secrets.token_urlsafe(12)  # typed by a person: shorter
    return PREFIXES.get(name, "") + secrets.token_hex(32)


def _read() -> dict[str, str]:
    values: dict[str, str] = {}
    if SECRETS_FILE.exists():
        for line in SECRETS_FILE.read_text().splitlines():
            name, sep, value = line.partition("=")
            if sep and not name.startswith("#"):
                values[name.strip()] = value.strip()
    return values


def ensure() -> dict[str, str]:
    """Every local secret: the file's, with any missing one made and added to it."""
    stored = _read()
    renamed = False
    for name, former in FORMER.items():
        if not stored.get(name) and stored.get(former):
            stored[name] = stored.pop(former)
            renamed = True
    missing = [n for n in NAMES if not stored.get(n)]
    if missing or renamed:
        SECRETS_DIR.mkdir(parents=True, exist_ok=True)
        os.chmod(SECRETS_DIR, 0o700)
        ignore = ROOT / ".local" / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# runtime state of deploy/local/*.sh - never commit\n*\n")
        stored.update({n: _new(n) for n in missing})
        lines = [
            "# Secrets of this checkout's local runs, made by deploy/local/local_secrets.py.",
            "# Never commit or share; delete to make new ones.",
            *(f"{n}={stored[n]}" for n in NAMES),
        ]
        temporary = SECRETS_FILE.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(temporary, SECRETS_FILE)
    return {n: os.environ.get(n) or os.environ.get(FORMER.get(n, "")) or stored[n] for n in NAMES}


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def main(argv: list[str]) -> int:
    if argv[:1] == ["env"] and len(argv) == 1:
        for name, value in ensure().items():
            print(f"export {name}={_quoted(value)}")
        return 0
    if argv == ["dotenv"]:
        for name, value in ensure().items():
            print(f"{name}={value}")
        return 0
    if argv[:1] == ["get"] and len(argv) == 2 and argv[1] in NAMES:
        print(ensure()[argv[1]])
        return 0
    if argv == ["path"]:
        print(SECRETS_FILE)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
