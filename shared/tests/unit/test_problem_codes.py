"""One error body everywhere: every problem answer carries a `code` of the one registry
(`cartera_shared.problems.Code`), `errors` with a field's `loc` when it concerns one, and
`Retry-After` exactly when its code says "not yet". The partner's catalogue
(docs/partners/errors.md) lists every code, and only those."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, model_validator
from starlette.exceptions import HTTPException

from cartera_clients.documents.api import DocumentContentMissing
from cartera_gateway.people.service import ResetLinkInvalid
from cartera_gateway.routes import MalformedPath, MethodNotAllowed
from cartera_shared.contract import ProblemDetails
from cartera_shared.problems import (
    HTTP_STATUS_CODES,
    NOT_YET,
    Code,
    FieldValueError,
    Problem,
    install_problem_handlers,
    loc_of,
    problem_response,
)

ROOT = Path(__file__).resolve().parents[3]
CATALOGUE = ROOT / "docs" / "partners" / "errors.md"


def every_problem_class() -> list[type[Problem]]:
    # The service-defined kinds are imported above, so they are among the subclasses here.
    found: list[type[Problem]] = [Problem]
    for kind in found:
        found.extend(kind.__subclasses__())
    return found


PROBLEM_CLASSES = every_problem_class()


def test_the_service_kinds_are_among_the_problem_classes():
    for kind in (DocumentContentMissing, ResetLinkInvalid, MalformedPath, MethodNotAllowed):
        assert kind in PROBLEM_CLASSES
    assert len(PROBLEM_CLASSES) >= 17


class Client(BaseModel):
    tax_id: str
    legal_name: str

    @model_validator(mode="after")
    def _tax_id(self) -> Client:
        if not self.tax_id.startswith("B"):
            raise FieldValueError("tax_id", "not a valid CIF")
        return self


class Invoice(BaseModel):
    lines: list[dict[str, Any]]

    @model_validator(mode="after")
    def _line(self) -> Invoice:
        raise FieldValueError("lines[1].vat_rate", "not a rate in force")


def lab() -> httpx.AsyncClient:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/raise/{index}")
    async def raising(index: int) -> None:
        raise PROBLEM_CLASSES[index]("It went wrong.")

    @app.get("/coded")
    async def coded() -> None:
        raise Problem(
            "Specific.",
            code=Code.VERIFACTU_PENDING,
            errors=[{"loc": ["body", "x"], "msg": "m", "type": "t"}],
            reason="pending",
        )

    @app.post("/clients")
    async def create_client(body: Client) -> None:
        return None

    @app.post("/invoices")
    async def create_invoice(body: Invoice) -> None:
        return None

    @app.get("/starlette/{status}")
    async def starlette(status: int) -> None:
        raise HTTPException(status)

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://lab")


def assert_problem(answer: httpx.Response, status: int, code: Code) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = answer.json()
    assert body["code"] == code.value, body
    ProblemDetails.model_validate(body)  # the published schema holds it
    if code in NOT_YET:
        assert answer.headers["Retry-After"] == str(body["retry_after"])
        assert int(body["retry_after"]) > 0
    else:
        assert "Retry-After" not in answer.headers
        assert "retry_after" not in body
    return body


@pytest.mark.parametrize(
    "index", range(len(PROBLEM_CLASSES)), ids=lambda i: PROBLEM_CLASSES[i].__name__
)
async def test_every_kind_of_problem_answers_with_its_own_code(index):
    kind = PROBLEM_CLASSES[index]
    async with lab() as client:
        answer = await client.get(f"/raise/{index}")
    body = assert_problem(answer, kind.status, kind.code)
    assert (body["title"], body["detail"]) == (kind.title, "It went wrong.")
    assert "errors" not in body  # no field is concerned


async def test_a_raise_site_gives_a_more_specific_code_fields_and_members():
    async with lab() as client:
        answer = await client.get("/coded")
    body = assert_problem(answer, 400, Code.VERIFACTU_PENDING)
    assert body["errors"] == [{"loc": ["body", "x"], "msg": "m", "type": "t"}]
    assert body["reason"] == "pending"  # members of before `code` stay


def test_a_code_outside_the_registry_is_refused_where_it_is_raised():
    with pytest.raises(ValueError, match="made_up"):
        Problem("x", code="made_up")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="made_up"):
        problem_response(400, "Bad request", "x", "bad-request", code="made_up")  # type: ignore[arg-type]


async def test_a_model_validator_about_one_field_reports_that_field():
    async with lab() as client:
        bad_cif = await client.post("/clients", json={"tax_id": "X1", "legal_name": "A"})
        missing = await client.post("/clients", json={"tax_id": "B1"})
        line = await client.post("/invoices", json={"lines": [{}, {}]})
    body = assert_problem(bad_cif, 422, Code.VALIDATION_ERROR)
    assert [e["loc"] for e in body["errors"]] == [["body", "tax_id"]]
    assert "not a valid CIF" in body["errors"][0]["msg"]
    # Field validation works as before.
    body = assert_problem(missing, 422, Code.VALIDATION_ERROR)
    assert [e["loc"] for e in body["errors"]] == [["body", "legal_name"]]
    body = assert_problem(line, 422, Code.VALIDATION_ERROR)
    assert [e["loc"] for e in body["errors"]] == [["body", "lines", 1, "vat_rate"]]


def test_a_field_path_becomes_a_loc():
    assert loc_of("body", "tax_id") == ["body", "tax_id"]
    assert loc_of("body", "lines[1].vat_rate") == ["body", "lines", 1, "vat_rate"]
    assert loc_of("body", "fiscal_address.country") == ["body", "fiscal_address", "country"]
    assert loc_of("query", "a[0][2]") == ["query", "a", 0, 2]


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (404, Code.NOT_FOUND),
        (405, Code.METHOD_NOT_ALLOWED),
        (418, Code.BAD_REQUEST),
        (502, Code.INTERNAL_ERROR),
    ],
)
async def test_answers_the_framework_makes_get_a_code_of_their_status(status, code):
    async with lab() as client:
        answer = await client.get(f"/starlette/{status}")
    assert_problem(answer, status, code)


async def test_an_unknown_path_and_a_wrong_method_have_their_codes():
    async with lab() as client:
        assert_problem(await client.get("/nowhere"), 404, Code.NOT_FOUND)
        assert_problem(await client.delete("/clients"), 405, Code.METHOD_NOT_ALLOWED)


def test_a_kind_s_default_code_is_never_another_status_s():
    for kind in PROBLEM_CLASSES:
        if kind.code in HTTP_STATUS_CODES.values():
            assert HTTP_STATUS_CODES.get(kind.status) == kind.code, kind


def test_a_final_code_cannot_carry_retry_after():
    with pytest.raises(ValueError, match="final"):
        Problem("x", code=Code.UNKNOWN_REFERENCE, retry_after=5)
    with pytest.raises(ValueError, match="final"):
        problem_response(404, "Not found", "x", "not-found", retry_after=5)


def test_every_not_yet_code_has_a_retry_after_of_its_own():
    for code, seconds in NOT_YET.items():
        assert Problem("x", code=code).retry_after == seconds > 0
    assert Problem("x", code=Code.RATE_LIMITED, retry_after=17).retry_after == 17
    assert Problem("x", code=Code.VALIDATION_ERROR).retry_after is None


def catalogue() -> dict[str, str]:
    """The codes of the guide's table, each with its retry column."""
    text = CATALOGUE.read_text(encoding="utf-8")
    table = text.split("\n## Codes\n", 1)[1]
    rows = re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| [^|]+ \| ([^|]+) \|$", table, re.MULTILINE)
    return {code: retry.strip() for code, retry in rows}


