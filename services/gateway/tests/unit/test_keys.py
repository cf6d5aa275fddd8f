import uuid

import pytest

from cartera_gateway.keys import generate_key, hash_secret, secret_matches, split_key
from cartera_shared.tenancy import is_test_tenant, mode_of, sandbox_twin


def test_a_new_key_splits_back_into_its_prefix_and_a_secret_that_matches():
    key = generate_key()
    sent = split_key(key.plaintext)
    assert sent is not None
    assert sent.prefix == key.prefix
    assert not sent.test
    assert secret_matches(sent.secret, key.secret_hash)
    assert sent.secret not in key.secret_hash


def test_a_test_key_is_labelled_and_splits_back_as_a_test_key():
    key = generate_key(test=True)
    assert key.plaintext.startswith(f"ck_test_{key.prefix}_")
    sent = split_key(key.plaintext)
    assert sent is not None
    assert sent.test
    assert sent.prefix == key.prefix
    assert secret_matches(sent.secret, key.secret_hash)


def test_keys_are_unique():
    assert len({generate_key().plaintext for _ in range(200)}) == 200


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ck",
        "ck_",
        "ck__x",
        "ck_abc_",
        "xx_abc_def",
        "abc",
        "ck_test_",
        "ck_test_abc_",
        "ck_test__x",
        "ck_test_test_x",
        "CK_test_abc_def",
        "ck_test",
    ],
)
def test_malformed_keys_do_not_split(text):
    assert split_key(text) is None


def test_a_wrong_secret_does_not_match():
    assert not secret_matches("guess", hash_secret("secret"))


def test_a_sandbox_twin_is_marked_and_stable_and_a_live_id_never_is():
    live = uuid.uuid4()
    twin = sandbox_twin(live)
    assert twin == sandbox_twin(live)
    assert str(twin).startswith("7e577e57-")
    assert twin.version == 8
    assert twin.variant == uuid.RFC_4122
    assert is_test_tenant(twin)
    assert is_test_tenant(str(twin))
    assert mode_of(twin) == "test"
    assert mode_of(live) == "live"
    assert sandbox_twin(uuid.uuid4()) != twin
    # No uuid4 passes for a sandbox, even one that begins with the marker.
    assert not any(is_test_tenant(uuid.uuid4()) for _ in range(2000))
    forged = uuid.UUID("7e577e57" + uuid.uuid4().hex[8:])  # the marker on a version 4 id
    assert not is_test_tenant(forged)
    for junk in (None, "", "not-a-uuid", "7e577e57"):
        assert not is_test_tenant(junk)
    with pytest.raises(ValueError, match="no twin"):
        sandbox_twin(twin)
