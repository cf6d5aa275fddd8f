"""What input models refuse in text, and what they let through."""

from __future__ import annotations

import pytest
from pydantic import ConfigDict, ValidationError

from cartera_shared.text import Input, forbidden_character, forbidden_in


class Address(Input):
    model_config = ConfigDict(extra="forbid")
    street: str


class Client(Input):
    legal_name: str
    notes: str | None = None
    tags: list[str] = []
    address: Address | None = None
    extra: dict[str, str] = {}
    count: int = 0


@pytest.mark.parametrize(
    "text",
    [
        "Construcciones Núñez S.L.",
        "L'Hospitalet, 2º 1ª",
        "línea uno\nlínea dos\r\ncon\ttabulador",
        "Zürich · Łódź · 東京 · 🚚",
        "\u202eright-to-left override",  # a format character, legal in XML
        "\ufffd replacement character",
    ],
)
def test_ordinary_text_passes(text):
    assert forbidden_character(text) is None
    client = Client(legal_name=text, notes=text, tags=[text], address={"street": text})
    assert client.legal_name == text


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("Timbre\x07 S.L.", "U+0007"),
        ("\x00", "U+0000"),
        ("\x1b[31mRojo", "U+001B"),
        ("Borrado\x7f", "U+007F"),
        ("Siguiente\x85línea", "U+0085"),
        ("\x9f", "U+009F"),
        ("Salto\x0bvertical", "U+000B"),
        ("Página\x0c", "U+000C"),
        ("No\ufffecarácter", "U+FFFE"),
        ("\uffff", "U+FFFF"),
        ("Lone \ud800 surrogate", "U+D800"),
    ],
)
def test_control_characters_are_refused_naming_the_field_and_the_character(text, character):
    assert forbidden_character(text) == character
    with pytest.raises(ValidationError) as refused:
        Client(legal_name=text)
    (error,) = refused.value.errors()
    assert error["loc"] == ("legal_name",)
    assert error["type"] == "control_character"
    assert character in error["msg"]


@pytest.mark.parametrize(
    ("data", "loc", "inside"),
    [
        ({"legal_name": "ok", "tags": ["vip", "a\x07"]}, ("tags",), "(in [1])"),
        ({"legal_name": "ok", "address": {"street": "\x1b"}}, ("address",), "(in street)"),
        ({"legal_name": "ok", "extra": {"k\x01": "v"}}, ("extra",), "(in a key)"),
        ({"legal_name": "ok", "notes": "\x08"}, ("notes",), "U+0008."),
    ],
)
def test_nested_text_is_refused_with_where_it_was(data, loc, inside):
    with pytest.raises(ValidationError) as refused:
        Client(**data)
    (error,) = refused.value.errors()
    assert error["loc"] == loc
    assert inside in error["msg"]


def test_a_refused_key_is_not_echoed_back():
    found = list(forbidden_in({"outer": {"bad\x07key": "v"}}))
    assert found == [("a key of outer", "U+0007")]


def test_non_text_values_are_left_to_their_own_rules():
    assert Client(legal_name="ok", count=3).count == 3
    with pytest.raises(ValidationError) as refused:
        Client(legal_name="ok", count="three")
    assert refused.value.errors()[0]["type"] == "int_parsing"
