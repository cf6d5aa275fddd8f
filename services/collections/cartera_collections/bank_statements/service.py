"""Bank statements: import Norma 43 or camt.053 files, settle what they clearly pay, and keep
everything else in a review list until a person decides.

On import, a credit line that names one open invoice (by its number) and pays at most what it
still owes is recorded as a payment at once; a line that only matches by amount and the
client's IBAN is proposed, not applied; any other credit waits as unmatched. Charges are kept
as outgoing and never touch receivables. The whole file is one transaction: it is imported
with all its payments, or not at all, and the same file (by content) is imported only once.

A Norma 43 file may hold several accounts (a bank sends one file for all of a customer's
accounts). Each becomes a statement of its own; only the tenant's account (the IBAN it collects
into as SEPA creditor) is matched and applied. The others are kept with their lines as
`other_account`, reported in the answer and never applied nor put up for review. A file of
several accounts for a tenant whose own account is not known yet is refused, whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_collections import issued_invoices, ledger
from cartera_collections.bank_statements.schemas import (
    ApplyIn,
    DismissIn,
    LineStatus,
    StatementFormat,
)
from cartera_collections.domain.statements import (
    InvalidStatement,
    MatchConfidence,
    OpenItem,
    Statement,
    detect_format,
    parse_camt053,
    parse_norma43_accounts,
    propose_matches,
    same_account,
)
from cartera_collections.models import (
    bank_statements,
    client_replicas,
    receivables,
    sepa_creditors,
    statement_lines,
)
from cartera_shared.db import tenant_transaction
from cartera_shared.internal_calls import InternalClient
from cartera_shared.pagination import Keyset, SortKey, SortKeyset, read_day
from cartera_shared.problems import Code, Conflict, NotFound, UnprocessableEntity, field_error

# Lines a person still has to look at.
REVIEW_STATUSES: tuple[LineStatus, ...] = ("proposed", "unmatched")
AUTOMATIC = (MatchConfidence.EXACT, MatchConfidence.PARTIAL)


def _parse(data: bytes, kind: StatementFormat) -> list[Statement]:
    """The file's statements: one for camt.053, one per account (11..33 group) for Norma 43."""
    try:
        return [parse_camt053(data)] if kind == "camt053" else parse_norma43_accounts(data)
    except InvalidStatement as exc:
        name = "camt.053" if kind == "camt053" else "Norma 43"
        raise UnprocessableEntity(
            f"This is not a valid {name} statement: {exc}", line=exc.line
        ) from exc


async def _tenant_iban(session: AsyncSession, tenant_id: uuid.UUID) -> str | None:
    """The tenant's own account: the IBAN it collects into as SEPA creditor."""
    iban = await session.scalar(
        select(sepa_creditors.c.iban).where(sepa_creditors.c.tenant_id == tenant_id)
    )
    return str(iban) if iban else None


async def _open_items(session: AsyncSession, tenant_id: uuid.UUID) -> list[OpenItem]:
    rows = await session.execute(
        select(
            receivables.c.invoice_id,
            receivables.c.invoice_number,
            receivables.c.amount,
            receivables.c.paid,
            client_replicas.c.legal_name,
            client_replicas.c.state,
        )
        .outerjoin(
            client_replicas,
            (client_replicas.c.tenant_id == receivables.c.tenant_id)
            & (client_replicas.c.client_id == receivables.c.client_id),
        )
        .where(receivables.c.tenant_id == tenant_id, receivables.c.paid < receivables.c.amount)
    )
    items = []
    for row in rows.mappings():
        accounts = (row["state"] or {}).get("bank_accounts") or []
        items.append(
            OpenItem(
                invoice_id=str(row["invoice_id"]),
                invoice_number=row["invoice_number"],
                outstanding=row["amount"] - row["paid"],
                client_name=row["legal_name"],
                client_iban=accounts[0].get("iban") if accounts else None,
            )
        )
    return items


def _line_data(row: Any) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "statement_id": str(row["statement_id"]),
        "seq": row["seq"],
        "booked_on": row["booked_on"].isoformat(),
        "value_on": row["value_on"].isoformat(),
        "amount": str(row["amount"]),
        "reference": row["reference"],
        "remittance": row["remittance"],
        "counterparty_name": row["counterparty_name"],
        "counterparty_account": row["counterparty_account"],
        "bank_reference": row["bank_reference"],
        "status": row["status"],
        "invoice_id": str(row["invoice_id"]) if row["invoice_id"] else None,
        "confidence": row["confidence"],
        "payment_id": str(row["payment_id"]) if row["payment_id"] else None,
        "note": row["note"],
    }


