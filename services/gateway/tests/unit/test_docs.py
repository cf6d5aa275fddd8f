from cartera_gateway.docs import merge_asyncapi, merge_openapi


def test_openapi_merges_service_paths_hides_internal_ones_and_names_missing_services():
    own = {"openapi": "3.1.0", "paths": {"/v1/admin/tenants": {}}, "components": {"schemas": {}}}
    parts = {
        "clients": {
            "paths": {"/v1/clients": {"get": {}}, "/v1/client-replicas/{id}": {"get": {}}},
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
