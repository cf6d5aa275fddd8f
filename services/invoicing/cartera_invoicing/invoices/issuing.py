"""Issuing a draft: the step after which an invoice never changes."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.responses import JSONResponse

from cartera_invoicing.domain.invoice import InvalidInvoice, IssuedInvoice, RectifiedReference
from cartera_invoicing.domain.issue_rules import check_recipient_address, check_simplified
from cartera_invoicing.domain.serialize import line_from_json, to_json
from cartera_invoicing.domain.terms import due_dates, payment_ceiling
from cartera_invoicing.domain.verifactu import ChainLink, RectifiedAmounts
from cartera_invoicing.invoices import service
from cartera_invoicing.invoices.schemas import InvoiceCreate, InvoiceRead, RectifyIn
from cartera_invoicing.models import idempotency_keys, invoices, outbox
from cartera_invoicing.verifactu import chain as verifactu_chain
from cartera_shared import idempotency
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.db import tenant_transaction
from cartera_shared.events import topics
from cartera_shared.outbox import add_rows, outbox_row
from cartera_shared.problems import Code, Conflict, Problem, UnprocessableEntity
from cartera_shared.text import forbidden_in


async def recipient_in_force(
    directory: ClientsDirectory, tenant_id: uuid.UUID, draft: Mapping[Any, Any]
) -> dict[str, Any] | None:
    if draft["client_id"] is None:
        return None
    day = draft["issue_date"] or service.today()
    found = await directory.state_and_status(tenant_id, draft["client_id"], as_of=day)
    return invoiceable(found, draft["client_id"], day)


async def recipient_of_new(
    session: AsyncSession,
    directory: ClientsDirectory,
    tenant_id: uuid.UUID,
    draft: Mapping[Any, Any],
) -> dict[str, Any] | None:
    """`recipient_in_force` for a draft made to be issued at once (`service.new_draft` with
    `client_known=True`): the clients service is asked in any case, so the replica is read only
    when its answer is a refusal, to refuse as a draft would be (`service.check_client`)."""
    if draft["client_id"] is None:
        return None
    day = draft["issue_date"] or service.today()
    found = await directory.state_and_status(tenant_id, draft["client_id"], as_of=day)
    if found is None or found[1] != "active":
        # The series' kind only matters to a draft without a client; this one has one.
        await service.check_client(session, directory, tenant_id, draft["client_id"], "ordinary")
    return invoiceable(found, draft["client_id"], day)


def invoiceable(
    found: tuple[dict[str, Any], str] | None, client_id: uuid.UUID, day: dt.date
) -> dict[str, Any]:
    """The client's state in force on `day`, as the clients service answered it, if it may be
    invoiced: it exists, is not archived and, if a public body, has its DIR3 codes."""
    if found is None:
        raise UnprocessableEntity(
            f"Client {client_id} does not exist, or had no fiscal data in force on "
            f"{day.isoformat()}."
        )
    state, current_status = found
    if current_status != "active":
        raise UnprocessableEntity(
            f"Client {client_id} is archived; it cannot be invoiced.",
            code=Code.CLIENT_ARCHIVED,
        )
    require_public_body_codes(state)
    return state


# A public administration's invoice names its oficina contable, órgano gestor and unidad
# tramitadora by their DIR3 codes (LCSP DA 32ª; Orden HAP/492/2014 DA 3ª): FACe and the other
# entry points route and record it by them, and refuse it without them.
PUBLIC_BODY_CODES = ("oficina_contable", "organo_gestor", "unidad_tramitadora")


def require_public_body_codes(state: dict[str, Any]) -> None:
    """Refuse to invoice a public administration whose DIR3 codes are not all known."""
    if state.get("kind") != "public_administration":
        return
    codes = state.get("dir3") or {}
    missing = [name for name in PUBLIC_BODY_CODES if not codes.get(name)]
    if not missing:
        return
    raise UnprocessableEntity(
        f"Client {state.get('id')} is a public administration: an invoice to it names its DIR3 "
        f"codes, and {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing. Add "
        "them to the client (PATCH /v1/clients/{id}, field dir3) and issue again.",
        errors=[
            {"loc": ["client", "dir3", name], "msg": "missing", "type": "missing"}
            for name in missing
        ],
    )


def refuse_unprintable(printed: dict[str, Any]) -> None:
    """Refuse data that Verifactu and FacturaE XML cannot carry; nothing is kept, no number used.
    `printed` is the issued invoice as stored and published (`to_json`).

    Input models refuse such characters today; a client or issuer saved before they did, or
    replicated from elsewhere, can still carry one, and it would otherwise fail the issue with
    a 500 on every try.
    """
    parts = {
        "issuer": printed["issuer"],
        "client": printed["recipient"],
        "lines": printed["lines"],
        "notes": printed["notes"],
        "rectification_reason": printed["rectification_reason"],
    }
    found = next(forbidden_in(parts), None)
    if found is None:
        return
    where, character = found
    part = where.split(".", 1)[0].split("[", 1)[0]
    fix = {
        "client": "correct the client's data (PATCH /v1/clients/{id})",
        "issuer": "correct the issuer's data (PUT /v1/issuer)",
    }.get(part, "correct the draft (PATCH /v1/invoices/{id})")
    raise UnprocessableEntity(
        f"{where} contains the control character {character}, which an invoice cannot carry: "
        f"{fix} and issue again.",
        field=where,
    )


async def issue(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    invoice_id: uuid.UUID,
    directory: ClientsDirectory,
    idempotency_key: str | None,
    producer: tuple[str | None, str | None] = (None, None),
) -> JSONResponse:
    """Issue a draft, in the caller's transaction; the answer is the invoice as the API shows it.

    The draft's row is locked first, then the client's data is asked of the clients service
    (holding only that draft, so edits to it wait, never other issues), and only then the series
    is locked for the number.
    """

    async def issue_draft() -> dict[str, Any]:
        draft = await service.get(session, tenant_id=tenant_id, invoice_id=invoice_id, lock=True)
        service.draft_only(draft, "issued again")
        recipient_state = await recipient_in_force(directory, tenant_id, draft)
        row = await issue_locked(
            session,
            tenant_id=tenant_id,
            draft=draft,
            recipient_state=recipient_state,
            producer=producer,
        )
        return read_model(row)

    return await idempotency.answer_once(
        session,
        idempotency_keys,
        tenant_id=tenant_id,
        key=idempotency_key,
        operation=f"issue:{invoice_id}",
        payload={},
        work=issue_draft,
        status_code=200,
        answer_model=InvoiceRead,
    )


# Clients asked at once for their data while a batch is prepared.
BATCH_DIRECTORY_CALLS = 8


class IssueBatch:
    """What the issues of one batch share in their transaction, read or locked once and written
    once: each series (locked at its first use; its last issue date kept here, so the dates
    still never go backwards) and its counters (the lock keeps every other issue out, so the
    numbers are counted here and the counters moved once), the issuer's data in force on each
    day, each issuer's VERI*FACTU chain (`ChainAppender`), the issued invoices' rows and the
    events to publish. The rows, records and events are written every WRITE_EVERY invoices
    (`write_held`), each kind in one statement, so a batch of a thousand does not hold them all
    in memory; the rest by `flush` before the commit."""

    WRITE_EVERY = 100

    def __init__(
        self, session: AsyncSession, tenant_id: uuid.UUID, *, keep_rows: bool = False
    ) -> None:
        self.session = session
        self.tenant_id = tenant_id
        # The invoices' rows as written (in order), for a caller that answers with them.
        self.written: list[RowMapping] | None = [] if keep_rows else None
        self.by_code: dict[str, RowMapping] = {}
        self.locked: dict[uuid.UUID, dict[str, Any]] = {}
        self.issuers: dict[dt.date, RowMapping | None] = {}
        self.chain = verifactu_chain.ChainAppender(tenant_id)
        # Outbox rows, made as each invoice is issued: their trace headers are its request's.
        self.events: list[dict[str, Any]] = []
        self.counters: dict[tuple[uuid.UUID, int], int] = {}  # (series, year) -> last number
        self.rows: list[dict[str, Any]] = []  # issued invoices not written yet

    async def series_named(self, code: str) -> RowMapping:
        if code not in self.by_code:
            self.by_code[code] = await service.series_by_code(self.session, self.tenant_id, code)
        return self.by_code[code]

    async def lock_series(self, series_id: uuid.UUID) -> dict[str, Any]:
        if series_id not in self.locked:
            self.locked[series_id] = dict(await service.lock_series(self.session, series_id))
        return self.locked[series_id]

    async def issuer_in_force(self, day: dt.date) -> RowMapping | None:
        if day not in self.issuers:
            self.issuers[day] = await service.issuer_in_force(self.session, self.tenant_id, day)
        return self.issuers[day]

    async def next_number(
        self, the_series: Mapping[Any, Any], issue_date: dt.date
    ) -> tuple[int, int, str]:
        """The next number of a series this batch holds locked: counted here, from the counter
        read once, which `flush` moves once."""
        year = issue_date.year if the_series["yearly_restart"] else 0
        key = (the_series["id"], year)
        if key not in self.counters:
            self.counters[key] = await service.last_number(self.session, the_series["id"], year)
        self.counters[key] += 1
        sequence = self.counters[key]
        return year, sequence, service.format_number(the_series, year, sequence)

    def hold_issued(
        self,
        draft: Mapping[Any, Any],
        issued: IssuedInvoice,
        printed: dict[str, Any],
        year: int,
        sequence: int,
    ) -> dict[str, Any]:
        """A new invoice's row as issued, written by `write_held` (never a draft in between)."""
        row = {**draft, **service.issued_values(issued, printed, year, sequence)}
        self.rows.append(row)
        self.locked[draft["series_id"]]["last_issue_date"] = issued.issue_date
        return row

    @property
    def held(self) -> int:
        return len(self.rows)

    async def write_held(self) -> None:
        """Write the invoices, chain records and events held so far (what grows with the batch),
        each kind in one statement."""
        if self.rows:
            if self.written is None:
                await self.session.execute(_INSERT_HELD, self.rows)
            else:
                written = await self.session.execute(_INSERT_HELD_RETURNING, self.rows)
                self.written.extend(written.mappings().all())
            self.rows = []
        await self.chain.flush(self.session)
        await add_rows(self.session, outbox, self.events)
        self.events = []

    async def flush(self) -> None:
        """Write everything left, the counters and the series' last issue dates included: once,
        at the end."""
        await self.write_held()
        await service.set_last_numbers(self.session, self.tenant_id, self.counters)
        for series_id, the_series in self.locked.items():
            if the_series["last_issue_date"] is not None:
                await service.date_series(self.session, series_id, the_series["last_issue_date"])


