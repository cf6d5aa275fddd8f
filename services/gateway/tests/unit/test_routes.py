"""The gateway forwards only published routes, and only along plain paths."""

import time
import uuid

import pytest

from cartera_gateway.routes import (
    MalformedPath,
    MethodNotAllowed,
    RouteTable,
    plain_segments,
    published_routes,
)
from cartera_shared.problems import NotFound

ID = str(uuid.uuid4())

HOSTILE_PATHS = [
    f"/v1/invoices/..%2Fclient-replicas%2F{ID}",
    f"/v1/invoices/..%2fclient-replicas%2f{ID}",
    f"/v1/invoices/%2E%2E%2Fclient-replicas%2F{ID}",
    f"/v1/invoices/%2e%2e/client-replicas/{ID}",
    f"/v1/invoices/../client-replicas/{ID}",
    "/v1/invoices/..%2F..%2Fmetrics",
    "/v1/invoices/..%2F..%2Fready",
    "/v1/clients/..",
    "/v1/clients/.",
    "/v1/clients/%2E",
    f"/v1/invoices/..%252Fclient-replicas%252F{ID}",  # encoded twice
    f"/v1/invoices/%252E%252E%252Fclient-replicas%252F{ID}",
    f"/v1/invoices/..%25252Fclient-replicas{ID}",  # three times
    f"/v1/invoices/..%5Cclient-replicas%5C{ID}",  # backslashes
    f"/v1/invoices/..%5cclient-replicas%5c{ID}",
    f"/v1/invoices/..%255Cclient-replicas{ID}",
    "/v1/invoices/..\\client-replicas",
    f"/v1/clients/{ID}%2Fhistory",
    f"/v1//clients/{ID}",  # empty segments
    "/v1/clients/",
    "//v1/clients",
    "/v1/clients/%00",
    "/v1/clients/a%0Ab",
    "/v1/clients/%25252525252F",  # more decodings than anyone needs
    "v1/clients",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_a_path_with_dots_encoded_slashes_or_empty_segments_is_malformed(path):
    with pytest.raises(MalformedPath) as refused:
        plain_segments(path.encode())
    assert refused.value.status == 400


def test_non_ascii_bytes_are_malformed():
    with pytest.raises(MalformedPath):
        plain_segments("/v1/clients/ñ".encode())


def test_a_plain_path_is_decoded_segment_by_segment():
    assert plain_segments(b"/v1/clients/export") == ["v1", "clients", "export"]
    assert plain_segments(b"/v1/public/surveys/a%20b.c") == ["v1", "public", "surveys", "a b.c"]
    assert plain_segments(b"/v1/x/..a/b..") == ["v1", "x", "..a", "b.."]


TABLE = RouteTable(
    {
        "clients": {
            "/v1/clients": ["GET", "POST"],
            "/v1/clients/export": ["GET"],
            "/v1/clients/{client_id}": ["GET", "PATCH"],
            "/v1/clients/{client_id}/history": ["GET"],
        },
        "crm": {"/v1/clients/{client_id}/timeline": ["GET"], "/v1/requests": ["GET"]},
        "invoicing": {"/v1/invoices/{invoice_id}": ["GET", "DELETE"]},
    }
)


def route(method, path):
    return TABLE.service_for(method, plain_segments(path.encode()))


def test_each_published_route_leads_to_its_service():
    assert route("GET", "/v1/clients") == "clients"
    assert route("GET", f"/v1/clients/{ID}") == "clients"
    assert route("GET", f"/v1/clients/{ID}/history") == "clients"
    assert route("GET", f"/v1/clients/{ID}/timeline") == "crm"
    assert route("GET", "/v1/requests") == "crm"
    assert route("DELETE", f"/v1/invoices/{ID}") == "invoicing"


def test_a_fixed_segment_wins_over_a_parameter():
    assert route("GET", "/v1/clients/export") == "clients"
    assert route("GET", f"/v1/clients/{ID}/timeline") == "crm"
    # As in the service's own router: a method the fixed route lacks falls to the parameter's.
    assert route("PATCH", "/v1/clients/export") == "clients"


@pytest.mark.parametrize(
    "path",
    [
        f"/v1/client-replicas/{ID}",
        "/v1/metrics",
        "/metrics",
        "/ready",
        f"/v1/clients/{ID}/history/extra",
        f"/v1/invoices/{ID}/client-replicas",
        "/v1",
        "/v2/clients",
        "/v1/unknown",
    ],
)
def test_what_no_service_publishes_is_not_found(path):
    with pytest.raises(NotFound):
        route("GET", path)


def test_a_published_path_with_another_method_is_405():
    with pytest.raises(MethodNotAllowed) as refused:
        route("PUT", f"/v1/invoices/{ID}")
    assert refused.value.status == 405
    assert refused.value.extensions["allowed"] == ["DELETE", "GET"]


def test_two_services_cannot_publish_one_route():
    with pytest.raises(ValueError, match="published by"):
        RouteTable({"a": {"/v1/x/{id}": ["GET"]}, "b": {"/v1/x/{other}": ["GET"]}})


def test_internal_and_public_paths_stay_out_of_the_table():
    table = published_routes(
        {
            "crm": {
                "paths": {
                    "/v1/client-replicas/{client_id}": {"get": {}},
                    "/v1/inbound/{tenant_id}/{provider}": {"post": {}},
                    "/v1/public/surveys/{link_token}": {"get": {}, "post": {}},
                    "/v1/requests": {"get": {}, "parameters": []},
                }
            }
        }
    )
    assert table["services"] == {"crm": {"/v1/requests": ["GET"]}}


def test_the_shipped_table_is_whole_and_forwards_nothing_internal():
    table = RouteTable.load()
    assert {"clients", "invoices", "collections", "analytics", "requests"} <= table.resources
    segments = plain_segments(f"/v1/clients/{ID}/timeline".encode())
    assert table.service_for("GET", segments) == "crm"
    for path in (f"/v1/client-replicas/{ID}", "/v1/metrics", f"/v1/inbound/{ID}/generic"):
        with pytest.raises(NotFound):
            table.service_for("GET", plain_segments(path.encode()))


def test_matching_is_cheap():
    table = RouteTable.load()
    path = f"/v1/collections/remittances/{ID}/returns".encode()
    started = time.perf_counter()
    for _ in range(10_000):
        table.service_for("POST", plain_segments(path))
    per_call = (time.perf_counter() - started) / 10_000
    assert per_call < 100e-6, f"{per_call * 1e6:.1f} µs per request"
