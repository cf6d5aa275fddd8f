import pytest
from pydantic import ValidationError

from cartera_clients.schemas import ClientCreate, ClientUpdate, normalise_tax_id


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("b-12345674", "B12345674"), (" 12.345.678-z ", "12345678Z"), ("ES B12345674", "ESB12345674")],
)
def test_tax_ids_are_stored_normalised(raw, normalised):
    assert normalise_tax_id(raw) == normalised
    client = ClientCreate(legal_name="X", kind="company", tax_id=raw)
    assert client.tax_id == normalised


def test_defaults_to_spain():
    assert ClientCreate(legal_name="X", kind="company", tax_id="B12345674").country == "ES"


@pytest.mark.parametrize(
    "payload",
    [
        {"legal_name": "  ", "kind": "company", "tax_id": "B12345674"},
        {"legal_name": "X", "kind": "company", "tax_id": "--"},
        {"legal_name": "X", "kind": "company", "tax_id": "B12345674", "country": "ESP"},
        {"legal_name": "X", "kind": "robot", "tax_id": "B12345674"},
        {"legal_name": "X", "kind": "company", "tax_id": "B12345674", "id": "forced"},
    ],
)
def test_bad_clients_are_refused(payload):
    with pytest.raises(ValidationError):
        ClientCreate.model_validate(payload)


def test_an_update_knows_which_fields_were_sent():
    update = ClientUpdate.model_validate({"trade_name": None})
    assert update.model_dump(exclude_unset=True) == {"trade_name": None}