_INSERT_HELD = insert(invoices).values(issued_at=func.now(), updated_at=func.now())
_INSERT_HELD_RETURNING = _INSERT_HELD.returning(invoices, sort_by_parameter_order=True)


async def create_and_issue_many(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    batch: list[InvoiceCreate],
    directory: ClientsDirectory,
    producer: tuple[str | None, str | None] = (None, None),
) -> list[dict[str, Any]]:
    """Make and issue every invoice of a batch in the caller's transaction, in order: all or
    none. A refusal names the invoice (its index) and nothing of the batch is kept.

    Each client's data in force on each issue day is asked of the clients service once, before
    any row is written or locked. Then every series of the batch is locked, and each invoice is
    made and issued as a single one is, but for what the batch's invoices share (`IssueBatch`).
    The series and the issuer's Verifactu chain stay locked until the batch commits.
    """
    today = service.today()
    wanted = sorted(
        {(item.client_id, item.issue_date or today) for item in batch if item.client_id},
        key=str,
    )
    limit = asyncio.Semaphore(BATCH_DIRECTORY_CALLS)

    async def ask(client_id: uuid.UUID, day: dt.date) -> tuple[dict[str, Any], str] | None:
        async with limit:
            return await directory.state_and_status(tenant_id, client_id, as_of=day)

    answers = await asyncio.gather(*(ask(client_id, day) for client_id, day in wanted))
    found = dict(zip(wanted, answers, strict=True))
    shared = IssueBatch(session, tenant_id)
    for index, item in enumerate(batch):
        try:
            await shared.series_named(item.series)
        except Problem as exc:
            raise refusal_of_item(exc, index) from exc
    # All of them before any chain head, in one order. Taken as the invoices came, a batch could
    # hold one series and the issuer's chain while a single issue held another series and waited
    # for the chain: each would wait for the other.
    for series_id in sorted(row["id"] for row in shared.by_code.values()):
        await shared.lock_series(series_id)
    issued = []
    for index, item in enumerate(batch):
        try:
            recipient_state = None
            if item.client_id is not None:
                day = item.issue_date or today
                recipient_state = invoiceable(found[(item.client_id, day)], item.client_id, day)
            the_series = await shared.series_named(item.series)
            # What create_draft checks and inserts, kept in memory: the invoice's row is only
            # written once issued (IssueBatch.hold_issued).
            await service.check_draft(
                session, directory, tenant_id, item, the_series, client_known=True
            )
            draft = {**service.draft_values(tenant_id, item, the_series), "rectification": None}
            row = await issue_locked(
                session,
                tenant_id=tenant_id,
                draft=draft,
                recipient_state=recipient_state,
                producer=producer,
                batch=shared,
            )
        except Problem as exc:
            raise refusal_of_item(exc, index) from exc
        issued.append(batch_summary(row))
        if shared.held >= IssueBatch.WRITE_EVERY:
            await shared.write_held()  # still this transaction: only what memory holds goes
    await shared.flush()
    return issued


