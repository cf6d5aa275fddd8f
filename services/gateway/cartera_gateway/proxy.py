"""Routing of tenant calls to the service that publishes each route.

A call is forwarded only along a route a service publishes (routes.py: the route table made from
the services' OpenAPI documents); a malformed path (dot segments, encoded slashes, empty
segments) is refused with 400 and an unknown route with 404, before the caller is authenticated
or any service is called. The gateway then authenticates, and forwards the call with a
short-lived signed identity token; services never see the API key. Only a fixed set of headers
crosses in each direction.

Bodies are never held whole in the gateway's memory past PREFETCH_BYTES: a small request body is
read whole before the service is called (so a slow caller holds no connection to it), a larger one
goes upstream as it arrives (with the caller's Content-Length, or chunked), and the service's
answer is relayed chunk by chunk. A request body larger than CARTERA_GATEWAY_MAX_BODY_BYTES (or a
public route's smaller limit) is refused with 413: at once when its Content-Length says so, or as
soon as
the streamed bytes pass the limit. The pace of the caller's body is watched by body_guard.

Calls go upstream through aiohttp (`upstream_pool`): a quarter of httpx's CPU per call, on the
hop every call makes (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

import aiohttp
from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import ConfigDict, Field
from sqlalchemy import select
from starlette.background import BackgroundTask
from starlette.requests import ClientDisconnect

from cartera_gateway.auth import SAFE_METHODS, authenticate
from cartera_gateway.models import tenants
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.routes import RouteTable, plain_segments
from cartera_shared.contract import Answer, errors
from cartera_shared.edge import Runtime, part, runtime_of
from cartera_shared.identity import (
    INTERNAL_TOKEN_HEADER,
    Identity,
    InternalKeys,
    issue_internal_token,
)
from cartera_shared.internal_calls import ConnectionPool
from cartera_shared.logging import request_id_var, trace_id_var
from cartera_shared.problems import (
    Code,
    MalformedBody,
    NotFound,
    PayloadTooLarge,
    Problem,
    ServiceUnavailable,
)
from cartera_shared.tracing import TRACEPARENT, new_span_id, new_trace_id, traceparent
from cartera_shared.wire import UtcTimestamp

# Public doors under /v1 whose bodies go on to a service (with the route table's resources).
PUBLIC_RESOURCES = frozenset({"inbound", "public"})
# Bodies up to this size are read whole before the service is called, so a caller sending
# slowly holds no connection to the service; larger ones (uploads) are streamed as they come.
PREFETCH_BYTES = 64 * 1024
REPLICA_HOLDERS = ("invoicing", "collections", "crm", "analytics")

FORWARDED_REQUEST_HEADERS = (
    "content-type",
    "content-length",
    "accept",
    "if-match",
    "if-none-match",
    "idempotency-key",
)
FORWARDED_RESPONSE_HEADERS = (
    "content-type",
    "content-length",
    "etag",
    "location",
    "retry-after",
    "content-disposition",
    "cache-control",
    "x-content-type-options",
    "x-request-id",
    "cartera-client-status",
)

log = logging.getLogger(__name__)
router = APIRouter(tags=["gateway"], responses=errors())


def upstream_timeout(seconds: float) -> aiohttp.ClientTimeout:
    """`seconds` for each step (a connection, a free one from the pool, each read), not for the
    whole call: a long download that keeps arriving is not cut off."""
    return aiohttp.ClientTimeout(
        total=None, connect=seconds, sock_connect=seconds, sock_read=seconds
    )


def upstream_pool(timeout_seconds: float) -> ConnectionPool:
    """The gateway's pooled connections to the services: answers relayed byte for byte (the
    services are asked not to compress, too), and only calls that change nothing sent again
    (by `_send`)."""
    return ConnectionPool(
        upstream_timeout(timeout_seconds), limit=200, resend_writes=False, relay_raw=True
    )


@dataclass(frozen=True)
class Answered:
    """An answer read whole."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


@dataclass(frozen=True)
class Forwarding:
    """What forwarding a call needs, kept as one part so a proxied call looks it up once: the
    client to the services (closed with the gateway), where each service listens, the route
    table and the body limit."""

    client: ConnectionPool
    upstreams: dict[str, str]
    routes: RouteTable
    max_body_bytes: int
    # Sign the identity token each forwarded call carries.
    internal_keys: InternalKeys

    async def close(self) -> None:
        await self.client.close()


