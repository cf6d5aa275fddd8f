import time
import uuid

import jwt
import pytest

from cartera_shared.identity import (
    ALGORITHM,
    Identity,
    issue_internal_token,
    verify_internal_token,
)
from cartera_shared.problems import Unauthorized

SECRET = "s" * 32


def identity(**overrides):
    values = {
        "tenant_id": uuid.uuid4(),
        "subject": "api_key:1",
        "scopes": frozenset({"clients:read"}),
        "request_id": "r1",
    }
    return Identity(**{**values, **overrides})


def test_a_signed_token_round_trips():
    original = identity()
    assert verify_internal_token(issue_internal_token(original, SECRET), SECRET) == original


def test_another_secret_is_refused():
    token = issue_internal_token(identity(), SECRET)
    with pytest.raises(Unauthorized):
        verify_internal_token(token, "another-secret-of-enough-length!")


def test_an_expired_token_is_refused():
    token = issue_internal_token(identity(), SECRET, ttl=-1)
    with pytest.raises(Unauthorized):
        verify_internal_token(token, SECRET)


def test_a_tampered_token_is_refused():
    token = issue_internal_token(identity(), SECRET)
    header, _payload, signature = token.split(".")
    forged = jwt.encode(
        {"tenant_id": str(uuid.uuid4()), "sub": "x", "exp": time.time() + 60},
        "a-guessed-key-of-thirty-two-bytes!",
        algorithm=ALGORITHM,
    ).split(".")[1]
    with pytest.raises(Unauthorized):
        verify_internal_token(f"{header}.{forged}.{signature}", SECRET)


def test_unsigned_tokens_are_refused():
    token = jwt.encode(
        {"tenant_id": str(uuid.uuid4()), "sub": "x", "exp": int(time.time()) + 60},
        key=None,
        algorithm="none",
    )
    with pytest.raises(Unauthorized):
        verify_internal_token(token, SECRET)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "Bearer x"])
def test_garbage_is_refused(garbage):
    with pytest.raises(Unauthorized):
        verify_internal_token(garbage, SECRET)


def test_scopes_allow_exact_resource_wildcards_and_all():
    assert identity(scopes=frozenset({"clients:read"})).allows("clients:read")
    assert not identity(scopes=frozenset({"clients:read"})).allows("clients:write")
    assert identity(scopes=frozenset({"clients:*"})).allows("clients:write")
    assert not identity(scopes=frozenset({"clients:*"})).allows("invoices:read")
    assert identity(scopes=frozenset({"*"})).allows("invoices:write")
