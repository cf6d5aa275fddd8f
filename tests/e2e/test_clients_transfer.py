"""CSV import (dry run, per-row report, tracked job) and CSV / XLSX export, through the gateway."""

import csv
import io
import re
import time
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cartera_shared.testing import random_cif, random_nif

from .helpers import client_payload, eventually, replica_versions

HEADER = "legal_name;kind;tax_id;country;street;postal_code;city;iban;payment_days;tags\n"


async def start_import(tenant, content, *, dry_run, filename="clientes.csv"):
    return await tenant.client.post(
        "/v1/clients/imports",
        files={"file": (filename, content, "text/csv")},
        data={"dry_run": "true" if dry_run else "false"},
    )


async def finished(tenant, answer, timeout=120):
    assert answer.status_code == 202, answer.text
    location = answer.headers["location"]
    job = {}

    async def done():
        nonlocal job
        job = (await tenant.client.get(location)).json()
        return job["status"] != "running"

    await eventually(done, timeout=timeout, interval=0.25)
    return job


@pytest.fixture
async def mixed_file(tenant):
    known = (
        await tenant.client.post("/v1/clients", json=client_payload(legal_name="Conocido S.L."))
    ).json()
    new_a, new_b = random_cif(), random_nif()
    lines = [
        f"Nuevo Uno S.L.;company;{new_a};ES;Calle Colón 1;46004;Valencia;"
        "ES9121000418450200051332;30;horeca",
        f"María Pérez Gil;self_employed;{new_b};ES;Calle Mayor 2;28013;Madrid;;;",
        "Mal CIF S.L.;company;B12345675;ES;Calle x 1;46004;Valencia;;;",
        f"Repetido S.L.;company;{new_a};ES;;;;;;",
        f"Mal IBAN S.L.;company;{random_cif()};ES;;;;ES0000000000000000000000;;",
        f"Conocido y Renombrado S.L.;company;{known['tax_id']};ES;;;;;45;",
        f"Plazo Largo S.L.;company;{random_cif()};ES;;;;;90;",
    ]
    return known, (HEADER + "\n".join(lines) + "\n").encode()


async def test_a_dry_run_reports_every_row_and_writes_nothing(tenant, mixed_file):
    known, content = mixed_file
    job = await finished(tenant, await start_import(tenant, content, dry_run=True))
    assert job["status"] == "done"
    assert job["dry_run"] is True
    statuses = {entry["line"]: entry["status"] for entry in job["report"]}
    assert statuses == {
        2: "created",
        3: "created",
        4: "error",
        5: "error",
        6: "error",
        7: "updated",
        8: "error",
    }
    errors = {
        entry["line"]: " ".join(entry["errors"])
        for entry in job["report"]
        if entry["status"] == "error"
    }
    assert "not a valid Spanish NIF" in errors[4]
    assert "repeats line 2" in errors[5]
    assert "IBAN" in errors[6]
    assert "60 days" in errors[8]
    assert (job["created_count"], job["updated_count"], job["error_count"]) == (2, 1, 4)
    listed = (await tenant.client.get("/v1/clients")).json()
    assert listed["total"] == 1
    assert listed["items"][0]["version"] == known["version"]


async def test_the_real_import_creates_updates_and_skips_bad_rows(stack, tenant, mixed_file):
    known, content = mixed_file
    job = await finished(tenant, await start_import(tenant, content, dry_run=False))
    assert (job["created_count"], job["updated_count"], job["error_count"]) == (2, 1, 4)
    assert job["progress_fraction"] == "1.0000"
    only_errors = (
        await tenant.client.get(f"/v1/clients/imports/{job['id']}", params={"only_errors": "true"})
    ).json()
    assert {e["line"] for e in only_errors["report"]} == {4, 5, 6, 8}
    renamed = (await tenant.client.get(f"/v1/clients/{known['id']}")).json()
    assert renamed["legal_name"] == "Conocido y Renombrado S.L."
    assert renamed["payment_terms"]["days"] == 45
    assert renamed["version"] == 2
    history = (await tenant.client.get(f"/v1/clients/{known['id']}/history")).json()["items"]
    assert f"(import {job['id']})" in history[-1]["changed_by"]
    created = (await tenant.client.get("/v1/clients", params={"q": "Nuevo Uno"})).json()["items"][0]
    assert created["bank_accounts"][0]["iban"] == "ES9121000418450200051332"
    assert created["tags"] == ["horeca"]

    async def replicated():
        return set((await replica_versions(stack, tenant.id, created["id"])).values()) == {1}

    await eventually(replicated)


@pytest.mark.parametrize(
    ("content", "status", "fragment"),
    [
        (b"", 422, "empty"),
        (b"\xff\xfe\x00b\x00a\x00d", 422, "UTF-8"),
        (b"nombre,cif\nBar Pepe,B12345674\n", 422, "header row"),
        (HEADER.encode() + b"A;company;B12345674;ES;;;;;;;extra;cells\n", 422, "more cells"),
    ],
)
async def test_files_that_are_not_an_import_are_refused_before_any_job(
    tenant, content, status, fragment
):
    answer = await start_import(tenant, content, dry_run=False)
    assert answer.status_code == status, answer.text
    assert fragment in answer.text
    assert (await tenant.client.get("/v1/clients")).json()["total"] == 0


async def test_another_tenant_cannot_follow_an_import(tenant, other_tenant, mixed_file):
    _, content = mixed_file
    answer = await start_import(tenant, content, dry_run=True)
    assert (await other_tenant.client.get(answer.headers["location"])).status_code == 404


