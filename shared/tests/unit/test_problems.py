"""Errors become problem details: the caller's bad data a 422, an unreachable dependency a
retryable 503, anything else a 500 that says nothing of the inside."""

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import DBAPIError

from cartera_shared.problems import install_problem_handlers


class _DriverError(Exception):
    def __init__(self, message: str, sqlstate: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    raising = {
        "refused": ConnectionRefusedError(111, "Connection refused"),
        "timeout": TimeoutError(),
        "admin-shutdown": DBAPIError("SELECT 1", {}, _DriverError("terminating", "57P01")),
        "nul": DBAPIError("SELECT 1", {}, _DriverError("invalid byte sequence: 0x00", "22021")),
        "syntax": DBAPIError("SELECT 1", {}, _DriverError("syntax error", "42601")),
        "bug": KeyError("oops"),
    }

    def failing(error: Exception):
        async def route() -> None:
            raise error

        return route

    for name, error in raising.items():
        app.add_api_route(f"/{name}", failing(error))
    return app


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/refused", 503),
        ("/timeout", 503),
        ("/admin-shutdown", 503),
        ("/nul", 422),
        ("/syntax", 500),
        ("/bug", 500),
    ],
)
async def test_each_kind_of_error_gets_its_status(path, status):
    transport = httpx.ASGITransport(app=_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        answer = await client.get(path)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/problem+json"
    if status == 503:
        assert answer.headers["Retry-After"] == "2"
    if status == 500:
        assert "oops" not in answer.text
        assert "syntax" not in answer.text
