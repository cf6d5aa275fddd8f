"""The Python client as a partner meets it: `pip install ./clients/python`, then the README's
example (clients/python/examples/quickstart.py) against the running system.

The example runs in a new virtual environment, from a folder outside the checkout, so it can only
use the installed package; what it prints is checked against what the API then answers. It runs
with a test key, as the README tells a partner to: everything it makes stays in the tenant's
sandbox, and the live tenant is left as it was.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from .helpers import client_payload

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "clients" / "python" / "examples" / "quickstart.py"


@pytest.fixture(scope="module")
def client_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interpreter of a new virtual environment with cartera-client installed by pip."""
    spec = importlib.util.spec_from_file_location("sdk_python", ROOT / "deploy/local/sdk_python.py")
    assert spec is not None
    assert spec.loader is not None
    sdk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sdk)
    python: Path = sdk.install_in_new_environment(tmp_path_factory.mktemp("sdk") / "venv")
    return python


async def run_example(python: Path, gateway: str, api_key: str | None, cwd: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARTERA_")}
    env["CARTERA_BASE_URL"] = gateway
    if api_key is not None:
        env["CARTERA_API_KEY"] = api_key
    return await asyncio.to_thread(
        subprocess.run,
        [str(python), str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=180,
        check=False,
    )


def said(run: subprocess.CompletedProcess[str], pattern: str) -> re.Match[str]:
    found = re.search(pattern, run.stdout, re.M)
    assert found, f"{pattern!r} not in:\n{run.stdout}\n{run.stderr}"
    return found


async def test_the_readme_example_runs_against_the_system(stack, tenant, client_python, tmp_path):
    made = await tenant.client.post(
        "/v1/api-keys", json={"name": "quickstart", "scopes": ["*"], "mode": "test"}
    )
    assert made.status_code == 201, made.text
    test_key = made.json()["api_key"]
    assert test_key.startswith("ck_test_")
    async with httpx.AsyncClient(
        base_url=stack.gateway, timeout=30, headers={"Authorization": f"Bearer {test_key}"}
    ) as sandbox:
        await the_example_in_the_sandbox(stack, sandbox, test_key, client_python, tmp_path)
    # The live tenant saw none of it.
    assert (await tenant.client.get("/v1/invoices")).json()["items"] == []
    assert (await tenant.client.get("/v1/clients")).json()["items"] == []


async def the_example_in_the_sandbox(stack, sandbox, test_key, client_python, tmp_path):
    # Eleven clients before the example's own: its listing takes two pages of ten.
    for _ in range(11):
        created = await sandbox.post("/v1/clients", json=client_payload())
        assert created.status_code == 201, created.text
        assert created.headers["Cartera-Mode"] == "test"

    first = await run_example(client_python, stack.gateway, test_key, tmp_path)
    assert first.returncode == 0, f"{first.stdout}\n{first.stderr}"
    # A new sandbox has neither an issuer nor the series: the example sets them up.
    said(first, r"^issuer set up: Ejemplo S\.L\.$")
    said(first, r"^series EX set up$")
    client_id = said(first, r"^client created: Talleres Ejemplo (B\d{8}) S\.L\. \((\S+)\)$")[2]
    number = said(first, r"^invoice issued: (EX-\S+) for 145\.20 EUR$")[1]
    said(first, r"^payment recorded: 45\.20 on \d{4}-\d\d-\d\d$")
    said(first, rf"^receivable {re.escape(number)}: partially_paid, 100\.00 EUR outstanding$")
    said(first, r"^clients listed: 12 in 2 page\(s\)$")
    said(first, r"^refused as expected: 409 ")

    # What it printed is what the API holds: one issued invoice, one payment, 100.00 still owed.
    invoices = (await sandbox.get("/v1/invoices")).json()["items"]
    assert [(i["number"], i["status"], i["client_id"]) for i in invoices] == [
        (number, "issued", client_id)
    ]
    receivables = (
        await sandbox.get("/v1/receivables", params={"invoice_id": invoices[0]["id"]})
    ).json()["items"]
    assert [(r["paid"], r["outstanding"], r["status"]) for r in receivables] == [
        ("45.20", "100.00", "partially_paid")
    ]
    clients = (await sandbox.get("/v1/clients", params={"limit": 100})).json()["items"]
    assert len(clients) == 12  # the refused second client was not stored

    # Run again on the same sandbox: nothing is set up twice, the next invoice follows.
    second = await run_example(client_python, stack.gateway, test_key, tmp_path)
    assert second.returncode == 0, f"{second.stdout}\n{second.stderr}"
    assert "set up" not in second.stdout
    assert said(second, r"^invoice issued: (EX-\S+) for")[1] != number
    said(second, r"^clients listed: 13 in 2 page\(s\)$")
    series = (await sandbox.get("/v1/series")).json()["items"]
    assert [s["code"] for s in series] == ["EX"]


async def test_the_example_reads_a_refused_key_as_problem_details(stack, client_python, tmp_path):
    refused = await run_example(client_python, stack.gateway, "ck_nobody_0000000000", tmp_path)
    assert refused.returncode == 1, f"{refused.stdout}\n{refused.stderr}"
    assert re.search(r"^Cartera refused: 401 ", refused.stderr, re.M), refused.stderr
    assert "Traceback" not in refused.stderr

    missing = await run_example(client_python, stack.gateway, None, tmp_path)
    assert missing.returncode == 2
    assert "CARTERA_API_KEY" in missing.stderr
