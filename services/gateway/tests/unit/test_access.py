"""Scopes, roles, passwords, rate limits and webhook signatures, without a network (webhook
addresses: test_webhook_addresses.py)."""

import hashlib
import hmac

import pytest
from argon2 import PasswordHasher

from cartera_gateway.passwords import hash_password, needs_rehash, verify_password, weakness
from cartera_gateway.people.service import lock_minutes
from cartera_gateway.ratelimit import RateLimits
from cartera_gateway.scopes import ROLES, covers, holds, unknown_scopes
from cartera_gateway.webhooks.delivery import DeliveryPolicy, backoff, sign
from cartera_shared.problems import TooManyRequests


def test_wildcards_cover_what_they_name_and_nothing_else():
    assert holds({"*"}, "users:write")
    assert holds({"clients:*"}, "clients:write")
    assert not holds({"clients:*"}, "invoices:read")
    assert not holds({"clients:read"}, "clients:write")


def test_a_credential_cannot_hand_out_more_than_it_holds():
    mine = {"clients:read", "clients:write", "api-keys:write"}
    assert covers(mine, ["clients:read", "clients:*"]) == []
    assert covers(mine, ["invoices:read", "*"]) == ["invoices:read", "*"]
    assert covers({"*"}, ["*", "users:write"]) == []


def test_roles_grant_what_their_names_promise():
    assert ROLES["owner"] == {"*"}
    assert all(scope.endswith(":read") for scope in ROLES["read_only"])
    assert "invoices:write" in ROLES["accountant"]
    assert "crm:write" not in ROLES["accountant"]
    assert "crm:write" in ROLES["sales"]
    assert "invoices:write" not in ROLES["sales"]
    # The accounting export and its account mapping: the books' people only.
    assert {"exports:read", "exports:write"} <= ROLES["accountant"]
    assert not {"exports:read", "exports:write"} & (ROLES["sales"] | ROLES["read_only"])
    for role in ("accountant", "sales", "read_only"):
        assert not {"users:write", "api-keys:write", "webhooks:write"} & ROLES[role]
        # A certificate signs for the business before the AEAT: the owner's alone.
        assert not {"certificates:read", "certificates:write"} & ROLES[role]
    assert holds(ROLES["owner"], "certificates:write")
    assert not unknown_scopes(["certificates:read", "certificates:write", "certificates:*"])


def test_unknown_scopes_are_named():
    assert unknown_scopes(["clients:read", "clients:delete", "root", "*"]) == [
        "clients:delete",
        "root",
    ]


async def test_passwords_are_hashed_with_argon2id_and_checked():
    stored = await hash_password("una contraseña larga")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert await verify_password("una contraseña larga", stored)
    assert not await verify_password("otra contraseña larga", stored)
    assert not await verify_password("anything", None)
    assert not await verify_password("anything", "not a hash")
    # A hash made with the library's former default settings still verifies, and is to be
    # replaced; one made today is not.
    earlier = PasswordHasher().hash("una contraseña larga")
    assert await verify_password("una contraseña larga", earlier)
    assert needs_rehash(earlier)
    assert not needs_rehash(stored)
    assert needs_rehash("not a hash")


@pytest.mark.parametrize(
    ("password", "email"),
    [
        ("short", "a@b.es"),
        ("aaaaaaaaaaaaaaaa", "a@b.es"),
        ("xx-maria.lopez-99", "maria.lopez@b.es"),
    ],
)
def test_weak_passwords_are_refused(password, email):
    assert weakness(password, email)


def test_the_lock_grows_with_each_failure_up_to_an_hour():
    assert [lock_minutes(n) for n in (5, 6, 7, 10, 20)] == [1, 2, 4, 32, 60]


async def test_limits_answer_429_with_a_retry_after():
    limits = RateLimits(
        redis_url=None, per_tenant="100/minute", per_credential="2/minute", sign_in="1/minute"
    )
    await limits.check("t1", "key-a")
    await limits.check("t1", "key-a")
    with pytest.raises(TooManyRequests) as refused:
        await limits.check("t1", "key-a")
    assert 1 <= refused.value.retry_after <= 60
    await limits.check("t1", "key-b")  # another credential has its own budget
    await limits.check("t2", "key-c", credential_per_minute=5)
    await limits.check_sign_in("10.0.0.1")
    with pytest.raises(TooManyRequests):
        await limits.check_sign_in("10.0.0.1")


async def test_the_tenant_limit_binds_all_its_credentials():
    limits = RateLimits(redis_url=None, per_tenant="3/minute", per_credential="100/minute")
    for credential in ("a", "b", "c"):
        await limits.check("t", credential)
    with pytest.raises(TooManyRequests):
        await limits.check("t", "d")


async def test_a_tenants_own_rate_replaces_the_default_for_it_alone():
    limits = RateLimits(redis_url=None, per_tenant="3/minute", per_credential="100/minute")
    assert limits.default_per_tenant == 3
    for n in range(10):  # a contract of 10 a minute, over several credentials
        await limits.check("big", f"key-{n % 3}", tenant_per_minute=10)
    with pytest.raises(TooManyRequests) as refused:
        await limits.check("big", "key-0", tenant_per_minute=10)
    assert refused.value.extensions["limit"] == "10 per 1 minute"
    for credential in ("a", "b", "c"):  # another tenant keeps the default
        await limits.check("small", credential)
    with pytest.raises(TooManyRequests):
        await limits.check("small", "d")


def test_the_signature_is_hmac_sha256_over_timestamp_and_body():
    body = b'{"id":"x"}'
    expected = hmac.new(b"whsec_k", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert sign("whsec_k", 1700000000, body) == f"v1={expected}"


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling():
    policy = DeliveryPolicy(allow_private=False, base_backoff_seconds=10, max_backoff_seconds=60)
    for attempts, ceiling in ((1, 10), (2, 20), (3, 40), (6, 60)):
        waits = [backoff(policy, attempts) for _ in range(50)]
        assert all(ceiling / 2 <= w <= ceiling for w in waits)
