import pytest
from pydantic import ValidationError

from cartera_clients.clients.schemas import ClientCreate, ClientUpdate


def client(**overrides):
    return {
        "legal_name": "Ferretería Ruzafa S.L.",
        "kind": "company",
        "tax_id": "B12345674",
        **overrides,
    }


def test_a_valid_client_is_normalised():
    created = ClientCreate.model_validate(
        client(
            tax_id="es b-1234567-4",
            fiscal_address={
                "street": "Calle de Cádiz 12",
                "postal_code": "46006",
                "city": "Valencia",
            },
            bank_accounts=[{"iban": "es91 2100 0418 4502 0005 1332"}],
            tags=["vip", "vip", "horeca"],
        )
    )
    assert created.tax_id == "B12345674"
    assert created.country == "ES"
    assert created.fiscal_address.province == "Valencia"  # filled from the postal code
    assert created.fiscal_address.country == "ES"
    assert created.bank_accounts[0].iban == "ES9121000418450200051332"
    assert created.bank_accounts[0].is_default
    assert created.tags == ["vip", "horeca"]
    assert created.tax_treatment.vat_regime == "general"


def test_a_canary_islands_client_is_outside_vat_by_default_and_cannot_be_given_vat():
    address = {
        "street": "Calle Triana 1",
        "postal_code": "35002",
        "city": "Las Palmas de Gran Canaria",
    }
    created = ClientCreate.model_validate(client(fiscal_address=address))
    assert created.tax_treatment.vat_regime == "outside_scope"
    with pytest.raises(ValidationError, match="outside Spanish VAT"):
        ClientCreate.model_validate(
            client(fiscal_address=address, tax_treatment={"vat_regime": "general"})
        )


def test_an_eu_company_defaults_to_intra_community_and_other_countries_to_export():
    french = ClientCreate.model_validate(client(kind="foreign", country="FR", tax_id="40303265045"))
    assert french.tax_id == "FR40303265045"
    assert french.tax_treatment.vat_regime == "intra_community"
    american = ClientCreate.model_validate(
        client(kind="foreign", country="US", tax_id="12-3456789")
    )
    assert american.tax_id == "123456789"
    assert american.tax_treatment.vat_regime == "export"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"tax_id": "B12345675"}, "not a valid Spanish NIF"),
        ({"tax_id": "12345678Z"}, "person's NIF"),
        ({"kind": "self_employed"}, "CIF of a legal entity"),
        ({"kind": "foreign", "country": "FR", "tax_id": "FR40303265046"}, "not a valid FR VAT"),
        (
            {
                "fiscal_address": {
                    "street": "x",
                    "postal_code": "46006",
                    "city": "x",
                    "province": "Madrid",
                }
            },
            "belongs to Valencia",
        ),
        (
            {"fiscal_address": {"street": "x", "postal_code": "99999", "city": "x"}},
            "not a Spanish postal",
        ),
        (
            {
                "fiscal_address": {
                    "street": "x",
                    "postal_code": "46006",
                    "city": "x",
                    "country": "FR",
                }
            },
            "must be the client's country",
        ),
        ({"bank_accounts": [{"iban": "ES91 2100 0418 4502 0005 1333"}]}, "not a valid IBAN"),
        (
            {"bank_accounts": [{"iban": "ES9121000418450200051332", "bic": "NOTABIC"}]},
            "not a valid BIC",
        ),
        (
            {
                "bank_accounts": [
                    {"iban": "ES9121000418450200051332", "is_default": True},
                    {"iban": "ES9121000418450200051332", "is_default": True},
                ]
            },
            "only one account",
        ),
        ({"payment_terms": {"days": 90}}, "at most 60 days"),
        ({"payment_terms": {"days": 30, "instalments": 3, "interval_days": 30}}, "at most 60 days"),
        ({"tax_treatment": {"vat_regime": "exempt"}}, "exemption_reason"),
        (
            {"tax_treatment": {"vat_regime": "export", "equivalence_surcharge": True}},
            "on top of general",
        ),
        ({"contacts": [{"name": "Ana", "email": "ana@"}]}, "email"),
        ({"phone": "call me"}, "phone"),
        ({"tags": ["x" * 61]}, "tags"),
        ({"country": "Spain"}, "country"),
        ({"id": "forced"}, "Extra inputs"),
    ],
)
def test_bad_clients_are_refused_with_a_reason(overrides, message):
    with pytest.raises(ValidationError, match=message):
        ClientCreate.model_validate(client(**overrides))


def test_long_terms_are_allowed_for_private_individuals():
    person = ClientCreate.model_validate(
        client(kind="individual", tax_id="12345678Z", payment_terms={"days": 90})
    )
    assert person.payment_terms.days == 90


def test_an_update_knows_which_fields_were_sent():
    update = ClientUpdate.model_validate({"trade_name": None, "reason": "typo"})
    assert update.model_dump(exclude_unset=True) == {"trade_name": None, "reason": "typo"}


# DIR3 codes of a public body (LCSP DA 32ª; Orden HAP/492/2014 DA 3ª): nine capital letters and
# digits each, kept only for kind public_administration.
DIR3 = {
    "oficina_contable": "l01462444",
    "organo_gestor": " L01462444 ",
    "unidad_tramitadora": "LA0003456",
}


def test_a_public_body_keeps_its_dir3_codes_normalised():
    created = ClientCreate.model_validate(
        client(kind="public_administration", tax_id="Q4618001D", dir3=DIR3)
    )
    assert created.dir3 is not None
    assert created.dir3.model_dump() == {
        "oficina_contable": "L01462444",
        "organo_gestor": "L01462444",
        "unidad_tramitadora": "LA0003456",
    }


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("oficina_contable", "L0146244"),  # eight characters
        ("organo_gestor", "L014624440"),  # ten
        ("unidad_tramitadora", "LA-003456"),  # not a letter or digit
        ("oficina_contable", ""),
        ("organo_gestor", "L01462444; DROP"),
    ],
)
def test_a_malformed_dir3_code_is_refused_naming_its_field(field, bad):
    with pytest.raises(ValidationError) as refused:
        ClientCreate.model_validate(
            client(kind="public_administration", tax_id="Q4618001D", dir3={**DIR3, field: bad})
        )
    assert [e["loc"] for e in refused.value.errors()] == [("dir3", field)]


def test_a_missing_dir3_code_is_refused_naming_its_field():
    codes = {k: v for k, v in DIR3.items() if k != "unidad_tramitadora"}
    with pytest.raises(ValidationError) as refused:
        ClientCreate.model_validate(
            client(kind="public_administration", tax_id="Q4618001D", dir3=codes)
        )
    assert [e["loc"] for e in refused.value.errors()] == [("dir3", "unidad_tramitadora")]


def test_only_a_public_administration_has_dir3_codes():
    with pytest.raises(ValidationError, match="dir3: only a public_administration"):
        ClientCreate.model_validate(client(dir3=DIR3))
    assert ClientUpdate.model_validate({"dir3": DIR3}).dir3 is not None
