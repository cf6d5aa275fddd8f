"""The certificate store: the tenants' electronic certificates, the representatives they declare,
how each tenant's VERI*FACTU records are sent, and the operator's own certificate.

- A tenant keeps one current certificate per holder NIF (an upload for the same NIF replaces
  the previous one, which is kept with `replaced_at`). A certificate is accepted only when its
  NIF is the issuer's (the current `/v1/issuer` profile) or a declared representative's.
- The private key is kept as PKCS#8 encrypted under CARTERA_DATA_KEY (cartera_shared.data_keys),
  bound to the row's id; it leaves this module only decrypted in memory, inside `Credentials`,
  for one submission. It is never returned by the API and never logged.
- Mode (`verifactu_modes`): `own_certificate` (the default), `operator` (the SaaS operator's
  certificate, CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_FILE, on behalf of a tenant that
  declared the operator's NIF as its representative), or `off`.
- `submitter_for` is what the submission worker asks before each request; `submission_enabled`
  decides whether a printed invoice may carry the VERI*FACTU legend.
- A daily single-runner job announces each certificate once when it enters its last
  EXPIRY_WARNING_DAYS days (`certificate.expiring`, through the outbox).

Who may submit for someone else, and what the AEAT asks of them: docs/verifactu.md,
"Certificates and representation".
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cartera_invoicing.aeat.credentials import Credentials, Party, Submitter
from cartera_invoicing.domain.nif import spanish_nif
from cartera_invoicing.domain.pkcs12 import CertificateRefused, OpenedCertificate, open_pkcs12
from cartera_invoicing.invoices import service
from cartera_invoicing.models import (
    certificate_directory,
    issuer_certificates,
    issuer_representatives,
    outbox,
    verifactu_modes,
)
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.data_keys import DataKeyError, DataKeys
from cartera_shared.db import tenant_transaction
from cartera_shared.events import new_envelope, topics
from cartera_shared.events.certificates import (
    CERTIFICATE_EVENT_VERSION,
    EXPIRY_WARNING_DAYS,
    CertificateExpiring,
)
from cartera_shared.jobs import run_single
from cartera_shared.outbox import add_event
from cartera_shared.pagination import SortKey, SortKeyset
from cartera_shared.problems import Code, Conflict, UnprocessableEntity

log = logging.getLogger(__name__)

Mode = Literal["own_certificate", "operator", "off"]
MODES: tuple[Mode, ...] = ("own_certificate", "operator", "off")
DEFAULT_MODE: Mode = "own_certificate"
Role = Literal["issuer", "representative"]
EXPIRY_JOB = "invoicing.certificate-expiry"
EXPIRY_BATCH = 500
# The AEAT's schemas hold a name in at most 120 characters (NombreRazon, TextMax120Type).
AEAT_NAME_LENGTH = 120


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# ------------------------------------------------------------------ what the process holds


@dataclass(frozen=True)
class OperatorCertificate:
    """The operator's certificate, read once from its file; its key stays in memory."""

    opened: OpenedCertificate

    @property
    def nif(self) -> str:
        return self.opened.holder.nif

    @property
    def name(self) -> str:
        return self.opened.holder.name

    def valid_at(self, moment: dt.datetime) -> bool:
        return self.opened.not_before <= moment <= self.opened.not_after


@dataclass(frozen=True)
class CertificateKeys:
    """The data keys and the operator's certificate (None when not configured or unreadable;
    `operator_problem` then says why, for the operator's log: tenants are told only that the
    mode is unavailable)."""

    data_keys: DataKeys
    operator: OperatorCertificate | None = None
    operator_problem: str | None = None


