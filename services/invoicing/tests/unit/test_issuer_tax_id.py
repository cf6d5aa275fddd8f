"""The issuer's own CIF follows the same control-character rule as the clients' (a digit for keys
A, B, E and H, a letter for N, P, Q, R, S and W), which python-stdnum does not apply."""

import pytest
from pydantic import ValidationError

from cartera_invoicing.invoices.schemas import IssuerIn

ADDRESS = {"street": "Calle Mayor 1", "postal_code": "46001", "city": "Valencia", "country": "ES"}


def issuer(tax_id: str) -> IssuerIn:
    return IssuerIn.model_validate(
        {"legal_name": "Cartera Demo S.L.", "tax_id": tax_id, "fiscal_address": ADDRESS}
    )


@pytest.mark.parametrize(
    ("tax_id", "said"),
    [("A5881850A", "ends in a digit"), ("P28079002", "ends in a letter")],
)
def test_a_cif_with_the_wrong_kind_of_control_character_is_refused(tax_id, said):
    with pytest.raises(ValidationError) as refused:
        issuer(tax_id)
    assert "tax_id" in str(refused.value)
    assert said in str(refused.value)


@pytest.mark.parametrize("tax_id", ["A58818501", "P2807900B", "ES B12345674", "12345678Z"])
def test_right_cifs_and_personal_nifs_are_kept(tax_id):
    assert issuer(tax_id).tax_id == tax_id.replace(" ", "").removeprefix("ES")
