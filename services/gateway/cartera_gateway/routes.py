"""The routes the gateway forwards: exactly those the services publish, nothing else.

`routes.json` beside this module lists, per service, each path template of its OpenAPI document
and its methods. `python -m cartera_gateway.export_docs docs/api` writes it from the services'
code (the gateway itself never imports a service), and a test keeps it equal to that code.

A request is forwarded only when its method and path match a published route. Before that its
raw path must be plain: no empty segment, no `.` or `..`, no encoded `/` or `\\` (`%2F`, `%5C`,
or encoded again, `%252F`), no control character. Otherwise a service could be reached along a
path it never published (`/v1/invoices/..%2Fclient-replicas%2F{id}` became invoicing's internal
`/v1/client-replicas/{id}` once the URL was normalised on the way out).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from cartera_shared.problems import Code, NotFound, Problem

ROUTES_FILE = Path(__file__).with_name("routes.json")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Published by a service but never forwarded as they are: replicas are read through the
# gateway's /v1/clients/{id}/replicas; inbound messages and survey links through the gateway's
# own public doors, which forward them with an identity of one scope.
NOT_FORWARDED_PREFIXES = ("/v1/client-replicas", "/v1/inbound/", "/v1/public/")
# A segment decoded this many times and still changing is refused outright.
MAX_DECODINGS = 4
_PARAMETER = re.compile(r"^\{[^{}/]*\}$")


class MalformedPath(Problem):
    """400: the path cannot name a route (see the module's docstring)."""

    type_slug, code = "malformed-path", Code.MALFORMED_PATH


class MethodNotAllowed(Problem):
    status, title, type_slug = 405, "Method not allowed", "method-not-allowed"
    code = Code.METHOD_NOT_ALLOWED


_RAW_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")
_DOT_SEGMENTS = frozenset({".", ".."})


def plain_segments(raw_path: bytes) -> list[str]:
    """The decoded segments of a raw request path, or MalformedPath."""
    try:
        text = raw_path.decode("ascii")
    except UnicodeDecodeError as exc:
        raise MalformedPath("The path must be percent-encoded ASCII.") from exc
    if not text.startswith("/"):
        raise MalformedPath("The path must start with '/'.")
    if _RAW_UNSAFE.search(text):
        raise MalformedPath("The path may not hold '\\' or control characters.")
    segments = text[1:].split("/")
    for index, raw in enumerate(segments):
        if not raw:
            raise MalformedPath("The path has an empty segment ('//' or a trailing '/').")
        if raw in _DOT_SEGMENTS:
            raise MalformedPath("A path segment may not be '.' or '..'.")
        if "%" in raw:  # most paths have none: ids and fixed words
            segments[index] = _decoded(raw)
    return segments


def _decoded(raw: str) -> str:
    """A percent-encoded segment decoded once, after checking every further decoding too."""
    value = raw
    for _ in range(MAX_DECODINGS):
        decoded = unquote(value)
        if decoded == value:
            break
        if decoded in _DOT_SEGMENTS or "/" in decoded or _RAW_UNSAFE.search(decoded):
            raise MalformedPath(
                "A path segment may not be '.', '..' or hold an encoded '/', '\\' or control "
                "character."
            )
        value = decoded
    else:
        raise MalformedPath("A path segment is encoded too many times over.")
    return unquote(raw)


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    # Literal segments sort before parameters, position by position: /v1/clients/export is
    # tried before /v1/clients/{client_id}, whichever service publishes which.
    specificity: tuple[int, ...]
    methods: Mapping[str, str]  # method -> the service that serves it


def _compile(path: str) -> tuple[re.Pattern[str], tuple[int, ...]]:
    parts, specificity = [], []
    for segment in path.strip("/").split("/"):
        if _PARAMETER.match(segment):
            parts.append("[^/]+")
            specificity.append(1)
        else:
            parts.append(re.escape(segment))
            specificity.append(0)
    return re.compile("/" + "/".join(parts)), tuple(specificity)


class RouteTable:
    """Published routes by their first segment under /v1, each tried most specific first."""

    def __init__(self, services: Mapping[str, Mapping[str, Iterable[str]]]) -> None:
        by_path: dict[str, dict[str, str]] = {}
        for service, paths in services.items():
            for path, methods in paths.items():
                if not path.startswith("/v1/") or path.startswith(NOT_FORWARDED_PREFIXES):
                    raise ValueError(f"{service} publishes {path}, which is not forwarded")
                for method in methods:
                    owner = by_path.setdefault(_shape(path), {}).setdefault(method, service)
                    if owner != service:
                        raise ValueError(f"{method} {path} is published by {owner} and {service}")
        # Keyed by the first segment under /v1 and the number of segments: a request is tried
        # against the few templates that could match it.
        self._candidates: dict[tuple[str, int], list[_Template]] = {}
        for shape, methods in by_path.items():
            pattern, specificity = _compile(shape)
            resource = shape.split("/")[2]
            if resource.startswith("{"):
                raise ValueError(f"{shape}: the first segment under /v1 must be fixed")
            self._candidates.setdefault((resource, len(specificity)), []).append(
                _Template(pattern, specificity, methods)
            )
        self._combined: dict[tuple[str, int], re.Pattern[str]] = {}
        for key, templates in self._candidates.items():
            templates.sort(key=lambda t: t.specificity)
            # One pattern per bucket; the alternative that matches first is the most specific.
            self._combined[key] = re.compile(
                "|".join(f"(?P<t{i}>{t.pattern.pattern})" for i, t in enumerate(templates))
            )

    @classmethod
    def load(cls, path: Path = ROUTES_FILE) -> RouteTable:
        document = json.loads(path.read_text())
        return cls(document["services"])

    @property
    def resources(self) -> frozenset[str]:
        """The first segments under /v1 that lead to a service."""
        return frozenset(resource for resource, _ in self._candidates)

    def service_for(self, method: str, segments: list[str]) -> str:
        """The service that publishes `method` on these decoded segments; 404 or 405 else."""
        if len(segments) < 2 or segments[0] != "v1":
            raise NotFound("There is no such route.")
        path = "/" + "/".join(segments)
        key = (segments[1], len(segments))
        combined = self._combined.get(key)
        found = combined.fullmatch(path) if combined is not None else None
        if found is None:
            raise NotFound(f"There is no route {path}.")
        service = self._candidates[key][int(str(found.lastgroup)[1:])].methods.get(method)
        if service is not None:
            return service
        # Another method: a less specific template may take it, as in the service's router.
        allowed: set[str] = set()
        for template in self._candidates[key]:
            if not template.pattern.fullmatch(path):
                continue
            service = template.methods.get(method)
            if service is not None:
                return service
            allowed.update(template.methods)
        if allowed:
            raise MethodNotAllowed(
                f"{method} is not allowed here; allowed: {', '.join(sorted(allowed))}.",
                allowed=sorted(allowed),
            )
        raise NotFound(f"There is no route {path}.")


def _shape(path: str) -> str:
    """The path with its parameters unnamed: two templates of one shape are one route."""
    return "/".join("{}" if _PARAMETER.match(s) else s for s in path.split("/"))


def published_routes(documents: Mapping[str, dict[str, Any] | None]) -> dict[str, Any]:
    """What routes.json holds, from each service's OpenAPI document."""
    services: dict[str, dict[str, list[str]]] = {}
    for service, document in sorted(documents.items()):
        if document is None:
            raise ValueError(f"no OpenAPI document from {service}")
        for path, item in sorted(document.get("paths", {}).items()):
            if path.startswith(NOT_FORWARDED_PREFIXES):
                continue
            methods = sorted(m.upper() for m in item if m.upper() in METHODS)
            if methods:
                services.setdefault(service, {})[path] = methods
    RouteTable(services)  # refuses a route two services claim
    return {
        "about": "Routes the gateway forwards, per service. Generated from the services' code "
        "by `python -m cartera_gateway.export_docs docs/api`; do not edit.",
        "services": services,
    }