def load_operator_certificate(
    path: Path | None, password: str | None, *, at: dt.datetime | None = None
) -> tuple[OperatorCertificate | None, str | None]:
    """The operator's certificate from its file, checked as a tenant's upload is (but any NIF).
    A problem is returned, not raised: without it the service still serves, in other modes."""
    if path is None:
        return (
            None,
            "no operator certificate is configured "
            "(CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_FILE)",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        return (
            None,
            "CARTERA_INVOICING_VERIFACTU_OPERATOR_CERTIFICATE_FILE cannot be read "
            f"({exc.strerror})",
        )
    try:
        opened = open_pkcs12(data, password or "", now=at or now())
    except CertificateRefused as exc:
        return None, f"the operator certificate is refused: {exc.message}"
    return OperatorCertificate(opened), None


def keys_from_settings(settings: InvoicingSettings) -> CertificateKeys:
    password = settings.verifactu_operator_certificate_password
    operator, problem = load_operator_certificate(
        settings.verifactu_operator_certificate_file,
        password.get_secret_value() if password else None,
    )
    if settings.verifactu_operator_certificate_file is not None and operator is None:
        log.error("operator mode unavailable: %s", problem)
    return CertificateKeys(settings.data_keys(), operator, problem)


_installed: CertificateKeys | None = None


def install(keys: CertificateKeys) -> None:
    """What `submitter_for` and the routes use in this process (create_app installs it)."""
    global _installed
    _installed = keys


def installed() -> CertificateKeys:
    """The process's keys; read from the environment on first use when no app installed them
    (a worker run on its own)."""
    global _installed
    if _installed is None:
        _installed = keys_from_settings(InvoicingSettings())
    return _installed


# ------------------------------------------------------------------ reading the tenant's state


async def mode_of(session: AsyncSession, tenant_id: uuid.UUID) -> Mode:
    mode = await session.scalar(
        select(verifactu_modes.c.mode).where(verifactu_modes.c.tenant_id == tenant_id)
    )
    return mode if mode in MODES else DEFAULT_MODE


def _cursor_nif(text: str) -> str:
    """A cursor's NIF as stored (normalised); an altered one that is no NIF is refused."""
    if spanish_nif(text) != text:
        raise ValueError(f"{text!r} is not a stored NIF")
    return text


def representatives_keyset(cursor: str | None) -> SortKeyset:
    """By NIF, unique per tenant (a bad cursor is a 422 before any transaction)."""
    nif = SortKey(issuer_representatives.c.nif, _cursor_nif)
    return SortKeyset((nif,), None, "representatives", cursor)


async def representatives_page(
    session: AsyncSession, tenant_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[RowMapping], str | None]:
    """A page of the tenant's representatives by NIF, and the next page's cursor."""
    query = select(issuer_representatives).where(issuer_representatives.c.tenant_id == tenant_id)
    return await representatives_keyset(cursor).fetch(session, query, limit)


async def representatives(session: AsyncSession, tenant_id: uuid.UUID) -> list[RowMapping]:
    """All of them, by NIF (to choose the certificate a record is sent with)."""
    rows = await session.execute(
        select(issuer_representatives)
        .where(issuer_representatives.c.tenant_id == tenant_id)
        .order_by(issuer_representatives.c.nif)
    )
    return list(rows.mappings().all())


async def current_certificates(session: AsyncSession, tenant_id: uuid.UUID) -> list[RowMapping]:
    rows = await session.execute(
        select(issuer_certificates)
        .where(
            issuer_certificates.c.tenant_id == tenant_id,
            issuer_certificates.c.replaced_at.is_(None),
        )
        .order_by(issuer_certificates.c.uploaded_at.desc(), issuer_certificates.c.id)
    )
    return list(rows.mappings().all())


async def issuer_nif(session: AsyncSession, tenant_id: uuid.UUID) -> str | None:
    """The NIF of the tenant's current issuer profile, as stored (or None before PUT /v1/issuer)."""
    profile = await service.issuer_in_force(session, tenant_id)
    return None if profile is None else str(profile["tax_id"])


def role_of(holder_nif: str, own_nif: str | None, declared: Mapping[str, Any]) -> Role | None:
    if own_nif is not None and holder_nif == own_nif:
        return "issuer"
    if holder_nif in declared:
        return "representative"
    return None


def unusable_reason(row: RowMapping, role: Role | None, moment: dt.datetime) -> str | None:
    """Why a stored certificate cannot be used now for the tenant, or None when it can."""
    if role is None:
        return (
            f"its NIF {row['holder_nif']} is neither the issuer's nor a declared representative's"
        )
    if moment < row["not_before"]:
        return f"it is not valid before {row['not_before'].isoformat()}"
    if moment > row["not_after"]:
        return f"it expired on {row['not_after'].isoformat()}"
    return None


@dataclass(frozen=True)
class Stored:
    """A tenant's current certificate as the API shows it."""

    row: RowMapping
    role: Role | None
    reason: str | None


async def stored_certificates(
    session: AsyncSession, tenant_id: uuid.UUID, *, moment: dt.datetime | None = None
) -> list[Stored]:
    """The tenant's current certificates, the one that would be used first: usable ones before
    others, the issuer's own before a representative's, the one valid longest first."""
    moment = moment or now()
    own = await issuer_nif(session, tenant_id)
    declared = {r["nif"]: r for r in await representatives(session, tenant_id)}
    found = []
    for row in await current_certificates(session, tenant_id):
        role = role_of(row["holder_nif"], own, declared)
        found.append(Stored(row, role, unusable_reason(row, role, moment)))
    found.sort(
        key=lambda s: (s.reason is not None, s.role != "issuer", -s.row["not_after"].timestamp())
    )
    return found


# ------------------------------------------------------------------ storing


async def store_certificate(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    opened: OpenedCertificate,
    actor: str,
    keys: DataKeys,
) -> RowMapping:
    """Keep `opened` as the tenant's current certificate for its holder's NIF. The NIF must be
    the issuer's or a declared representative's (CertificateRefused otherwise)."""
    own = await issuer_nif(session, tenant_id)
    if own is None:
        raise Conflict(
            "Set the issuer's fiscal data first (PUT /v1/issuer): a certificate is accepted "
            "only for the issuer's NIF or a declared representative's.",
            code=Code.SETUP_REQUIRED,
        )
    declared = {r["nif"]: r for r in await representatives(session, tenant_id)}
    holder = opened.holder
    if role_of(holder.nif, own, declared) is None:
        raise CertificateRefused(
            "file",
            f"The certificate is {holder.nif}'s, which is neither the issuer's NIF ({own}) nor "
            "a declared representative's (PUT /v1/issuer/representatives/{nif}).",
            code=Code.NIF_NOT_ALLOWED,
        )
    # One upload per holder at a time: the partial unique index would refuse the second anyway,
    # but as a 500; the lock makes it wait and replace the first instead.
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
        {"key": f"invoicing.certificate:{tenant_id}:{holder.nif}"},
    )
    moment = now()
    replaced = (
        await session.execute(
            update(issuer_certificates)
            .where(
                issuer_certificates.c.tenant_id == tenant_id,
                issuer_certificates.c.holder_nif == holder.nif,
                issuer_certificates.c.replaced_at.is_(None),
            )
            # A replaced certificate is never used again: its key is erased, one secret less.
            .values(replaced_at=moment, private_key_encrypted=None)
            .returning(issuer_certificates.c.id)
        )
    ).scalars()
    replaced_ids = list(replaced)
    if replaced_ids:
        await session.execute(
            delete(certificate_directory).where(
                certificate_directory.c.certificate_id.in_(replaced_ids)
            )
        )
    certificate_id = uuid.uuid4()
    sealed = keys.encrypt(opened.private_key_pem.decode("ascii"), bound_to=str(certificate_id))
    row: RowMapping = (
        (
            await session.execute(
                insert(issuer_certificates)
                .values(
                    id=certificate_id,
                    tenant_id=tenant_id,
                    holder_nif=holder.nif,
                    holder_name=holder.name,
                    subject=opened.subject,
                    issuer=opened.issuer,
                    serial=opened.serial[:128],
                    fingerprint_sha256=opened.fingerprint_sha256,
                    not_before=opened.not_before,
                    not_after=opened.not_after,
                    chain_pem=opened.chain_pem,
                    private_key_encrypted=sealed,
                    uploaded_at=moment,
                    uploaded_by=actor[:200],
                )
                .returning(issuer_certificates)
            )
        )
        .mappings()
        .one()
    )
    await session.execute(
        insert(certificate_directory).values(
            certificate_id=certificate_id, tenant_id=tenant_id, not_after=opened.not_after
        )
    )
    log.info(
        "certificate stored",
        extra={
            "certificate_id": str(certificate_id),
            "holder_nif": holder.nif,
            "fingerprint_sha256": opened.fingerprint_sha256,
            "replaced": [str(i) for i in replaced_ids],
        },
    )
    return row