def batch_summary(row: Mapping[Any, Any]) -> dict[str, Any]:
    """An issued invoice as a batch's answer gives it (`IssuedInBatch`)."""
    printed = row["issued"]
    return {
        "id": str(row["id"]),
        "status": row["status"],
        "series": printed["series"],
        "number": row["number"],
        "client_id": str(row["client_id"]) if row["client_id"] else None,
        "issue_date": row["issue_date"].isoformat(),
        "currency": row["currency"],
        "totals": shown_totals(printed["amounts"]),
        "due_dates": printed.get("due_dates", []),
    }


def shown_totals(amounts: dict[str, Any]) -> dict[str, Any]:
    """The totals an answer shows, of the amounts an invoice stores."""
    return {
        k: v
        for k, v in amounts["totals"].items()
        if k in ("taxable_base", "vat", "surcharge", "irpf", "total")
    }


def refusal_of_item(problem: Problem, index: int) -> Problem:
    """A refusal of one invoice of a batch, as the batch's: it names the invoice (`item`, and the
    `loc` of its errors under `invoices`), and what a single call would answer 404 (an unknown
    series) is the batch's 422, since the batch's address exists."""
    errors = [
        {**error, "loc": ["body", "invoices", index, *error.get("loc", ["body"])[1:]]}
        for error in problem.errors or []
    ] or [{"loc": ["body", "invoices", index], "msg": problem.detail, "type": problem.code}]
    missing = problem.status == 404
    kind = UnprocessableEntity if missing else type(problem)
    refused = kind(
        f"Invoice {index} of the batch: {problem.detail} Nothing of the batch was issued.",
        code=Code.UNKNOWN_REFERENCE if missing else problem.code,
        errors=errors,
        retry_after=problem.retry_after,
        **{**problem.extensions, "item": index},
    )
    return refused


