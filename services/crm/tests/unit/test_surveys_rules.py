"""Survey scales and tokens, as pure rules."""

import pytest

from cartera_crm.domain import surveys as rules
from cartera_crm.domain.timeline import money


@pytest.mark.parametrize(
    ("kind", "score", "ok"),
    [
        ("csat", 1, True),
        ("csat", 5, True),
        ("csat", 0, False),
        ("csat", 6, False),
        ("nps", 0, True),
        ("nps", 10, True),
        ("nps", 11, False),
        ("nps", -1, False),
    ],
)
def test_scales(kind, score, ok):
    assert (rules.score_error(kind, score) is None) is ok


def test_tokens_are_random_and_only_their_hash_is_kept():
    one, two = rules.new_token(), rules.new_token()
    assert one != two
    assert rules.plausible_token(one)
    assert len(rules.token_hash(one)) == 64
    assert rules.token_hash(one) == rules.token_hash(one) != rules.token_hash(two)
    assert not rules.plausible_token("short")
    assert not rules.plausible_token("x" * 30 + "/..")


def test_nps_categories():
    assert [rules.nps_category(s) for s in (0, 6, 7, 8, 9, 10)] == [
        "detractor",
        "detractor",
        "passive",
        "passive",
        "promoter",
        "promoter",
    ]


def test_money_in_titles_is_spanish():
    assert money("1234.5") == "1.234,50 €"
    assert money("-150.00") == "-150,00 €"
    assert money("10.00", "USD") == "10,00 USD"
