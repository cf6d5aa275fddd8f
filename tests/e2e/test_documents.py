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


async def test_the_reference_page_covers_every_service_without_scripts(http):
    page = await http.get("/v1/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for path in ("/v1/clients", "/v1/invoices", "/v1/payments", "/v1/interactions", "/v1/webhooks"):
        assert f"<code>{path}</code>" in page.text, path
    assert "<script" not in page.text


async def test_every_route_documents_its_problem_answers(http):
    document = (await http.get("/v1/openapi.json")).json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"422", "429"} <= codes, (method, path)
