"""What the analytics API refuses, on the real database through its app: each bad parameter is
a 422 naming what was wrong (`field` for the service's own checks, `errors[].loc` for what the
declared parameters refuse), a caller without the scope is a 403, and nothing is answered
without an identity. A client or a year with nothing recorded is not an error: it is an answer
with zeros."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from cartera_shared import business_day
from cartera_shared.testing import internal_headers

THIS_YEAR = business_day.today().year


@pytest.fixture
def tenant_id() -> uuid.UUID:
    return uuid.uuid4()


def reader(tenant_id: uuid.UUID) -> dict[str, str]:
    return internal_headers(tenant_id, service="analytics", scopes=("analytics:read",))


async def refused(
    api: httpx.AsyncClient, tenant_id: uuid.UUID, path: str, **params: Any
) -> dict[str, Any]:
    answer = await api.get(f"/v1/analytics/{path}", params=params, headers=reader(tenant_id))
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = answer.json()
    return body


def declared_loc(body: dict[str, Any]) -> list[list[Any]]:
    return [e["loc"] for e in body["errors"]]


@pytest.mark.parametrize(
    ("year", "where"),
    [
        (1999, ["query", "year"]),  # before the first year Cartera knows a threshold for
        ("twenty", ["query", "year"]),
    ],
)
async def test_modelo_347_refuses_a_year_it_cannot_declare(api, tenant_id, year, where):
    body = await refused(api, tenant_id, "modelo-347", year=year)
    assert declared_loc(body) == [where]


async def test_modelo_347_refuses_a_year_that_has_not_begun(api, tenant_id):
    body = await refused(api, tenant_id, "modelo-347", year=THIS_YEAR + 1)
    assert body["field"] == "year"
    assert str(THIS_YEAR + 1) in body["detail"]


async def test_modelo_347_refuses_an_unknown_format(api, tenant_id):
    body = await refused(api, tenant_id, "modelo-347", year=THIS_YEAR, format="xml")
    assert declared_loc(body) == [["query", "format"]]


async def test_modelo_347_of_a_tenant_with_nothing_is_an_empty_list_and_an_empty_csv(
    api, tenant_id
):
    answer = await api.get(
        "/v1/analytics/modelo-347", params={"year": THIS_YEAR}, headers=reader(tenant_id)
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["year"], body["threshold"], body["items"]) == (THIS_YEAR, "3005.06", [])
    assert (body["covers"], body["files_through_sii"]) == ("sales_only", False)
    # Asked through Accept instead of format=csv: the header row alone.
    csv = await api.get(
        "/v1/analytics/modelo-347",
        params={"year": THIS_YEAR},
        headers={**reader(tenant_id), "Accept": "text/csv"},
    )
    assert csv.status_code == 200
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.headers["content-disposition"] == (
        f'attachment; filename="modelo-347-{THIS_YEAR}.csv"'
    )
    assert csv.text.split("\r\n") == [
        '"tax_id","name","total","q1","q2","q3","q4","cash_received","cash_operation_year",'
        '"rent_cadastral_reference"',
        "",
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-13"}, "from"),  # no thirteenth month
        ({"from": "2026-1"}, "from"),  # months are written YYYY-MM
        ({"to": "1999-12"}, "to"),  # before 2000
        ({"from": "2026-05", "to": "2026-04"}, "from"),  # the wrong way round
        ({"from": "2000-01", "to": "2010-01"}, "from"),  # 121 months
    ],
)
async def test_evolution_refuses_a_bad_month(api, tenant_id, params, field):
    body = await refused(api, tenant_id, "evolution", **params)
    assert body["field"] == field


async def test_evolution_of_an_unknown_client_is_a_series_of_zeros(api, tenant_id):
    unknown = uuid.uuid4()
    answer = await api.get(
        "/v1/analytics/evolution",
        params={"from": "2026-01", "to": "2026-03", "client_id": str(unknown)},
        headers=reader(tenant_id),
    )
    assert answer.status_code == 200, answer.text
    [client] = answer.json()["clients"]
    assert (client["client_id"], client["legal_name"]) == (str(unknown), None)
    months = client["months"]
    assert [(m["month"], m["taxable_base"], m["mom_change_fraction"]) for m in months] == [
        ("2026-01", "0.00", None),
        ("2026-02", "0.00", None),
        ("2026-03", "0.00", None),
    ]
    assert client["trend"] == {
        "direction": "flat",
        "slope_per_month": "0.00",
        "relative_slope_fraction": None,
    }


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("portfolio", {"from": "2026-03-01", "to": "2026-02-01"}, "from"),
        ("portfolio", {"from": "1999-12-31", "to": "2000-01-31"}, "from"),
        ("portfolio", {"from": "2000-01-01", "to": "2020-01-01"}, "to"),  # over ten years
        ("satisfaction", {"from": "2026-01-01", "to": "2101-01-01"}, "to"),
        ("payment-behaviour", {"as_of": "1999-06-30"}, "as_of"),
        ("clients-at-risk", {"as_of": "2101-01-01"}, "as_of"),
        (
            "revenue-bridge",
            {"from": "2026-01-01", "to": "2026-03-31",
             "compare_from": "2025-12-31", "compare_to": "2025-10-01"},
            "compare_from",
        ),
    ],
)  # fmt: skip
async def test_a_period_out_of_range_or_the_wrong_way_round_is_refused(
    api, tenant_id, path, params, field
):
    body = await refused(api, tenant_id, path, **params)
    assert body["field"] == field


@pytest.mark.parametrize(
    ("path", "params", "loc"),
    [
        ("portfolio", {"limit": 0}, ["query", "limit"]),
        ("portfolio", {"from": "2026-02-30"}, ["query", "from"]),
        ("evolution", {"top": 51}, ["query", "top"]),
        ("evolution", {"client_id": "not-a-uuid"}, ["query", "client_id"]),
        ("revenue-bridge", {"from": "2026-01-01", "to": "2026-03-31"}, ["query", "compare_from"]),
        ("payment-behaviour", {"weeks": 53}, ["query", "weeks"]),
        ("alerts", {"kind": "everything"}, ["query", "kind"]),
        ("alerts", {"limit": 501}, ["query", "limit"]),
    ],
)
async def test_parameters_outside_what_the_contract_declares_are_refused(
    api, tenant_id, path, params, loc
):
    body = await refused(api, tenant_id, path, **params)
    assert loc in declared_loc(body)


@pytest.mark.parametrize(
    "body",
    [
        {"concentration_threshold": "1.5"},  # a fraction of 1, not above it
        {"drop_threshold": "0"},
        {"late_payer_ratio": "40"},  # a percentage where a fraction is meant
        {"concentration_threshold": "0.12345"},  # four decimals at most
        # The names since 2026-12-06 are held to the same rules.
        {"concentration_threshold_fraction": "1.5"},
        {"late_payer_fraction": "40"},
        {"colour": "red"},
    ],
)
async def test_settings_refuse_a_threshold_that_is_not_a_fraction_and_keep_the_old_ones(
    api, tenant_id, body
):
    writer = internal_headers(
        tenant_id, service="analytics", scopes=("analytics:read", "analytics:write")
    )
    answer = await api.put("/v1/analytics/settings", json=body, headers=writer)
    assert answer.status_code == 422, answer.text
    kept = await api.get("/v1/analytics/settings", headers=writer)
    assert kept.json() == {
        "concentration_threshold_fraction": "0.4000",
        "drop_threshold_fraction": "0.5000",
        "late_payer_fraction": "0.5000",
        "files_through_sii": False,
    }


async def test_settings_are_written_with_the_write_scope_only(api, tenant_id):
    change = {"concentration_threshold": "0.25", "files_through_sii": True}
    refused_answer = await api.put("/v1/analytics/settings", json=change, headers=reader(tenant_id))
    assert refused_answer.status_code == 403
    writer = internal_headers(tenant_id, service="analytics", scopes=("analytics:write",))
    written = await api.put("/v1/analytics/settings", json=change, headers=writer)
    assert written.status_code == 200, written.text
    assert written.json() == {
        "concentration_threshold_fraction": "0.2500",
        "drop_threshold_fraction": "0.5000",
        "late_payer_fraction": "0.5000",
        "files_through_sii": True,
    }
    # A tenant that files through SII gets no list.
    m347 = await api.get(
        "/v1/analytics/modelo-347", params={"year": THIS_YEAR}, headers=reader(tenant_id)
    )
    assert (m347.json()["files_through_sii"], m347.json()["items"]) == (True, [])
    assert m347.json()["note"] == "The tenant files through SII: it does not file Modelo 347."


async def test_nothing_is_answered_without_an_identity(api):
    answer = await api.get("/v1/analytics/portfolio")
    assert answer.status_code == 401


async def test_settings_read_the_fraction_names_and_the_old_ones(api, tenant_id):
    writer = internal_headers(tenant_id, service="analytics", scopes=("analytics:write",))
    body = {"concentration_threshold_fraction": "0.3", "late_payer_ratio": "0.25"}
    written = await api.put("/v1/analytics/settings", json=body, headers=writer)
    assert written.status_code == 200, written.text
    assert written.json() == {
        "concentration_threshold_fraction": "0.3000",
        "drop_threshold_fraction": "0.5000",
        "late_payer_fraction": "0.2500",
        "files_through_sii": False,
    }


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("portfolio", {"from": "2026-02-30", "to": "2026-03-01"}),
        ("portfolio", {"from": "2026-05-01", "to": "2026-04-01"}),
        ("portfolio", {"from": "1999-12-31", "to": "2000-01-31"}),
        ("portfolio", {"from": "2000-01-01", "to": "2020-01-01"}),
        ("portfolio", {"limit": "0"}),
        ("evolution", {"from": "2026-13"}),
        ("evolution", {"from": "2026-05", "to": "2026-04"}),
        ("revenue-bridge", {"from": "2026-01-01", "to": "2026-01-31"}),
        (
            "revenue-bridge",
            {
                "from": "2026-01-01",
                "to": "2026-01-31",
                "compare_from": "2025-12-31",
                "compare_to": "2025-12-01",
            },
        ),
        ("payment-behaviour", {"weeks": "0"}),
        ("payment-behaviour", {"client_id": "not-a-uuid"}),
        ("modelo-347", {}),
        ("modelo-347", {"year": "1999"}),
        ("modelo-347", {"year": str(THIS_YEAR + 1)}),
        ("modelo-347", {"year": "2025", "format": "xml"}),
        ("satisfaction", {"to": "yesterday"}),
        ("alerts", {"kind": "weather"}),
    ],
)
async def test_bad_query_parameters_are_422_problems(api, tenant_id, path, params):
    """Moved here from the end-to-end suite: the same refusals, at the service itself."""
    body = await refused(api, tenant_id, path, **params)
    assert body["status"] == 422
