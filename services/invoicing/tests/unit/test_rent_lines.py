"""A line that rents urban property carries the property's cadastral reference into the issued
invoice and `invoice.issued`, where Modelo 347 reads it (RD 1065/2007, art. 34.1.d)."""

from decimal import Decimal as D

import pytest
from pydantic import ValidationError

from cartera_invoicing.domain.invoice import Line
from cartera_invoicing.domain.serialize import line_from_json, to_json
from cartera_invoicing.invoices.schemas import LineIn

REFERENCE = "9872023VH5797S0001WX"


def rent(**extra):
    return {
        "description": "Alquiler local C/ Mayor 1, diciembre",
        "quantity": "1",
        "unit_price": "1000.00",
        "irpf_rate": "19",
        **extra,
    }


def test_a_rent_line_keeps_its_cadastral_reference_normalised():
    line = LineIn.model_validate(rent(cadastral_reference=" 9872023vh5797s 0001wx "))
    assert line.cadastral_reference == REFERENCE
    stored = line.model_dump(mode="json")
    printed = to_json(line_from_json(stored))
    assert printed["cadastral_reference"] == REFERENCE
    assert line_from_json(printed) == Line(
        "Alquiler local C/ Mayor 1, diciembre",
        D("1"),
        D("1000.00"),
        irpf_rate=D("19"),
        cadastral_reference=REFERENCE,
    )


def test_other_lines_are_printed_as_before_without_the_key():
    printed = to_json(Line("Horas", D("2"), D("50")))
    assert "cadastral_reference" not in printed


@pytest.mark.parametrize(
    "bad",
    [
        "9872023VH5797S0001W",  # 19 characters
        "9872023VH5797S0001WXX",  # 21
        "9872023VH5797SAB01WX",  # the unit (cargo) is 4 digits
        "9872023VH5797S000112",  # the last two are control letters
        "9872023-H5797S0001WX",  # punctuation
        "",
    ],
)
def test_a_malformed_cadastral_reference_is_refused_naming_the_field(bad):
    with pytest.raises(ValidationError) as caught:
        LineIn.model_validate(rent(cadastral_reference=bad))
    assert caught.value.errors()[0]["loc"] == ("cadastral_reference",)
