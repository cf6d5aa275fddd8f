"""Use cases of the invoicing service: flush, never commit; every issue adds its event.

Issuing is one transaction: the series row is locked (numbers and dates of a series are handed
out one at a time), the counter of the numbering year is incremented, the snapshot of both
parties is frozen, the Verifactu record is chained, and the event is written to the outbox. If
anything fails, all of it rolls back: no number is consumed, nothing is published.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    Date,
    Integer,
    Select,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from cartera_invoicing.domain.invoice import (
    Address,
    Amounts,
    InvalidInvoice,
    IssuedInvoice,
    Party,
    PublicBodyCodes,
    check_rates,
    compute,
)
from cartera_invoicing.domain.serialize import line_from_json
from cartera_invoicing.invoices.schemas import InvoiceCreate, InvoiceUpdate, IssuerIn, SeriesCreate
from cartera_invoicing.models import (
    client_replicas,
    invoices,
    issuer_versions,
    outbox,
    series,
    series_counters,
)
from cartera_invoicing.verifactu import chain as verifactu_chain
from cartera_shared.business_day import today as today
from cartera_shared.clients_directory import ClientsDirectory
from cartera_shared.events import new_envelope
from cartera_shared.outbox import add_event, event_insert, event_parameters
from cartera_shared.pagination import Keyset
from cartera_shared.problems import (
    Code,
    Conflict,
    NotFound,
    UnprocessableEntity,
    field_error,
    loc_of,
)

PRODUCER = "invoicing"
INVOICE_EVENT_VERSION = 1
TYPE_BY_SERIES_KIND = {"ordinary": "F1", "simplified": "F2", "rectifying": "R4"}


# ------------------------------------------------------------------ issuer


async def issuer_in_force(
    session: AsyncSession, tenant_id: uuid.UUID, day: dt.date | None = None
) -> RowMapping | None:
    if day is None:
        day = dt.date.max
    return (
        (await session.execute(_ISSUER_IN_FORCE, {"tenant_id": tenant_id, "day": day}))
        .mappings()
        .first()
    )


_ISSUER_IN_FORCE = (
    select(issuer_versions)
    .where(
        issuer_versions.c.tenant_id == bindparam("tenant_id"),
        issuer_versions.c.valid_from <= bindparam("day"),
    )
    .order_by(issuer_versions.c.valid_from.desc(), issuer_versions.c.version.desc())
    .limit(1)
)


async def put_issuer(
    session: AsyncSession, *, tenant_id: uuid.UUID, data: IssuerIn, actor: str
) -> RowMapping:
    current = await issuer_in_force(session, tenant_id)
    valid_from = data.valid_from or today()
    if valid_from > today():
        raise UnprocessableEntity(
            "valid_from cannot be in the future.",
            code=Code.FUTURE_DATE,
            errors=field_error("body", "valid_from", msg="in the future"),
        )
    if current is not None and valid_from < current["valid_from"]:
        raise UnprocessableEntity(
            f"valid_from cannot be before {current['valid_from'].isoformat()}, when the version "
            "in force began.",
            code=Code.DATE_OUT_OF_ORDER,
            errors=field_error("body", "valid_from", msg="before the version in force"),
        )
    row: RowMapping = (
        (
            await session.execute(
                insert(issuer_versions)
                .values(
                    tenant_id=tenant_id,
                    version=(current["version"] + 1) if current else 1,
                    valid_from=valid_from,
                    legal_name=data.legal_name,
                    tax_id=data.tax_id,
                    country=data.country,
                    fiscal_address=data.fiscal_address.model_dump(mode="json"),
                    changed_by=actor,
                    reason=data.reason,
                    simplified_invoice_activity=data.simplified_invoice_activity,
                )
                .returning(issuer_versions)
            )
        )
        .mappings()
        .one()
    )
    return row


# ------------------------------------------------------------------ series


async def create_series(
    session: AsyncSession, *, tenant_id: uuid.UUID, data: SeriesCreate
) -> RowMapping:
    try:
        async with session.begin_nested():
            row: RowMapping = (
                (
                    await session.execute(
                        insert(series)
                        .values(id=uuid.uuid4(), tenant_id=tenant_id, **data.model_dump())
                        .returning(series)
                    )
                )
                .mappings()
                .one()
            )
    except IntegrityError:
        raise Conflict(
            f"A series with code {data.code} already exists.",
            code=Code.ALREADY_EXISTS,
            errors=field_error("body", "code", msg="already exists", type="duplicate"),
        ) from None
    return row


async def series_page(
    session: AsyncSession, *, tenant_id: uuid.UUID, keyset: Keyset, limit: int
) -> tuple[list[RowMapping], str | None]:
    """A page of the tenant's series in the order they were opened, and the next page's cursor."""
    return await keyset.fetch(session, select(series).where(series.c.tenant_id == tenant_id), limit)


async def series_by_code(session: AsyncSession, tenant_id: uuid.UUID, code: str) -> RowMapping:
    row = (
        (await session.execute(_SERIES_BY_CODE, {"tenant_id": tenant_id, "code": code}))
        .mappings()
        .first()
    )
    if row is None:
        raise UnprocessableEntity(
            f"There is no series {code!r}; create it at /v1/series.",
            code=Code.UNKNOWN_REFERENCE,
            errors=field_error("body", "series", msg="unknown series", type="unknown_reference"),
        )
    return row


_SERIES_BY_CODE = select(series).where(
    series.c.tenant_id == bindparam("tenant_id"), series.c.code == bindparam("code")
)


async def series_by_id(session: AsyncSession, series_id: uuid.UUID) -> RowMapping:
    row: RowMapping = (
        (await session.execute(select(series).where(series.c.id == series_id))).mappings().one()
    )
    return row


# ------------------------------------------------------------------ drafts


def _lines_json(lines: list[Any]) -> list[dict[str, Any]]:
    return [line.model_dump(mode="json") for line in lines]


def amounts_of(lines_json: list[dict[str, Any]]) -> Amounts:
    return compute(tuple(line_from_json(line) for line in lines_json))


def check_lines(lines_json: list[dict[str, Any]], day: dt.date) -> Amounts:
    """The lines' amounts, once their rates are checked against `day`: the day the tax accrues
    (devengo), the operation date when the invoice has one, else its issue date."""
    lines = tuple(line_from_json(line) for line in lines_json)
    try:
        check_rates(lines, day)
    except InvalidInvoice as exc:
        if exc.field is None:
            raise UnprocessableEntity(str(exc)) from exc
        raise UnprocessableEntity(
            str(exc),
            field=exc.field,
            errors=[{"loc": loc_of("body", exc.field), "msg": str(exc), "type": "value_error"}],
        ) from exc
    return compute(lines)


def accrual_day(
    operation_date: dt.date | None,
    issue_date: dt.date | None,
    original: Mapping[Any, Any] | None = None,
) -> dt.date:
    """The day VAT accrues (Ley 37/1992 art. 75), whose rates the lines must use: the
    operation's, which is the issue date when the invoice states no other. A rectification
    corrects the original operation, so without an operation date of its own it takes the
    original's (`original`: the rectified invoice's row)."""
    if operation_date is not None:
        return operation_date
    if original is not None:
        return cast(dt.date, original["operation_date"] or original["issue_date"])
    return issue_date or today()


async def check_client(
    session: AsyncSession,
    directory: ClientsDirectory,
    tenant_id: uuid.UUID,
    client_id: uuid.UUID | None,
    kind: str,
    *,
    known: bool = False,
) -> None:
    """A draft's client must exist and be active.

    The local replica answers when it knows the client as active (most drafts, without a call to
    the clients service); a client it does not know yet, or knows as archived, is asked of the
    source, which may be ahead of it, and the replica keeps the answer. Issuing asks the source
    again in any case, for the state in force on the issue date.
    """
    if client_id is None:
        if kind != "simplified":
            raise UnprocessableEntity(
                "client_id: a full invoice needs its client.",
                errors=field_error("body", "client_id", msg="required", type="missing"),
            )
        return
    if known:  # the caller asked the clients service itself
        return
    client = await directory.known_client(
        session, client_replicas, tenant_id, client_id, need_active=True
    )
    if client is None:
        raise UnprocessableEntity(
            f"client_id: there is no client {client_id}.",
            code=Code.UNKNOWN_REFERENCE,
            errors=field_error("body", "client_id", msg="unknown client", type="unknown_reference"),
        )
    if client["status"] != "active":
        raise UnprocessableEntity(
            f"client_id: client {client_id} is archived.",
            code=Code.CLIENT_ARCHIVED,
            errors=field_error("body", "client_id", msg="archived client"),
        )


def totals_values(amounts: Amounts) -> dict[str, Decimal]:
    t = amounts.totals
    return {
        "taxable_base": t.taxable_base,
        "vat": t.vat,
        "surcharge": t.surcharge,
        "irpf": t.irpf,
        "total": t.total,
    }


async def create_draft(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    data: InvoiceCreate,
    directory: ClientsDirectory,
    the_series: RowMapping | None = None,
    client_known: bool = False,
) -> dict[str, Any]:
    """A new draft, as `get` reads it (with its series' code). `the_series` is the draft's
    series when the caller has it already; `client_known` when it has asked the clients service
    for the client itself (a batch)."""
    draft, the_series = await new_draft(
        session,
        tenant_id=tenant_id,
        data=data,
        directory=directory,
        the_series=the_series,
        client_known=client_known,
    )
    row = (await session.execute(insert(invoices).returning(invoices), draft)).mappings().one()
    return {**row, "series_code": the_series["code"]}


async def new_draft(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    data: InvoiceCreate,
    directory: ClientsDirectory,
    the_series: RowMapping | None = None,
    client_known: bool = False,
) -> tuple[dict[str, Any], RowMapping]:
    """What `create_draft` inserts, checked but not written, and its series: an invoice made
    and issued in one call is written once, as issued (`issuing.issue_locked` with
    `written=False`)."""
    if the_series is None:
        the_series = await series_by_code(session, tenant_id, data.series)
    await check_draft(session, directory, tenant_id, data, the_series, client_known=client_known)
    return {**draft_values(tenant_id, data, the_series), "rectification": None}, the_series


async def check_draft(
    session: AsyncSession,
    directory: ClientsDirectory,
    tenant_id: uuid.UUID,
    data: InvoiceCreate,
    the_series: Mapping[Any, Any],
    *,
    client_known: bool = False,
) -> None:
    """What a new draft must be, beyond its lines: in a series for drafts, of an active client."""
    if the_series["kind"] == "rectifying":
        raise UnprocessableEntity(
            "Rectifying invoices are made with POST /v1/invoices/{id}/rectify, not as drafts."
        )
    await check_client(
        session, directory, tenant_id, data.client_id, the_series["kind"], known=client_known
    )


def draft_values(
    tenant_id: uuid.UUID, data: InvoiceCreate, the_series: Mapping[Any, Any]
) -> dict[str, Any]:
    """A new draft's row (its lines checked), as `create_draft` inserts it."""
    lines = _lines_json(data.lines)
    amounts = check_lines(lines, accrual_day(data.operation_date, data.issue_date))
    return {
        "id": uuid.uuid4(),
        "tenant_id": tenant_id,
        "status": "draft",
        "series_id": the_series["id"],
        "client_id": data.client_id,
        "invoice_type": TYPE_BY_SERIES_KIND[the_series["kind"]],
        "issue_date": data.issue_date,
        "operation_date": data.operation_date,
        "currency": data.currency,
        "exchange_rate": data.exchange_rate,
        "lines": lines,
        "notes": data.notes,
        **totals_values(amounts),
    }


async def get(
    session: AsyncSession, *, tenant_id: uuid.UUID, invoice_id: uuid.UUID, lock: bool = False
) -> RowMapping:
    query = (
        select(invoices, series.c.code.label("series_code"))
        .join(series, series.c.id == invoices.c.series_id)
        .where(invoices.c.tenant_id == tenant_id, invoices.c.id == invoice_id)
    )
    if lock:
        query = query.with_for_update(of=invoices)
    row = (await session.execute(query)).mappings().first()
    if row is None:
        raise NotFound(f"Invoice {invoice_id} does not exist.")
    return row


def draft_only(row: RowMapping, action: str) -> None:
    if row["status"] == "cancelled":
        raise Conflict(
            f"Invoice {row['number']} was cancelled and can never be {action}.",
            code=Code.INVOICE_CANCELLED,
        )
    if row["status"] != "draft":
        raise Conflict(
            f"Invoice {row['number']} is issued and can never be {action}; "
            "correct it with a rectifying invoice (POST /v1/invoices/{id}/rectify).",
            code=Code.INVOICE_ISSUED,
        )


async def update_draft(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    invoice_id: uuid.UUID,
    data: InvoiceUpdate,
    directory: ClientsDirectory,
) -> RowMapping:
    current = await get(session, tenant_id=tenant_id, invoice_id=invoice_id, lock=True)
    draft_only(current, "changed")
    changes = data.model_dump(exclude_unset=True)
    merged = InvoiceCreate.model_validate(
        {
            "client_id": current["client_id"],
            "series": (await series_by_id(session, current["series_id"]))["code"],
            "lines": current["lines"],
            "issue_date": current["issue_date"],
            "operation_date": current["operation_date"],
            "notes": current["notes"],
            "currency": current["currency"],
            "exchange_rate": current["exchange_rate"],
            **changes,
        }
    )
    the_series = await series_by_code(session, tenant_id, merged.series)
    if the_series["kind"] == "rectifying":
        raise UnprocessableEntity("A draft cannot move to a rectifying series.")
    if "client_id" in changes:
        await check_client(session, directory, tenant_id, merged.client_id, the_series["kind"])
    lines = _lines_json(merged.lines)
    amounts = check_lines(lines, accrual_day(merged.operation_date, merged.issue_date))
    row: RowMapping = (
        (
            await session.execute(
                update(invoices)
                .where(invoices.c.id == invoice_id)
                .values(
                    series_id=the_series["id"],
                    client_id=merged.client_id,
                    invoice_type=TYPE_BY_SERIES_KIND[the_series["kind"]],
                    issue_date=merged.issue_date,
                    operation_date=merged.operation_date,
                    currency=merged.currency,
                    exchange_rate=merged.exchange_rate,
                    lines=lines,
                    notes=merged.notes,
                    updated_at=func.now(),
                    **totals_values(amounts),
                )
                .returning(invoices)
            )
        )
        .mappings()
        .one()
    )
    return row


async def delete_draft(
    session: AsyncSession, *, tenant_id: uuid.UUID, invoice_id: uuid.UUID
) -> None:
    current = await get(session, tenant_id=tenant_id, invoice_id=invoice_id, lock=True)
    draft_only(current, "deleted")
    await session.execute(delete(invoices).where(invoices.c.id == invoice_id))


async def get_all(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    limit: int,
    status: str | None = None,
    client_id: uuid.UUID | None = None,
    keyset: Keyset,
) -> tuple[list[RowMapping], str | None]:
    """A page of invoices and drafts in the keyset's order (by `invoices.created_at, id`), and
    the cursor of the next page."""
    conditions: list[Any] = [invoices.c.tenant_id == tenant_id]
    if status:
        conditions.append(invoices.c.status == status)
    if client_id:
        conditions.append(invoices.c.client_id == client_id)
    query = (
        select(invoices, series.c.code.label("series_code"))
        .join(series, series.c.id == invoices.c.series_id)
        .where(*conditions)
    )
    rows = (await session.execute(keyset.select(query, limit))).mappings().all()
    return keyset.page(rows, limit)


# ------------------------------------------------------------------ issue


def party_from_client(state: dict[str, Any]) -> Party:
    address = state.get("fiscal_address")
    return Party(
        legal_name=state["legal_name"],
        tax_id=state["tax_id"],
        country=state["country"],
        address=Address(
            street=address["street"],
            postal_code=address["postal_code"],
            city=address["city"],
            province=address.get("province"),
            country=address.get("country") or state["country"],
        )
        if address
        else None,
        kind=state["kind"],
        version=state["version"],
        dir3=_public_body_codes(state.get("dir3")),
    )


def _public_body_codes(codes: dict[str, Any] | None) -> PublicBodyCodes | None:
    if not codes:
        return None
    return PublicBodyCodes(
        oficina_contable=codes["oficina_contable"],
        organo_gestor=codes["organo_gestor"],
        unidad_tramitadora=codes["unidad_tramitadora"],
    )


def party_from_issuer(row: RowMapping) -> Party:
    address = row["fiscal_address"]
    return Party(
        legal_name=row["legal_name"],
        tax_id=row["tax_id"],
        country=row["country"],
        address=Address(
            street=address["street"],
            postal_code=address["postal_code"],
            city=address["city"],
            province=address.get("province"),
            country=address["country"],
        ),
        kind="company",
        version=row["version"],
    )


def format_number(the_series: Mapping[Any, Any], year: int, sequence: int) -> str:
    if the_series["yearly_restart"]:
        return f"{the_series['prefix']}{year}-{sequence:05d}"
    return f"{the_series['prefix']}{sequence:06d}"


async def lock_series(session: AsyncSession, series_id: uuid.UUID) -> RowMapping:
    """The series, locked against other issues until the transaction ends.

    FOR NO KEY UPDATE, not FOR UPDATE: inserting an invoice takes a key-share lock on its series
    (the foreign key), which FOR UPDATE waits for. Two transactions that each inserted a draft and
    then asked for the series (an invoice made and issued in one call, a recurring run) would wait
    for each other for ever; PostgreSQL would break the tie by failing one of them.
    """
    row: RowMapping = (
        (
            await session.execute(
                select(series).where(series.c.id == series_id).with_for_update(key_share=True)
            )
        )
        .mappings()
        .one()
    )
    return row


async def claim_number(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    series_id: uuid.UUID,
    issue_date: dt.date,
    issuer_tax_id: str,
) -> RowMapping:
    """Everything one issue locks, in one statement, in the order separate statements took it:
    the series (its last issue date moved on to `issue_date`; an UPDATE locks the row as
    `lock_series` does), the year's counter moved on (the first number of a year creates it) and
    the issuer's VERI*FACTU chain head (`verifactu_chain.lock_head`). Every issue of the series
    and of the issuer waits from here to the commit, so each round trip saved here is saved for
    all of them.

    The row is the series (the last issue date comes back as the later of the two, so
    `check_issue_date` still refuses a date before it, and the transaction rolls the move and
    the number back), with `counter_year`, `counter_number` (the number's year and sequence),
    `chain_position` and `chain_record` (the head's last record)."""
    row: RowMapping = (
        (
            await session.execute(
                _CLAIM_NUMBER,
                {
                    "claim_series_id": series_id,
                    "claim_day": issue_date,
                    "claim_year": issue_date.year,
                    "head_lock_tenant_id": tenant_id,
                    "head_lock_issuer_tax_id": issuer_tax_id,
                },
            )
        )
        .mappings()
        .one()
    )
    return row


def _claim_number() -> Select[Any]:
    claimed = (
        update(series)
        .where(series.c.id == bindparam("claim_series_id"))
        .values(
            last_issue_date=func.greatest(
                series.c.last_issue_date, bindparam("claim_day", type_=Date)
            )
        )
        .returning(series)
        .cte("claimed")
    )
    # Reads the series it claimed, so runs after it; the chain head's lock reads this in turn.
    counted = (
        pg_insert(series_counters)
        .from_select(
            ["tenant_id", "series_id", "year", "last_number"],
            select(
                claimed.c.tenant_id,
                claimed.c.id,
                case((claimed.c.yearly_restart, bindparam("claim_year", type_=Integer)), else_=0),
                literal(1, Integer),
            ),
        )
        .on_conflict_do_update(
            index_elements=[series_counters.c.series_id, series_counters.c.year],
            set_={"last_number": series_counters.c.last_number + 1},
        )
        .returning(series_counters.c.year, series_counters.c.last_number)
        .cte("counted")
    )
    head = verifactu_chain.head_locked_after(counted)
    return select(
        claimed,
        counted.c.year.label("counter_year"),
        counted.c.last_number.label("counter_number"),
        head.c.last_position.label("chain_position"),
        head.c.last_record.label("chain_record"),
    ).select_from(claimed.join(counted, true()).join(head, true()))


_CLAIM_NUMBER = _claim_number()


def check_issue_date(the_series: Mapping[Any, Any], issue_date: dt.date) -> None:
    if issue_date > today():
        raise UnprocessableEntity(
            "An invoice cannot be issued with a date in the future.", code=Code.FUTURE_DATE
        )
    last = the_series["last_issue_date"]
    if last is not None and issue_date < last:
        raise UnprocessableEntity(
            f"Series {the_series['code']} already has an invoice dated {last.isoformat()}; "
            f"dates within a series never go backwards, so {issue_date.isoformat()} is refused.",
            code=Code.DATE_OUT_OF_ORDER,
        )


def invoice_event(
    tenant_id: uuid.UUID, topic: str, issued: IssuedInvoice, data: dict[str, Any]
) -> Any:
    """The event of an issued invoice; `data` is the invoice as printed, and what goes beside."""
    return new_envelope(
        type=topic,
        version=INVOICE_EVENT_VERSION,
        tenant_id=tenant_id,
        producer=PRODUCER,
        subject=issued.id,
        sequence=1,
        data=data,
    )


async def record_issue(
    session: AsyncSession,
    *,
    draft: Mapping[Any, Any],
    issued: IssuedInvoice,
    printed: dict[str, Any],
    year: int,
    sequence: int,
    record: dict[str, Any],
    event: tuple[Any, str],
    written: bool = True,
) -> RowMapping:
    """Freeze a draft as issued: the draft's row, or a new row for a draft not `written` (one
    made and issued in one call, from `new_draft`); with it, in the same statement, its
    VERI*FACTU `record` (a row of `verifactu_chain.alta_row`) appended and its chain's head
    moved on, and its `event` (envelope, topic) put in the outbox."""
    issued_row = issued_values(issued, printed, year, sequence)
    row_values = issued_row if written else {**draft, **issued_row}
    values = {
        **{_INVOICE + name: value for name, value in row_values.items()},
        **verifactu_chain.append_parameters(record),
        **event_parameters(*event, prefix=_EVENT),
    }
    if written:
        values["draft_id"] = draft["id"]
    statement = _issue_statement(tuple(row_values), written)
    row: RowMapping = (await session.execute(statement, values)).mappings().one()
    return row


# Built once per set of columns (in practice two: a draft's issue, and a row inserted issued),
# with their values bound at execution: the issue path's statements are among the hottest of
# the system, and a statement built per call with its values inline costs more to build and
# look up in SQLAlchemy's cache than to run. The record, the head and the event ride along as
# data-modifying WITHs: under the locks `claim_number` took, this is the one write. Every
# parameter has a prefix: one named as a column of any of the statement's tables would be added
# by SQLAlchemy to that table's INSERT or UPDATE.
_INVOICE = "invoice_"
_EVENT = "event_"
_ALONG = (
    verifactu_chain.APPEND_RECORD.cte("appended_record"),
    verifactu_chain.MOVE_HEAD.cte("moved_head"),
    event_insert(outbox, _EVENT).cte("published_event"),
)


@functools.cache
def _issue_statement(columns: tuple[str, ...], written: bool) -> Executable:
    """The statement setting these columns of a draft's row (`written`), or inserting a row
    with them, issued: its columns are those of the values given, so a column added to
    `draft_values` or `issued_values` is written here too, as the batch's insert writes it."""
    bound = {name: bindparam(_INVOICE + name, type_=invoices.c[name].type) for name in columns}
    stamped = {**bound, "issued_at": func.now(), "updated_at": func.now()}
    if written:
        return (
            update(invoices)
            .where(invoices.c.id == bindparam("draft_id"))
            .values(stamped)
            .returning(invoices)
            .add_cte(*_ALONG)
        )
    return insert(invoices).values(stamped).returning(invoices).add_cte(*_ALONG)


def issued_values(
    issued: IssuedInvoice, printed: dict[str, Any], year: int, sequence: int
) -> dict[str, Any]:
    """What issuing sets on a draft's row."""
    return {
        "status": "issued",
        "issue_date": issued.issue_date,
        "year": year,
        "sequence": sequence,
        "number": issued.number,
        "issued": printed,
        **totals_values(issued.amounts),
    }


async def last_number(session: AsyncSession, series_id: uuid.UUID, year: int) -> int:
    """The last number a locked series gave in `year` (0 for none yet)."""
    found = await session.scalar(
        select(series_counters.c.last_number).where(
            series_counters.c.series_id == series_id, series_counters.c.year == year
        )
    )
    return int(found or 0)


async def set_last_numbers(
    session: AsyncSession, tenant_id: uuid.UUID, last: Mapping[tuple[uuid.UUID, int], int]
) -> None:
    """Move locked series' counters to the numbers a batch has given, in one statement."""
    if not last:
        return
    statement = pg_insert(series_counters)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[series_counters.c.series_id, series_counters.c.year],
            set_={"last_number": statement.excluded.last_number},
        ),
        [
            {"tenant_id": tenant_id, "series_id": series_id, "year": year, "last_number": number}
            for (series_id, year), number in sorted(last.items(), key=str)
        ],
    )


