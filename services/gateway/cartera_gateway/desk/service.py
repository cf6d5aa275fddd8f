"""The desk's fan-out: for each business, a few read calls to the services with that business's
own internal identity (never the caller's other tenants), bounded in number at once and in time
each, so one slow business or service leaves its figures null instead of stalling the desk.

Sources (see docs/gateway.md "The accountant's desk"):
- invoicing `GET /v1/verifactu/summary`: rejected and waiting records;
- collections `GET /v1/collections/aging`: the overdue buckets, summed, and the clients in them;
- analytics `GET /v1/analytics/tax-summary?year&quarter`: the quarter's VAT and IRPF totals;
- analytics `GET /v1/analytics/modelo-347?year`: declarable clients and those without a tax id;
- collections `GET /v1/collections/bank-statement-lines?status=unmatched`: lines to reconcile;
- collections `GET /v1/collections/returned-debits?outstanding=true`: debits the banks gave back,
  still owed and not presented again;
- invoicing `GET /v1/issuer/certificate` (only with `certificates:read`): expiry within 30 days;
- the gateway's own webhook subscriptions: those disabled after failing deliveries.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import aiohttp
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cartera_gateway.models import tenants, webhook_subscriptions
from cartera_gateway.proxy import Forwarding
from cartera_gateway.scopes import ROLES, holds
from cartera_shared.identity import INTERNAL_TOKEN_HEADER, Identity, issue_internal_token
from cartera_shared.wire import money_text

log = logging.getLogger(__name__)

# Calls in flight at once for one desk, over all its businesses.
MAX_CONCURRENT_CALLS = 8
# Each call's bound: past it the part is `unavailable`, the rest of the line goes on.
CALL_SECONDS = 5.0
CERTIFICATE_WARNING_DAYS = 30
OVERDUE_BUCKETS = ("1-30", "31-60", "61-90", "over_90")
# Past this many, "returned debits to act on" is shown as this many (one page of the list).
RETURNED_DEBITS_COUNTED = 500
# Invoicing's reason why waiting records cannot be sent, and the desk's for it.
SENDING_BLOCKS = {
    "no_valid_certificate": "verifactu_no_valid_certificate",
    "submission_off": "verifactu_submission_off",
}


@dataclass(frozen=True)
class Business:
    tenant_id: uuid.UUID
    name: str
    role: str | None
    scopes: frozenset[str]


@dataclass
class Line:
    business: Business
    figures: dict[str, Any] = field(default_factory=dict)
    unavailable: list[str] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


async def businesses(
    session: AsyncSession, identity: Identity, places: list[dict[str, Any]] | None
) -> list[Business]:
    """The businesses on the caller's desk: a person's active memberships whose role grants
    `desk:read`; an API key's own tenant."""
    if places is None:
        name = await session.scalar(
            select(tenants.c.name).where(tenants.c.id == identity.tenant_id)
        )
        return [Business(identity.tenant_id, name or "", None, identity.scopes)]
    found = [
        Business(p["tenant_id"], p["name"], p["role"], ROLES[p["role"]])
        for p in places
        if holds(ROLES[p["role"]], "desk:read")
    ]
    return sorted(found, key=lambda b: (b.name.lower(), str(b.tenant_id)))


async def disabled_webhooks(session: AsyncSession, tenant_ids: list[uuid.UUID]) -> dict[Any, int]:
    rows = await session.execute(
        select(webhook_subscriptions.c.tenant_id, func.count())
        .where(
            webhook_subscriptions.c.tenant_id.in_(tenant_ids),
            webhook_subscriptions.c.active.is_(False),
        )
        .group_by(webhook_subscriptions.c.tenant_id)
    )
    return {row[0]: row[1] for row in rows.all()}


class Caller:
    """Calls to the services for one desk, sharing one bound on the calls in flight."""

    def __init__(self, forwarding: Forwarding, subject: str, request_id: str | None) -> None:
        self.forwarding = forwarding
        self.subject = subject
        self.request_id = request_id
        self.gate = asyncio.Semaphore(MAX_CONCURRENT_CALLS)

    async def get(
        self, business: Business, service: str, path: str, params: dict[str, Any] | None = None
    ) -> Any:
        """The JSON answer of a 200, None for a 404; raises `Unanswered` otherwise."""
        # The token names this business only: a service's row-level security then keeps every
        # other tenant's rows out of this answer, whatever the path asks.
        token = issue_internal_token(
            Identity(
                tenant_id=business.tenant_id,
                subject=self.subject,
                scopes=business.scopes,
                request_id=self.request_id,
            ),
            self.forwarding.internal_keys.current,
            service=service,
        )
        headers = {INTERNAL_TOKEN_HEADER: token, "Accept": "application/json"}
        if self.request_id:
            headers["X-Request-ID"] = self.request_id
        url = f"{self.forwarding.upstreams[service]}{path}"
        query = {name: str(value) for name, value in (params or {}).items()}
        async with self.gate:
            try:
                async with (
                    asyncio.timeout(CALL_SECONDS),
                    self.forwarding.client.session().get(
                        url, params=query, headers=headers, allow_redirects=False
                    ) as answer,
                ):
                    status = answer.status
                    content = await answer.read()
            except (TimeoutError, aiohttp.ClientError) as exc:
                log.info("desk: %s %s for %s: %r", service, path, business.tenant_id, exc)
                raise Unanswered(service) from exc
        if status == 404:
            return None
        if status != 200:
            log.info("desk: %s %s for %s answered %s", service, path, business.tenant_id, status)
            raise Unanswered(service)
        try:
            return json.loads(content)
        except ValueError as exc:
            raise Unanswered(service) from exc


