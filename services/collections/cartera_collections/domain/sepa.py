"""SEPA Core direct debit: creditor identifiers, mandates and pain.008.001.02 remittances.

The XML is produced by the ``sepaxml`` library (SepaDD, schema ``pain.008.001.02``, batch booking,
one payment information block per sequence type and collection date, as the library groups
them). The library draws random message and payment-information ids and stamps the local clock
as the creation time, so the document is then post-processed with lxml to carry the caller's
``message_id`` and ``created_at`` and deterministic ``PmtInfId`` values (``<message_id>-<SeqTp>``
style), and validated against the pain.008.001.02 XSD bundled with sepaxml before it is returned.

Everything is validated before any XML is built and refused with :class:`InvalidRemittance`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from lxml import etree
from sepaxml import SepaDD
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength
from stdnum.exceptions import ValidationError as StdnumValidationError

from cartera_collections.xml_schemas import PAIN_008_XSD

SCHEMA = "pain.008.001.02"
NAMESPACE = f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"
CURRENCY = "EUR"
MAX_REMITTANCE_INFO = 140
MAX_ID = 35
MAX_NAME = 70  # EPC usage rule for creditor and debtor names (the XSD allows 140)

# EPC "Latin character set" for identifiers (message, payment, end-to-end ids and mandate
# references): a-z A-Z 0-9 / - ? : ( ) . , ' + and space; never starting or ending with "/",
# never containing "//" (EPC SDD Core implementation guidelines, identifier usage rules).
_ID_CHARS = re.compile(r"[A-Za-z0-9/\-?:().,'+ ]+")
_CREDITOR_ID = re.compile(r"([A-Z]{2})([0-9]{2})([A-Z0-9]{3})([A-Z0-9]{1,28})")


class InvalidRemittance(ValueError):
    """A mandate, creditor, collection or remittance that a bank would reject."""


class SequenceType(StrEnum):
    FIRST = "FRST"
    RECURRING = "RCUR"
    ONE_OFF = "OOFF"
    FINAL = "FNAL"


# --- Creditor identifier (EPC262-08, AT-02) ----------------------------------------------------


def _mod97_check_digits(national_id: str, country: str) -> str:
    digits = "".join(str(int(ch, 36)) for ch in f"{national_id}{country}00")
    return f"{98 - int(digits) % 97:02d}"


def creditor_identifier(nif: str, suffix: str = "000", country: str = "ES") -> str:
    """``<country><check digits><suffix><national id>``; the check digits are ISO 7064 mod 97-10
    over ``<national id><country>00`` (letters A=10..Z=35), the suffix is left out of them."""
    national_id = re.sub(r"[\s\-.]", "", nif).upper()
    suffix = suffix.upper()
    country = country.upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise InvalidRemittance(f"creditor identifier country must be two letters, got {country!r}")
    if not re.fullmatch(r"[A-Z0-9]{3}", suffix):
        raise InvalidRemittance(f"creditor business code must be 3 letters or digits: {suffix!r}")
    if country == "ES" and national_id.startswith("ES"):
        national_id = national_id[2:]
    if not re.fullmatch(r"[A-Z0-9]{1,28}", national_id):
        raise InvalidRemittance(f"creditor national identifier is not alphanumeric: {nif!r}")
    return f"{country}{_mod97_check_digits(national_id, country)}{suffix}{national_id}"


def is_valid_creditor_identifier(value: str) -> bool:
    match = _CREDITOR_ID.fullmatch(value)
    if match is None:
        return False
    country, check, _suffix, national_id = match.groups()
    return _mod97_check_digits(national_id, country) == check


# --- Parties and collections -------------------------------------------------------------------


def _reason(exc: StdnumValidationError) -> str:
    # stdnum's messages are its own text; these say what is wrong in ours.
    if isinstance(exc, InvalidChecksum):
        return "its check digits do not match"
    if isinstance(exc, InvalidLength):
        return "it has the wrong number of characters"
    if isinstance(exc, InvalidComponent):
        return "a part of it (such as the country or bank code) does not exist"
    return "it has characters or a layout that are not allowed"


def _iban(value: str, what: str) -> str:
    try:
        return str(stdnum_iban.validate(value))
    except StdnumValidationError as exc:
        raise InvalidRemittance(f"{what} IBAN {value!r} is not valid: {_reason(exc)}.") from exc


def _bic(value: str, what: str) -> str:
    try:
        return str(stdnum_bic.validate(value))
    except StdnumValidationError as exc:
        raise InvalidRemittance(f"{what} BIC {value!r} is not valid: {_reason(exc)}.") from exc


def _identifier(value: str, what: str) -> str:
    if not value or len(value) > MAX_ID:
        raise InvalidRemittance(f"{what} must have 1 to {MAX_ID} characters, got {value!r}")
    if (
        not _ID_CHARS.fullmatch(value)
        or value != value.strip()
        or value.startswith("/")
        or value.endswith("/")
        or "//" in value
    ):
        raise InvalidRemittance(
            f"{what} {value!r} may only use A-Z a-z 0-9 / - ? : ( ) . , ' + and inner spaces, "
            "and may not start or end with '/' nor contain '//'"
        )
    return value


def _name(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise InvalidRemittance(f"{what} name is empty")
    return value


@dataclass(frozen=True, slots=True)
class Mandate:
    reference: str
    signed_on: date
    debtor_name: str
    debtor_iban: str
    debtor_bic: str | None
    sequence_type: SequenceType

    def __post_init__(self) -> None:
        _identifier(self.reference, "mandate reference")
        object.__setattr__(self, "debtor_name", _name(self.debtor_name, "debtor"))
        object.__setattr__(self, "debtor_iban", _iban(self.debtor_iban, "debtor"))
        if self.debtor_bic is not None:
            object.__setattr__(self, "debtor_bic", _bic(self.debtor_bic, "debtor"))
        try:
            object.__setattr__(self, "sequence_type", SequenceType(self.sequence_type))
        except ValueError as exc:
            raise InvalidRemittance(
                f"sequence type must be FRST, RCUR, OOFF or FNAL, got {self.sequence_type!r}"
            ) from exc


@dataclass(frozen=True, slots=True)
class Creditor:
    name: str
    iban: str
    bic: str
    creditor_id: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _name(self.name, "creditor"))
        object.__setattr__(self, "iban", _iban(self.iban, "creditor"))
        object.__setattr__(self, "bic", _bic(self.bic, "creditor"))
        if not is_valid_creditor_identifier(self.creditor_id):
            raise InvalidRemittance(f"creditor identifier {self.creditor_id!r} is not valid")


@dataclass(frozen=True, slots=True)
class Collection:
    end_to_end_id: str
    amount: Decimal
    mandate: Mandate
    remittance_info: str

    def __post_init__(self) -> None:
        _identifier(self.end_to_end_id, "end-to-end id")
        amount = self.amount
        if not isinstance(amount, Decimal) or not amount.is_finite():
            raise InvalidRemittance(f"amount must be a finite Decimal, got {amount!r}")
        if amount <= 0:
            raise InvalidRemittance(f"amount must be greater than zero, got {amount}")
        if amount != amount.quantize(Decimal("0.01")):
            raise InvalidRemittance(f"amount must have at most 2 decimals, got {amount}")
        if amount >= Decimal("1000000000"):
            raise InvalidRemittance(f"amount {amount} is above the SEPA maximum 999999999.99")
        if not self.remittance_info.strip() or len(self.remittance_info) > MAX_REMITTANCE_INFO:
            raise InvalidRemittance(
                f"remittance information must have 1 to {MAX_REMITTANCE_INFO} characters"
            )

    @property
    def cents(self) -> int:
        return int(self.amount * 100)


# --- Mandate life (EPC SDD Core Rulebook) -----------------------------------------------------

MANDATE_EXPIRY_MONTHS = 36


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def mandate_expires_on(signed_on: date, last_collection_on: date | None) -> date:
    """The day a mandate is no longer valid: 36 months after the latest collection presented
    under it, even if that collection was rejected, returned or refunded (SDD Core Rulebook).
    A mandate never used runs from its signature (our reading: the rulebook counts from a
    collection; an unused mandate is not kept alive for ever)."""
    return _months_later(last_collection_on or signed_on, MANDATE_EXPIRY_MONTHS)


def sequence_types_by_mandate(collections: Sequence[Collection]) -> dict[str, SequenceType]:
    """One sequence type per mandate in a file, and FRST at most once: a first collection is
    the first of its series, so a second one in the same file (FRST or RCUR) cannot be."""
    seen: dict[str, SequenceType] = {}
    for collection in collections:
        reference = collection.mandate.reference
        kind = collection.mandate.sequence_type
        if reference in seen and (kind is not seen[reference] or kind is SequenceType.FIRST):
            raise InvalidRemittance(
                f"mandate {reference!r}: a FRST collection must be the only collection of its "
                "mandate in a file; the next ones go, as RCUR, after it is collected"
            )
        if kind in (SequenceType.ONE_OFF, SequenceType.FINAL) and reference in seen:
            raise InvalidRemittance(f"mandate {reference!r}: {kind.value} more than once")
        seen[reference] = kind
    return seen


# --- Remittance file ---------------------------------------------------------------------------


def remittance_xml(
    message_id: str,
    creditor: Creditor,
    collections: Sequence[Collection],
    collection_date: date,
    created_at: datetime,
) -> bytes:
    """A SEPA Core direct debit remittance (pain.008.001.02, EUR, batch booking)."""
    _identifier(message_id, "message id")
    if not collections:
        raise InvalidRemittance("a remittance needs at least one collection")
    if collection_date < created_at.date():
        raise InvalidRemittance(
            f"collection date {collection_date} is before the creation date {created_at.date()}"
        )
    seen: set[str] = set()
    for collection in collections:
        if collection.end_to_end_id in seen:
            raise InvalidRemittance(f"end-to-end id {collection.end_to_end_id!r} is repeated")
        seen.add(collection.end_to_end_id)
        if collection.mandate.signed_on > created_at.date():
            raise InvalidRemittance(
                f"mandate {collection.mandate.reference!r} is signed after the remittance date"
            )
    sequence_types_by_mandate(collections)

    sdd = SepaDD(
        {
            "name": creditor.name[:MAX_NAME],
            "IBAN": creditor.iban,
            "BIC": creditor.bic,
            "batch": True,
            "creditor_id": creditor.creditor_id,
            "currency": CURRENCY,
            "instrument": "CORE",
        },
        schema=SCHEMA,
    )
    for collection in collections:
        mandate = collection.mandate
        payment: dict[str, object] = {
            "name": mandate.debtor_name[:MAX_NAME],
            "IBAN": mandate.debtor_iban,
            "amount": collection.cents,
            "type": mandate.sequence_type.value,
            "collection_date": collection_date,
            "mandate_id": mandate.reference,
            "mandate_date": mandate.signed_on,
            "description": collection.remittance_info,
            "endtoend_id": collection.end_to_end_id,
        }
        if mandate.debtor_bic is not None:
            payment["BIC"] = mandate.debtor_bic
        sdd.add_payment(payment)
    return _finish(sdd.export(validate=False), message_id, created_at)


def _finish(document: bytes, message_id: str, created_at: datetime) -> bytes:
    ns = {"p": NAMESPACE}
    root = etree.fromstring(document, parser=etree.XMLParser(resolve_entities=False))
    root.find("p:CstmrDrctDbtInitn/p:GrpHdr/p:MsgId", ns).text = message_id
    root.find("p:CstmrDrctDbtInitn/p:GrpHdr/p:CreDtTm", ns).text = created_at.replace(
        microsecond=0
    ).isoformat()
    for number, pmt_inf_id in enumerate(
        root.iterfind("p:CstmrDrctDbtInitn/p:PmtInf/p:PmtInfId", ns)
    ):
        seq_type = pmt_inf_id.getparent().findtext("p:PmtTpInf/p:SeqTp", namespaces=ns)
        pmt_inf_id.text = f"{message_id[: MAX_ID - 8]}-{number + 1:02d}{seq_type}"
    if not _schema().validate(root):
        raise InvalidRemittance(f"the remittance does not match {SCHEMA}: {_schema().error_log}")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


_SCHEMA_CACHE: list[etree.XMLSchema] = []


def _schema() -> etree.XMLSchema:
    if not _SCHEMA_CACHE:
        # The service's own copy of the ISO 20022 schema (schemas/README.md says whence).
        _SCHEMA_CACHE.append(etree.XMLSchema(etree.parse(str(PAIN_008_XSD))))
    return _SCHEMA_CACHE[0]