async def date_series(session: AsyncSession, series_id: uuid.UUID, day: dt.date) -> None:
    await session.execute(
        update(series).where(series.c.id == series_id).values(last_issue_date=day)
    )


async def publish(session: AsyncSession, envelope: Any, topic: str) -> None:
    await add_event(session, outbox, envelope, topic=topic)


# ------------------------------------------------------------------ rectifications


async def insert_rectifying_draft(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    original: RowMapping,
    series_id: uuid.UUID,
    data: Any,
    lines: list[dict[str, Any]],
) -> uuid.UUID:
    draft_id = uuid.uuid4()
    amounts = amounts_of(lines)
    await session.execute(
        insert(invoices).values(
            id=draft_id,
            tenant_id=tenant_id,
            status="draft",
            series_id=series_id,
            client_id=original["client_id"],
            invoice_type=data.type,
            issue_date=data.issue_date,
            operation_date=data.operation_date,
            currency=original["currency"],
            exchange_rate=original["exchange_rate"],
            lines=lines,
            notes=data.notes,
            rectifies_id=original["id"],
            rectification={
                "type": data.type,
                "kind": data.kind,
                "reason": data.reason,
                "rectified": [
                    {"number": original["number"], "issue_date": original["issue_date"].isoformat()}
                ],
            },
            **totals_values(amounts),
        )
    )
    return draft_id


async def rectifications_of(
    session: AsyncSession, tenant_id: uuid.UUID, invoice_id: uuid.UUID
) -> list[RowMapping]:
    rows = await session.execute(
        select(invoices)
        .where(
            invoices.c.tenant_id == tenant_id,
            invoices.c.rectifies_id == invoice_id,
            invoices.c.status == "issued",
        )
        .order_by(invoices.c.issued_at)
    )
    return list(rows.mappings().all())


async def net_total(session: AsyncSession, tenant_id: uuid.UUID, original: RowMapping) -> Decimal:
    """What an invoice amounts to after its rectifications: the last substitution replaces the
    amount, each rectification by differences adds its (usually negative) total."""
    net = Decimal(original["total"])
    for rectification in await rectifications_of(session, tenant_id, original["id"]):
        if rectification["rectification"]["kind"] == "S":
            net = Decimal(rectification["total"])
        else:
            net += Decimal(rectification["total"])
    return net
