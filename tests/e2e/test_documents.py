"""One OpenAPI and one AsyncAPI document for the whole system, served by the gateway."""


async def test_openapi_lists_every_public_route_and_no_internal_one(http):
    document = (await http.get("/v1/openapi.json")).json()
    paths = document["paths"]
    assert {"/v1/clients", "/v1/clients/{client_id}", "/v1/admin/tenants"} <= set(paths)
    assert "/v1/clients/{client_id}/replicas" in paths
    assert not any(p.startswith("/v1/client-replicas") for p in paths)
    assert "x-unavailable-services" not in document
    assert "ClientCreate" in document["components"]["schemas"]


async def test_asyncapi_lists_the_client_topics_published_and_consumed(http):
    document = (await http.get("/v1/asyncapi.json")).json()
    addresses = {c.get("address") for c in document["channels"].values()}
    assert {"client.created", "client.updated", "client.archived", "tenant.created"} <= addresses
    assert "x-unavailable-services" not in document