# Calls that may take longer than the upstream time-out, by method and path: the seconds the
# gateway waits for them. A batch of 1,000 invoices takes 2-3 s on the two-core test machine
# (docs/benchmarks.md), and many times that on a loaded one; giving up earlier would answer 503
# for a batch that is then issued.
LONG_CALLS = {("POST", "/v1/invoices/batch"): 180.0}


def forwarding_of(request: Request) -> Forwarding:
    return runtime_of(request).part(Forwarding)


async def tenant_identity(request: Request) -> Identity:
    return await authenticate(request)


TenantIdentity = Annotated[Identity, Depends(tenant_identity)]


def _internal_headers(
    request: Request, service: str, identity: Identity, extra: tuple[str, ...] = ()
) -> dict[str, str]:
    keys = forwarding_of(request).internal_keys
    request_id = request_id_var.get() or uuid.uuid4().hex
    headers = {
        INTERNAL_TOKEN_HEADER: issue_internal_token(
            Identity(
                tenant_id=identity.tenant_id,
                subject=identity.subject,
                scopes=identity.scopes,
                request_id=request_id,
            ),
            keys.current,
            service=service,
        ),
        "X-Request-ID": request_id,
        # The services continue the caller's trace, with this hop as the parent span.
        TRACEPARENT: traceparent(trace_id_var.get() or new_trace_id(), new_span_id()),
        # Relayed byte for byte, so the service must not compress for the gateway.
        "Accept-Encoding": "identity",
    }
    for name in (*FORWARDED_REQUEST_HEADERS, *extra):
        if name in request.headers:
            headers[name] = request.headers[name]
    return headers


class _BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


async def _request_body(request: Request, limit: int | None = None) -> bytes | AsyncIterator[bytes]:
    """The body to forward: nothing, the whole body when it is small, or the request's stream,
    with the size limit applied."""
    limit = limit or forwarding_of(request).max_body_bytes
    length = request.headers.get("content-length")
    if length is not None:
        if not length.isdigit():
            raise Problem("The Content-Length header is not a number.")
        if int(length) > limit:
            raise _too_large(limit)
        if int(length) == 0:
            return b""
    elif "chunked" not in request.headers.get("transfer-encoding", "").lower():
        return b""
    chunks = request.stream()
    head = bytearray()
    try:
        async for chunk in chunks:
            head += chunk
            if len(head) > limit:
                raise _too_large(limit)
            if len(head) >= PREFETCH_BYTES:
                return _limited(_then(bytes(head), chunks), limit)
    except ClientDisconnect as exc:
        raise MalformedBody("The request body ended before it was complete.") from exc
    return bytes(head)


async def _then(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    async for chunk in rest:
        yield chunk


async def _limited(chunks: AsyncIterator[bytes], limit: int) -> AsyncIterator[bytes]:
    received = 0
    async for chunk in chunks:
        received += len(chunk)
        if received > limit:
            raise _BodyTooLarge(limit)
        yield chunk


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The request body is larger than the gateway's limit of {limit} bytes.",
        max_bytes=limit,
    )


async def _send(
    request: Request,
    service: str,
    path: str,
    identity: Identity,
    body: bytes | AsyncIterator[bytes],
    *,
    extra_headers: tuple[str, ...] = (),
    timeout: float | None = None,  # noqa: ASYNC109 (the upstream call's own, given to aiohttp)
) -> aiohttp.ClientResponse:
    """Call the service; the answer's body is left unread (release it). `timeout` replaces the
    upstream time-out of the gateway's settings for this call."""
    forwarding = forwarding_of(request)
    base = forwarding.upstreams[service]
    headers = _internal_headers(request, service, identity, extra_headers)
    if isinstance(body, bytes):
        # A body sent whole (or none) has its own length, whatever the caller declared.
        headers.pop("content-length", None)
    # A kept-alive connection the service closed just as the call went out fails without an
    # answer. A call that changes nothing is sent once more on a fresh connection; any other
    # call may have been carried out, so its failure is the caller's to retry.
    attempts = 2 if request.method in SAFE_METHODS and isinstance(body, bytes) else 1
    for attempt in range(1, attempts + 1):
        try:
            return await forwarding.client.session().request(
                request.method,
                f"{base}{path}",
                params=list(request.query_params.multi_items()),
                data=body or None,
                headers=headers,
                allow_redirects=False,
                timeout=None if timeout is None else upstream_timeout(timeout),
            )
        except (TimeoutError, aiohttp.ClientError, _BodyTooLarge, ClientDisconnect) as exc:
            # What failed in the caller's body comes out of aiohttp as the cause of its error.
            cause = _cause(exc, (_BodyTooLarge, ClientDisconnect))
            if isinstance(cause, _BodyTooLarge):
                raise _too_large(cause.limit) from exc
            if isinstance(cause, ClientDisconnect):
                # The caller went away mid-body; nobody reads this answer, but it is not our error.
                raise MalformedBody("The request body ended before it was complete.") from exc
            if isinstance(exc, aiohttp.InvalidURL):
                # aiohttp's words name what it choked on; the caller gets plain ones, the log
                # the detail.
                log.info("address not forwardable: %s", exc)
                raise Problem("The request's address or its query cannot be forwarded.") from exc
            if attempt < attempts and not isinstance(exc, TimeoutError):
                log.info(
                    "%s %s: no answer from %s (%r); sent again", request.method, path, service, exc
                )
                continue
            raise _unanswered(service) from exc
    raise AssertionError("unreachable: the last attempt returns or raises")


