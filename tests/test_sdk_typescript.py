"""clients/typescript: the TypeScript types generated from docs/api/openapi.json must be what the
generator makes of the committed document, and the web app must be checked against them (a field
the document renames stops `npm run typecheck` wherever a page reads it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "clients" / "typescript"
WEBAPP = ROOT / "webapp"
SCHEMA = CLIENT / "src" / "schema.d.ts"
OPENAPI = ROOT / "docs" / "api" / "openapi.json"


def needs(path: Path) -> None:
    """The npm packages come from deploy/local/install.sh (make test runs it first): missing, the
    test fails saying how to get them rather than passing over the check."""
    if shutil.which("node") is None or not path.exists():
        pytest.fail(f"{path} missing (or node): run deploy/local/install.sh")


def generate(target: Path, document: Path = OPENAPI) -> str:
    needs(CLIENT / "node_modules" / "openapi-typescript")
    subprocess.run(
        ["node", str(CLIENT / "generate.mjs"), str(target), str(document)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return target.read_text()


def typecheck(project: Path) -> subprocess.CompletedProcess[str]:
    tsc = WEBAPP / "node_modules" / ".bin" / "tsc"
    needs(tsc)
    return subprocess.run(
        [str(tsc), "--noEmit", "-p", "."],
        cwd=project,  # so the errors name files as src/...
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_committed_types_are_what_the_generator_makes_of_the_document(tmp_path):
    fresh = generate(tmp_path / "schema.d.ts")
    assert SCHEMA.read_text() == fresh, "clients/typescript/src/schema.d.ts is stale: run make sdk"


def test_the_generator_gives_the_same_bytes_twice_and_changes_with_the_document(tmp_path):
    first = generate(tmp_path / "a.d.ts")
    assert generate(tmp_path / "b.d.ts") == first
    document = json.loads(OPENAPI.read_text())
    document["components"]["schemas"]["ClientRead"]["properties"]["legal_name"]["description"] = (
        "A description no release ever had."
    )
    changed = tmp_path / "openapi.json"
    changed.write_text(json.dumps(document))
    assert generate(tmp_path / "c.d.ts", changed) != first


def test_the_web_app_and_the_client_typecheck_against_the_committed_types():
    for project in (WEBAPP, CLIENT):
        answer = typecheck(project)
        assert answer.returncode == 0, f"{project.name}: {answer.stdout}{answer.stderr}"


def copy_of_the_app(tmp_path: Path, document: Path = OPENAPI) -> Path:
    """The web app and the client's sources, copied side by side with types generated from
    `document`; the copy typechecks with the web app's own TypeScript and packages."""
    shutil.copytree(CLIENT / "src", tmp_path / "clients" / "typescript" / "src")
    generate(tmp_path / "clients" / "typescript" / "src" / "schema.d.ts", document)
    app = tmp_path / "webapp"
    shutil.copytree(WEBAPP / "src", app / "src")
    shutil.copy(WEBAPP / "tsconfig.json", app / "tsconfig.json")
    os.symlink(WEBAPP / "node_modules", app / "node_modules")
    return app


def renamed_in_a_copy(tmp_path: Path, schema: str, old: str, new: str) -> Path:
    """The app checked against a document whose `schema` calls its field `old` by `new` instead
    (what a rename in the API would do)."""
    document = json.loads(OPENAPI.read_text())
    properties = document["components"]["schemas"][schema]["properties"]
    properties[new] = properties.pop(old)
    required = document["components"]["schemas"][schema].get("required", [])
    document["components"]["schemas"][schema]["required"] = [
        new if r == old else r for r in required
    ]
    renamed = tmp_path / "openapi.json"
    renamed.write_text(json.dumps(document))
    return copy_of_the_app(tmp_path, renamed)


def test_a_field_renamed_in_the_document_fails_the_web_apps_typecheck_where_it_is_read(tmp_path):
    # The dashboard and the client page read each portfolio item's `share_fraction`.
    app = renamed_in_a_copy(tmp_path, "PortfolioClient", "share_fraction", "share_renamed")
    answer = typecheck(app)
    assert answer.returncode != 0
    assert "share_fraction" in answer.stdout
    assert "pages/dashboard/sharesCard.ts" in answer.stdout
    assert "pages/client/billing12Card.ts" in answer.stdout


def test_a_call_must_name_its_path_match_it_and_ask_only_for_what_the_document_has(tmp_path):
    app = copy_of_the_app(tmp_path)
    (app / "src" / "hostile.ts").write_text(
        'import { api } from "./api";\n'
        "export async function calls(id: string) {\n"
        "  await api.get(`/v1/clients/${id}`);\n"
        '  await api.get<"/v1/clients/{client_id}">(`/v1/invoices/${id}`);\n'
        '  await api.get<"/v1/clients">("/v1/clients", { limitt: 3 });\n'
        '  await api.post<"/v1/clients/{client_id}">(`/v1/clients/${id}`, {});\n'
        '  const client = await api.get<"/v1/clients/{client_id}">(`/v1/clients/${id}`);\n'
        "  return client.no_such_field;\n"
        "}\n"
    )
    answer = typecheck(app)
    errors = [line for line in answer.stdout.splitlines() if line.startswith("src/hostile.ts(")]
    # One error on each line but the first and the last: nothing else in the app fails.
    assert [int(e.split("(")[1].split(",")[0]) for e in errors] == [3, 4, 5, 6, 8], answer.stdout
    assert "not assignable to parameter of type 'never'" in errors[0]
    assert "/v1/invoices/" in errors[1]
    assert "limitt" in errors[2]
    assert "no_such_field" in errors[4]