async def issue_locked(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    draft: Mapping[Any, Any],
    recipient_state: dict[str, Any] | None,
    producer: tuple[str | None, str | None],
    original: RowMapping | None = None,
    batch: IssueBatch | None = None,
    written: bool = True,
) -> Mapping[Any, Any]:
    """Number, freeze, chain and publish a locked draft, in the caller's transaction: locked and
    numbered by one statement (`service.claim_number`) and written by one more
    (`service.record_issue`). A draft not `written` is a row not inserted yet
    (`service.new_draft`), inserted as issued. In a `batch`, drafts are rows not written yet
    (`service.draft_values`), and what the batch's issues share is read once and written by
    `batch.write_held()` and `batch.flush()`."""
    if not draft["lines"]:
        raise UnprocessableEntity("An invoice without lines cannot be issued.")
    issue_date = draft["issue_date"] or service.today()
    # Read before the series is locked: every statement under that lock holds up the series'
    # other issues.
    issuer = (
        await batch.issuer_in_force(issue_date)
        if batch
        else await service.issuer_in_force(session, tenant_id, issue_date)
    )
    claimed = None
    if batch:
        the_series: Mapping[Any, Any] = await batch.lock_series(draft["series_id"])
    elif issuer is None:
        # Refused below; what the series and the lines refuse is said first, as it always was.
        the_series = await service.lock_series(session, draft["series_id"])
    else:
        # The series, its next number and the issuer's chain head, in one statement.
        claimed = the_series = await service.claim_number(
            session,
            tenant_id=tenant_id,
            series_id=draft["series_id"],
            issue_date=issue_date,
            issuer_tax_id=service.party_from_issuer(issuer).tax_id,
        )
    service.check_issue_date(the_series, issue_date)
    amounts = service.check_lines(
        draft["lines"], service.accrual_day(draft["operation_date"], issue_date, original)
    )
    if the_series["kind"] != "rectifying" and amounts.totals.total < 0:
        raise UnprocessableEntity(
            "An ordinary invoice cannot be negative; a refund is a rectifying invoice."
        )
    if issuer is None:
        raise UnprocessableEntity(
            f"No issuer fiscal data is in force on {issue_date.isoformat()}; "
            "set it with PUT /v1/issuer.",
            code=Code.SETUP_REQUIRED,
        )
    issuer_party = service.party_from_issuer(issuer)
    recipient = service.party_from_client(recipient_state) if recipient_state else None
    lines = tuple(line_from_json(line) for line in draft["lines"])
    exchange_rate = Decimal(draft["exchange_rate"]) if draft["exchange_rate"] else None
    try:
        check_recipient_address(invoice_type=draft["invoice_type"], recipient=recipient)
        check_simplified(
            invoice_type=draft["invoice_type"],
            amounts=amounts,
            exchange_rate=exchange_rate,
            lines=lines,
            recipient=recipient,
            activity=issuer.get("simplified_invoice_activity"),
        )
    except InvalidInvoice as exc:
        raise UnprocessableEntity(str(exc), field=exc.field) from exc
    if claimed is None:
        assert batch is not None
        year, sequence, number = await batch.next_number(the_series, issue_date)
    else:
        year, sequence = claimed["counter_year"], claimed["counter_number"]
        number = service.format_number(the_series, year, sequence)
    terms = (recipient_state or {}).get("payment_terms") or {}
    rectification = draft["rectification"] or {}
    issued = IssuedInvoice(
        id=str(draft["id"]),
        series=the_series["code"],
        number=number,
        invoice_type=draft["invoice_type"],
        issue_date=issue_date,
        operation_date=draft["operation_date"],
        issuer=issuer_party,
        recipient=recipient,
        lines=lines,
        amounts=amounts,
        currency=draft["currency"],
        exchange_rate=exchange_rate,
        notes=draft["notes"],
        rectified=tuple(
            RectifiedReference(r["number"], dt.date.fromisoformat(r["issue_date"]))
            for r in rectification.get("rectified", [])
        ),
        rectification_kind=rectification.get("kind"),
        rectification_reason=rectification.get("reason"),
        due_dates=due_dates(
            issue_date,
            amounts.totals.total,
            days=int(terms.get("days", 30)),
            instalments=int(terms.get("instalments", 1)),
            interval_days=int(terms.get("interval_days", 30)),
            fixed_day=terms.get("fixed_day"),
            max_days=payment_ceiling(recipient.kind if recipient else None),
            operation_date=draft["operation_date"],
        )
        if amounts.totals.total > 0
        else (),
    )
    printed = to_json(issued)  # once: checked, stored and published
    refuse_unprintable(printed)
    rectified_amounts = None
    if original is not None and issued.rectification_kind == "S":
        totals = original["issued"]["amounts"]["totals"]
        rectified_amounts = RectifiedAmounts(
            base=Decimal(totals["taxable_base"]),
            tax=Decimal(totals["vat"]),
            surcharge=Decimal(totals["surcharge"]),
        )
    producer_name, producer_nif = producer
    system = verifactu_chain.system_info(
        tenant_id,
        producer_name or issued.issuer.legal_name,
        producer_nif or issued.issuer.tax_id,
    )
    record_row: dict[str, Any] = {}
    if claimed is None:
        assert batch is not None
        record = await batch.chain.append_alta(
            session, invoice=issued, system=system, rectified_amounts=rectified_amounts
        )
    else:
        record, record_row = verifactu_chain.alta_row(
            tenant_id,
            issued,
            system,
            previous=(
                ChainLink.from_fields(claimed["chain_record"]) if claimed["chain_record"] else None
            ),
            position=claimed["chain_position"] + 1,
            rectified_amounts=rectified_amounts,
        )
    topic = topics.INVOICE_RECTIFIED if original is not None else topics.INVOICE_ISSUED
    extra: dict[str, Any] = {
        "client_id": str(draft["client_id"]) if draft["client_id"] else None,
        "verifactu_huella": record.huella,
    }
    if original is not None:
        extra["rectifies"] = {"id": str(original["id"]), "number": original["number"]}
    event = service.invoice_event(tenant_id, topic, issued, {**printed, **extra})
    if batch:
        batch.events.append(outbox_row(event, topic))
        return batch.hold_issued(draft, issued, printed, year, sequence)
    # The invoice, its VERI*FACTU record and its event: one statement.
    return await service.record_issue(
        session,
        draft=draft,
        issued=issued,
        printed=printed,
        year=year,
        sequence=sequence,
        record=record_row,
        event=(event, topic),
        written=written,
    )


