"""Spanish tax identifiers (NIF: DNI, NIE, CIF, K/L/M), as python-stdnum reads them, and the NIF a
Spanish certificate's subject names.

Spanish qualified certificates name their holder in one of these places (ETSI EN 319 412-1
section 5.1.3, "semantics identifiers", and the profiles the FNMT and other Spanish providers
publish); which of them a provider fills varies:

- `organizationIdentifier` (2.5.4.97) `VATES-<NIF>`: the entity, in certificates of entities,
  of their representatives ("representante de persona jurídica") and seals;
- `serialNumber` (2.5.4.5) `IDCES-<NIF>`, `TINES-<NIF>` or the bare NIF: the natural person (or,
  in some seal certificates, the entity's CIF);
- the common name: `APELLIDOS NOMBRE - <NIF>`, `... - NIF <NIF>`, `NIF:<NIF>`, and in
  representatives' certificates `<NIF> NOMBRE (R: <CIF>)`, the entity after "R:".

The entity wins over the person who holds its certificate: with a representative's certificate
the AEAT is addressed by the entity (the person acts for it), so the entity's NIF is the one that
must be the issuer's or a declared representative's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.x509.oid import NameOID
from stdnum.es import cif, nif

HolderKind = Literal["person", "entity"]

# Semantics identifiers (ETSI EN 319 412-1): natural persons' and legal persons' with Spain's code.
_PERSON_PREFIXES = ("IDCES-", "TINES-")
_ENTITY_PREFIXES = ("VATES-",)
_REPRESENTED = re.compile(r"\(\s*R\s*:\s*([0-9A-Z][0-9A-Z \-]{7,12}?)\s*\)", re.IGNORECASE)
_LABELLED = re.compile(r"\b(?:NIF|DNI|NIE|CIF)\s*[:.]?\s*([0-9A-Z][0-9A-Z\-]{7,11})", re.IGNORECASE)
_AFTER_DASH = re.compile(r"\s-\s*([0-9A-Z][0-9A-Z\-]{7,11})\s*$", re.IGNORECASE)
_TOKEN = re.compile(r"[0-9A-Z]{9,11}", re.IGNORECASE)


def spanish_nif(value: str) -> str | None:
    """`value` as stored (upper case, no spaces, no `ES` prefix) when it is a valid Spanish NIF."""
    try:
        compact = nif.compact(value)
    except Exception:  # stdnum raises its own errors for anything it cannot read
        return None
    return compact if nif.is_valid(compact) else None


def kind_of(tax_id: str) -> HolderKind:
    return "entity" if cif.is_valid(tax_id) else "person"


@dataclass(frozen=True)
class Holder:
    nif: str
    kind: HolderKind
    name: str


def _values(name: x509.Name, oid: x509.ObjectIdentifier) -> list[str]:
    return [str(a.value) for a in name.get_attributes_for_oid(oid)]


def _first(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = _values(name, oid)
    return values[0].strip() if values else ""


def _prefixed(values: list[str], prefixes: tuple[str, ...], *, bare: bool) -> str | None:
    for value in values:
        text = value.strip().upper()
        for prefix in prefixes:
            if text.startswith(prefix):
                found = spanish_nif(text[len(prefix) :])
                if found:
                    return found
        if bare:
            found = spanish_nif(text)
            if found:
                return found
    return None


def _entity_name(subject: x509.Name, common_name: str) -> str:
    organization = _first(subject, NameOID.ORGANIZATION_NAME)
    return organization or _REPRESENTED.sub("", common_name).strip()


def _person_name(subject: x509.Name, common_name: str) -> str:
    given = _first(subject, NameOID.GIVEN_NAME)
    surname = _first(subject, NameOID.SURNAME)
    if given or surname:
        return f"{given} {surname}".strip()
    cleaned = _AFTER_DASH.sub("", _LABELLED.sub("", common_name)).strip(" -")
    return cleaned or common_name


def holder_of(subject: x509.Name) -> Holder | None:
    """Whose certificate this subject is, for the AEAT: the entity it names if any, else the
    person; None when no valid Spanish NIF can be read from it."""
    common_name = _first(subject, NameOID.COMMON_NAME)
    entity = _prefixed(
        _values(subject, NameOID.ORGANIZATION_IDENTIFIER), _ENTITY_PREFIXES, bare=False
    )
    if entity is None:
        represented = _REPRESENTED.search(common_name)
        entity = spanish_nif(represented.group(1)) if represented else None
    if entity is not None:
        return Holder(entity, "entity", (_entity_name(subject, common_name) or entity)[:300])
    found = _prefixed(_values(subject, NameOID.SERIAL_NUMBER), _PERSON_PREFIXES, bare=True)
    if found is None:
        for pattern in (_LABELLED, _AFTER_DASH):
            match = pattern.search(common_name)
            found = spanish_nif(match.group(1)) if match else None
            if found:
                break
    if found is None:
        # A NIF alone in the common name, as some providers write it ("12345678Z NOMBRE").
        for token in _TOKEN.findall(common_name):
            found = spanish_nif(token)
            if found:
                break
    if found is None:
        return None
    kind = kind_of(found)
    name = _entity_name(subject, common_name) if kind == "entity" else ""
    return Holder(found, kind, (name or _person_name(subject, common_name) or found)[:300])
