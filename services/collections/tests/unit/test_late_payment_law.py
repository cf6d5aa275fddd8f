"""Ley 3/2004 art. 3 scope, the operator's published rate, and the final notice's wording."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cartera_collections.domain.interest import STATUTORY_RATES, UnknownRate, rate_for
from cartera_collections.domain.late_payment_law import scope_for
from cartera_collections.domain.notices import compose
from cartera_collections.published_rates import InvalidPublishedRate, check, missing_rate

LINES = [(1, dt.date(2026, 2, 4), Decimal("1000.00"))]
TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize("kind", ["company", "self_employed", "public_administration"])
def test_the_law_covers_businesses_and_administrations(kind):
    scope = scope_for(kind, 7)
    assert scope.applies is True
    assert scope.client_version == 7
    assert "art. 3.1" in scope.basis


def test_the_law_leaves_consumers_out():
    scope = scope_for("individual", 2)
    assert scope.applies is False
    assert "art. 3.2.a" in scope.basis


@pytest.mark.parametrize("kind", ["foreign", None, "", "COMPANY", "partnership"])
def test_foreign_unknown_or_odd_kinds_are_not_claimed(kind):
    assert scope_for(kind, None).applies is False


def test_no_figure_is_invented_for_the_second_half_of_2026():
    assert dict(STATUTORY_RATES)[dt.date(2026, 1, 1)] == Decimal("10.15")
    assert dict(STATUTORY_RATES)[dt.date(2025, 7, 1)] == Decimal("10.15")
    with pytest.raises(UnknownRate) as raised:
        rate_for(dt.date(2026, 7, 1))
    assert raised.value.half_year_start == dt.date(2026, 7, 1)


def test_an_operator_s_rate_is_read_with_its_boe_id():
    rate = check(" 2026-07-01 ", "10,15", "boe-a-2026-13001", "  Resolución de  26 de junio ")
    assert rate.rate == Decimal("10.15")
    assert rate.boe_id == "BOE-A-2026-13001"
    assert rate.resolution == "Resolución de 26 de junio"
    assert check("2027-01-01", "9.4", "BOE-A-2026-1", "Resolución de diciembre").rate == Decimal(
        "9.40"
    )


@pytest.mark.parametrize(
    ("start", "rate", "boe", "resolution", "field"),
    [
        ("2026-07-02", "10.15", "BOE-A-2026-1", "Resolución de junio", "--from"),
        ("2026-03-01", "10.15", "BOE-A-2026-1", "Resolución de junio", "--from"),
        ("julio", "10.15", "BOE-A-2026-1", "Resolución de junio", "--from"),
        ("2026-01-01", "10.15", "BOE-A-2025-1", "Resolución de diciembre", "--from"),
        ("2026-07-01", "diez", "BOE-A-2026-1", "Resolución de junio", "--rate"),
        ("2026-07-01", "-1", "BOE-A-2026-1", "Resolución de junio", "--rate"),
        ("2026-07-01", "100", "BOE-A-2026-1", "Resolución de junio", "--rate"),
        ("2026-07-01", "NaN", "BOE-A-2026-1", "Resolución de junio", "--rate"),
        ("2026-07-01", "10.155", "BOE-A-2026-1", "Resolución de junio", "--rate"),
        ("2026-07-01", "10.15", "2026-13001", "Resolución de junio", "--boe"),
        ("2026-07-01", "10.15", "BOE-B-2026-1", "Resolución de junio", "--boe"),
        ("2026-07-01", "10.15", "BOE-A-2019-1", "Resolución de junio", "--boe"),
        ("2026-07-01", "10.15", "BOE-A-2026-1", "  ", "--resolution"),
    ],
)
def test_an_operator_s_bad_rate_is_refused_naming_the_field(start, rate, boe, resolution, field):
    with pytest.raises(InvalidPublishedRate, match=field):
        check(start, rate, boe, resolution)


def test_the_missing_rate_says_how_to_add_it():
    missing = missing_rate(dt.date(2026, 7, 1))
    assert "H2 2026" in missing["message"]
    assert (
        "python -m cartera_collections.published_rates add --from 2026-07-01"
        in (missing["how_to_add"])
    )


def test_a_consumer_s_final_notice_neither_quotes_the_law_nor_gives_figures():
    _, body = compose("final", "Ana", "F1", LINES, TODAY, None)
    assert "Ley 3/2004" not in body
    assert "40" not in body.replace("1.000,00", "")
    assert "último aviso" in body


def test_a_business_s_final_notice_gives_the_law_and_its_figures():
    claim = {"compensation": "40.00", "interest": "32.54", "rate_missing": None}
    _, body = compose("final", "Acme SL", "F1", LINES, TODAY, claim)
    assert "Ley 3/2004" in body
    assert "Intereses de demora devengados a 01/06/2026: 32,54 €" in body
    assert "Indemnización por costes de cobro: 40,00 €" in body


def test_a_business_s_final_notice_without_the_rate_says_it_will_follow():
    claim = {
        "compensation": "40.00",
        "interest": None,
        "rate_missing": missing_rate(dt.date(2026, 7, 1)),
    }
    _, body = compose("final", "Acme SL", "F1", LINES, TODAY, claim)
    assert "aún no está publicado" in body
    assert "Intereses de demora devengados" not in body
    assert "python -m" not in body  # the operator's how-to is not the debtor's business
