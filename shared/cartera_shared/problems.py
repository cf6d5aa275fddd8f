"""A small hierarchy of errors, mapped once to RFC 9457 problem-details responses."""

from __future__ import annotations

import logging
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
    status: int = 400
    title: str = "Bad request"
    type_slug: str = "bad-request"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class Unauthorized(Problem):
    status, title, type_slug = 401, "Unauthorized", "unauthorized"


class Forbidden(Problem):
    status, title, type_slug = 403, "Forbidden", "forbidden"


class NotFound(Problem):
    status, title, type_slug = 404, "Not found", "not-found"


class Conflict(Problem):
    status, title, type_slug = 409, "Conflict", "conflict"


class PreconditionFailed(Problem):
    status, title, type_slug = 412, "Precondition failed", "precondition-failed"


class PayloadTooLarge(Problem):
    status, title, type_slug = 413, "Payload too large", "payload-too-large"


class UnsupportedMediaType(Problem):
    status, title, type_slug = 415, "Unsupported media type", "unsupported-media-type"


class UnprocessableEntity(Problem):
    status, title, type_slug = 422, "Unprocessable entity", "validation-error"


class TooManyRequests(Problem):
    status, title, type_slug = 429, "Too many requests", "rate-limited"


class ServiceUnavailable(Problem):
    status, title, type_slug = 503, "Service unavailable", "unavailable"


def problem_response(
    status: int, title: str, detail: str, type_slug: str, **extensions: Any
) -> JSONResponse:
    body = {
        "type": f"https://cartera.dev/problems/{type_slug}",
        "title": title,
        "status": status,
        "detail": detail,
        **extensions,
    }
    headers = {}
    if "retry_after" in extensions:
        headers["Retry-After"] = str(extensions["retry_after"])
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.title, exc.detail, exc.type_slug, **exc.extensions)

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
            for e in exc.errors()
        ]
        return problem_response(
            422,
            "Unprocessable entity",
            "The request body or parameters are invalid.",
            "validation-error",
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem_response(
            exc.status_code, str(exc.detail), str(exc.detail), f"http-{exc.status_code}"
        )

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # The exception's text (SQL, a driver's message, a value) goes to the log only; the
        # caller gets the request id, which finds that log line.
        log.exception("unhandled error")
        request_id = request_id_var.get()
        return problem_response(
            500,
            "Internal server error",
            "An unexpected error occurred; it has been logged"
            + (f" with request id {request_id}." if request_id else "."),
            "internal",
            **({"request_id": request_id} if request_id else {}),
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
        retry_after=2,
    )
