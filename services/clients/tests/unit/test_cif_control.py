"""The control character of a CIF is a digit for keys A, B, E and H and a letter for keys N, P,
Q, R, S and W; other keys may end in either (the NIF of legal entities, Orden EHA/451/2008 and
the check algorithm of the CIF). python-stdnum accepts either for every key."""

import pytest
from stdnum.es import cif

from cartera_clients.domain.identifiers import (
    InvalidIdentifier,
    normalise_tax_id,
    tax_id_warnings,
)

# Real-looking CIFs, each with its control character as a digit and as the matching letter
# (both pass stdnum): A58818501 / A5881850A, P2807900B / P28079002.


@pytest.mark.parametrize(
    ("raw", "kind", "said"),
    [
        ("A5881850A", "company", "ends in a digit"),
        ("B1234567D", "company", "ends in a digit"),  # B12345674 with its letter
        ("P28079002", "public_administration", "ends in a letter"),
        ("Q46180014", "public_administration", "ends in a letter"),  # Q4618001D
        ("S28000008", "public_administration", "ends in a letter"),
        ("N00123455", "company", "ends in a letter"),
        ("W28123453", "company", "ends in a letter"),
    ],
)
def test_a_cif_with_the_wrong_kind_of_control_character_is_refused(raw, kind, said):
    assert cif.is_valid(raw)  # what stdnum alone let through
    with pytest.raises(InvalidIdentifier) as refused:
        normalise_tax_id(raw, country="ES", kind=kind)
    assert said in str(refused.value)
    assert raw in str(refused.value)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("A58818501", "company"),
        ("B12345674", "company"),
        ("P2807900B", "public_administration"),
        ("Q4618001D", "public_administration"),
        ("S2800000H", "public_administration"),
        ("N0012345E", "company"),
        ("W2812345C", "company"),
        # Other keys may end in either.
        ("G12345674", "company"),
        ("G1234567D", "company"),
        ("J12345674", "company"),
        ("U1234567D", "company"),
    ],
)
def test_the_right_kind_of_control_character_is_accepted(raw, kind):
    assert cif.is_valid(raw)
    assert normalise_tax_id(raw, country="ES", kind=kind) == raw


def test_a_cif_already_stored_is_not_refused_again_but_warned_of():
    stored = "A5881850A"
    assert normalise_tax_id("a-5881850a", country="ES", kind="company", stored=stored) == stored
    [warning] = tax_id_warnings(stored, "ES")
    assert warning.startswith("tax_id: A5881850A")
    assert "ends in a digit" in warning
    # Another bad CIF is still refused, stored one or not.
    with pytest.raises(InvalidIdentifier):
        normalise_tax_id("B1234567D", country="ES", kind="company", stored=stored)


def test_good_and_foreign_tax_ids_have_no_warnings():
    assert tax_id_warnings("A58818501", "ES") == []
    assert tax_id_warnings("12345678Z", "ES") == []
    assert tax_id_warnings("FR40303265045", "FR") == []
