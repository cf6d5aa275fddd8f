"""A small hierarchy of errors, mapped once to RFC 9457 problem-details responses.

Every problem answer carries a stable, machine-readable `code` (a member of `Code`, the one
registry of codes: docs/partners/errors.md lists each, and a test fails when one is missing
there), and `errors` (`[{loc, msg, type}]`) when it concerns particular fields of the request.
A code in `NOT_YET` names an answer that changes by itself if the same request is sent again
later: it always carries `Retry-After`; any other code is an answer that stays as it is until
the request, or the state it names, changes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from cartera_shared.db import database_unavailable
from cartera_shared.logging import request_id_var

log = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


class Code(StrEnum):
    """Every `code` a problem answer may carry. Partners branch on these: a member is never
    renamed or given another meaning within /v1 (docs/partners/versioning.md)."""

    # The default of each kind (status) of problem.
    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    REQUEST_TIMEOUT = "request_timeout"
    CONFLICT = "conflict"
    GONE = "gone"
    PRECONDITION_FAILED = "precondition_failed"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    VALIDATION_ERROR = "validation_error"
    RATE_LIMITED = "rate_limited"
    HEADERS_TOO_LARGE = "headers_too_large"
    INTERNAL_ERROR = "internal_error"
    UNAVAILABLE = "unavailable"
    # 400
    MALFORMED_PATH = "malformed_path"
    MALFORMED_BODY = "malformed_body"
    RESET_LINK_INVALID = "reset_link_invalid"
    INVITATION_INVALID = "invitation_invalid"
    # 401 / 403
    INVALID_CREDENTIAL = "invalid_credential"
    MISSING_CREDENTIAL = "missing_credential"
    CSRF_TOKEN_MISSING = "csrf_token_missing"
    MISSING_SCOPE = "missing_scope"
    # 409
    STALE_VERSION = "stale_version"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    DUPLICATE_TAX_ID = "duplicate_tax_id"
    ALREADY_EXISTS = "already_exists"
    INVALID_STATE = "invalid_state"
    INVOICE_DRAFT = "invoice_draft"
    INVOICE_ISSUED = "invoice_issued"
    INVOICE_CANCELLED = "invoice_cancelled"
    INVOICE_RECTIFYING = "invoice_rectifying"
    INVOICE_RECTIFIED = "invoice_rectified"
    NOTHING_TO_CORRECT = "nothing_to_correct"
    NO_SIGNING_CERTIFICATE = "no_signing_certificate"
    RETENTION_PERIOD = "retention_period"
    LIMIT_REACHED = "limit_reached"
    SETUP_REQUIRED = "setup_required"
    # 410
    LINK_EXPIRED = "link_expired"
    # 422
    UNKNOWN_REFERENCE = "unknown_reference"
    INVALID_TAX_ID = "invalid_tax_id"
    FUTURE_DATE = "future_date"
    DATE_OUT_OF_ORDER = "date_out_of_order"
    CLIENT_ARCHIVED = "client_archived"
    OVERPAYMENT = "overpayment"
    UNSTORABLE_VALUE = "unstorable_value"
    NIF_NOT_ALLOWED = "nif_not_allowed"
    CERTIFICATE_REFUSED = "certificate_refused"
    # 429 / 503: "not yet" (NOT_YET below)
    TOO_MANY_IMPORTS = "too_many_imports"
    CONCURRENT_CHANGE = "concurrent_change"
    UPSTREAM_UNAVAILABLE = "upstream_unavailable"
    AEAT_UNAVAILABLE = "aeat_unavailable"
    MAIL_UNAVAILABLE = "mail_unavailable"
    VERIFACTU_PENDING = "verifactu_pending"
    # 503 that stays: this installation lacks a part
    NOT_CONFIGURED = "not_configured"


# "Not yet": the same request, sent again after this many seconds (the default `Retry-After`; a
# raise site may give its own), may be answered otherwise with nothing changed by the caller.
NOT_YET: dict[Code, int] = {
    Code.RATE_LIMITED: 1,
    Code.UNAVAILABLE: 2,
    Code.TOO_MANY_IMPORTS: 30,
    Code.CONCURRENT_CHANGE: 1,
    Code.UPSTREAM_UNAVAILABLE: 2,
    Code.AEAT_UNAVAILABLE: 60,
    Code.MAIL_UNAVAILABLE: 30,
    Code.VERIFACTU_PENDING: 30,
}


def _retry_after(code: Code, given: int | None) -> int | None:
    """Retry-After goes with a "not yet" code, always, and with nothing else: a partner who sees
    it may send the same request again, and one who does not, need not."""
    if code not in NOT_YET:
        if given is not None:
            raise ValueError(f"{code.value} is final: it carries no Retry-After")
        return None
    return given if given is not None else NOT_YET[code]


def loc_of(where: str, path: str) -> list[str | int]:
    """A dotted field path (`lines[1].vat_rate`) as a `loc` under `where`
    (`["body", "lines", 1, "vat_rate"]`)."""
    loc: list[str | int] = [where]
    for part in path.replace("]", "").split("."):
        name, *positions = part.split("[")
        if name:
            loc.append(name)
        loc.extend(int(p) if p.isdigit() else p for p in positions)
    return loc


class FieldValueError(ValueError):
    """A model validator's refusal that concerns one field (`tax_id`, `fiscal_address.country`,
    `lines[0].quantity`). Pydantic reports any model validator's error against the whole model;
    `error_items` adds this `loc` to it, so the caller learns which field to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def error_items(errors: Sequence[Any], *, prefix: Sequence[str | int] = ()) -> list[dict[str, Any]]:
    """Pydantic's errors as `errors` members: `{loc, msg, type}`, with the field of a
    `FieldValueError` in its `loc` (under `prefix`, when the model is not the request itself)."""
    items = []
    for error in errors:
        loc: list[str | int] = [*prefix, *error.get("loc", ())]
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, FieldValueError):
            loc.extend(loc_of("", cause.field)[1:])
        items.append({"loc": loc, "msg": error.get("msg"), "type": error.get("type")})
    return items


