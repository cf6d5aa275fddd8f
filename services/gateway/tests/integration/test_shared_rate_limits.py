"""Two gateway replicas sharing one Redis (CARTERA_GATEWAY_REDIS_URL) share each key's budget: a
real redis-server on loopback, two gateway apps on the real database."""

import shutil
import subprocess
import time

import httpx
import pytest

from cartera_gateway.main import create_app
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import clear_of_a_minute_boundary, free_tcp_port, secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    assert server, "redis-server is installed by deploy/local/infra.sh up"
    port = free_tcp_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while (
        subprocess.run(
            ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True, check=False
        ).stdout.strip()
        != "PONG"
    ):
        assert time.monotonic() < deadline, "redis-server did not start"
        assert process.poll() is None, "redis-server exited"
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


async def replica(owner_url, app_url, kafka_bootstrap, redis_url):
    settings = GatewaySettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL="http://127.0.0.1:1",
        CARTERA_GATEWAY_REDIS_URL=redis_url,
        CARTERA_GATEWAY_RATE_LIMIT_TENANT="1000/minute",
    )
    return create_app(settings)


async def test_replicas_share_a_keys_budget_through_redis(
    owner_url, app_url, kafka_bootstrap, redis_url
):
    first = await replica(owner_url, app_url, kafka_bootstrap, redis_url)
    second = await replica(owner_url, app_url, kafka_bootstrap, redis_url)
    assert first.state.runtime.part(RateLimits).shared
    async with (
        first.router.lifespan_context(first),
        second.router.lifespan_context(second),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=first), base_url="http://a") as a,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=second), base_url="http://b") as b,
    ):
        tenant = (await a.post("/v1/admin/tenants", headers=ADMIN)).json()
        owner_key = {"Authorization": f"Bearer {tenant['api_key']}"}
        limited = await a.post(
            "/v1/api-keys",
            json={"name": "small", "scopes": ["clients:read"], "rate_limit_per_minute": 4},
            headers=owner_key,
        )
        assert limited.status_code == 201, limited.text
        key = {"Authorization": f"Bearer {limited.json()['api_key']}"}
        # The clients service is not running here: a call that passes the door gets 503.
        await clear_of_a_minute_boundary()
        answers = [await (a if n % 2 == 0 else b).get("/v1/clients", headers=key) for n in range(5)]
        assert [r.status_code for r in answers] == [503, 503, 503, 503, 429]
        assert int(answers[-1].headers["Retry-After"]) >= 1