async def open_upload(data: bytes, password: str) -> OpenedCertificate:
    """`open_pkcs12` off the event loop: a file's key derivation may take a second."""
    moment = now()
    return await asyncio.to_thread(open_pkcs12, data, password, now=moment)


# ------------------------------------------------------------------ representatives and mode


async def put_representative(
    session: AsyncSession,
    *,
    tenant_id: uuid.UUID,
    nif: str,
    name: str,
    granted_on: dt.date,
    reference: str | None,
    actor: str,
) -> RowMapping:
    own = await issuer_nif(session, tenant_id)
    if own is not None and nif == own:
        raise UnprocessableEntity(
            f"{nif} is the issuer's own NIF: a taxpayer does not represent itself.",
            errors=[{"loc": ["path", "nif"], "msg": "the issuer's own NIF", "type": "own_nif"}],
        )
    statement = pg_insert(issuer_representatives).values(
        tenant_id=tenant_id,
        nif=nif,
        name=name,
        granted_on=granted_on,
        reference=reference,
        declared_by=actor[:200],
    )
    row: RowMapping = (
        (
            await session.execute(
                statement.on_conflict_do_update(
                    index_elements=[
                        issuer_representatives.c.tenant_id,
                        issuer_representatives.c.nif,
                    ],
                    set_={
                        "name": statement.excluded.name,
                        "granted_on": statement.excluded.granted_on,
                        "reference": statement.excluded.reference,
                        "declared_by": statement.excluded.declared_by,
                        "declared_at": func.now(),
                    },
                ).returning(issuer_representatives)
            )
        )
        .mappings()
        .one()
    )
    return row


