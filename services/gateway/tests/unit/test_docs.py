from cartera_gateway.docs import merge_asyncapi, merge_openapi, render_index

# A success answer that refers to a schema: schemas no published operation uses are dropped.
CLIENT = {
    "200": {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ClientRead"}}}
    }
}


def test_openapi_merges_service_paths_hides_internal_ones_and_names_missing_services():
    own = {"openapi": "3.1.0", "paths": {"/v1/admin/tenants": {}}, "components": {"schemas": {}}}
    parts = {
        "clients": {
            "paths": {
                "/v1/clients": {"get": {"operationId": "list_clients", "responses": CLIENT}},
                "/v1/client-replicas/{id}": {"get": {"operationId": "get_client_replica"}},
            },
            "components": {"schemas": {"ClientRead": {}}},
        },
        "crm": None,
    }
    merged = merge_openapi(own, parts)
    assert set(merged["paths"]) == {"/v1/admin/tenants", "/v1/clients"}
    assert "ClientRead" in merged["components"]["schemas"]
    assert merged["x-unavailable-services"] == ["crm"]
    assert merged["security"] == [{"apiKey": []}]


def test_asyncapi_merges_channels_and_operations():
    parts = {
        "a": {"channels": {"c1": {"address": "client.created"}}, "operations": {"o1": {}}},
        "b": {
            "channels": {"c2": {"address": "tenant.created"}},
            "components": {"messages": {"m": {}}},
        },
    }
    merged = merge_asyncapi(parts)
    assert set(merged["channels"]) == {"c1", "c2"}
    assert merged["components"]["messages"] == {"m": {}}
    assert "x-unavailable-services" not in merged


def test_every_operation_documents_its_problems_and_public_ones_need_no_key():
    own = {"openapi": "3.1.0", "paths": {}, "components": {"schemas": {}}}
    parts = {
        "clients": {
            "paths": {
                "/v1/clients/{client_id}": {
                    "get": {"operationId": "get_client", "responses": {"200": {}}}
                },
                "/v1/public/surveys/{token}": {
                    "post": {"operationId": "answer_survey", "responses": {"200": {}}}
                },
            },
        }
    }
    merged = merge_openapi(own, parts)
    private = merged["paths"]["/v1/clients/{client_id}"]["get"]["responses"]
    assert {"200", "401", "403", "404", "422", "429"} <= set(private)
    assert private["404"]["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/ProblemDetails"
    }
    public = merged["paths"]["/v1/public/surveys/{token}"]["post"]
    assert "401" not in public["responses"]
    assert public["security"] == []
    assert merged["components"]["schemas"]["ProblemDetails"]["examples"]


def test_the_reference_page_lists_operations_and_escapes_text():
    page = render_index(
        {
            "paths": {
                "/v1/clients": {
                    "get": {"tags": ["clients"], "summary": "List <clients>", "responses": {}}
                }
            }
        }
    )
    assert "<code>/v1/clients</code>" in page
    assert "List &lt;clients&gt;" in page
    assert "<script" not in page
