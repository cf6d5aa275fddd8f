"""How a service is put together: parts, jobs and operation ids declared at construction."""

from __future__ import annotations

import asyncio
import logging

import pytest
from fastapi import APIRouter, FastAPI
from pydantic import ConfigDict

from cartera_shared.app_factory import ServiceRuntime, close_part, create_service_app
from cartera_shared.contract import NULL_STAND_IN, Answer
from cartera_shared.jobs import every
from cartera_shared.settings import ServiceSettings
from cartera_shared.testing import unstarted_settings


class Directory:
    def __init__(self) -> None:
        self.closed = False

    async def close(self) -> None:
        self.closed = True


class Rates:
    pass


def build(*, parts: tuple[object, ...] = (), routers: tuple[APIRouter, ...] = ()) -> FastAPI:
    return create_service_app(
        name="lab",
        schema="lab",
        settings=ServiceSettings(**unstarted_settings()),
        routers=routers,
        parts=parts,
    )


def test_a_part_is_found_by_its_type() -> None:
    directory, rates = Directory(), Rates()
    runtime: ServiceRuntime = build(parts=(directory, rates)).state.runtime
    assert runtime.part(Directory) is directory
    assert runtime.part(Rates) is rates


def test_a_part_never_declared_is_a_clear_error() -> None:
    runtime: ServiceRuntime = build().state.runtime
    with pytest.raises(LookupError, match="without a Directory"):
        runtime.part(Directory)


def test_two_parts_of_one_type_are_refused() -> None:
    with pytest.raises(ValueError, match="two parts of type Directory"):
        build(parts=(Directory(), Directory()))


async def test_closing_a_part_calls_its_async_close_and_ignores_the_rest() -> None:
    directory = Directory()
    await close_part(directory)
    await close_part(Rates())  # nothing to close: no error
    assert directory.closed


def test_operation_ids_are_the_route_functions_names() -> None:
    router = APIRouter()

    @router.get("/v1/things/{thing_id}")
    async def get_thing(thing_id: int) -> dict[str, int]:
        return {"id": thing_id}

    document = build(routers=(router,)).openapi()
    assert document["paths"]["/v1/things/{thing_id}"]["get"]["operationId"] == "get_thing"


async def test_a_job_that_fails_runs_again_at_its_next_turn(caplog) -> None:
    calls: list[int] = []

    async def flaky(runtime: object) -> None:
        calls.append(len(calls))
        if len(calls) == 1:
            raise RuntimeError("the database is restarting")

    job = every("flaky", 0.01, flaky)
    with caplog.at_level(logging.ERROR):
        task = asyncio.create_task(job.run(object()))
        while len(calls) < 3:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert "job flaky failed" in caplog.text
    assert len(calls) >= 3


def test_an_examples_nulls_reach_the_openapi_document() -> None:
    # FastAPI builds the document without null members; an example that needs its nulls to be
    # valid against its own schema (a required, nullable field) keeps them.
    class Page(Answer):
        model_config = ConfigDict(
            json_schema_extra={"examples": [{"items": [1, None], "next_cursor": None}]}
        )

        items: list[int | None]
        next_cursor: str | None

    router = APIRouter()

    @router.get("/v1/pages", response_model=Page)
    async def get_page() -> Page:
        return Page(items=[1], next_cursor=None)

    document = build(routers=(router,)).openapi()
    page = document["components"]["schemas"]["Page"]
    assert page["examples"] == [{"items": [1, None], "next_cursor": None}]
    assert "next_cursor" in page["required"]
    assert NULL_STAND_IN not in str(document)