def _statement_data(row: Any, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "format": row["format"],
        "account": row["account"],
        "currency": row["currency"],
        "opening_balance": str(row["opening_balance"]),
        "closing_balance": str(row["closing_balance"]),
        "first_booked_on": row["first_booked_on"].isoformat() if row["first_booked_on"] else None,
        "last_booked_on": row["last_booked_on"].isoformat() if row["last_booked_on"] else None,
        "filename": row["filename"],
        "imported_at": row["imported_at"].isoformat(),
        "applied": row["applied"],
        "lines": counts,
    }


async def _pay(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    invoice_id: uuid.UUID,
    amount: Decimal,
    paid_on: dt.date,
    reference: str | None,
    allow_credit: bool,
) -> Any | None:
    """Record a transfer on an invoice; None if nothing is owed on it any longer."""
    receivable = await ledger.find(session, tenant_id, invoice_id, lock=True)
    if receivable is None:
        return None
    if not allow_credit and amount > receivable["amount"] - receivable["paid"]:
        return None
    return await ledger.record_payment(
        session,
        tenant_id=tenant_id,
        receivable=receivable,
        amount=amount,
        paid_on=paid_on,
        method="transfer",
        reference=reference[:140] if reference else None,
        allow_credit=allow_credit,
    )


async def import_file(
    sessions: async_sessionmaker[AsyncSession],
    tenant_id: uuid.UUID,
    raw: bytes,
    kind: StatementFormat | None,
    filename: str | None,
) -> dict[str, Any]:
    """Import a file (all its accounts, with the payments it clearly makes) in one transaction,
    or nothing; the answer is the tenant's account's statement and the list of accounts."""
    kind = kind or detect_format(raw)
    statements = _parse(raw, kind)
    digest = hashlib.sha256(raw).hexdigest()
    try:
        # Its own transaction, not the route's: the file is read (up to 5 MB, at the client's
        # pace) before a database connection is taken.
        async with tenant_transaction(sessions, tenant_id) as session:
            existing = await session.scalar(
                select(bank_statements.c.id).where(
                    bank_statements.c.tenant_id == tenant_id,
                    bank_statements.c.file_sha256 == digest,
                )
            )
            if existing is not None:
                raise Conflict(
                    "This statement file was imported already.",
                    code=Code.ALREADY_EXISTS,
                    statement_id=str(existing),
                )
            own_iban = await _tenant_iban(session, tenant_id)
            if own_iban is None and len(statements) > 1:
                raise UnprocessableEntity(
                    f"This file holds {len(statements)} accounts; set your own account first "
                    "(iban of PUT /v1/collections/sepa/creditor) so that only its movements "
                    "are applied.",
                    accounts=[statement.account for statement in statements],
                )
            imported = []
            for statement in statements:
                # Without a known own account, a file of one account is taken as the tenant's.
                ours = own_iban is None or same_account(statement.account, own_iban)
                imported.append(
                    await _import_one(session, tenant_id, statement, kind, digest, filename, ours)
                )
            answers = [await statement_of(session, tenant_id, one) for one in imported]
    except IntegrityError as exc:
        # The same file imported at the same moment by another request: one of them wins.
        raise Conflict(
            "This statement file was imported already.", code=Code.ALREADY_EXISTS
        ) from exc
    # The tenant's account's statement (the first one applied) is the answer, as with a file of
    # one account; `accounts` lists every account of the file and whether it was applied.
    main = next((a for a in answers if a["applied"]), answers[0])
    return main | {
        "accounts": [
            {
                "statement_id": a["id"],
                "account": a["account"],
                "applied": a["applied"],
                "lines": sum(a["lines"].values()),
            }
            for a in answers
        ]
    }