async def delete_representative(session: AsyncSession, *, tenant_id: uuid.UUID, nif: str) -> bool:
    """Forget a representative. Refused while the tenant's records go out through the operator
    and this is the operator: the mode must change first, or records would silently stop."""
    if await mode_of(session, tenant_id) == "operator":
        operator = installed().operator
        if operator is not None and operator.nif == nif:
            raise Conflict(
                "The operator sends this tenant's records as its representative: choose another "
                "mode first (PUT /v1/issuer/verifactu)."
            )
    deleted = await session.execute(
        delete(issuer_representatives)
        .where(issuer_representatives.c.tenant_id == tenant_id, issuer_representatives.c.nif == nif)
        .returning(issuer_representatives.c.nif)
    )
    return deleted.first() is not None


async def set_mode(session: AsyncSession, *, tenant_id: uuid.UUID, mode: Mode, actor: str) -> None:
    if mode == "operator":
        operator = installed().operator
        if operator is None or not operator.valid_at(now()):
            raise UnprocessableEntity(
                "This installation has no valid operator certificate, so it cannot send records "
                "on the tenant's behalf; upload the tenant's own certificate instead.",
                errors=[{"loc": ["body", "mode"], "msg": "no operator", "type": "no_operator"}],
            )
        declared = {r["nif"] for r in await representatives(session, tenant_id)}
        if operator.nif not in declared:
            raise UnprocessableEntity(
                f"The operator ({operator.nif}, {operator.name}) may send the records only as "
                "a declared representative: grant it the representation at the AEAT, then "
                f"declare it (PUT /v1/issuer/representatives/{operator.nif}).",
                errors=[
                    {
                        "loc": ["body", "mode"],
                        "msg": "the operator is not a declared representative",
                        "type": "operator_not_representative",
                    }
                ],
                operator_nif=operator.nif,
            )
    statement = pg_insert(verifactu_modes).values(
        tenant_id=tenant_id, mode=mode, changed_by=actor[:200]
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[verifactu_modes.c.tenant_id],
            set_={
                "mode": statement.excluded.mode,
                "changed_by": statement.excluded.changed_by,
                "changed_at": func.now(),
            },
        )
    )


