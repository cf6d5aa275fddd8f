import pytest

from cartera_clients.domain.addresses import InvalidAddress, check_spanish_address, territory
from cartera_clients.domain.identifiers import (
    InvalidIdentifier,
    normalise_bic,
    normalise_iban,
    normalise_tax_id,
)


@pytest.mark.parametrize(
    ("raw", "country", "kind", "stored"),
    [
        ("b-12345674", "ES", "company", "B12345674"),
        ("ESB12345674", "ES", "company", "B12345674"),
        ("12.345.678-z", "ES", "self_employed", "12345678Z"),
        ("x1234567l", "ES", "individual", "X1234567L"),
        ("Q4618001D", "ES", "public_administration", "Q4618001D"),
        ("40303265045", "FR", "company", "FR40303265045"),
        ("PT 501 964 843", "PT", "foreign", "PT501964843"),
        ("AB 123", "FR", "individual", "AB123"),
        ("123-45-6789", "US", "foreign", "123456789"),
    ],
)
def test_tax_ids_are_validated_and_stored_normalised(raw, country, kind, stored):
    assert normalise_tax_id(raw, country=country, kind=kind) == stored


@pytest.mark.parametrize(
    ("raw", "country", "kind"),
    [
        ("B12345675", "ES", "company"),
        ("12345678A", "ES", "individual"),
        ("X1234567A", "ES", "individual"),
        ("B12345674", "ES", "individual"),
        ("12345678Z", "ES", "public_administration"),
        ("PT501964842", "PT", "company"),
        ("-", "US", "foreign"),
    ],
)
def test_invalid_tax_ids_are_refused(raw, country, kind):
    with pytest.raises(InvalidIdentifier):
        normalise_tax_id(raw, country=country, kind=kind)


@pytest.mark.parametrize(
    ("check", "raw", "said"),
    [
        (normalise_iban, "ES9121000418450200051333", "its check digits do not match"),
        (normalise_iban, "ES9121000418450200051332XX", "a layout that are not allowed"),
        (normalise_bic, "CAIX", "wrong number of characters"),
        (lambda raw: normalise_tax_id(raw, country="PT", kind="company"), "PT501964842", "check"),
    ],
)
def test_a_bad_number_is_told_in_our_words_not_stdnum_s(check, raw, said):
    with pytest.raises(InvalidIdentifier) as refused:
        check(raw)
    assert said in str(refused.value)
    assert "The number" not in str(refused.value)  # stdnum's own sentences begin so


@pytest.mark.parametrize(
    ("postal_code", "province", "expected"),
    [
        ("03001", "Alacant", "Alacant"),
        ("03001", "alicante", "alicante"),
        ("12001", "Castelló", "Castelló"),
        ("15001", None, "A Coruña"),
        ("07001", "Illes Balears", "Illes Balears"),
        ("01001", "ALAVA", "ALAVA"),
    ],
)
def test_postal_codes_match_provinces_in_either_language(postal_code, province, expected):
    assert check_spanish_address(postal_code, province) == expected


@pytest.mark.parametrize(
    ("postal_code", "province"),
    [("28001", "Barcelona"), ("53001", None), ("2800", None), ("ABCDE", None), ("00001", None)],
)
def test_impossible_addresses_are_refused(postal_code, province):
    with pytest.raises(InvalidAddress):
        check_spanish_address(postal_code, province)


@pytest.mark.parametrize(
    ("country", "postal_code", "expected"),
    [
        ("ES", "38001", "canary_islands"),
        ("ES", "51001", "ceuta"),
        ("ES", "52001", "melilla"),
        ("ES", "07001", "peninsula_balearics"),
        ("FR", "75001", "abroad"),
        ("ES", None, "peninsula_balearics"),
    ],
)
def test_the_tax_territory_comes_from_the_postal_code(country, postal_code, expected):
    assert territory(country, postal_code) == expected
