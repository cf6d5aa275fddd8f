"""Scopes a credential can hold, and the scopes each role of a person grants.

A scope is `<resource>:<read|write>`; `<resource>:*` and `*` are wildcards. Services check the
scope of each route; the gateway only hands out scopes from this catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable

RESOURCES = (
    "clients",
    "invoices",
    "quotes",
    "collections",
    "crm",
    "analytics",
    # The accounting export (journal entries) and its account mapping: the books' people.
    "exports",
    "webhooks",
    "api-keys",
    "users",
    # The tenant's electronic certificates and who may act for it before the AEAT: only owners
    # hold them (no role below names them), and an owner may hand them to an API key.
    "certificates",
    # Who else belongs to the tenant (memberships: invitations and revocations): owners only.
    "members",
    # The accountant's desk (GET /v1/desk): one line per business the person belongs to.
    "desk",
)
SCOPES = frozenset(f"{r}:{a}" for r in RESOURCES for a in ("read", "write"))
WILDCARDS = frozenset({"*", *(f"{r}:*" for r in RESOURCES)})

BUSINESS = ("clients", "invoices", "quotes", "collections", "crm", "analytics")


def _all(resources: Iterable[str], *actions: str) -> frozenset[str]:
    return frozenset(f"{r}:{a}" for r in resources for a in actions)


ROLES: dict[str, frozenset[str]] = {
    "owner": frozenset({"*"}),
    # Books and money: invoices, collections, and read access to the rest.
    "accountant": _all(BUSINESS, "read")
    | _all(("invoices", "quotes", "collections", "clients", "exports"), "write")
    | _all(("exports",), "read")
    | {"desk:read"},
    # Clients and the commercial relation: quotes, CRM; reads invoices and payments.
    "sales": _all(BUSINESS, "read") | _all(("clients", "quotes", "crm"), "write"),
    "read_only": _all(BUSINESS, "read"),
}


def unknown_scopes(scopes: Iterable[str]) -> list[str]:
    return sorted(s for s in scopes if s not in SCOPES and s not in WILDCARDS)


def holds(granted: Iterable[str], scope: str) -> bool:
    """True when `granted` covers `scope` (directly or by a wildcard)."""
    granted = set(granted)
    if "*" in granted or scope in granted:
        return True
    resource, _, _ = scope.partition(":")
    return f"{resource}:*" in granted


def covers(granted: Iterable[str], wanted: Iterable[str]) -> list[str]:
    """The scopes of `wanted` that `granted` does not cover (a credential cannot hand out more
    than it holds)."""
    granted = set(granted)
    missing = []
    for scope in wanted:
        if scope == "*":
            ok = "*" in granted
        elif scope.endswith(":*"):
            resource = scope[:-2]
            ok = (
                "*" in granted
                or scope in granted
                or {
                    f"{resource}:read",
                    f"{resource}:write",
                }
                <= granted
            )
        else:
            ok = holds(granted, scope)
        if not ok:
            missing.append(scope)
    return missing