class Unanswered(Exception):
    pass


async def fill_line(caller: Caller, line: Line, day: dt.date) -> None:
    """Every part of one business's line, at once; a part that fails is null and named."""
    business = line.business
    year, quarter = day.year, quarter_of(day)

    async def part(name: str, work: Any) -> None:
        try:
            await work
        except (Unanswered, KeyError, TypeError, ValueError, ArithmeticError) as exc:
            # A service that answers something unexpected counts as not answering: the desk
            # never fails as a whole for one business's part.
            log.info("desk: part %s of %s unavailable: %r", name, business.tenant_id, exc)
            line.unavailable.append(name)

    async def verifactu() -> None:
        data = await caller.get(business, "invoicing", "/v1/verifactu/summary")
        if data is None:
            raise Unanswered("invoicing")
        blocked = data.get("sending_blocked")
        if blocked not in SENDING_BLOCKS:
            blocked = None  # an invoicing that does not say (or says something new): no claim
        line.figures["verifactu"] = {
            "rejected": data["rejected"],
            "waiting": data["waiting"],
            "sending_blocked": blocked,
        }
        if data["rejected"]:
            line.reasons["verifactu_rejected"] = int(data["rejected"])
        if blocked and data["waiting"]:
            line.reasons[SENDING_BLOCKS[blocked]] = int(data["waiting"])

    async def overdue() -> None:
        data = await caller.get(business, "collections", "/v1/collections/aging")
        if data is None:
            raise Unanswered("collections")
        amount = sum(
            (Decimal(data["total"].get(b, "0")) for b in OVERDUE_BUCKETS), start=Decimal(0)
        )
        clients = sum(
            1 for c in data["clients"] if any(Decimal(c.get(b, "0")) > 0 for b in OVERDUE_BUCKETS)
        )
        line.figures["overdue"] = {"clients": clients, "amount": money_text(amount)}

    async def tax() -> None:
        data = await caller.get(
            business,
            "analytics",
            "/v1/analytics/tax-summary",
            {"year": year, "quarter": quarter},
        )
        if data is None:
            raise Unanswered("analytics")
        line.figures["tax"] = {
            "year": year,
            "quarter": quarter,
            **{
                name: money_text(Decimal(data[name]))
                for name in (
                    "taxable_base_total",
                    "vat_total",
                    "surcharge_total",
                    "irpf_withheld_total",
                )
            },
        }

    async def modelo_347() -> None:
        data = await caller.get(business, "analytics", "/v1/analytics/modelo-347", {"year": year})
        if data is None:
            raise Unanswered("analytics")
        items = data["items"]
        missing = sum(1 for item in items if not str(item.get("tax_id") or "").strip())
        line.figures["modelo_347"] = {
            "year": year,
            "declarable": len(items),
            "missing_tax_id": missing,
        }
        if missing:
            line.reasons["modelo_347_missing_tax_id"] = missing

    async def bank_lines() -> None:
        data = await caller.get(
            business,
            "collections",
            "/v1/collections/bank-statement-lines",
            {"status": "unmatched"},
        )
        count = len(data["items"]) if data else 0
        if count:
            line.reasons["bank_lines_unmatched"] = count

    async def returned_debits() -> None:
        data = await caller.get(
            business,
            "collections",
            "/v1/collections/returned-debits",
            {"outstanding": "true", "limit": RETURNED_DEBITS_COUNTED},
        )
        count = len(data["items"]) if data else 0
        if count:
            line.reasons["direct_debits_returned"] = count

    async def certificate() -> None:
        if not holds(business.scopes, "certificates:read"):
            return
        data = await caller.get(business, "invoicing", "/v1/issuer/certificate")
        if data is None:
            return
        days = data.get("days_to_expiry")
        if not data.get("usable", True) or (days is not None and days <= CERTIFICATE_WARNING_DAYS):
            line.reasons["certificate_expiring"] = 1

    await asyncio.gather(
        part("verifactu", verifactu()),
        part("overdue", overdue()),
        part("tax", tax()),
        part("modelo_347", modelo_347()),
        part("bank_lines", bank_lines()),
        part("returned_debits", returned_debits()),
        part("certificate", certificate()),
    )


def line_json(line: Line, day: dt.date) -> dict[str, Any]:
    business = line.business
    year, quarter = day.year, quarter_of(day)
    empty_tax = {
        "year": year,
        "quarter": quarter,
        "taxable_base_total": None,
        "vat_total": None,
        "surcharge_total": None,
        "irpf_withheld_total": None,
    }
    return {
        "tenant_id": str(business.tenant_id),
        "name": business.name,
        "role": business.role,
        "verifactu": line.figures.get(
            "verifactu", {"rejected": None, "waiting": None, "sending_blocked": None}
        ),
        "overdue": line.figures.get("overdue", {"clients": None, "amount": None}),
        "tax": line.figures.get("tax", empty_tax),
        "modelo_347": line.figures.get(
            "modelo_347", {"year": year, "declarable": None, "missing_tax_id": None}
        ),
        "needs_human": [
            {"reason": reason, "count": count} for reason, count in sorted(line.reasons.items())
        ],
        "unavailable": sorted(line.unavailable),
    }