def field_error(*loc: str | int, msg: str, type: str = "value_error") -> list[dict[str, Any]]:
    """`errors` for a problem about one field: `loc` is its path in the request
    (`"body", "tax_id"`; `"query", "cursor"`; `"header", "if-match"`)."""
    return [{"loc": list(loc), "msg": msg, "type": type}]


UNSTORABLE_VALUE = (
    "The request carries a value that cannot be stored; nothing was written. Check that "
    "numbers, dates and identifiers are within their ranges and that text has no NUL character."
)
UNSTORABLE: dict[str, str] = {
    sqlstate: f"{reason}; nothing was written."
    for sqlstate, reason in (
        ("22001", "A text in the request is longer than can be stored"),
        ("22003", "A number in the request is too large or too small to be stored"),
        ("22007", "A date or time in the request is not valid"),
        ("22008", "A date or time in the request is out of range"),
        ("22021", "Text in the request carries a character that cannot be stored (NUL)"),
        ("22P05", "Text in the request carries a character that cannot be stored (NUL)"),
    )
}


class Problem(Exception):
    """A refusal the caller can act on. `code` (a `Code`; the class's own when not given) says
    which, `errors` which fields of the request it concerns, `retry_after` (seconds; the code's
    default for a "not yet" code) when the same request may succeed later; any other keyword
    becomes a member of the body."""

    status: int = 400
    title: str = "Bad request"
    type_slug: str = "bad-request"
    code: Code = Code.BAD_REQUEST

    def __init__(
        self,
        detail: str,
        *,
        code: Code | None = None,
        errors: list[dict[str, Any]] | None = None,
        retry_after: int | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            # A plain string is checked too: a code outside the registry is a bug, not a wire.
            self.code = Code(code)
        self.errors = errors
        self.retry_after = _retry_after(self.code, retry_after)
        self.extensions = extensions


class MalformedBody(Problem):
    """400: the body cannot be read as what its media type says (a broken multipart body)."""

    code = Code.MALFORMED_BODY


class Unauthorized(Problem):
    status, title, type_slug, code = 401, "Unauthorized", "unauthorized", Code.UNAUTHORIZED


class Forbidden(Problem):
    status, title, type_slug, code = 403, "Forbidden", "forbidden", Code.FORBIDDEN


class NotFound(Problem):
    status, title, type_slug, code = 404, "Not found", "not-found", Code.NOT_FOUND


class Conflict(Problem):
    status, title, type_slug, code = 409, "Conflict", "conflict", Code.CONFLICT


class Gone(Problem):
    status, title, type_slug, code = 410, "Gone", "gone", Code.GONE


class PreconditionFailed(Problem):
    status, title, type_slug = 412, "Precondition failed", "precondition-failed"
    code = Code.PRECONDITION_FAILED


class PayloadTooLarge(Problem):
    status, title, type_slug = 413, "Payload too large", "payload-too-large"
    code = Code.PAYLOAD_TOO_LARGE


class UnsupportedMediaType(Problem):
    status, title, type_slug = 415, "Unsupported media type", "unsupported-media-type"
    code = Code.UNSUPPORTED_MEDIA_TYPE


class UnprocessableEntity(Problem):
    status, title, type_slug = 422, "Unprocessable entity", "validation-error"
    code = Code.VALIDATION_ERROR


class TooManyRequests(Problem):
    status, title, type_slug, code = 429, "Too many requests", "rate-limited", Code.RATE_LIMITED


class ServiceUnavailable(Problem):
    status, title, type_slug, code = 503, "Service unavailable", "unavailable", Code.UNAVAILABLE


# The code of an answer Starlette or FastAPI makes itself (an unknown path, a wrong method).
HTTP_STATUS_CODES: dict[int, Code] = {
    400: Code.BAD_REQUEST,
    401: Code.UNAUTHORIZED,
    403: Code.FORBIDDEN,
    404: Code.NOT_FOUND,
    405: Code.METHOD_NOT_ALLOWED,
    408: Code.REQUEST_TIMEOUT,
    409: Code.CONFLICT,
    410: Code.GONE,
    412: Code.PRECONDITION_FAILED,
    413: Code.PAYLOAD_TOO_LARGE,
    415: Code.UNSUPPORTED_MEDIA_TYPE,
    422: Code.VALIDATION_ERROR,
    429: Code.RATE_LIMITED,
    431: Code.HEADERS_TOO_LARGE,
    500: Code.INTERNAL_ERROR,
    503: Code.UNAVAILABLE,
}


def code_of_status(status: int) -> Code:
    return HTTP_STATUS_CODES.get(status) or (
        Code.INTERNAL_ERROR if status >= 500 else Code.BAD_REQUEST
    )


def problem_response(
    status: int,
    title: str,
    detail: str,
    type_slug: str,
    *,
    code: Code | None = None,
    errors: list[dict[str, Any]] | None = None,
    retry_after: int | None = None,
    **extensions: Any,
) -> JSONResponse:
    """The problem answer; without `code`, the status's own (`HTTP_STATUS_CODES`)."""
    code = Code(code) if code is not None else code_of_status(status)
    retry_after = _retry_after(code, retry_after)
    body: dict[str, Any] = {
        "type": f"https://cartera.dev/problems/{type_slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code.value,
        **extensions,
    }
    if errors is not None:
        body["errors"] = [
            {"loc": list(e["loc"]), "msg": str(e["msg"]), "type": str(e["type"])} for e in errors
        ]
    headers = {}
    if retry_after is not None:
        body["retry_after"] = retry_after
        headers["Retry-After"] = str(retry_after)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def answer_of(exc: Problem) -> JSONResponse:
    return problem_response(
        exc.status,
        exc.title,
        exc.detail,
        exc.type_slug,
        code=exc.code,
        errors=exc.errors,
        retry_after=exc.retry_after,
        **exc.extensions,
    )


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return answer_of(exc)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = error_items(exc.errors())
        return problem_response(
            422,
            "Unprocessable entity",
            "The request body or parameters are invalid.",
            "validation-error",
            code=Code.VALIDATION_ERROR,
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem_response(
            exc.status_code,
            str(exc.detail),
            str(exc.detail),
            f"http-{exc.status_code}",
            code=code_of_status(exc.status_code),
        )

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The exception's text (SQL, a driver's message, a value) goes to the log only; the
        # caller gets the request id, which finds that log line.
        log.exception("unhandled error")
        request_id = request_id_var.get()
        quoted: dict[str, Any] = {"request_id": request_id} if request_id else {}
        return problem_response(
            500,
            "Internal server error",
            "An unexpected error occurred; it has been logged"
            + (f" with request id {request_id}." if request_id else "."),
            "internal",
            code=Code.INTERNAL_ERROR,
            **quoted,
        )

    @app.exception_handler(DBAPIError)
    async def on_database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        # A data exception (SQLSTATE class 22: a NUL character, a number out of range) is input
        # the database refuses to store: the caller's mistake, not ours, and nothing was written
        # since the transaction failed. Anything else is our error.
        if database_unavailable(exc):
            return _unavailable(exc)
        sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
        if sqlstate in ("40001", "40P01"):
            # A serialization failure or a deadlock: another transaction won the race, this one
            # was rolled back whole; the same request succeeds when sent again.
            log.warning("transaction lost a race (%s); nothing was written", sqlstate)
            return problem_response(
                503,
                "Service unavailable",
                "A concurrent change got in the way; nothing was done. Retry shortly.",
                "unavailable",
                code=Code.CONCURRENT_CHANGE,
                retry_after=1,
            )
        if not sqlstate.startswith("22"):
            return await on_unexpected(request, exc)
        # The driver's words quote the statement's parameters and types ("query argument $3",
        # "int32"): they are logged, and the caller gets a fixed sentence for the kind of value.
        cause = exc.orig.__cause__ if exc.orig is not None else None
        log.warning(
            "the database refused a value (%s): %s",
            sqlstate,
            str(cause or exc.orig).splitlines()[0][:300],
        )
        return problem_response(
            422,
            "Unprocessable entity",
            UNSTORABLE.get(sqlstate, UNSTORABLE_VALUE),
            "validation-error",
            code=Code.UNSTORABLE_VALUE,
        )

    @app.exception_handler(ConnectionError)
    @app.exception_handler(TimeoutError)
    async def on_connection_error(request: Request, exc: OSError) -> JSONResponse:
        # The database or another dependency cannot be reached (restarting, failing over):
        # nothing was done, and the same request can be sent again.
        return _unavailable(exc)


def _unavailable(exc: Exception) -> JSONResponse:
    log.warning("dependency unavailable: %s", type(exc).__name__)
    return problem_response(
        503,
        "Service unavailable",
        "A dependency of this service is unavailable; nothing was done. Retry shortly.",
        "unavailable",
        code=Code.UNAVAILABLE,
        retry_after=2,
    )