# ------------------------------------------------------------------ for the submission worker


@dataclass(frozen=True)
class _Choice:
    """The certificate a submission for an issuer would use now (nothing decrypted yet)."""

    row: RowMapping | None  # a stored certificate, or None for the operator's
    operator: OperatorCertificate | None
    holder_nif: str
    representative: Party | None


async def _choose(
    session: AsyncSession, tenant_id: uuid.UUID, nif: str, moment: dt.datetime
) -> _Choice | None:
    mode = await mode_of(session, tenant_id)
    if mode == "off":
        return None
    declared = {r["nif"]: r for r in await representatives(session, tenant_id)}
    if mode == "operator":
        operator = installed().operator
        if operator is None or not operator.valid_at(moment):
            return None
        if operator.nif == nif:
            return _Choice(None, operator, operator.nif, None)
        if operator.nif not in declared:
            return None
        name = str(declared[operator.nif]["name"]) or operator.name
        return _Choice(None, operator, operator.nif, Party(operator.nif, name[:AEAT_NAME_LENGTH]))
    usable = [
        row
        for row in await current_certificates(session, tenant_id)
        if role_of(row["holder_nif"], nif, declared) is not None
        and row["not_before"] <= moment <= row["not_after"]
    ]
    if not usable:
        return None
    row = min(usable, key=lambda r: (r["holder_nif"] != nif, -r["not_after"].timestamp()))
    if row["holder_nif"] == nif:
        return _Choice(row, None, nif, None)
    name = str(declared[row["holder_nif"]]["name"]) or str(row["holder_name"])
    return _Choice(row, None, row["holder_nif"], Party(row["holder_nif"], name[:AEAT_NAME_LENGTH]))


async def submitter_for(
    session: AsyncSession, tenant_id: uuid.UUID, issuer: Party
) -> Submitter | None:
    """The credentials to send `issuer`'s records with now: the tenant's own certificate (its
    issuer's, else a declared representative's, `representative` then set), or the operator's
    in operator mode. None when there is nothing valid (mode off, no certificate, expired, a key
    the data keys cannot open): the worker then leaves the records pending.

    `session` must be in a transaction scoped to `tenant_id` (tenant_transaction)."""
    nif = spanish_nif(issuer.nif) or issuer.nif
    choice = await _choose(session, tenant_id, nif, now())
    if choice is None:
        return None
    if choice.operator is not None:
        opened = choice.operator.opened
        credentials = Credentials(
            certificate_pem=opened.chain_pem.encode(),
            private_key_pem=opened.private_key_pem,
            nif=choice.holder_nif,
        )
    else:
        assert choice.row is not None
        try:
            key = installed().data_keys.decrypt(
                choice.row["private_key_encrypted"], bound_to=str(choice.row["id"])
            )
        except DataKeyError as exc:
            # The operator's problem (a lost or rotated key), not the tenant's: said in the log,
            # and the records wait instead of failing.
            log.error(
                "a stored certificate key cannot be opened; records stay pending",
                extra={"certificate_id": str(choice.row["id"]), "error": str(exc)},
            )
            return None
        credentials = Credentials(
            certificate_pem=str(choice.row["chain_pem"]).encode(),
            private_key_pem=key.encode(),
            nif=choice.holder_nif,
        )
    return Submitter(credentials=credentials, issuer=issuer, representative=choice.representative)


# Why a tenant's waiting records cannot go to the AEAT now (GET /v1/verifactu/summary).
SendingBlock = Literal["submission_off", "no_valid_certificate"]


async def sending_blocked(
    session: AsyncSession, tenant_id: uuid.UUID, issuer_nifs: list[str]
) -> SendingBlock | None:
    """Why the records of these issuers wait for nothing the AEAT does: the tenant turned
    submission off, or one of them has no valid certificate (none uploaded, expired, not yet
    valid, the operator's missing in operator mode). None when every one could be sent now.

    The worker's own test (`submitter_for`) minus opening the key: a key the data keys cannot
    open is the operator's problem and is logged there.

    `session` must be in a transaction scoped to `tenant_id` (tenant_transaction)."""
    if await mode_of(session, tenant_id) == "off":
        return "submission_off"
    moment = now()
    for nif in issuer_nifs:
        if await _choose(session, tenant_id, spanish_nif(nif) or nif, moment) is None:
            return "no_valid_certificate"
    return None


