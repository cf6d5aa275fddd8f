"""Which addresses a webhook may reach, checked once per attempt, without a network."""

import ipaddress
import ssl

import httpx
import pytest

from cartera_gateway.webhooks.delivery import (
    ADDRESS_REFUSED,
    CONNECTION_FAILED,
    INVALID_ANSWER,
    TIMEOUT,
    TLS_FAILED,
    DeliveryPolicy,
    UnsafeAddress,
    embedded_ipv4,
    failure_class,
    refused_address,
    resolve_target,
)

REFUSED = [
    # IPv4: loopback, private, link-local (cloud metadata), shared, this-network, multicast,
    # reserved, broadcast, documentation, benchmarking.
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.2.1",
    "198.18.0.1",
    # IPv6 of its own: loopback, unspecified, unique-local, link-local, multicast,
    # documentation, discard.
    "::1",
    "::",
    "fd00::1",
    "fe80::1",
    "ff02::1",
    "ff0e::1",
    "2001:db8::1",
    "100::1",
    # IPv6 carrying an internal IPv4 address.
    "::127.0.0.1",  # IPv4-compatible
    "::10.0.0.1",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:169.254.169.254",
    "::ffff:0:127.0.0.1",  # IPv4-translated
    "64:ff9b::127.0.0.1",  # NAT64, well-known prefix
    "64:ff9b::a9fe:a9fe",  # ... 169.254.169.254
    "64:ff9b::10.0.0.1",
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
    # Refused whole, whatever they carry.
    "64:ff9b:1::7f00:1",  # local-use NAT64
    "64:ff9b:1::808:808",
    "2001::1",  # Teredo
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "2001:0:808:808::1",
    "fec0::1",  # site-local
    "feff::1",
]
PUBLIC = [
    "93.184.216.34",
    "8.8.8.8",
    "2606:2800:220:1:248:1893:25c8:1946",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "2002:808:808::1",
]


@pytest.mark.parametrize("address", REFUSED)
def test_internal_addresses_and_ipv6_forms_carrying_them_are_refused(address):
    assert refused_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert not refused_address(ipaddress.ip_address(address))


def test_the_ipv4_inside_each_ipv6_form_is_found():
    for form in ("::127.0.0.1", "::ffff:127.0.0.1", "64:ff9b::127.0.0.1", "2002:7f00:1::"):
        assert embedded_ipv4(ipaddress.IPv6Address(form)) == ipaddress.IPv4Address("127.0.0.1")
    assert embedded_ipv4(ipaddress.IPv6Address("2606:2800:220:1::1")) is None


def resolving(*answers):
    """A resolver stand-in: each call takes the next answer; the calls are counted."""
    calls = []

    async def resolve(host, port):
        calls.append((host, port))
        answer = answers[min(len(calls), len(answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return resolve, calls


async def test_every_address_a_name_resolves_to_is_checked():
    resolver, calls = resolving(["93.184.216.34", "::ffff:127.0.0.1"])
    policy = DeliveryPolicy(allow_private=False, resolver=resolver)
    with pytest.raises(UnsafeAddress, match="not a public address"):
        await resolve_target("https://hooks.example.com/x", policy)
    assert calls == [("hooks.example.com", 443)]


async def test_the_target_is_the_checked_address_with_the_name_kept_for_host_and_tls():
    resolver, calls = resolving(["2606:2800:220:1:248:1893:25c8:1946"])
    policy = DeliveryPolicy(allow_private=False, resolver=resolver)
    target = await resolve_target("https://hooks.example.com:8443/in?x=1", policy)
    assert str(target.url) == "https://[2606:2800:220:1:248:1893:25c8:1946]:8443/in?x=1"
    assert target.host_header == "hooks.example.com:8443"
    assert target.extensions == {"sni_hostname": "hooks.example.com"}
    assert calls == [("hooks.example.com", 8443)]


async def test_a_literal_address_is_checked_without_resolving():
    resolver, calls = resolving(["93.184.216.34"])
    policy = DeliveryPolicy(allow_private=False, resolver=resolver)
    for url in ("https://[::ffff:127.0.0.1]/x", "https://[64:ff9b::a9fe:a9fe]/x"):
        with pytest.raises(UnsafeAddress):
            await resolve_target(url, policy)
    target = await resolve_target("https://93.184.216.34/x", policy)
    assert target.extensions == {}  # no SNI for an address
    assert calls == []


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.216.34/hook",  # public, but not https
        "https://user:pass@93.184.216.34/hook",
        "ftp://93.184.216.34/hook",
        "https:///nohost",
        "https://93.184.216.34:99999/hook",
        "https://2130706433/hook",  # 127.0.0.1 as one number: resolved, then refused
        "https://0x7f.1/hook",
        "https://localhost/hook",
    ],
)
async def test_unsafe_urls_are_refused_in_production(url):
    async def system_like(host, port):
        if host in ("2130706433", "0x7f.1", "localhost"):
            return ["127.0.0.1"]
        raise OSError("no such name")

    with pytest.raises(UnsafeAddress):
        await resolve_target(url, DeliveryPolicy(allow_private=False, resolver=system_like))


async def test_a_name_that_does_not_resolve_is_refused():
    resolver, _ = resolving(OSError("NXDOMAIN"))
    with pytest.raises(UnsafeAddress, match="does not resolve"):
        await resolve_target("https://nowhere.example/x", DeliveryPolicy(False, resolver=resolver))
    resolver, _ = resolving([])
    with pytest.raises(UnsafeAddress, match="does not resolve"):
        await resolve_target("https://nowhere.example/x", DeliveryPolicy(False, resolver=resolver))


async def test_loopback_is_reached_only_when_allowed():
    resolver, _ = resolving(["127.0.0.1"])
    allowed = await resolve_target(
        "http://receiver.local:9/hook", DeliveryPolicy(allow_private=True, resolver=resolver)
    )
    assert str(allowed.url) == "http://127.0.0.1:9/hook"
    assert allowed.host_header == "receiver.local:9"
    with pytest.raises(UnsafeAddress):
        await resolve_target(
            "https://receiver.local:9/hook", DeliveryPolicy(allow_private=False, resolver=resolver)
        )


async def test_the_system_resolver_answers_off_the_event_loop():
    policy = DeliveryPolicy(allow_private=True)
    target = await resolve_target("http://localhost:9/hook", policy)
    assert ipaddress.ip_address(target.url.host).is_loopback


def test_failures_are_told_apart_only_by_coarse_classes():
    request = httpx.Request("POST", "https://x.example")
    tls = httpx.ConnectError("boom", request=request)
    tls.__cause__ = ssl.SSLCertVerificationError("certificate verify failed: IP mismatch")
    assert failure_class(httpx.ConnectTimeout("t", request=request)) == TIMEOUT
    assert failure_class(httpx.ReadTimeout("t", request=request)) == TIMEOUT
    assert failure_class(tls) == TLS_FAILED
    assert failure_class(httpx.ConnectError("refused", request=request)) == CONNECTION_FAILED
    assert failure_class(httpx.ReadError("reset", request=request)) == CONNECTION_FAILED
    assert failure_class(httpx.RemoteProtocolError("junk", request=request)) == INVALID_ANSWER
    assert ADDRESS_REFUSED == "address refused"