async def _import_one(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    statement: Statement,
    kind: StatementFormat,
    digest: str,
    filename: str | None,
    ours: bool,
) -> uuid.UUID:
    """Keep one account's statement; match and pay its credits only if the account is ours.
    Movements of another account are kept as `other_account`: reported, never applied."""
    statement_id = uuid.uuid4()
    booked = [line.booked_on for line in statement.lines]
    await session.execute(
        insert(bank_statements).values(
            id=statement_id,
            tenant_id=tenant_id,
            format=kind,
            account=statement.account,
            currency=statement.currency,
            opening_balance=statement.opening_balance,
            closing_balance=statement.closing_balance,
            first_booked_on=min(booked) if booked else None,
            last_booked_on=max(booked) if booked else None,
            file_sha256=digest,
            filename=filename,
            applied=ours,
        )
    )
    by_line = {}
    if ours:
        proposals = propose_matches(statement.lines, await _open_items(session, tenant_id))
        by_line = {match.line_index: match for match in proposals.matches}
    for index, line in enumerate(statement.lines):
        match = by_line.get(index)
        line_status: LineStatus = "unmatched" if line.amount > 0 else "outgoing"
        if not ours:
            line_status = "other_account"
        payment_id = None
        if match is not None:
            line_status = "proposed"
            if match.confidence in AUTOMATIC and statement.currency == "EUR":
                payment = await _pay(
                    session,
                    tenant_id,
                    uuid.UUID(match.invoice_id),
                    line.amount,
                    line.booked_on,
                    line.bank_reference or line.reference,
                    allow_credit=False,
                )
                if payment is not None:
                    line_status, payment_id = "matched", payment["id"]
        await session.execute(
            insert(statement_lines).values(
                id=uuid.uuid4(),
                tenant_id=tenant_id,
                statement_id=statement_id,
                seq=index + 1,
                booked_on=line.booked_on,
                value_on=line.value_on,
                amount=line.amount,
                reference=line.reference,
                remittance=line.remittance,
                counterparty_name=line.counterparty_name,
                counterparty_account=line.counterparty_account,
                bank_reference=line.bank_reference,
                status=line_status,
                invoice_id=uuid.UUID(match.invoice_id) if match else None,
                confidence=match.confidence.value if match else None,
                payment_id=payment_id,
                resolved_at=func.now() if payment_id else None,
                note=None if ours else "not the tenant's account: reported, not applied",
            )
        )
    return statement_id


