import pytest

from cartera_gateway.keys import generate_key, hash_secret, secret_matches, split_key


def test_a_new_key_splits_back_into_its_prefix_and_a_secret_that_matches():
    key = generate_key()
    prefix, secret = split_key(key.plaintext)
    assert prefix == key.prefix
    assert secret_matches(secret, key.secret_hash)
    assert secret not in key.secret_hash


def test_keys_are_unique():
    assert len({generate_key().plaintext for _ in range(200)}) == 200


@pytest.mark.parametrize("text", ["", "ck", "ck_", "ck__x", "ck_abc_", "xx_abc_def", "abc"])
def test_malformed_keys_do_not_split(text):
    assert split_key(text) is None


def test_a_wrong_secret_does_not_match():
    assert not secret_matches("guess", hash_secret("secret"))