async def test_export_in_csv_and_xlsx_round_trips_through_import(tenant):
    for name in ("Aceites Ribera S.A.", "Bodegas Olleria S.L."):
        payload = client_payload(legal_name=name, tags=["vino", "export"])
        assert (await tenant.client.post("/v1/clients", json=payload)).status_code == 201
    exported = await tenant.client.get("/v1/clients/export", params={"format": "csv"})
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["legal_name"] for r in rows] == ["Aceites Ribera S.A.", "Bodegas Olleria S.L."]
    assert rows[0]["tags"] == "vino|export"
    assert rows[0]["province"] == "Burgos"

    again = await finished(tenant, await start_import(tenant, exported.content, dry_run=True))
    assert {e["status"] for e in again["report"]} == {"unchanged"}

    workbook = await tenant.client.get(
        "/v1/clients/export", params={"format": "xlsx", "q": "Bodegas"}
    )
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    values = list(sheet.values)
    assert values[0][0] == "legal_name"
    assert [v[0] for v in values[1:]] == ["Bodegas Olleria S.L."]


HOSTILE_NAMES = {
    # name sent -> the cell the export must hold (the API strips the blanks around a name)
    '=HYPERLINK("http://evil","x")': '\'=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0": "'+cmd|' /C calc'!A0",
    "@SUM(1)": "'@SUM(1)",
    "-2+3": "'-2+3",
    "\t=1": "'=1",
}


async def test_export_never_hands_a_spreadsheet_a_formula(tenant):
    for name in HOSTILE_NAMES:
        payload = client_payload(legal_name=name, trade_name="=1+1", notes="@cmd", tags=["-x"])
        created = await tenant.client.post("/v1/clients", json=payload)
        assert created.status_code == 201, created.text
    expected = sorted(HOSTILE_NAMES.values())

    exported = await tenant.client.get("/v1/clients/export", params={"format": "csv"})
    assert exported.status_code == 200, exported.text
    text = exported.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["legal_name"] for r in rows) == expected
    assert {(r["trade_name"], r["notes"], r["tags"]) for r in rows} == {("'=1+1", "'@cmd", "'-x")}
    assert {r["version"] for r in rows} == {"1"}
    # Text is quoted, so a separator inside a value cannot open a cell either; numbers are bare.
    for line in text.splitlines()[1:]:
        assert line.startswith('"'), line
        assert ',1,"active"' in line, line

    workbook = await tenant.client.get("/v1/clients/export", params={"format": "xlsx"})
    assert workbook.status_code == 200
    with zipfile.ZipFile(io.BytesIO(workbook.content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert not re.search(rb"<f[ >]", archive.read(name)), name
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    header, *body = list(sheet.iter_rows())
    assert [c.value for c in header][:3] == ["legal_name", "trade_name", "kind"]
    assert sorted(row[0].value for row in body) == expected
    assert all(cell.data_type != "f" for row in body for cell in row)
    assert {row[0].data_type for row in body} == {"s"}
    version = [c.value for c in header].index("version")
    assert {(row[version].value, row[version].data_type) for row in body} == {(1, "n")}

    # The export imports back to the same clients: the quotes it added are taken off again.
    again = await finished(tenant, await start_import(tenant, exported.content, dry_run=True))
    assert [e["status"] for e in again["report"]] == ["unchanged"] * len(HOSTILE_NAMES), again


async def test_a_bad_export_format_is_refused(tenant):
    assert (
        await tenant.client.get("/v1/clients/export", params={"format": "pdf"})
    ).status_code == 422


# Importing and replicating 10,000 clients takes about 2.5 minutes on 2 cores: more than the
# suite's default per-test limit, which is for catching hangs, not for this.
@pytest.mark.timeout(900)
async def test_ten_thousand_rows_import_as_a_tracked_job_without_timing_out(stack, tenant):
    tax_ids: set[str] = set()
    while len(tax_ids) < 10_000:  # random CIFs collide now and then; the file must not
        tax_ids.add(random_cif())
    lines = [
        f"Cliente {n:05d} S.L.;company;{tax_id};ES;Calle {n} 1;"
        f"46{n % 900 + 1:03d};Valencia;;30;bulk"
        for n, tax_id in enumerate(sorted(tax_ids))
    ]
    content = (HEADER + "\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    answer = await start_import(tenant, content, dry_run=False)
    accepted_after = time.perf_counter() - started
    seen_progress = []

    async def done():
        job = (
            await tenant.client.get(answer.headers["location"], params={"only_errors": "true"})
        ).json()
        seen_progress.append(Decimal(job["progress_fraction"]))
        return job["status"] != "running"

    await eventually(done, timeout=600, interval=1.0)
    imported_after = time.perf_counter() - started
    job = (
        await tenant.client.get(answer.headers["location"], params={"only_errors": "true"})
    ).json()
    assert job["status"] == "done", job
    assert (job["created_count"], job["error_count"]) == (10_000, 0)
    assert accepted_after < 10
    assert any(0 < p < 1 for p in seen_progress), seen_progress  # progress was visible midway
    assert (await tenant.client.get("/v1/clients", params={"tag": "bulk", "limit": 1})).json()[
        "total"
    ] == 10_000

    # Every event reaches the replicas (and the topics are drained for the tests after this one).
    last = (
        await tenant.client.get("/v1/clients", params={"sort": "-created_at", "limit": 1})
    ).json()
    last_id = last["items"][0]["id"]

    async def drained():
        return set((await replica_versions(stack, tenant.id, last_id)).values()) == {1}

    await eventually(drained, timeout=600, interval=1.0)
    replicated_after = time.perf_counter() - started
    print(
        f"\n10,000-row import: accepted in {accepted_after:.2f}s, "
        f"imported in {imported_after:.1f}s, replicated in {replicated_after:.1f}s"
    )
