"""Text people and partners send: the characters Cartera refuses in it.

Names, addresses and descriptions end up in Verifactu and FacturaE XML, in PDFs and in CSV
files. XML 1.0 cannot hold most control characters, so a client whose name carried a BEL was
saved and then could never be invoiced. Every input model therefore refuses, on arrival and
naming the field, control characters (tab, line feed and carriage return excepted), DEL, the C1
controls, lone surrogates and the two non-characters XML forbids.

Two models read text without being `Input`s: sign-in (it stores nothing; a wrong e-mail is
simply wrong) and the messages providers' webhooks deliver (kept as they came, so that nothing a
client wrote is lost).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel, field_validator
from pydantic_core import PydanticCustomError

from cartera_shared.contract import ExamplesKeepNulls

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> str | None:
    """The first refused character of `text` as U+XXXX, or None if there is none."""
    found = FORBIDDEN.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def forbidden_in(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, U+XXXX) for every string, mapping key included, in nested data that has one."""
    if isinstance(value, str):
        character = forbidden_character(value)
        if character:
            yield path, character
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and (character := forbidden_character(key)):
                # The key itself is not repeated: it carries the character.
                yield (f"a key of {path}" if path else "a key"), character
                continue
            yield from forbidden_in(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from forbidden_in(item, f"{path}[{index}]")


class Input(ExamplesKeepNulls, BaseModel):
    """Base of every model that reads a request: its text may not carry refused characters."""

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_control_characters(cls, value: Any) -> Any:
        found = next(forbidden_in(value), None)
        if found is None:
            return value
        where, character = found
        raise PydanticCustomError(
            "control_character",
            "Text may not contain the control character {character}{inside}.",
            {"character": character, "inside": f" (in {where})" if where else ""},
        )