async def rectify(
    sessions: async_sessionmaker[AsyncSession],
    *,
    tenant_id: uuid.UUID,
    original_id: uuid.UUID,
    data: RectifyIn,
    directory: ClientsDirectory,
    idempotency_key: str | None,
    producer: tuple[str | None, str | None] = (None, None),
) -> JSONResponse:
    """Issue a rectifying invoice of an issued one; the original never changes.

    Two transactions: the first reads the original and its series and, between them, the
    clients service is asked for the client's data without holding any lock; the second locks
    the original and issues.
    """
    async with tenant_transaction(sessions, tenant_id) as session:
        original = await service.get(session, tenant_id=tenant_id, invoice_id=original_id)
        the_series = await service.series_by_code(session, tenant_id, data.series)
    if original["status"] == "cancelled":
        raise Conflict(
            f"Invoice {original['number']} was cancelled; a cancelled invoice is not rectified.",
            code=Code.INVOICE_CANCELLED,
            reason="cancelled",
        )
    if original["status"] != "issued":
        raise Conflict(
            "A draft is corrected by editing it; only issued invoices are rectified.",
            code=Code.INVOICE_DRAFT,
        )
    if the_series["kind"] != "rectifying":
        raise UnprocessableEntity(
            f"Series {data.series} is not a rectifying series; rectifying invoices have their own."
        )
    simplified = original["invoice_type"] in ("F2", "R5")
    if simplified != (data.type == "R5"):
        raise UnprocessableEntity(
            "R5 rectifies simplified invoices, and only those; use R1-R4 for full invoices."
        )
    day = data.issue_date or service.today()
    recipient_state = None
    if original["client_id"] is not None:
        recipient_state = await directory.state(tenant_id, original["client_id"], as_of=day)
        if recipient_state is None:
            raise UnprocessableEntity("The original invoice's client has no fiscal data in force.")
        require_public_body_codes(recipient_state)
    lines = [line.model_dump(mode="json") for line in data.lines]
    accrued = service.accrual_day(data.operation_date, day, original)
    change = service.check_lines(lines, accrued).totals.total

    async with tenant_transaction(sessions, tenant_id) as session:

        async def rectify_locked() -> dict[str, Any]:
            # Locking the original serialises its rectifications, so the balance check holds.
            original = await service.get(
                session, tenant_id=tenant_id, invoice_id=original_id, lock=True
            )
            if original["status"] != "issued":  # cancelled while this call was on its way
                raise Conflict(
                    f"Invoice {original['number']} was cancelled; a cancelled invoice is not "
                    "rectified.",
                    code=Code.INVOICE_CANCELLED,
                    reason="cancelled",
                )
            balance = await service.net_total(session, tenant_id, original)
            after = change if data.kind == "S" else balance + change
            if after < 0:
                raise UnprocessableEntity(
                    f"This would leave invoice {original['number']} at {after} (now {balance}); "
                    "a rectification cannot credit more than was invoiced."
                )
            draft_id = await service.insert_rectifying_draft(
                session,
                tenant_id=tenant_id,
                original=original,
                series_id=the_series["id"],
                data=data,
                lines=lines,
            )
            draft = await service.get(session, tenant_id=tenant_id, invoice_id=draft_id, lock=True)
            row = await issue_locked(
                session,
                tenant_id=tenant_id,
                draft=draft,
                recipient_state=recipient_state,
                producer=producer,
                original=original,
            )
            return read_model(row)

        return await idempotency.answer_once(
            session,
            idempotency_keys,
            tenant_id=tenant_id,
            key=idempotency_key,
            operation=f"rectify:{original_id}",
            payload=data,
            work=rectify_locked,
            answer_model=InvoiceRead,
        )


