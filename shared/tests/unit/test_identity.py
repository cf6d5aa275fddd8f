import datetime as dt
import time
import uuid

import jwt
import pytest

from cartera_shared.identity import (
    ALGORITHM,
    Identity,
    InternalKeys,
    issue_internal_token,
    verify_internal_token,
)
from cartera_shared.problems import Unauthorized

SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
OTHER = "a-different-secret-0123456789abcdef"


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
    token = issue_internal_token(original, SECRET, service="clients")
    assert verify_internal_token(token, SECRET, service="clients") == original


def test_another_secret_is_refused():
    token = issue_internal_token(identity(), SECRET, service="clients")
    with pytest.raises(Unauthorized):
        verify_internal_token(token, OTHER, service="clients")


def test_an_expired_token_is_refused():
    token = issue_internal_token(identity(), SECRET, service="clients", ttl=-1)
    with pytest.raises(Unauthorized):
        verify_internal_token(token, SECRET, service="clients")


def test_a_tampered_token_is_refused():
    token = issue_internal_token(identity(), SECRET, service="clients")
    header, _payload, signature = token.split(".")
    forged = jwt.encode(
        {"tenant_id": str(uuid.uuid4()), "sub": "x", "exp": time.time() + 60},
        "a-guessed-key-of-thirty-two-bytes!",
        algorithm=ALGORITHM,
    ).split(".")[1]
    with pytest.raises(Unauthorized):
        verify_internal_token(f"{header}.{forged}.{signature}", SECRET, service="clients")


def test_unsigned_tokens_are_refused():
    token = jwt.encode(
        {"tenant_id": str(uuid.uuid4()), "sub": "x", "exp": int(time.time()) + 60},
        key=None,
        algorithm="none",
    )
    with pytest.raises(Unauthorized):
        verify_internal_token(token, SECRET, service="clients")


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "Bearer x"])
def test_garbage_is_refused(garbage):
    with pytest.raises(Unauthorized):
        verify_internal_token(garbage, SECRET, service="clients")


def test_scopes_allow_exact_resource_wildcards_and_all():
    assert identity(scopes=frozenset({"clients:read"})).allows("clients:read")
    assert not identity(scopes=frozenset({"clients:read"})).allows("clients:write")
    assert identity(scopes=frozenset({"clients:*"})).allows("clients:write")
    assert not identity(scopes=frozenset({"clients:*"})).allows("invoices:read")
    assert identity(scopes=frozenset({"*"})).allows("invoices:write")


def test_a_token_for_one_service_is_refused_by_another():
    """A token seen on its way to invoicing cannot be replayed against clients."""
    token = issue_internal_token(identity(), SECRET, service="invoicing")
    assert verify_internal_token(token, SECRET, service="invoicing").subject == "api_key:1"
    with pytest.raises(Unauthorized):
        verify_internal_token(token, SECRET, service="clients")


def test_a_token_without_an_audience_is_refused():
    claims = {
        "iss": "cartera-gateway",
        "iat": int(time.time()),
        "exp": int(time.time()) + 60,
        "tenant_id": str(uuid.uuid4()),
        "sub": "x",
    }
    with pytest.raises(Unauthorized):
        verify_internal_token(
            jwt.encode(claims, SECRET, algorithm=ALGORITHM), SECRET, service="clients"
        )


def test_the_formerly_published_default_secret_is_no_key_at_all():
    """The attack that worked on main: a token forged with the former default secret."""
    forged = issue_internal_token(
        identity(), "cartera-local-internal-secret-change-me", service="clients"
    )
    with pytest.raises(Unauthorized):
        verify_internal_token(forged, InternalKeys(current=SECRET), service="clients")


def test_after_a_rotation_the_previous_secret_is_accepted_until_the_overlap_ends():
    keys = InternalKeys(
        current=OTHER,
        previous=SECRET,
        previous_until=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5),
    )
    signed_before = issue_internal_token(identity(), SECRET, service="clients")
    signed_after = issue_internal_token(identity(), OTHER, service="clients")
    assert verify_internal_token(signed_before, keys, service="clients")
    assert verify_internal_token(signed_after, keys, service="clients")

    expired = InternalKeys(
        current=OTHER,
        previous=SECRET,
        previous_until=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1),
    )
    assert verify_internal_token(signed_after, expired, service="clients")
    with pytest.raises(Unauthorized):
        verify_internal_token(signed_before, expired, service="clients")


def test_a_key_id_naming_no_accepted_key_is_still_judged_by_the_signature():
    token = issue_internal_token(identity(), SECRET, service="clients")
    _header, payload, signature = token.split(".")
    import base64
    import json

    other_header = (
        base64.urlsafe_b64encode(
            json.dumps({"alg": "HS256", "typ": "JWT", "kid": "nonexistent"}).encode()
        )
        .rstrip(b"=")
        .decode()
    )
    with pytest.raises(Unauthorized):  # the signature covers the header, so it no longer matches
        verify_internal_token(f"{other_header}.{payload}.{signature}", SECRET, service="clients")
