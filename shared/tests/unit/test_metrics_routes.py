"""HTTP latency is labelled by route template, including routes of included routers and
catch-all proxies, and unknown paths share one label."""

from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from cartera_shared.request_context import RequestContextMiddleware


def routes_seen(service: str) -> set[str]:
    return {
        sample.labels["route"]
        for metric in REGISTRY.collect()
        if metric.name == "cartera_http_request_duration_seconds"
        for sample in metric.samples
        if sample.labels.get("service") == service
    }


def test_latency_is_labelled_by_route_template_never_by_raw_path():
    router = APIRouter()

    @router.get("/v1/invoices/{invoice_id}")
    async def invoice(invoice_id: str) -> dict[str, str]:
        return {"id": invoice_id}

    @router.api_route("/v1/{resource}/{rest:path}", methods=["POST"])
    async def proxy(resource: str, rest: str) -> dict[str, str]:
        return {}

    app = FastAPI()
    app.add_middleware(RequestContextMiddleware, service="route-test")
    app.include_router(router)
    client = TestClient(app)
    for n in range(3):
        assert client.get(f"/v1/invoices/{n}-abc").status_code == 200
        assert client.post(f"/v1/invoices/{n}-abc/issue").status_code == 200
        assert client.get(f"/nothing/{n}").status_code == 404
    assert routes_seen("route-test") == {
        "/v1/invoices/{invoice_id}",
        "/v1/{resource}/{rest:path}",
        "unmatched",
    }
