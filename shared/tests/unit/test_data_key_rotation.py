"""The report every rotate_data_key command prints, and its exit code."""

from cartera_shared.data_key_rotation import Rotation


def test_a_clean_rotation_exits_0_and_says_what_it_did(capsys):
    assert Rotation(reencrypted=3, current=2).report("webhook secrets", "subscription", "k1") == 0
    out, err = capsys.readouterr()
    assert out == "webhook secrets: 3 re-encrypted under key k1, 2 already under it, 0 unreadable\n"
    assert err == ""


def test_a_value_no_key_opens_is_named_and_exits_1(capsys):
    outcome = Rotation(unreadable=[("3f2a", "no data key k0 is configured")])
    assert outcome.report("certificate keys", "certificate", "k1") == 1
    out, err = capsys.readouterr()
    assert "1 unreadable" in out
    assert err == "  certificate 3f2a: no data key k0 is configured\n"
