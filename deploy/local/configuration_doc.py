"""Write docs/configuration.md: every environment variable a Cartera process reads, from the
settings classes themselves (name, type, default, whether it is a secret, and the comment above
the field), plus the few process-level variables read outside the settings classes.

    .venv/bin/python deploy/local/configuration_doc.py [docs/configuration.md]

`tests/test_configuration_doc.py` fails when the document is stale or when the code reads a
variable it does not list.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
import textwrap
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import AliasChoices, SecretStr
from pydantic_core import PydanticUndefined
from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[2]

# (section title, "module:Class", what the section covers). A class lists only the fields it
# adds to the classes before it in its own line of inheritance.
SETTINGS_CLASSES: tuple[tuple[str, str, str], ...] = (
    (
        "Every service",
        "cartera_shared.settings:ServiceSettings",
        "Read by each of the six services.",
    ),
    (
        "Kafka security (every service)",
        "cartera_shared.kafka:KafkaConnection",
        "Read by every Kafka client of a process.",
    ),
    ("Migrations", "cartera_shared.settings:MigrationSettings", "Read by `alembic upgrade`."),
    (
        "Services that keep secrets (invoicing, gateway)",
        "cartera_shared.data_keys:DataKeySettings",
        "The key that encrypts what they must read back.",
    ),
    ("clients", "cartera_clients.settings:ClientsSettings", "The clients service."),
    ("invoicing", "cartera_invoicing.settings:InvoicingSettings", "The invoicing service."),
    (
        "collections",
        "cartera_collections.settings:CollectionsSettings",
        "The collections service.",
    ),
    ("crm", "cartera_crm.settings:CrmSettings", "The crm service."),
    ("gateway", "cartera_gateway.settings:GatewaySettings", "The gateway."),
)

# Read with os.environ outside the settings classes: what the process itself needs before any
# settings exist (its port, its logging) or what a library reads.
PROCESS_VARIABLES: tuple[tuple[str, str], ...] = (
    ("HOST", "The address a service listens on (default 127.0.0.1)."),
    ("PORT", "The port a service listens on (each service has its own default)."),
    (
        "HTTP_IDLE_TIMEOUT_SECONDS",
        "Seconds a connection may stay silent before a whole request head arrives (default 10).",
    ),
    (
        "CARTERA_PROCESS",
        "What a process runs: all (default), api (routes only) or consumers (consumers and "
        "jobs; health, readiness and metrics).",
    ),
    (
        "CARTERA_KAFKA_INSTANCE_ID",
        "A name for this process that stays the same across restarts (a StatefulSet's pod "
        "name): its consumers join their groups as static members. Unset: dynamic members.",
    ),
    (
        "CARTERA_SHUTDOWN_DRAIN_SECONDS",
        "On SIGTERM, seconds a process goes on serving with /ready at 503 before it stops "
        "listening, its answers closing their connections (default 0; the Kubernetes "
        "manifests set 5, the local runner 3).",
    ),
    (
        "CARTERA_SHUTDOWN_GRACE_SECONDS",
        "Then, seconds the requests in hand have to finish (default 20).",
    ),
    (
        "CARTERA_REUSE_PORT",
        "1: the process listens on a port another instance of the service may share "
        "(SO_REUSEPORT), the newer taking every new connection, for a rolling restart on one "
        "machine (the local runner sets it). Unset: the port is the process's alone.",
    ),
    (
        "TRUSTED_PROXIES",
        "Comma-separated addresses or networks whose X-Forwarded-For is believed (default none).",
    ),
    (
        "CARTERA_METRICS_INTERVAL_SECONDS",
        "How often consumer lag, DLQ sizes and waiting Verifactu records are measured "
        "(default 15).",
    ),
    ("OTEL_EXPORTER_OTLP_ENDPOINT", "Where spans are exported; unset, no spans are exported."),
    ("OTEL_SERVICE_NAME", "The service name spans carry (default: the service's name)."),
    (
        "WEBAPP_DIST",
        "The built web app the gateway serves (default: webapp/dist; the image sets "
        "/app/webapp/dist).",
    ),
    ("PARTNER_DOCS_DIR", "The partner guides the gateway serves (default: docs/partners)."),
    (
        "API_DOCS_ASSETS",
        "The vendored API reference renderer the gateway serves (default: tools/api-docs/dist).",
    ),
    (
        "XDG_DATA_HOME",
        "Where local document storage defaults to when CARTERA_CLIENTS_DOCUMENTS_PATH is unset.",
    ),
    ("CARTERA_DATABASE_URL", "Also read by the migration tooling (see Migrations)."),
    ("CARTERA_KAFKA_BOOTSTRAP_SERVERS", "Also read by the topic tooling (see Every service)."),
)


def _field_comments(cls: type) -> dict[str, str]:
    """The comment lines right above each field of `cls`, joined."""
    source = textwrap.dedent(inspect.getsource(cls))
    lines = source.splitlines()
    found: dict[str, str] = {}
    for node in ast.parse(source).body[0].body:  # type: ignore[attr-defined]
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            comment: list[str] = []
            row = node.lineno - 2
            while row >= 0 and lines[row].strip().startswith("#"):
                comment.insert(0, lines[row].strip().lstrip("#").strip())
                row -= 1
            found[node.target.id] = " ".join(comment)
    return found


def _type_name(annotation: Any) -> str:
    if get_origin(annotation) is Literal:
        return "one of " + ", ".join(f"`{value}`" for value in get_args(annotation))
    arguments = [a for a in get_args(annotation) if a is not type(None)]
    if arguments and len(arguments) < len(get_args(annotation)):
        return _type_name(arguments[0] if len(arguments) == 1 else annotation)
    text = getattr(annotation, "__name__", None) or str(annotation)
    return {"datetime": "instant (ISO 8601, with zone)", "Path": "path"}.get(text, text)


def _default(field: Any) -> str:
    if field.default is PydanticUndefined and field.default_factory is None:
        return "**required**"
    if field.default_factory is not None:
        return "(computed)"
    if field.default is None:
        return "unset"
    if isinstance(field.default, SecretStr):
        return "(secret)"
    return f"`{field.default}`"


def names_of(alias: object, field_name: str) -> tuple[str, list[str]]:
    """The variable a field is read from, and its former (deprecated) names."""
    if isinstance(alias, AliasChoices):
        new, *former = (str(choice) for choice in alias.choices)
        return new, former
    return (alias if isinstance(alias, str) else field_name.upper()), []


def variables_of(cls: type[BaseSettings]) -> list[tuple[str, str, str, str, list[str]]]:
    """(variable, type, default, meaning, former names) of the fields `cls` itself declares."""
    inherited: set[str] = set()
    for base in cls.__mro__[1:]:
        inherited.update(getattr(base, "model_fields", {}))
    comments = _field_comments(cls)
    rows = []
    for name, field in cls.model_fields.items():
        if name in inherited and name not in comments:
            continue
        variable, former = names_of(field.validation_alias, name)
        meaning = field.description or comments.get(name, "")
        secret = "SecretStr" in str(field.annotation)
        kind = "secret" if secret else _type_name(field.annotation)
        rows.append((variable, kind, _default(field), meaning, former))
    return rows


def class_of(target: str) -> type[BaseSettings]:
    module_name, class_name = target.split(":")
    cls: type[BaseSettings] = getattr(importlib.import_module(module_name), class_name)
    return cls


def document() -> str:
    out = [
        "# Configuration",
        "",
        "Every Cartera process is configured by environment variables only; the names are the",
        "same for the local runner (`deploy/local`), docker-compose and Kubernetes. No secret has",
        "a default: local runs make their own under `.local/` (`deploy/local/local_secrets.py`).",
        "",
        "This page is written from the settings classes by `deploy/local/configuration_doc.py`",
        "(`make docs`); a test fails when it is stale.",
        "",
        "## Names",
        "",
        "Every variable a service reads starts with `CARTERA_`:",
        "",
        "- `CARTERA_<NAME>` is read by every service: the database, Kafka, the internal secret,",
        "  logging, the consumers and the outbox, the data key. Each process is given its own",
        "  value where it must differ (each service has its own database role in",
        "  `CARTERA_DATABASE_APP_URL`, its own Kafka user), but the name is the same everywhere,",
        "  so the shared settings class reads it once for all.",
        "- `CARTERA_<SERVICE>_URL` is where a service answers, read by each service that calls",
        "  it (`CARTERA_CLIENTS_URL` is read by invoicing, collections, crm and the gateway): one",
        "  fact of an installation, not one setting per caller.",
        "- `CARTERA_<SERVICE>_<NAME>` is read by that service alone (`CARTERA_INVOICING_...`,",
        "  `CARTERA_COLLECTIONS_...`, `CARTERA_CRM_...`, `CARTERA_CLIENTS_...`,",
        "  `CARTERA_GATEWAY_...`). Two services that both send mail have their own",
        "  `CARTERA_COLLECTIONS_SMTP_*` and `CARTERA_GATEWAY_SMTP_*`: each has its own sender.",
        "",
        "The names before this rule (`DATABASE_URL`, `VERIFACTU_ENDPOINT`, `SMTP_HOST`, ...) are",
        "still read, as deprecated aliases listed under each variable. When both are set the new",
        "name wins; a service started with a former name logs one warning per name, naming the",
        "new one. Secrets are checked the same under either name. The aliases will be removed in",
        "a later release: rename them now.",
        "",
    ]
    for title, target, about in SETTINGS_CLASSES:
        module_name, class_name = target.split(":")
        cls = class_of(target)
        rows = variables_of(cls)
        out += [f"## {title}", "", f"{about} Class `{class_name}` (`{module_name}`).", ""]
        if not rows:
            out += ["No variables of its own.", ""]
            continue
        out += ["| variable | type | default | meaning |", "|---|---|---|---|"]
        for variable, kind, default, meaning, former in rows:
            cell = meaning.replace("|", "\\|")
            if former:
                cell += " Formerly " + ", ".join(f"`{name}`" for name in former) + " (deprecated)."
            out.append(f"| `{variable}` | {kind} | {default} | {cell.strip()} |")
        out.append("")
    out += [
        "## Process",
        "",
        "Read outside the settings classes, by the process or a library.",
        "",
        "| variable | meaning |",
        "|---|---|",
    ]
    out += [f"| `{name}` | {meaning} |" for name, meaning in PROCESS_VARIABLES]
    return "\n".join(out) + "\n"


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "configuration.md"
    target.write_text(document())
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
