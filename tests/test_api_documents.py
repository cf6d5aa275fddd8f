"""docs/api holds the OpenAPI and AsyncAPI documents; they must be what the code produces."""

from pathlib import Path

from cartera_gateway.export_docs import documents, render

API_DOCS = Path(__file__).resolve().parents[1] / "docs" / "api"


def test_the_committed_documents_match_the_code():
    openapi, asyncapi = documents()
    stale = [
        name
        for name, document in (("openapi.json", openapi), ("asyncapi.json", asyncapi))
        if (API_DOCS / name).read_text() != render(document)
    ]
    assert not stale, f"docs/api/{stale} out of date: run `make docs`"


def test_every_client_topic_is_documented_with_its_envelope():
    _, asyncapi = documents()
    addresses = {channel["address"] for channel in asyncapi["channels"].values()}
    assert {"client.created", "client.updated", "client.archived", "tenant.created"} <= addresses
    assert "Envelope" in asyncapi["components"]["schemas"]


def test_the_gateways_route_table_matches_the_code():
    from cartera_gateway.export_docs import route_table
    from cartera_gateway.routes import ROUTES_FILE

    assert ROUTES_FILE.read_text() == render(route_table()), (
        "cartera_gateway/routes.json out of date: run `make docs`"
    )
