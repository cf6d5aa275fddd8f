"""`CARTERA_PROCESS` splits a service into the processes that scale apart: `api` serves every
route and consumes nothing, `consumers` consumes and runs the jobs and serves only health,
readiness and metrics, `all` (the default) does both. Walked on the six apps as built."""

from __future__ import annotations

import importlib

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

from cartera_shared.app_factory import PROCESS_ENV, process_kind
from cartera_shared.testing import unstarted_settings

SERVICES = ["clients", "invoicing", "collections", "crm", "analytics", "gateway"]
# What a consumers process still answers: the platform's probes and scrapes.
OPERATIONAL = {"/health", "/ready", "/metrics", "/asyncapi.json", "/openapi.json"}


def build(name: str, monkeypatch: pytest.MonkeyPatch, kind: str | None) -> FastAPI:
    for variable, value in unstarted_settings().items():
        monkeypatch.setenv(variable, value)
    if kind is None:
        monkeypatch.delenv(PROCESS_ENV, raising=False)
    else:
        monkeypatch.setenv(PROCESS_ENV, kind)
    app: FastAPI = importlib.import_module(f"cartera_{name}.main").create_app()
    return app


def paths(app: FastAPI) -> set[str]:
    return {
        context.path
        for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute)
    }


def api_paths(app: FastAPI) -> set[str]:
    return paths(app) - OPERATIONAL


def consumed(app: FastAPI) -> int:
    return len(app.state.runtime.broker.subscribers)


@pytest.mark.parametrize("name", SERVICES)
def test_each_process_kind_runs_its_part_only(name, monkeypatch):
    everything = build(name, monkeypatch, None)
    api = build(name, monkeypatch, "api")
    consumers = build(name, monkeypatch, " Consumers ")

    assert api_paths(everything)
    assert api_paths(api) == api_paths(everything)
    assert api_paths(consumers) == set()
    assert paths(consumers) >= {"/health", "/ready", "/metrics"}
    assert consumed(api) == 0
    assert consumed(consumers) == consumed(everything)
    assert api.state.runtime.job_names == ()
    assert consumers.state.runtime.job_names == everything.state.runtime.job_names
    assert (api.state.runtime.process, consumers.state.runtime.process) == ("api", "consumers")


def test_the_services_with_consumers_really_have_them(monkeypatch):
    """The walk above would pass vacuously if no app subscribed anything."""
    assert consumed(build("collections", monkeypatch, "all")) > 0
    assert consumed(build("analytics", monkeypatch, "consumers")) > 0
    assert build("collections", monkeypatch, "consumers").state.runtime.job_names


@pytest.mark.parametrize("value", ["worker", "api,consumers", "1", "apis"])
def test_an_unknown_kind_stops_start_up_with_its_name(value):
    with pytest.raises(ValueError, match=PROCESS_ENV):
        process_kind(value)


def test_blank_means_all():
    assert process_kind("") == "all"
    assert process_kind("  API ") == "api"
