"""Unauthenticated doors spend budgets of their own, never the tenant's API budget.

Anyone who knows a tenant's id can post to /v1/inbound/{tenant}/{provider}: the signature is
checked by crm, after the gateway has counted the call. Counted in the tenant's API bucket, a
flood of unsigned messages made the tenant's own API answer 429. The test profile keeps the
tenant's limit out of the way, so this test runs a second gateway replica (same database, same
services) whose tenant limit a flood would pass.
"""

from __future__ import annotations

import asyncio
import dataclasses
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest

from cartera_shared.testing import free_tcp_port

ROOT = Path(__file__).resolve().parents[2]
TENANT_LIMIT = 40
INBOUND_LIMIT = 10
FLOOD = 3 * TENANT_LIMIT


@pytest.fixture
async def small_gateway(stack, stack_script):
    gateway = next(s for s in stack_script.services("test") if s.name == "gateway")
    port = free_tcp_port()
    env = stack_script.service_env("test", dataclasses.replace(gateway, port=port))
    env.update(
        CARTERA_GATEWAY_RATE_LIMIT_TENANT=f"{TENANT_LIMIT}/minute",
        CARTERA_GATEWAY_INBOUND_RATE_LIMIT=f"{INBOUND_LIMIT}/minute",
        OTEL_EXPORTER_OTLP_ENDPOINT="",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "cartera_gateway.main"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        async with httpx.AsyncClient(timeout=2) as probe:
            while True:
                assert process.poll() is None, "the second gateway exited"
                try:
                    if (await probe.get(f"{url}/ready")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "the second gateway is not ready"
                await asyncio.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.timeout(180)
async def test_an_inbound_flood_never_spends_the_tenants_api_budget(
    small_gateway, tenant, other_tenant
):
    api = {"Authorization": f"Bearer {tenant.api_key}"}
    async with httpx.AsyncClient(base_url=small_gateway, timeout=30) as gateway:
        inbound, answers = Counter(), Counter()
        for n in range(FLOOD):
            # Unsigned, as an attacker's would be: crm refuses them, after the gateway counted.
            flood = await gateway.post(
                f"/v1/inbound/{tenant.id}/generic",
                content=b'{"from": "x@example.com"}',
                headers={"Content-Type": "application/json"},
            )
            inbound[flood.status_code] += 1
            if n % 4 == 0:  # the tenant keeps working meanwhile, within its own budget
                answers[(await gateway.get("/v1/clients", headers=api)).status_code] += 1
        assert answers == Counter({200: FLOOD // 4}), answers
        assert inbound[429] >= FLOOD - INBOUND_LIMIT, inbound
        assert set(inbound) <= {401, 429}, inbound
        refused = await gateway.post(f"/v1/inbound/{tenant.id}/generic", content=b"{}")
        assert refused.status_code == 429
        assert refused.headers["retry-after"]
        assert refused.headers["content-type"] == "application/problem+json"
        # Another provider of the same tenant, and the same provider of another tenant, have
        # buckets of their own.
        for path in (f"/v1/inbound/{tenant.id}/mailgun", f"/v1/inbound/{other_tenant.id}/generic"):
            answer = await gateway.post(path, content=b"{}")
            assert answer.status_code in (401, 422), (path, answer.text)
        # An unknown tenant's bucket is its own too (and the answer says no such tenant).
        unknown = await gateway.post(f"/v1/inbound/{uuid.uuid4()}/generic", content=b"{}")
        assert unknown.status_code == 404