def test_the_partners_catalogue_lists_every_code_and_only_those():
    listed = catalogue()
    assert set(listed) == {c.value for c in Code}, (
        "docs/partners/errors.md, table 'Codes': add "
        f"{sorted({c.value for c in Code} - set(listed))}, remove "
        f"{sorted(set(listed) - {c.value for c in Code})}"
    )


def test_the_catalogue_marks_not_yet_exactly_the_codes_that_carry_retry_after():
    marked = {code for code, retry in catalogue().items() if "not yet" in retry}
    assert marked == {c.value for c in NOT_YET}


def test_every_code_is_used_by_the_code_base():
    """A code no answer can carry would be a promise the catalogue cannot keep."""
    sources = [
        *ROOT.glob("shared/cartera_shared/**/*.py"),
        *ROOT.glob("services/*/cartera_*/**/*.py"),
    ]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    # The registry and NOT_YET name every code: only what follows them counts.
    registry = (ROOT / "shared/cartera_shared/problems.py").read_text(encoding="utf-8")
    text = text.replace(registry, registry.split("class Problem(Exception):", 1)[1])
    used = {kind.code for kind in PROBLEM_CLASSES} | set(HTTP_STATUS_CODES.values())
    used |= {c for c in Code if re.search(rf"\bCode\.{c.name}\b", text)}
    assert not set(Code) - used, sorted(set(Code) - used)