async def submission_enabled(session: AsyncSession, tenant_id: uuid.UUID) -> bool:
    """Whether the tenant's records are being sent: its mode is not off and a valid certificate
    is at hand for its current issuer (the PDF prints the VERI*FACTU legend only then).

    `session` must be in a transaction scoped to `tenant_id` (tenant_transaction)."""
    nif = await issuer_nif(session, tenant_id)
    if nif is None:
        return False
    return await _choose(session, tenant_id, nif, now()) is not None


# ------------------------------------------------------------------ for FacturaE signatures


@dataclass(frozen=True)
class SigningCertificate:
    """The certificate and key a FacturaE file is signed with, or why there is none."""

    credentials: Credentials | None
    problem: str | None = None


async def signing_credentials(
    session: AsyncSession, tenant_id: uuid.UUID, *, moment: dt.datetime | None = None
) -> SigningCertificate:
    """The issuer's own certificate to sign its FacturaE files with now, its key decrypted.

    Only the issuer's own certificate signs: the file says the supplier issued it
    (InvoiceIssuerType EM, signer role "emisor"); a representative's certificate would make it a
    third party's file (TE, with a ThirdParty block), which Cartera does not write. The VERI*FACTU
    mode does not matter here: sending records and signing invoices are separate acts.

    `session` must be in a transaction scoped to `tenant_id` (tenant_transaction)."""
    moment = moment or now()
    nif = await issuer_nif(session, tenant_id)
    if nif is None:
        return SigningCertificate(None, "the issuer's fiscal data are not set (PUT /v1/issuer)")
    own = spanish_nif(nif) or nif
    candidates = [
        row for row in await current_certificates(session, tenant_id) if row["holder_nif"] == own
    ]
    if not candidates:
        return SigningCertificate(None, f"there is no certificate of the issuer's NIF {own}")
    valid = [row for row in candidates if row["not_before"] <= moment <= row["not_after"]]
    if not valid:
        reasons = "; ".join(
            filter(None, (unusable_reason(row, "issuer", moment) for row in candidates))
        )
        return SigningCertificate(None, f"the issuer's certificate cannot sign now: {reasons}")
    row = max(valid, key=lambda r: r["not_after"])
    try:
        key = installed().data_keys.decrypt(row["private_key_encrypted"], bound_to=str(row["id"]))
    except DataKeyError as exc:
        log.error(
            "a stored certificate key cannot be opened; FacturaE not signed",
            extra={"certificate_id": str(row["id"]), "error": str(exc)},
        )
        return SigningCertificate(
            None, "the stored certificate's key cannot be opened; upload the certificate again"
        )
    return SigningCertificate(
        Credentials(
            certificate_pem=str(row["chain_pem"]).encode(),
            private_key_pem=key.encode(),
            nif=own,
        )
    )


# ------------------------------------------------------------------ the expiry job


async def warn_expiring(
    sessions: async_sessionmaker[AsyncSession], *, moment: dt.datetime | None = None
) -> tuple[bool, int | None]:
    """Announce every current certificate that has EXPIRY_WARNING_DAYS days left or fewer and was
    not announced yet; returns (whether this runner held the job's lock, how many)."""
    at = moment or now()

    async def work(session: AsyncSession) -> int:
        warned = 0
        while True:
            # Each one handled is marked announced in its own transaction, so the next batch
            # starts after it, and a run stopped half-way resumes where it was.
            due = (
                await session.execute(
                    select(
                        certificate_directory.c.certificate_id, certificate_directory.c.tenant_id
                    )
                    .where(
                        certificate_directory.c.expiry_announced.is_(False),
                        certificate_directory.c.not_after
                        <= at + dt.timedelta(days=EXPIRY_WARNING_DAYS),
                    )
                    .order_by(
                        certificate_directory.c.not_after, certificate_directory.c.certificate_id
                    )
                    .limit(EXPIRY_BATCH)
                )
            ).all()
            for certificate_id, tenant_id in due:
                warned += await _warn_one(sessions, tenant_id, certificate_id, at)
            if len(due) < EXPIRY_BATCH:
                return warned

    return await run_single(sessions, EXPIRY_JOB, work, service="invoicing")


