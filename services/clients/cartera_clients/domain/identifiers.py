"""Tax identifiers and bank identifiers, validated with python-stdnum and stored normalised.

Spanish NIFs are stored without the `ES` prefix (DNI 12345678Z, NIE X1234567L, CIF B12345674);
other EU tax ids are stored as VAT numbers with their country prefix (FR40303265045); ids of
countries outside the EU are kept as text, upper case, without separators.
"""

from __future__ import annotations

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.es import cif, dni, nie, nif
from stdnum.eu import vat
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError

from cartera_shared.tax_ids import cif_control_problem

EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
# stdnum and VIES write Greece as EL in VAT numbers.
VAT_PREFIX = {"GR": "EL"}

ENTITY_KINDS = frozenset({"company", "public_administration"})
PERSON_KINDS = frozenset({"individual", "self_employed"})


class InvalidIdentifier(ValueError):
    """A tax id, IBAN or BIC that is not valid; the message says why, for the user."""


def _is_entity_cif(value: str) -> bool:
    return cif.is_valid(value) and value[0] not in "KLMXYZ0123456789"


def compact_text(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def spanish_tax_id(raw: str, kind: str, *, stored: str | None = None) -> str:
    """A Spanish NIF, normalised. `stored` is the client's tax id as already kept: a CIF kept
    before the control-character rule is not refused again (tax_id_warnings tells of it)."""
    value = compact_text(raw)
    if value.startswith("ES") and len(value) == 11:
        value = value[2:]
    if _is_entity_cif(value):
        if kind in PERSON_KINDS:
            raise InvalidIdentifier(f"{value} is a CIF of a legal entity, not a person's NIF.")
        problem = cif_control_problem(value)
        if problem is not None and value != stored:
            raise InvalidIdentifier(problem)
        return value
    if dni.is_valid(value) or nie.is_valid(value) or nif.is_valid(value):
        if kind in ENTITY_KINDS:
            raise InvalidIdentifier(
                f"{value} is a person's NIF; a company or public body has a CIF (letter first)."
            )
        return value
    raise InvalidIdentifier(
        f"{raw!r} is not a valid Spanish NIF, NIE or CIF (check the control character)."
    )


def eu_vat_number(raw: str, country: str) -> str:
    value = compact_text(raw)
    prefix = VAT_PREFIX.get(country, country)
    if not value.startswith(prefix):
        value = prefix + value
    try:
        return str(vat.validate(value))
    except ValidationError as exc:
        raise InvalidIdentifier(
            f"{raw!r} is not a valid {country} VAT number: {reason(exc)}."
        ) from exc


def reason(exc: ValidationError) -> str:
    """What is wrong with a number, in our words: stdnum's messages are its own text."""
    if isinstance(exc, InvalidChecksum):
        return "its check digits do not match"
    if isinstance(exc, InvalidLength):
        return "it has the wrong number of characters"
    if isinstance(exc, InvalidComponent):
        return "a part of it (such as the country or bank code) does not exist"
    return "it has characters or a layout that are not allowed"


def normalise_tax_id(raw: str, *, country: str, kind: str, stored: str | None = None) -> str:
    """Validate and normalise a tax id for a client of this country and kind (`stored`: the
    tax id the client already has, which rules added since are not applied to again)."""
    if country == "ES":
        return spanish_tax_id(raw, kind, stored=stored)
    if country in EU_COUNTRIES and kind in ENTITY_KINDS | {"foreign"} and _looks_like_vat(raw):
        return eu_vat_number(raw, country)
    value = compact_text(raw)
    if len(value) < 2:
        raise InvalidIdentifier("A tax id needs at least two letters or digits.")
    return value


def tax_id_warnings(tax_id: str, country: str) -> list[str]:
    """What is wrong with a tax id kept before a rule refused it (never raised: a stored client
    stays readable and editable; only a change to a new bad tax id is refused)."""
    if country != "ES" or not _is_entity_cif(tax_id):
        return []
    problem = cif_control_problem(tax_id)
    return [f"tax_id: {problem} Correct it with the client's real NIF."] if problem else []


def _looks_like_vat(raw: str) -> bool:
    # A business from another EU country identifies itself by its VAT number; a private person
    # there may only have a national id, which we keep as text.
    value = compact_text(raw)
    return len(value) >= 8 and any(ch.isdigit() for ch in value)


def normalise_iban(raw: str) -> str:
    try:
        return str(stdnum_iban.validate(raw))
    except ValidationError as exc:
        raise InvalidIdentifier(f"{raw!r} is not a valid IBAN: {reason(exc)}.") from exc


def normalise_bic(raw: str) -> str:
    try:
        return str(stdnum_bic.validate(raw))
    except ValidationError as exc:
        raise InvalidIdentifier(f"{raw!r} is not a valid BIC: {reason(exc)}.") from exc