async def statement_of(
    session: AsyncSession, tenant_id: uuid.UUID, statement_id: uuid.UUID
) -> dict[str, Any]:
    row = (
        (
            await session.execute(
                select(bank_statements).where(
                    bank_statements.c.tenant_id == tenant_id, bank_statements.c.id == statement_id
                )
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"Bank statement {statement_id} does not exist.")
    counts = dict.fromkeys(("matched", "proposed", "unmatched", "applied", "dismissed"), 0)
    counts["outgoing"] = 0
    counts["other_account"] = 0
    grouped = await session.execute(
        select(statement_lines.c.status, func.count())
        .where(statement_lines.c.statement_id == statement_id)
        .group_by(statement_lines.c.status)
    )
    for line_status, count in grouped.all():
        counts[line_status] = count
    lines = (
        (
            await session.execute(
                select(statement_lines)
                .where(statement_lines.c.statement_id == statement_id)
                .order_by(statement_lines.c.seq)
            )
        )
        .mappings()
        .all()
    )
    return _statement_data(row, counts) | {"items": [_line_data(line) for line in lines]}


async def list_statements(
    session: AsyncSession, tenant_id: uuid.UUID, keyset: Keyset, limit: int
) -> dict[str, Any]:
    """A page of the statements imported, newest first, with how many lines wait for review,
    and the next page's cursor."""
    rows, next_cursor = await keyset.fetch(
        session, select(bank_statements).where(bank_statements.c.tenant_id == tenant_id), limit
    )
    waiting: dict[uuid.UUID, int] = dict(
        (
            await session.execute(
                select(statement_lines.c.statement_id, func.count())
                .where(
                    statement_lines.c.tenant_id == tenant_id,
                    statement_lines.c.status.in_(REVIEW_STATUSES),
                    statement_lines.c.statement_id.in_([r["id"] for r in rows]),
                )
                .group_by(statement_lines.c.statement_id)
            )
        )
        .tuples()
        .all()
    )
    return {
        "items": [
            {
                "id": str(r["id"]),
                "format": r["format"],
                "account": r["account"],
                "applied": r["applied"],
                "filename": r["filename"],
                "imported_at": r["imported_at"].isoformat(),
                "waiting_for_review": waiting.get(r["id"], 0),
            }
            for r in rows
        ],
        "next_cursor": next_cursor,
    }


def lines_keyset(cursor: str | None) -> SortKeyset:
    """By booking day, place in its statement, then id (a bad cursor is a 422 before any
    transaction)."""
    booked = SortKey(statement_lines.c.booked_on, read_day)
    seq = SortKey(statement_lines.c.seq, int)
    return SortKeyset((booked, seq), statement_lines.c.id, "statement-lines", cursor)


async def list_lines(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    status: list[LineStatus] | None,
    statement_id: uuid.UUID | None,
    *,
    limit: int = 1000,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Statement lines by status; by default those a person still has to look at."""
    keyset = lines_keyset(cursor)
    wanted = status or list(REVIEW_STATUSES)
    query = select(statement_lines).where(
        statement_lines.c.tenant_id == tenant_id,
        statement_lines.c.status.in_(wanted),
    )
    if statement_id:
        query = query.where(statement_lines.c.statement_id == statement_id)
    rows, next_cursor = await keyset.fetch(session, query, limit)
    return {"items": [_line_data(r) for r in rows], "next_cursor": next_cursor}


async def _waiting_line(session: AsyncSession, tenant_id: uuid.UUID, line_id: uuid.UUID) -> Any:
    line = (
        (
            await session.execute(
                select(statement_lines)
                .where(statement_lines.c.tenant_id == tenant_id, statement_lines.c.id == line_id)
                .with_for_update()
            )
        )
        .mappings()
        .first()
    )
    if line is None:
        raise NotFound(f"Statement line {line_id} does not exist.")
    if line["status"] not in REVIEW_STATUSES:
        raise Conflict(
            f"Statement line {line_id} is {line['status']}; only proposed or unmatched lines "
            "can be applied or dismissed.",
            code=Code.INVALID_STATE,
            line_status=line["status"],
        )
    return line


async def apply_line(
    session: AsyncSession,
    invoicing: InternalClient,
    tenant_id: uuid.UUID,
    line_id: uuid.UUID,
    body: ApplyIn,
) -> dict[str, Any]:
    """Record the line as a transfer paying an invoice (the proposed one unless told)."""
    line = await _waiting_line(session, tenant_id, line_id)
    invoice_id = body.invoice_id or line["invoice_id"]
    if invoice_id is None:
        raise UnprocessableEntity(
            "invoice_id: say which invoice this line pays.",
            errors=field_error("body", "invoice_id", msg="required", type="missing"),
        )
    receivable = await issued_invoices.receivable_to_pay(session, invoicing, tenant_id, invoice_id)
    currency = await session.scalar(
        select(bank_statements.c.currency).where(bank_statements.c.id == line["statement_id"])
    )
    if currency != receivable["currency"]:
        raise UnprocessableEntity(
            f"The statement is in {currency} and invoice {receivable['invoice_number']} in "
            f"{receivable['currency']}; record this payment by hand with the converted amount."
        )
    payment = await ledger.record_payment(
        session,
        tenant_id=tenant_id,
        receivable=receivable,
        amount=line["amount"],
        paid_on=line["booked_on"],
        method="transfer",
        reference=(line["bank_reference"] or line["reference"] or None),
        allow_credit=body.confirm_overpayment,
    )
    updated = (
        (
            await session.execute(
                update(statement_lines)
                .where(statement_lines.c.id == line_id)
                .values(
                    status="applied",
                    invoice_id=invoice_id,
                    payment_id=payment["id"],
                    resolved_at=func.now(),
                )
                .returning(statement_lines)
            )
        )
        .mappings()
        .one()
    )
    return _line_data(updated)


async def dismiss_line(
    session: AsyncSession, tenant_id: uuid.UUID, line_id: uuid.UUID, body: DismissIn
) -> dict[str, Any]:
    """Take a line off the review list: it is not a payment of a client's invoice."""
    await _waiting_line(session, tenant_id, line_id)
    updated = (
        (
            await session.execute(
                update(statement_lines)
                .where(statement_lines.c.id == line_id)
                .values(status="dismissed", note=body.reason, resolved_at=func.now())
                .returning(statement_lines)
            )
        )
        .mappings()
        .one()
    )
    return _line_data(updated)
