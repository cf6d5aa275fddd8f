"""The TypeScript client against the running system: its quickstart (clients/typescript/examples),
compiled with esbuild and run with node, lists the clients, creates one, reads it back and reads
a 404's problem, all typed from the generated types."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cartera_shared.testing import random_cif

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "typescript"


@pytest.fixture(scope="module")
def quickstart() -> Path:
    if shutil.which("node") is None or not (CLIENT / "node_modules" / "esbuild").exists():
        pytest.fail(f"node or {CLIENT}/node_modules missing: run deploy/local/install.sh")
    subprocess.run(
        ["node", "build-examples.mjs"], cwd=CLIENT, check=True, capture_output=True, timeout=120
    )
    return CLIENT / "dist" / "quickstart.mjs"


def run(script: Path, gateway: str, api_key: str, tax_id: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CARTERA_BASE_URL": gateway,
        "CARTERA_API_KEY": api_key,
        "CARTERA_TAX_ID": tax_id,
    }
    return subprocess.run(
        ["node", str(script)], env=env, capture_output=True, text=True, timeout=120
    )


async def test_the_quickstart_lists_creates_reads_back_and_reads_a_problem(
    stack, tenant, quickstart
):
    tax_id = random_cif()
    done = run(quickstart, stack.gateway, tenant.api_key, tax_id)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["listed"] == 0  # a new tenant has no clients yet
    assert seen["read_back"] == {
        "id": seen["created"]["id"],
        "tax_id": tax_id,
        "legal_name": "Talleres Mecánicos Aranda S.L.",
    }
    assert seen["created"]["version"] == 1
    assert seen["problem"]["status"] == 404
    assert seen["problem"]["type"].startswith("https://")
    assert seen["problem"]["detail"]

    # What the TypeScript client created is there for any other client of the API.
    answer = await tenant.client.get(f"/v1/clients/{seen['created']['id']}")
    assert answer.status_code == 200
    assert answer.json()["tax_id"] == tax_id

    # A second run sees the first's client in its list.
    again = run(quickstart, stack.gateway, tenant.api_key, random_cif())
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout.strip().splitlines()[-1])["listed"] == 1


async def test_the_quickstart_stops_on_a_refused_key_and_on_a_refused_client(
    stack, tenant, quickstart
):
    refused = run(quickstart, stack.gateway, "ck_not_a_key_of_anyone", random_cif())
    assert refused.returncode != 0
    assert "listing clients failed: 401" in refused.stderr

    # A CIF whose control character is wrong: the API refuses it and the client says so.
    cif = random_cif()
    letters = "JABCDEFGHI"  # a CIF's control as a letter: J for 0, A for 1...
    last = cif[-1]
    wrong = cif[:-1] + (
        str((int(last) + 1) % 10) if last.isdigit() else letters[(letters.index(last) + 1) % 10]
    )
    bad = run(quickstart, stack.gateway, tenant.api_key, wrong)
    assert bad.returncode != 0
    assert "creating a client failed: 422" in bad.stderr
    listed = await tenant.client.get("/v1/clients")
    assert listed.json()["items"] == []