def _unanswered(service: str) -> ServiceUnavailable:
    return ServiceUnavailable(
        f"The {service} service did not answer; try again shortly.",
        code=Code.UPSTREAM_UNAVAILABLE,
        service=service,
    )


def _cause(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> BaseException | None:
    """`exc` or the first of its causes that is one of `kinds`."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kinds):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


async def _forward(request: Request, service: str, path: str, identity: Identity) -> Answered:
    """A bodiless call whose (small) answer is read whole."""
    upstream = await _send(request, service, path, identity, b"")
    try:
        content = await upstream.read()
    except (TimeoutError, aiohttp.ClientError) as exc:
        raise _unanswered(service) from exc
    finally:
        upstream.release()
    return Answered(upstream.status, upstream.headers, content)


class ReplicaState(Answer):
    version: int | None = Field(description="The version it holds; null when none.")
    status: str = Field(
        description="current, behind, missing (it holds none), unreachable, or `error <code>`."
    )
    updated_at: UtcTimestamp | None = Field(
        default=None, description="When it took that version, as that service wrote it."
    )


class ClientReplicas(Answer):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client_id": "3e5a7c9b-1d2f-4e6a-8b0c-2d4f6a8c0e1b",
                    "version": 4,
                    "replicas": {
                        "invoicing": {
                            "version": 4,
                            "status": "current",
                            "updated_at": "2026-12-06T14:30:00.120301Z",
                        },
                        "collections": {
                            "version": 3,
                            "status": "behind",
                            "updated_at": "2026-12-05T09:00:00.000000Z",
                        },
                        "crm": {"version": None, "status": "missing"},
                        "analytics": {"version": None, "status": "unreachable"},
                    },
                }
            ]
        }
    )

    client_id: uuid.UUID
    version: int = Field(description="The client's version at the clients service (its ETag).")
    replicas: dict[str, ReplicaState] = Field(
        description="By service: invoicing, collections, crm, analytics."
    )


@router.get(
    "/v1/clients/{client_id}/replicas",
    response_model=ClientReplicas,
    response_model_exclude_unset=True,
    responses=errors(404),
)
async def get_client_replicas(
    client_id: uuid.UUID, request: Request, identity: TenantIdentity
) -> ClientReplicas | Response:
    """Which version of a client each consuming service holds, beside the source's version. A
    client the clients service does not answer for comes back as it answered (404 and the like)."""
    source = await _forward(request, "clients", f"/v1/clients/{client_id}", identity)
    if source.status_code != 200:
        return _relay(source)

    async def replica(service: str) -> tuple[str, dict[str, Any]]:
        try:
            answer = await _forward(request, service, f"/v1/client-replicas/{client_id}", identity)
        except ServiceUnavailable:
            return service, {"version": None, "status": "unreachable"}
        if answer.status_code == 404:
            return service, {"version": None, "status": "missing"}
        if answer.status_code != 200:
            return service, {"version": None, "status": f"error {answer.status_code}"}
        data = answer.json()
        return service, {
            "version": data["version"],
            "status": "current" if data["version"] == source_version else "behind",
            "updated_at": data["updated_at"],
        }

    source_version = source.json()["version"]
    replicas = dict(await asyncio.gather(*(replica(s) for s in REPLICA_HOLDERS)))
    return ClientReplicas.model_validate(
        {"client_id": str(client_id), "version": source_version, "replicas": replicas}
    )


# Public routes: no API key. Each is forwarded with an identity that can do one thing only.
INBOUND_SCOPE = "crm:inbound"
SURVEY_SCOPE = "crm:survey"
INBOUND_SIGNATURE_HEADERS = ("x-cartera-timestamp", "x-cartera-signature")
# A public survey link names no tenant; crm finds it from the token.
NO_TENANT = uuid.UUID(int=0)
# Anyone can reach these, so they take small bodies only.
INBOUND_MAX_BODY_BYTES = 1024 * 1024
SURVEY_MAX_BODY_BYTES = 16 * 1024


# The crm service documents these two routes (same paths); the gateway only opens the door.
@router.post("/v1/inbound/{tenant_id}/{provider}", include_in_schema=False)
async def inbound_message(
    tenant_id: uuid.UUID,
    provider: Annotated[str, Path(pattern=r"^[a-z][a-z0-9-]{0,39}$")],
    request: Request,
    runtime: Runtime,
    limits: Annotated[RateLimits, part(RateLimits)],
) -> Response:
    """An e-mail or messaging provider's webhook: signed with the tenant's inbound secret,
    which the crm service verifies; the gateway only checks that the tenant is active."""
    await limits.check_inbound(str(tenant_id), provider, _client_address(request))
    async with runtime.sessions() as session, session.begin():
        state = await session.scalar(select(tenants.c.status).where(tenants.c.id == tenant_id))
    if state != "active":
        raise NotFound(f"There is no tenant {tenant_id} receiving messages.")
    identity = Identity(
        tenant_id=tenant_id, subject=f"inbound:{provider}", scopes=frozenset({INBOUND_SCOPE})
    )
    path = f"/v1/inbound/{tenant_id}/{provider}"
    body = await _request_body(request, INBOUND_MAX_BODY_BYTES)
    return _relay_stream(
        await _send(
            request,
            "crm",
            path,
            identity,
            body,
            extra_headers=INBOUND_SIGNATURE_HEADERS,
        )
    )


@router.api_route("/v1/public/surveys/{token}", methods=["GET", "POST"], include_in_schema=False)
async def public_survey(
    token: Annotated[str, Path(min_length=1, max_length=200)],
    request: Request,
    limits: Annotated[RateLimits, part(RateLimits)],
) -> Response:
    """A satisfaction survey answered through its one-time link, without login."""
    plain_segments(_raw_path(request))  # the token is one plain segment, never '..'
    await limits.check_public(_client_address(request))
    identity = Identity(
        tenant_id=NO_TENANT, subject="public:survey", scopes=frozenset({SURVEY_SCOPE})
    )
    body = await _request_body(request, SURVEY_MAX_BODY_BYTES)
    path = f"/v1/public/surveys/{quote(token, safe='')}"
    return _relay_stream(await _send(request, "crm", path, identity, body))


@router.api_route(
    "/v1/{resource}/{rest:path}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
@router.api_route(
    "/v1/{resource}",
    methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
    include_in_schema=False,
)
async def proxy(request: Request) -> Response:
    # The route first: a path no service publishes costs no credential lookup, and never
    # reaches a service, whoever sends it.
    segments = plain_segments(_raw_path(request))
    service = forwarding_of(request).routes.service_for(request.method, segments)
    identity = await authenticate(request)
    # Each checked segment is encoded again, so it reaches the service as the same segment.
    path = "/" + "/".join(quote(segment, safe="") for segment in segments)
    body = await _request_body(request)
    timeout = LONG_CALLS.get((request.method, path))
    return _relay_stream(await _send(request, service, path, identity, body, timeout=timeout))


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _raw_path(request: Request) -> bytes:
    """The path as the caller sent it: the decoded one hides whether '/' was '%2F'."""
    raw: bytes | None = request.scope.get("raw_path")
    return raw if raw is not None else quote(request.url.path).encode()


def _response_headers(upstream: Answered | aiohttp.ClientResponse) -> dict[str, str]:
    return {k: v for k, v in upstream.headers.items() if k.lower() in FORWARDED_RESPONSE_HEADERS}


def _relay(upstream: Answered) -> Response:
    """An answer already read whole."""
    return Response(
        content=upstream.content,
        status_code=upstream.status_code,
        headers=_response_headers(upstream),
    )


def _relay_stream(upstream: aiohttp.ClientResponse) -> Response:
    """An answer relayed as it arrives; the upstream response is released when the relay ends,
    also when the caller goes away mid-way (the generator's `finally`): its connection goes back
    to the pool when the answer was read to its end, and is closed otherwise."""

    async def chunks() -> AsyncIterator[bytes]:
        try:
            async for chunk in upstream.content.iter_any():
                yield chunk
        finally:
            upstream.release()

    async def release() -> None:
        upstream.release()

    return StreamingResponse(
        chunks(),
        status_code=upstream.status,
        headers=_response_headers(upstream),
        background=BackgroundTask(release),
    )