async def _warn_one(
    sessions: async_sessionmaker[AsyncSession],
    tenant_id: uuid.UUID,
    certificate_id: uuid.UUID,
    at: dt.datetime,
) -> int:
    async with tenant_transaction(sessions, tenant_id) as session:
        # The guarded update is what makes the announcement happen once, whatever runs twice.
        row = (
            (
                await session.execute(
                    update(issuer_certificates)
                    .where(
                        issuer_certificates.c.id == certificate_id,
                        issuer_certificates.c.replaced_at.is_(None),
                        issuer_certificates.c.expiry_warned_at.is_(None),
                    )
                    .values(expiry_warned_at=at)
                    .returning(issuer_certificates)
                )
            )
            .mappings()
            .first()
        )
        await session.execute(
            update(certificate_directory)
            .where(certificate_directory.c.certificate_id == certificate_id)
            .values(expiry_announced=True)
        )
        if row is None:
            return 0
        own = await issuer_nif(session, tenant_id)
        payload = CertificateExpiring(
            certificate_id=row["id"],
            holder_nif=row["holder_nif"],
            holder_name=row["holder_name"],
            role="issuer" if row["holder_nif"] == own else "representative",
            subject=row["subject"],
            issuer=row["issuer"],
            serial=row["serial"],
            fingerprint_sha256=row["fingerprint_sha256"],
            not_after=row["not_after"],
            days_left=(row["not_after"] - at).days,
            warned_at=at,
        )
        await add_event(
            session,
            outbox,
            new_envelope(
                type=topics.CERTIFICATE_EXPIRING,
                tenant_id=tenant_id,
                producer="invoicing",
                subject=row["id"],
                sequence=1,
                data=payload.model_dump(mode="json"),
                version=CERTIFICATE_EVENT_VERSION,
            ),
            topic=topics.CERTIFICATE_EXPIRING,
        )
        return 1


def read_certificate(stored: Stored, moment: dt.datetime | None = None) -> dict[str, Any]:
    """The API's view of a stored certificate: everything public, never the key."""
    row = stored.row
    at = moment or now()
    return {
        "id": str(row["id"]),
        "holder_nif": row["holder_nif"],
        "holder_name": row["holder_name"],
        "role": stored.role,
        "subject": row["subject"],
        "issuer": row["issuer"],
        "serial": row["serial"],
        "fingerprint_sha256": row["fingerprint_sha256"],
        "not_before": row["not_before"].isoformat(),
        "not_after": row["not_after"].isoformat(),
        "days_to_expiry": (row["not_after"] - at).days,
        "usable": stored.reason is None,
        "unusable_reason": stored.reason,
        "uploaded_at": row["uploaded_at"].isoformat(),
        "uploaded_by": row["uploaded_by"],
        "expiry_warned_at": (
            row["expiry_warned_at"].isoformat() if row["expiry_warned_at"] else None
        ),
    }


def read_representative(row: RowMapping) -> dict[str, Any]:
    return {
        "nif": row["nif"],
        "name": row["name"],
        "granted_on": row["granted_on"].isoformat(),
        "reference": row["reference"],
        "declared_by": row["declared_by"],
        "declared_at": row["declared_at"].isoformat(),
    }


def operator_summary(keys: CertificateKeys, moment: dt.datetime | None = None) -> dict[str, Any]:
    operator = keys.operator
    if operator is None:
        return {"available": False, "nif": None, "name": None, "not_after": None}
    return {
        "available": operator.valid_at(moment or now()),
        "nif": operator.nif,
        "name": operator.name,
        "not_after": operator.opened.not_after.isoformat(),
    }
