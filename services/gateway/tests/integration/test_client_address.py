"""The address sign-in and public rate limits count is the peer's: X-Forwarded-For names it only
when the peer is one of TRUSTED_PROXIES. The gateway served by uvicorn as in production."""

import httpx
import pytest

from cartera_gateway.main import create_app
from cartera_gateway.settings import GatewaySettings
from cartera_shared import server as service
from cartera_shared.testing import secret_settings, serving


@pytest.fixture
def gateway(owner_url, app_url, kafka_bootstrap):
    return create_app(
        GatewaySettings(
            **secret_settings(),
            CARTERA_DATABASE_URL=owner_url,
            CARTERA_DATABASE_APP_URL=app_url,
            CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
            CARTERA_GATEWAY_SIGN_IN_RATE_LIMIT="2/minute",
        )
    )


async def sign_in_from(port, forwarded_for):
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        answer = await http.post(
            "/v1/auth/sign-in",
            json={"email": "nadie@levante.es", "password": "no-es-la-clave-1"},
            headers={"X-Forwarded-For": forwarded_for},
        )
    return answer.status_code


async def test_a_forged_forwarded_for_does_not_change_the_counted_address(gateway, monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    async with serving(gateway, idle_seconds=5) as port:
        statuses = [await sign_in_from(port, f"198.51.100.{n}") for n in range(1, 4)]
    # Three made-up addresses are one caller, 127.0.0.1: over its two attempts a minute.
    assert statuses == [401, 401, 429]


async def test_a_trusted_proxy_names_the_client(gateway):
    async with serving(gateway, idle_seconds=5, proxies=["127.0.0.0/8"]) as port:
        statuses = [await sign_in_from(port, f"198.51.100.{n}") for n in range(1, 4)]
        assert statuses == [401, 401, 401]
        # The proxy appends what it saw to what the client sent: the client is the last one.
        statuses = [await sign_in_from(port, f"10.9.9.{n}, 203.0.113.50") for n in range(1, 4)]
        assert statuses == [401, 401, 429]


def test_trusted_proxies_are_addresses_or_networks(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.1,,::1 ")
    assert service.trusted_proxies() == ["10.0.0.0/8", "192.0.2.1", "::1"]
    monkeypatch.setenv("TRUSTED_PROXIES", "")
    assert service.trusted_proxies() == []
    for wrong in ("*", "10.0.0.1/8", "proxy.local", "10.0.0.0/33"):
        with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
            service.trusted_proxies(wrong)