def read_model(row: Mapping[Any, Any]) -> dict[str, Any]:
    """The invoice as the API shows it (drafts show their computed amounts too)."""
    issued = row["issued"] or {}
    amounts = issued.get("amounts") or to_json(service.amounts_of(row["lines"]))
    return {
        "id": str(row["id"]),
        "status": row["status"],
        "series": issued.get("series") or row.get("series_code"),
        "number": row["number"],
        "invoice_type": row["invoice_type"],
        "client_id": str(row["client_id"]) if row["client_id"] else None,
        "issue_date": row["issue_date"].isoformat() if row["issue_date"] else None,
        "operation_date": row["operation_date"].isoformat() if row["operation_date"] else None,
        "currency": row["currency"],
        "exchange_rate": str(row["exchange_rate"]) if row["exchange_rate"] else None,
        "lines": issued.get("lines")
        or [{**line, "amount": str(line_from_json(line).amount)} for line in row["lines"]],
        "notes": row["notes"],
        "totals": shown_totals(amounts),
        "breakdown": amounts["breakdown"],
        "withholdings": amounts["withholdings"],
        "issuer": issued.get("issuer"),
        "recipient": issued.get("recipient"),
        "due_dates": issued.get("due_dates", []),
        "rectifies_id": str(row["rectifies_id"]) if row["rectifies_id"] else None,
        "rectification": row["rectification"],
        "created_at": row["created_at"].isoformat(),
        "updated_at": row["updated_at"].isoformat(),
        "issued_at": row["issued_at"].isoformat() if row["issued_at"] else None,
        "cancelled_at": row["cancelled_at"].isoformat() if row.get("cancelled_at") else None,
        "cancellation": row.get("cancellation"),
    }
