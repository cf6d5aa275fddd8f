"""Secrets at rest (webhook secrets, certificate keys): AES-256-GCM under a key derived from
CARTERA_DATA_KEY."""

import secrets

import pytest

from cartera_shared.data_keys import DataKeyError, DataKeys

SECRET = "whsec_" + secrets.token_urlsafe(32)
ROW = "5a1f3c1e-8d2b-4c55-9a36-0c1d2e3f4a5b"


def key() -> str:
    return secrets.token_hex(32)


def test_a_secret_is_sealed_with_its_key_id_and_opened_again():
    keys = DataKeys(key())
    stored = keys.encrypt(SECRET, bound_to=ROW)
    version, kid, _ = stored.split(".", 2)
    assert (version, kid) == ("v1", keys.current_id)
    assert SECRET not in stored
    assert SECRET.removeprefix("whsec_") not in stored
    assert keys.decrypt(stored, bound_to=ROW) == SECRET
    assert keys.encrypt(SECRET, bound_to=ROW) != stored  # a fresh nonce each time
    assert len(stored) < 200


def test_the_key_id_names_the_key_without_telling_it():
    setting = key()
    assert DataKeys(setting).current_id == DataKeys(setting).current_id
    assert DataKeys(setting).current_id != DataKeys(key()).current_id
    assert DataKeys(setting).current_id not in setting


def test_a_value_moved_to_another_row_or_edited_does_not_open():
    keys = DataKeys(key())
    stored = keys.encrypt(SECRET, bound_to=ROW)
    with pytest.raises(DataKeyError, match="another row"):
        keys.decrypt(stored, bound_to="another-row")
    tampered = stored[:-2] + ("A" if stored[-2] != "A" else "B") + stored[-1]
    with pytest.raises(DataKeyError):
        keys.decrypt(tampered, bound_to=ROW)
    relabelled = "v1." + DataKeys(key()).current_id + stored[len("v1.") + 12 :]
    with pytest.raises(DataKeyError):
        keys.decrypt(relabelled, bound_to=ROW)


def test_a_wrong_key_fails_clearly():
    stored = DataKeys(key()).encrypt(SECRET, bound_to=ROW)
    keys = DataKeys(key())
    with pytest.raises(DataKeyError) as refused:
        keys.decrypt(stored, bound_to=ROW)
    message = str(refused.value)
    assert stored.split(".")[1] in message
    assert "neither CARTERA_DATA_KEY" in message
    assert keys.current_id in message


@pytest.mark.parametrize("stored", [SECRET, "", "v2.abc.def", "v1..x", "v1.abcdef"])
def test_what_is_not_a_sealed_value_is_refused(stored):
    with pytest.raises(DataKeyError):
        DataKeys(key()).decrypt(stored, bound_to=ROW)


def test_during_a_rotation_the_previous_key_still_opens_and_only_the_new_one_seals():
    old, new = key(), key()
    before = DataKeys(old).encrypt(SECRET, bound_to=ROW)
    rotating = DataKeys(new, previous=old)
    assert rotating.decrypt(before, bound_to=ROW) == SECRET
    assert not rotating.is_current(before)
    after = rotating.encrypt(SECRET, bound_to=ROW)
    assert rotating.is_current(after)
    assert DataKeys(new).decrypt(after, bound_to=ROW) == SECRET
    with pytest.raises(DataKeyError):
        DataKeys(new).decrypt(before, bound_to=ROW)


def test_a_value_the_gateway_stored_before_the_module_moved_to_the_library_still_opens():
    """Made with cartera_gateway/data_keys.py as it was: the HKDF labels are part of every value
    stored, so changing them would make every webhook secret unreadable."""
    setting = "3f9c2b7e51a04d8c9e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"
    stored = (
        "v1.4744ae4a0df9."
        "3wYszsHjQNNLunnaopj3uEA11Bd5Y6fBaHx289gAlf-C6S8JRdK9VcpvR3HzwpeyNnJMUusY8GU"
    )
    keys = DataKeys(setting)
    assert keys.current_id == "4744ae4a0df9"
    assert keys.decrypt(stored, bound_to=ROW) == "whsec_stored-before-the-move"
