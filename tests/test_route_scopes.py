"""Every route of every app checks a scope, unless it is operational or deliberately public.

The gateway forwards a caller's scopes; a service route that only checks the identity token (as
the client replicas once did) serves any credential of the tenant, whatever it may do. The test
walks the routes of the six apps as built, so a route added without a scope fails it. The same
walk checks that no route's dependency is a plain function, which FastAPI would run in its thread
pool on every request.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from cartera_shared.identity import ScopeCheck
from cartera_shared.settings import ServiceSettings
from cartera_shared.testing import unstarted_settings

SERVICES = ("clients", "invoicing", "collections", "crm", "analytics")
# Probes and documents: served to the platform (metrics behind their own token), never to a
# tenant's credential.
OPERATIONAL = {"/health", "/ready", "/metrics", "/openapi.json", "/asyncapi.json"}
# Reached without an API key, through the gateway's public doors, which forward an identity
# holding exactly this one scope (cartera_gateway.proxy INBOUND_SCOPE and SURVEY_SCOPE).
PUBLIC_SCOPES = {
    ("POST", "/v1/inbound/{tenant_id}/{provider}"): "crm:inbound",
    ("GET", "/v1/public/surveys/{link_token}"): "crm:survey",
    ("POST", "/v1/public/surveys/{link_token}"): "crm:survey",
}
# The gateway's own routes that no scope guards, and why. Anything else it serves itself checks
# a scope through auth.scoped; what it forwards is checked by the service behind it.
GATEWAY_UNSCOPED = {
    ("POST", "/v1/admin/tenants"): "the operator token",
    ("GET", "/v1/admin/tenants/{tenant_id}"): "the operator token",
    ("PATCH", "/v1/admin/tenants/{tenant_id}"): "the operator token",
    ("POST", "/v1/auth/sign-in"): "anybody may try to sign in (rate-limited per address)",
    ("POST", "/v1/auth/sign-out"): "any signed-in caller ends its own session",
    ("GET", "/v1/auth/me"): "any caller may ask who it is",
    ("POST", "/v1/auth/password"): "a signed-in person changes their own, with the current one",
    ("POST", "/v1/auth/password-reset"): "the one-time token mailed to the person is the key",
    ("POST", "/v1/auth/switch"): "a person's session, only into a business they belong to",
    ("POST", "/v1/auth/invitation"): "the invitation's token, and the invited person's session",
    ("GET", "/v1/openapi.json"): "the published API description",
    ("GET", "/v1/asyncapi.json"): "the published event description",
    ("GET", "/v1/webhooks/asyncapi.json"): "the published webhooks description",
    ("GET", "/v1/docs"): "the published API reference",
    ("GET", "/v1/docs/reference"): "the published API reference",
    ("GET", "/v1/docs/guides/{name}"): "the published partner guides",
    ("GET", "/v1/docs/assets/{name}"): "the reference's renderer (Redoc's bundle)",
    **{
        (method, path): "the web app's static files"
        for method in ("GET", "HEAD")
        for path in ("/app", "/app/", "/app/{path:path}")
    },
    ("GET", "/v1/clients/{client_id}/replicas"): "each call it makes is checked by the service",
    ("POST", "/v1/inbound/{tenant_id}/{provider}"): "crm checks the signature and crm:inbound",
    ("GET", "/v1/public/surveys/{token}"): "crm checks the link and crm:survey",
    ("POST", "/v1/public/surveys/{token}"): "crm checks the link and crm:survey",
    **{
        (method, path): "forwarded only along published routes, each checked by its service"
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
        for path in ("/v1/{resource}", "/v1/{resource}/{rest:path}")
    },
}


def build(name: str) -> FastAPI:
    settings = unstarted_settings()
    if name == "gateway":
        from cartera_gateway.main import create_app
        from cartera_gateway.settings import GatewaySettings

        return create_app(GatewaySettings.model_validate(settings))
    module = importlib.import_module(f"cartera_{name}.main")
    if name == "crm":  # reads a setting of its own (CARTERA_CRM_INBOUND_KEY)
        from cartera_crm.settings import CrmSettings

        return module.create_app(CrmSettings.model_validate(settings))  # type: ignore[no-any-return]
    if name == "invoicing":  # reads a setting of its own (CARTERA_DATA_KEY)
        from cartera_invoicing.settings import InvoicingSettings

        return module.create_app(InvoicingSettings.model_validate(settings))  # type: ignore[no-any-return]
    app: FastAPI = module.create_app(ServiceSettings.model_validate(settings))
    return app


def operations(app: FastAPI) -> Iterator[tuple[str, str, Any]]:
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue  # FastAPI's own /docs and /redoc pages, and /openapi.json
        for method in sorted(context.methods or ()):
            yield method, context.path, context.dependant


def calls(dependant: Dependant) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from calls(dependency)


def scopes_checked(dependant: Dependant) -> set[str]:
    return {call.scope for call in calls(dependant) if isinstance(call, ScopeCheck)}


def gateway_scope_checked(dependant: Dependant) -> bool:
    """auth.scoped(...) makes a closure per scope; it is recognised by where it was made."""
    return any(
        getattr(call, "__module__", "") == "cartera_gateway.auth"
        and getattr(call, "__qualname__", "").startswith("scoped.")
        for call in calls(dependant)
    )


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_route_checks_a_scope(name):
    app = build(name)
    unguarded, wrong_public, seen = [], [], 0
    for method, path, dependant in operations(app):
        if path in OPERATIONAL:
            continue
        seen += 1
        scopes = scopes_checked(dependant)
        if (method, path) in PUBLIC_SCOPES:
            if scopes != {PUBLIC_SCOPES[method, path]}:
                wrong_public.append((method, path, sorted(scopes)))
        elif not scopes:
            unguarded.append((method, path))
        elif scopes & set(PUBLIC_SCOPES.values()):
            # A public door's scope opens that door only.
            wrong_public.append((method, path, sorted(scopes)))
    assert seen > 3, f"{name}: no routes found; is the app walked right?"
    assert unguarded == [], f"{name}: routes without a scope check"
    assert wrong_public == []


def test_client_replicas_need_clients_read_in_every_holder():
    for name in ("invoicing", "collections", "crm", "analytics"):
        found = {
            path: scopes_checked(dependant)
            for method, path, dependant in operations(build(name))
            if path.startswith("/v1/client-replicas")
        }
        assert found == {"/v1/client-replicas/{client_id}": {"clients:read"}}, name


def test_every_gateway_route_checks_a_scope_or_says_why_not():
    unguarded = [
        (method, path)
        for method, path, dependant in operations(build("gateway"))
        if path not in OPERATIONAL
        and (method, path) not in GATEWAY_UNSCOPED
        and not gateway_scope_checked(dependant)
    ]
    assert unguarded == []


def waits_for_the_event_loop(call: Any) -> bool:
    """A dependency FastAPI awaits in place: a coroutine or async generator function, or an
    object whose `__call__` is one. Anything else it runs in its thread pool."""
    if inspect.isclass(call):
        return False
    function = call if inspect.isroutine(call) else getattr(call, "__call__", None)  # noqa: B004
    return inspect.iscoroutinefunction(function) or inspect.isasyncgenfunction(function)


@pytest.mark.parametrize("name", [*SERVICES, "gateway"])
def test_no_route_sends_a_dependency_to_the_thread_pool(name):
    """A plain-function dependency costs a hand-off to a worker thread and back on every request
    (about a tenth of invoicing's route in a profile under load, for attribute lookups)."""
    threaded = sorted(
        {
            f"{call.__module__}.{call.__qualname__}"
            for _, _, dependant in operations(build(name))
            for call in calls(dependant)
            if call is not None and not waits_for_the_event_loop(call)
        }
    )
    assert threaded == []


def test_a_plain_function_dependency_is_seen():
    def plain() -> None:
        return None

    async def awaited() -> None:
        return None

    assert not waits_for_the_event_loop(plain)
    assert waits_for_the_event_loop(awaited)
    assert waits_for_the_event_loop(ScopeCheck("clients:read"))
    assert not waits_for_the_event_loop(ScopeCheck)


def test_the_walk_sees_a_route_without_a_scope():
    """The guard itself: a route added with the identity check alone is caught."""
    from fastapi import APIRouter, Depends

    from cartera_shared.identity import current_identity, require_scope

    router = APIRouter()

    @router.get("/v1/open")
    async def open_route(identity: Any = Depends(current_identity)) -> None:
        return None

    @router.get("/v1/closed")
    async def closed_route(identity: Any = require_scope("clients:read")) -> None:
        return None

    app = FastAPI()
    app.include_router(router)
    found = {path: scopes_checked(dependant) for _, path, dependant in operations(app)}
    assert found == {"/v1/open": set(), "/v1/closed": {"clients:read"}}
