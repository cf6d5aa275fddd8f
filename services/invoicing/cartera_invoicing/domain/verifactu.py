"""Verifactu registration records of issued invoices: fingerprints, chain, XML and QR. No I/O.

Sources: Orden HAC/1177/2024 and RD 1007/2023; AEAT's "Especificaciones técnicas para la
generación de la huella o hash de los registros de facturación" (the strings and worked examples
used in the tests); the schemas `SuministroLR.xsd` / `SuministroInformacion.xsd` (element names,
order, types); AEAT's QR specification (`ValidarQR`); DOMAIN.md, "Verifactu".

Decisions, the same everywhere in this module:

- Amounts are written with `format_amount`: two decimals always, "." as separator, "-" for
  negatives, no "+" and no thousands separator ("100.00", "-12.35"). AEAT computes the fingerprint
  over the exact text of the XML element, so the fingerprint and the XML use that one text. An
  amount with more than two decimals is refused: rounding is `invoice.py`'s job, never ours.
- CuotaTotal is the VAT plus recargo charged (`Totals.tax_total`); ImporteTotal is base + VAT +
  recargo, with IRPF withholding NOT subtracted (`Totals.invoice_amount`; the amount to pay is
  another figure).
- Lines at 0 % must say what they are: the breakdown's `exemption_reason` starts with the code,
  e.g. "E1 Art. 20.Uno.9º LIVA". E1-E6 become OperacionExenta (E1 art. 20, E2 art. 21, E3 art. 22,
  E4 art. 24, E5 art. 25, E6 other); N1/N2 (not subject) and S1/S2 (taxed at 0 % / reverse charge)
  become CalificacionOperacion. Free text without a code is refused rather than guessed.
- ClaveRegimen is "01" (general), except "02" (export) on E2 lines (art. 21 LIVA, exports).
  Special regimes (REBU, cash accounting, OSS, ...) are not produced. Impuesto is "01" (IVA);
  IGIC/IPSI territories are not supported here.
- Recipients: country ES -> `NIF` (an `ES` prefix is dropped). Other EU countries whose tax id
  starts with the VAT prefix (EL for Greece) -> `IDOtro` IDType "02" (NIF-IVA). Any other foreign
  id (non-EU, or an EU national id without the VAT prefix) -> IDType "04" (official id of the
  country of residence). CodigoPais is always given. F2 and R5 carry no Destinatarios.
- Rectifying invoices: TipoRectificativa S or I, FacturasRectificadas from `invoice.rectified`;
  by substitution (S) ImporteRectificacion carries the rectified invoices' base, VAT and recargo,
  which the issued invoice does not hold: the caller passes them (`RectifiedAmounts`). F3 lists
  the simplified invoices it replaces (`invoice.rectified`) as FacturasSustituidas.
- FechaHoraHusoGenRegistro is the aware `generated_at` in ISO 8601 with seconds and its offset
  ("2024-01-01T19:20:30+01:00"); fractions of a second are dropped. Naive datetimes are refused.
- Free text (names 120, description 500 characters) is cut to the schema's length; identifiers
  (NIF, number) are never altered beyond trimming and are refused when they do not fit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal
from urllib.parse import quote

from lxml import etree

from cartera_invoicing.domain.invoice import CENT, IssuedInvoice, Party

__all__ = [
    "ALTA_FIELDS",
    "ANULACION_FIELDS",
    "SF_LR_NS",
    "SF_NS",
    "ChainCheck",
    "ChainLink",
    "InvalidRecord",
    "InvoiceRef",
    "Recipient",
    "RectifiedAmounts",
    "StoredRecordFields",
    "SystemInfo",
    "TaxDetail",
    "VerifactuRecord",
    "alta_fingerprint",
    "anulacion_fingerprint",
    "build_alta",
    "build_anulacion",
    "format_amount",
    "format_date",
    "format_generated_at",
    "qr_url",
    "record_xml",
    "records_xml",
    "verify_chain",
]

SF_LR_NS = (
    "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/"
    "tike/cont/ws/SuministroLR.xsd"
)
SF_NS = (
    "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/"
    "tike/cont/ws/SuministroInformacion.xsd"
)
ID_VERSION = "1.0"
TIPO_HUELLA_SHA256 = "01"
IMPUESTO_IVA = "01"
MAX_RECORDS_PER_REQUEST = 1000
MAX_TAX_DETAILS = 12  # DesgloseType: DetalleDesglose maxOccurs 12
MACRODATO_THRESHOLD = Decimal(100_000_000)  # ImporteTotal from which Macrodato is "S"

QR_HOSTS = {
    True: "https://www2.agenciatributaria.gob.es",
    False: "https://prewww2.aeat.es",
}
QR_PATH = "/wlpl/TIKE-CONT/"

INVOICE_TYPES = frozenset({"F1", "F2", "F3", "R1", "R2", "R3", "R4", "R5"})
RECTIFYING_TYPES = frozenset({"R1", "R2", "R3", "R4", "R5"})
WITHOUT_RECIPIENTS = frozenset({"F2", "R5"})  # simplified invoices and their rectifications

EU_COUNTRIES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()  # noqa: SIM905
)
VAT_PREFIX = {"GR": "EL"}  # VAT numbers write Greece as EL
ID_TYPE_VAT = "02"  # NIF-IVA
ID_TYPE_RESIDENCE = "04"  # official id in the country of residence

_ZERO_RATE_CODE = re.compile(r"^\s*(E[1-6]|N[12]|S[12])\b")
_NUMBER_CHARS = re.compile(r"^[\x20-\x7e]+$")  # AEAT: printable ASCII only in NumSerieFactura
_HUELLA = re.compile(r"^[0-9A-F]{64}$")

# The dict of `VerifactuRecord.fields()`: AEAT names, plus the previous record's data under
# "...Anterior" (XML: Encadenamiento/RegistroAnterior/..., all empty for PrimerRegistro).
LINK_FIELDS = (
    "IDEmisorFacturaAnterior",
    "NumSerieFacturaAnterior",
    "FechaExpedicionFacturaAnterior",
    "HuellaAnterior",
)
ALTA_FIELDS = (
    "IDEmisorFactura",
    "NumSerieFactura",
    "FechaExpedicionFactura",
    "TipoFactura",
    "CuotaTotal",
    "ImporteTotal",
    *LINK_FIELDS,
    "FechaHoraHusoGenRegistro",
    "Huella",
)
ANULACION_FIELDS = (
    "IDEmisorFacturaAnulada",
    "NumSerieFacturaAnulada",
    "FechaExpedicionFacturaAnulada",
    *LINK_FIELDS,
    "FechaHoraHusoGenRegistro",
    "Huella",
)

Kind = Literal["alta", "anulacion"]
StoredRecordFields = Mapping[str, str]


class InvalidRecord(ValueError):
    """Data from which no valid Verifactu record can be made; the message says why."""


# --- text of the values --------------------------------------------------------------------


def format_amount(value: Decimal) -> str:
    """An amount as Verifactu writes it, in the XML and in the fingerprint: "123.45", "-12.35".

    Always two decimals (ImporteSgn12.2Type: up to 12 integer digits). Refuses floats, values
    that are not whole cents and negative zero's sign ("-0.00" is written "0.00").
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidRecord(f"an amount must be a finite Decimal, not {value!r}")
    quantized = value.quantize(CENT)
    if quantized != value:
        raise InvalidRecord(f"amount {value} has more than two decimals; round it first")
    if abs(quantized) >= Decimal(10) ** 12:
        raise InvalidRecord(f"amount {value} has more than 12 integer digits")
    if quantized == 0:
        quantized = abs(quantized)
    return f"{quantized:f}"


def _format_rate(value: Decimal) -> str:
    """A tax rate in percent, Tipo2.2Type: "21.00", "5.20"."""
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise InvalidRecord(f"a tax rate must be a non-negative Decimal, not {value!r}")
    quantized = value.quantize(CENT)
    if quantized != value or quantized >= 1000:
        raise InvalidRecord(f"tax rate {value} does not fit three digits and two decimals")
    return f"{quantized:f}"


def format_date(value: dt.date) -> str:
    """A date as Verifactu writes it: dd-mm-yyyy."""
    return value.strftime("%d-%m-%Y")


def _parse_date(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%d-%m-%Y").date()
    except ValueError as exc:
        raise InvalidRecord(f"{text!r} is not a dd-mm-yyyy date") from exc


def _generation_time(value: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise InvalidRecord("the generation time must be a datetime")
    offset = value.utcoffset()
    if offset is None:
        raise InvalidRecord(
            "the generation time must be timezone-aware (FechaHoraHusoGenRegistro carries "
            "the offset)"
        )
    if offset.microseconds or offset.seconds % 60:
        raise InvalidRecord("the generation time's offset must be whole minutes")
    return value.replace(microsecond=0)


def format_generated_at(value: dt.datetime) -> str:
    """FechaHoraHusoGenRegistro: ISO 8601 with seconds and offset, "2024-01-01T19:20:30+01:00"."""
    return _generation_time(value).isoformat(timespec="seconds")


def _text(value: str | Decimal | dt.date, kind: Literal["amount", "date", "datetime"]) -> str:
    """A fingerprint value: text is used as stored (trimmed); typed values are formatted."""
    if isinstance(value, str):
        return value.strip()
    if kind == "amount" and isinstance(value, Decimal):
        return format_amount(value)
    if kind == "datetime" and isinstance(value, dt.datetime):
        return format_generated_at(value)
    if kind == "date" and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return format_date(value)
    raise InvalidRecord(f"{value!r} is not a valid {kind} for a fingerprint")


def _sha256(pairs: Sequence[tuple[str, str]]) -> str:
    text = "&".join(f"{name}={value.strip()}" for name, value in pairs)
    return hashlib.sha256(text.encode("utf-8")).hexdigest().upper()


# --- fingerprints --------------------------------------------------------------------------


def alta_fingerprint(
    *,
    issuer_nif: str,
    number: str,
    issue_date: dt.date | str,
    invoice_type: str,
    tax_total: Decimal | str,
    invoice_amount: Decimal | str,
    previous_huella: str,
    generated_at: dt.datetime | str,
) -> str:
    """Huella of an alta record: SHA-256 (64 upper-case hex) of the UTF-8 string

    IDEmisorFactura=..&NumSerieFactura=..&FechaExpedicionFactura=..&TipoFactura=..&CuotaTotal=..
    &ImporteTotal=..&Huella=<previous, empty for the first record>&FechaHoraHusoGenRegistro=..

    Strings are taken as they are (trimmed): pass the exact text of the XML / stored fields.
    Dates, Decimals and datetimes are formatted as this module writes them.
    """
    return _sha256(
        (
            ("IDEmisorFactura", issuer_nif),
            ("NumSerieFactura", number),
            ("FechaExpedicionFactura", _text(issue_date, "date")),
            ("TipoFactura", invoice_type),
            ("CuotaTotal", _text(tax_total, "amount")),
            ("ImporteTotal", _text(invoice_amount, "amount")),
            ("Huella", previous_huella),
            ("FechaHoraHusoGenRegistro", _text(generated_at, "datetime")),
        )
    )


def anulacion_fingerprint(
    *,
    issuer_nif: str,
    number: str,
    issue_date: dt.date | str,
    previous_huella: str,
    generated_at: dt.datetime | str,
) -> str:
    """Huella of an anulación record: SHA-256 (64 upper-case hex) of the UTF-8 string

    IDEmisorFacturaAnulada=..&NumSerieFacturaAnulada=..&FechaExpedicionFacturaAnulada=..
    &Huella=<previous>&FechaHoraHusoGenRegistro=..
    """
    return _sha256(
        (
            ("IDEmisorFacturaAnulada", issuer_nif),
            ("NumSerieFacturaAnulada", number),
            ("FechaExpedicionFacturaAnulada", _text(issue_date, "date")),
            ("Huella", previous_huella),
            ("FechaHoraHusoGenRegistro", _text(generated_at, "datetime")),
        )
    )


# --- the record ----------------------------------------------------------------------------


def _spanish_nif(value: str, what: str) -> str:
    nif = "".join(value.split()).upper() if value else ""
    if len(nif) == 11 and nif.startswith("ES"):
        nif = nif[2:]
    if not nif:
        raise InvalidRecord(f"the {what} NIF is empty")
    if len(nif) != 9 or not nif.isalnum() or not nif.isascii():
        raise InvalidRecord(f"the {what} NIF {value!r} is not a Spanish NIF of 9 characters")
    return nif


def _invoice_number(value: str) -> str:
    number = value.strip() if value else ""
    if not number:
        raise InvalidRecord("the invoice number (NumSerieFactura) is empty")
    if len(number) > 60:
        raise InvalidRecord(f"the invoice number {number!r} is longer than 60 characters")
    if not _NUMBER_CHARS.match(number):
        raise InvalidRecord(
            f"the invoice number {number!r} may only hold printable ASCII characters"
        )
    return number


def _name(value: str, what: str, limit: int = 120) -> str:
    name = " ".join(value.split()) if value else ""
    if not name:
        raise InvalidRecord(f"the {what} name is empty")
    return name[:limit]


@dataclass(frozen=True)
class InvoiceRef:
    """IDFactura: issuer NIF, series and number as printed, issue date."""

    issuer_nif: str
    number: str
    issue_date: dt.date


@dataclass(frozen=True)
class ChainLink:
    """What the next record of a chain needs from the previous one (RegistroAnterior)."""

    issuer_nif: str
    number: str
    issue_date: dt.date
    huella: str

    def __post_init__(self) -> None:
        if not _HUELLA.match(self.huella):
            raise InvalidRecord(f"{self.huella!r} is not a huella (64 upper-case hex characters)")

    @classmethod
    def of(cls, record: VerifactuRecord) -> ChainLink:
        ref = record.invoice
        return cls(ref.issuer_nif, ref.number, ref.issue_date, record.huella)

    @classmethod
    def from_fields(cls, fields: StoredRecordFields) -> ChainLink:
        """The link to a stored record (its `fields()` dict), alta or anulación."""
        nif, number, date = _identity(fields)
        return cls(nif, number, _parse_date(date), fields["Huella"])


@dataclass(frozen=True, kw_only=True)
class SystemInfo:
    """SistemaInformatico: who produces the invoicing system and which installation this is."""

    producer_name: str  # NombreRazon of the producer
    producer_nif: str  # NIF of the producer
    version: str
    installation_number: str  # NumeroInstalacion
    only_verifactu: bool  # TipoUsoPosibleSoloVerifactu
    system_name: str = "Cartera"  # NombreSistemaInformatico
    system_id: str = "CA"  # IdSistemaInformatico, 2 characters
    multi_ot_capable: bool = True  # TipoUsoPosibleMultiOT: can serve several taxpayers
    multiple_ot: bool = True  # IndicadorMultiplesOT: does serve several taxpayers

    def __post_init__(self) -> None:
        _spanish_nif(self.producer_nif, "producer")
        _name(self.producer_name, "producer")
        for label, value, limit in (
            ("system name", self.system_name, 30),
            ("system id", self.system_id, 2),
            ("version", self.version, 50),
            ("installation number", self.installation_number, 100),
        ):
            if not value.strip() or len(value.strip()) > limit:
                raise InvalidRecord(f"the {label} must have 1 to {limit} characters")
        if len(self.producer_name.strip()) > 120:
            raise InvalidRecord("the producer name must have at most 120 characters")


@dataclass(frozen=True)
class Recipient:
    """IDDestinatario: a Spanish `nif`, or `country` + `id_type` + `other_id` (IDOtro)."""

    name: str
    nif: str | None = None
    country: str | None = None
    id_type: str | None = None
    other_id: str | None = None


@dataclass(frozen=True)
class TaxDetail:
    """DetalleDesglose: one VAT rate (with its recargo), or one exempt / not-subject amount."""

    regime: str  # ClaveRegimen
    base: Decimal  # BaseImponibleOimporteNoSujeto
    operation: str | None = None  # CalificacionOperacion S1, S2, N1, N2
    exemption: str | None = None  # OperacionExenta E1..E6
    rate: Decimal | None = None  # TipoImpositivo
    tax: Decimal | None = None  # CuotaRepercutida
    surcharge_rate: Decimal | None = None  # TipoRecargoEquivalencia
    surcharge: Decimal | None = None  # CuotaRecargoEquivalencia


@dataclass(frozen=True)
class RectifiedAmounts:
    """ImporteRectificacion of a rectification by substitution: the rectified invoices' sums."""

    base: Decimal  # BaseRectificada
    tax: Decimal  # CuotaRectificada
    surcharge: Decimal = Decimal("0.00")  # CuotaRecargoRectificado, written when not zero


@dataclass(frozen=True, kw_only=True)
class VerifactuRecord:
    """A registration record as generated: never changes. Made by `build_alta` / `build_anulacion`.

    `invoice` is IDFactura (alta) or the cancelled invoice (anulación). The alta-only data is
    None / empty on an anulación.
    """

    kind: Kind
    invoice: InvoiceRef
    issuer_name: str  # NombreRazonEmisor; ObligadoEmision in the request header
    previous: ChainLink | None  # None: PrimerRegistro
    generated_at: dt.datetime
    system: SystemInfo
    huella: str
    invoice_type: str | None = None
    rectification_kind: str | None = None
    rectified: tuple[InvoiceRef, ...] = ()
    substituted: tuple[InvoiceRef, ...] = ()
    rectified_amounts: RectifiedAmounts | None = None
    operation_date: dt.date | None = None
    description: str | None = None
    recipients: tuple[Recipient, ...] = ()
    details: tuple[TaxDetail, ...] = ()
    tax_total: Decimal | None = None  # CuotaTotal
    invoice_amount: Decimal | None = None  # ImporteTotal
    # How the record corrects or cancels an earlier one (`verifactu_operations.py`); none of
    # them is fingerprinted. correction: alta's Subsanacion = S. prior_rejection: RechazoPrevio
    # (alta S or X, anulación S; None is N). without_prior_record: anulación's SinRegistroPrevio.
    correction: bool = False
    prior_rejection: Literal["S", "X"] | None = None
    without_prior_record: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("alta", "anulacion"):
            raise InvalidRecord(f"{self.kind!r} is not a kind of record")
        if self.huella != self.expected_huella():
            raise InvalidRecord("the record's huella does not match its data")
        _check_operation(self)

    def alta_values(self) -> tuple[str, Decimal, Decimal]:
        """TipoFactura, CuotaTotal and ImporteTotal of an alta record."""
        if self.invoice_type is None or self.tax_total is None or self.invoice_amount is None:
            raise InvalidRecord("only an alta record has TipoFactura, CuotaTotal, ImporteTotal")
        return self.invoice_type, self.tax_total, self.invoice_amount

    @property
    def previous_huella(self) -> str:
        return self.previous.huella if self.previous else ""

    def expected_huella(self) -> str:
        if self.kind == "alta":
            invoice_type, tax_total, invoice_amount = self.alta_values()
            return alta_fingerprint(
                issuer_nif=self.invoice.issuer_nif,
                number=self.invoice.number,
                issue_date=self.invoice.issue_date,
                invoice_type=invoice_type,
                tax_total=tax_total,
                invoice_amount=invoice_amount,
                previous_huella=self.previous_huella,
                generated_at=self.generated_at,
            )
        return anulacion_fingerprint(
            issuer_nif=self.invoice.issuer_nif,
            number=self.invoice.number,
            issue_date=self.invoice.issue_date,
            previous_huella=self.previous_huella,
            generated_at=self.generated_at,
        )

    def fields(self) -> dict[str, str]:
        """The fingerprinted fields by AEAT name (plus the link), as text: what to store.

        Keys: `ALTA_FIELDS` or `ANULACION_FIELDS`. `verify_chain` recomputes from exactly these.
        """
        prev = self.previous
        link = {
            "IDEmisorFacturaAnterior": prev.issuer_nif if prev else "",
            "NumSerieFacturaAnterior": prev.number if prev else "",
            "FechaExpedicionFacturaAnterior": format_date(prev.issue_date) if prev else "",
            "HuellaAnterior": prev.huella if prev else "",
        }
        stamp = {
            "FechaHoraHusoGenRegistro": format_generated_at(self.generated_at),
            "Huella": self.huella,
        }
        ref = self.invoice
        if self.kind == "anulacion":
            return {
                "IDEmisorFacturaAnulada": ref.issuer_nif,
                "NumSerieFacturaAnulada": ref.number,
                "FechaExpedicionFacturaAnulada": format_date(ref.issue_date),
                **link,
                **stamp,
            }
        invoice_type, tax_total, invoice_amount = self.alta_values()
        return {
            "IDEmisorFactura": ref.issuer_nif,
            "NumSerieFactura": ref.number,
            "FechaExpedicionFactura": format_date(ref.issue_date),
            "TipoFactura": invoice_type,
            "CuotaTotal": format_amount(tax_total),
            "ImporteTotal": format_amount(invoice_amount),
            **link,
            **stamp,
        }


def _check_operation(record: VerifactuRecord) -> None:
    """The combinations the AEAT admits ("Sistemas Informáticos de Facturación", servicio web
    1.0.3, anexo II 9.1 and 9.2; `RechazoPrevioType`: no alta (N, X), so S or X needs
    Subsanacion S; an anulación's RechazoPrevio is S or N only)."""
    if record.prior_rejection not in (None, "S", "X"):
        raise InvalidRecord(f"RechazoPrevio {record.prior_rejection!r} is not S, X or N")
    if record.kind == "alta":
        if record.without_prior_record:
            raise InvalidRecord("SinRegistroPrevio belongs to an anulación record")
        if record.prior_rejection and not record.correction:
            raise InvalidRecord("an alta with RechazoPrevio S or X is a Subsanacion (S)")
    else:
        if record.correction:
            raise InvalidRecord("Subsanacion belongs to an alta record")
        if record.prior_rejection == "X":
            raise InvalidRecord("an anulación's RechazoPrevio is S or N, never X")


# --- building records ----------------------------------------------------------------------


def _check_previous(previous: ChainLink | None, issuer_nif: str) -> None:
    if previous is not None and previous.issuer_nif != issuer_nif:
        raise InvalidRecord(
            f"the previous record belongs to {previous.issuer_nif}, not {issuer_nif}: "
            "there is one chain per issuer"
        )


def _recipient(party: Party) -> Recipient:
    name = _name(party.legal_name, "recipient")
    country = (party.country or "").strip().upper()
    tax_id = "".join((party.tax_id or "").split()).upper()
    if not tax_id:
        raise InvalidRecord(f"the recipient {name!r} has no tax id")
    if country == "ES":
        return Recipient(name=name, nif=_spanish_nif(tax_id, "recipient"))
    if len(country) != 2 or not country.isalpha():
        raise InvalidRecord(f"the recipient's country {party.country!r} is not an ISO code")
    if len(tax_id) > 20:
        raise InvalidRecord(f"the recipient's tax id {tax_id!r} is longer than 20 characters")
    prefix = VAT_PREFIX.get(country, country)
    is_vat = country in EU_COUNTRIES and tax_id.startswith(prefix) and len(tax_id) > len(prefix)
    return Recipient(
        name=name,
        country=country,
        id_type=ID_TYPE_VAT if is_vat else ID_TYPE_RESIDENCE,
        other_id=tax_id,
    )


def _tax_details(invoice: IssuedInvoice) -> tuple[TaxDetail, ...]:
    details: list[TaxDetail] = []
    for item in invoice.amounts.breakdown:
        surcharge_rate = item.surcharge_rate if item.surcharge_rate else None
        surcharge = item.surcharge if item.surcharge_rate else None
        if item.vat_rate:
            details.append(
                TaxDetail(
                    regime="01",
                    operation="S1",
                    rate=item.vat_rate,
                    base=item.taxable_base,
                    tax=item.vat,
                    surcharge_rate=surcharge_rate,
                    surcharge=surcharge,
                )
            )
            continue
        match = _ZERO_RATE_CODE.match(item.exemption_reason or "")
        if match is None:
            raise InvalidRecord(
                f"the 0 % line {item.exemption_reason!r} must start with its Verifactu code: "
                "E1-E6 (exempt, arts. 20, 21, 22, 24, 25, other), N1/N2 (not subject), "
                "S1 (taxed at 0 %) or S2 (reverse charge)"
            )
        if surcharge is not None:
            raise InvalidRecord("recargo de equivalencia on a 0 % line")
        code = match.group(1)
        if code.startswith("E"):
            details.append(
                TaxDetail(
                    regime="02" if code == "E2" else "01",
                    exemption=code,
                    base=item.taxable_base,
                )
            )
        elif code.startswith("N"):
            details.append(TaxDetail(regime="01", operation=code, base=item.taxable_base))
        else:
            details.append(
                TaxDetail(
                    regime="01",
                    operation=code,
                    rate=Decimal("0.00"),
                    base=item.taxable_base,
                    tax=item.vat,
                )
            )
    if not details:
        raise InvalidRecord("an invoice without a tax breakdown cannot be registered")
    if len(details) > MAX_TAX_DETAILS:
        raise InvalidRecord(f"Verifactu takes at most {MAX_TAX_DETAILS} tax breakdown lines")
    return tuple(details)


def _rectification(
    invoice: IssuedInvoice, issuer_nif: str, rectified_amounts: RectifiedAmounts | None
) -> tuple[str | None, tuple[InvoiceRef, ...], tuple[InvoiceRef, ...], RectifiedAmounts | None]:
    refs = tuple(
        InvoiceRef(issuer_nif, _invoice_number(ref.number), ref.issue_date)
        for ref in invoice.rectified
    )
    kind = invoice.rectification_kind
    if invoice.invoice_type in RECTIFYING_TYPES:
        if kind not in ("S", "I"):
            raise InvalidRecord(
                f"a {invoice.invoice_type} invoice is rectifying by substitution (S) or by "
                f"differences (I), not {kind!r}"
            )
        if kind == "S" and rectified_amounts is None:
            raise InvalidRecord(
                "a rectification by substitution needs the rectified invoices' base, VAT and "
                "recargo (ImporteRectificacion)"
            )
        if kind == "I" and rectified_amounts is not None:
            raise InvalidRecord("ImporteRectificacion only goes with a substitution (S)")
        return kind, refs, (), rectified_amounts
    if kind is not None or rectified_amounts is not None:
        raise InvalidRecord(f"a {invoice.invoice_type} invoice is not a rectifying invoice")
    if invoice.invoice_type == "F3":
        return None, (), refs, None
    if refs:
        raise InvalidRecord(f"a {invoice.invoice_type} invoice rectifies no other invoice")
    return None, (), (), None


def build_alta(
    invoice: IssuedInvoice,
    *,
    previous: ChainLink | None,
    generated_at: dt.datetime,
    system: SystemInfo,
    rectified_amounts: RectifiedAmounts | None = None,
) -> VerifactuRecord:
    """The alta record of an issued invoice, chained after `previous` (None: first record).

    `rectified_amounts` is required for rectifications by substitution (S), refused otherwise.
    """
    generated_at = _generation_time(generated_at)
    if invoice.invoice_type not in INVOICE_TYPES:
        raise InvalidRecord(f"{invoice.invoice_type!r} is not a Verifactu invoice type")
    if invoice.currency != "EUR":
        raise InvalidRecord("Verifactu records are in euros; this invoice is not")
    issuer_nif = _spanish_nif(invoice.issuer.tax_id, "issuer")
    _check_previous(previous, issuer_nif)
    ref = InvoiceRef(issuer_nif, _invoice_number(invoice.number), invoice.issue_date)

    if invoice.invoice_type in WITHOUT_RECIPIENTS:
        recipients: tuple[Recipient, ...] = ()
    elif invoice.recipient is None:
        raise InvalidRecord(f"a {invoice.invoice_type} invoice needs an identified recipient")
    else:
        recipients = (_recipient(invoice.recipient),)

    details = _tax_details(invoice)
    totals = invoice.amounts.totals
    tax_total, invoice_amount = totals.tax_total, totals.invoice_amount
    detail_tax = sum(((d.tax or 0) + (d.surcharge or 0) for d in details), Decimal(0))
    detail_amount = sum((d.base for d in details), Decimal(0)) + detail_tax
    if detail_tax != tax_total or detail_amount != invoice_amount:
        raise InvalidRecord("the invoice's totals do not add up to its tax breakdown")
    format_amount(tax_total), format_amount(invoice_amount)  # whole cents, 12 digits

    kind, rectified, substituted, amounts = _rectification(invoice, issuer_nif, rectified_amounts)
    description = " ".join(invoice.description.split()) or "; ".join(
        " ".join(line.description.split()) for line in invoice.lines
    )
    if not description.strip():
        raise InvalidRecord("the invoice has no description of its operations")
    operation_date = invoice.operation_date
    if operation_date == invoice.issue_date:
        operation_date = None

    huella = alta_fingerprint(
        issuer_nif=ref.issuer_nif,
        number=ref.number,
        issue_date=ref.issue_date,
        invoice_type=invoice.invoice_type,
        tax_total=tax_total,
        invoice_amount=invoice_amount,
        previous_huella=previous.huella if previous else "",
        generated_at=generated_at,
    )
    return VerifactuRecord(
        kind="alta",
        invoice=ref,
        issuer_name=_name(invoice.issuer.legal_name, "issuer"),
        previous=previous,
        generated_at=generated_at,
        system=system,
        huella=huella,
        invoice_type=invoice.invoice_type,
        rectification_kind=kind,
        rectified=rectified,
        substituted=substituted,
        rectified_amounts=amounts,
        operation_date=operation_date,
        description=description[:500],
        recipients=recipients,
        details=details,
        tax_total=tax_total,
        invoice_amount=invoice_amount,
    )


def build_anulacion(
    cancelled: IssuedInvoice,
    *,
    previous: ChainLink | None,
    generated_at: dt.datetime,
    system: SystemInfo,
) -> VerifactuRecord:
    """The anulación record cancelling the alta of `cancelled`, chained after `previous`."""
    generated_at = _generation_time(generated_at)
    issuer_nif = _spanish_nif(cancelled.issuer.tax_id, "issuer")
    _check_previous(previous, issuer_nif)
    ref = InvoiceRef(issuer_nif, _invoice_number(cancelled.number), cancelled.issue_date)
    huella = anulacion_fingerprint(
        issuer_nif=ref.issuer_nif,
        number=ref.number,
        issue_date=ref.issue_date,
        previous_huella=previous.huella if previous else "",
        generated_at=generated_at,
    )
    return VerifactuRecord(
        kind="anulacion",
        invoice=ref,
        issuer_name=_name(cancelled.issuer.legal_name, "issuer"),
        previous=previous,
        generated_at=generated_at,
        system=system,
        huella=huella,
    )


# --- XML -----------------------------------------------------------------------------------


def _sub(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{SF_NS}}}{name}")
    if text is not None:
        element.text = text
    return element


def _yes_no(value: bool) -> str:
    return "S" if value else "N"


def _invoice_id(parent: etree._Element, name: str, ref: InvoiceRef, suffix: str = "") -> None:
    block = _sub(parent, name)
    _sub(block, f"IDEmisorFactura{suffix}", ref.issuer_nif)
    _sub(block, f"NumSerieFactura{suffix}", ref.number)
    _sub(block, f"FechaExpedicionFactura{suffix}", format_date(ref.issue_date))


def _chain(parent: etree._Element, previous: ChainLink | None) -> None:
    block = _sub(parent, "Encadenamiento")
    if previous is None:
        _sub(block, "PrimerRegistro", "S")
        return
    link = _sub(block, "RegistroAnterior")
    _sub(link, "IDEmisorFactura", previous.issuer_nif)
    _sub(link, "NumSerieFactura", previous.number)
    _sub(link, "FechaExpedicionFactura", format_date(previous.issue_date))
    _sub(link, "Huella", previous.huella)


def _system(parent: etree._Element, system: SystemInfo) -> None:
    block = _sub(parent, "SistemaInformatico")
    _sub(block, "NombreRazon", _name(system.producer_name, "producer"))
    _sub(block, "NIF", _spanish_nif(system.producer_nif, "producer"))
    _sub(block, "NombreSistemaInformatico", system.system_name.strip())
    _sub(block, "IdSistemaInformatico", system.system_id.strip())
    _sub(block, "Version", system.version.strip())
    _sub(block, "NumeroInstalacion", system.installation_number.strip())
    _sub(block, "TipoUsoPosibleSoloVerifactu", _yes_no(system.only_verifactu))
    _sub(block, "TipoUsoPosibleMultiOT", _yes_no(system.multi_ot_capable))
    _sub(block, "IndicadorMultiplesOT", _yes_no(system.multiple_ot))


def _stamp(parent: etree._Element, record: VerifactuRecord) -> None:
    _sub(parent, "FechaHoraHusoGenRegistro", format_generated_at(record.generated_at))
    _sub(parent, "TipoHuella", TIPO_HUELLA_SHA256)
    _sub(parent, "Huella", record.huella)


def _alta(parent: etree._Element, record: VerifactuRecord) -> None:
    invoice_type, tax_total, invoice_amount = record.alta_values()
    alta = _sub(parent, "RegistroAlta")
    _sub(alta, "IDVersion", ID_VERSION)
    _invoice_id(alta, "IDFactura", record.invoice)
    _sub(alta, "NombreRazonEmisor", record.issuer_name)
    if record.correction:
        _sub(alta, "Subsanacion", "S")
    if record.prior_rejection:
        _sub(alta, "RechazoPrevio", record.prior_rejection)
    _sub(alta, "TipoFactura", invoice_type)
    if record.rectification_kind:
        _sub(alta, "TipoRectificativa", record.rectification_kind)
    if record.rectified:
        block = _sub(alta, "FacturasRectificadas")
        for ref in record.rectified:
            _invoice_id(block, "IDFacturaRectificada", ref)
    if record.substituted:
        block = _sub(alta, "FacturasSustituidas")
        for ref in record.substituted:
            _invoice_id(block, "IDFacturaSustituida", ref)
    if record.rectified_amounts is not None:
        amounts = record.rectified_amounts
        block = _sub(alta, "ImporteRectificacion")
        _sub(block, "BaseRectificada", format_amount(amounts.base))
        _sub(block, "CuotaRectificada", format_amount(amounts.tax))
        if amounts.surcharge:
            _sub(block, "CuotaRecargoRectificado", format_amount(amounts.surcharge))
    if record.operation_date is not None:
        _sub(alta, "FechaOperacion", format_date(record.operation_date))
    _sub(alta, "DescripcionOperacion", record.description or "")
    if abs(invoice_amount) >= MACRODATO_THRESHOLD:
        _sub(alta, "Macrodato", "S")
    if record.recipients:
        block = _sub(alta, "Destinatarios")
        for recipient in record.recipients:
            person = _sub(block, "IDDestinatario")
            _sub(person, "NombreRazon", recipient.name)
            if recipient.nif:
                _sub(person, "NIF", recipient.nif)
            else:
                other = _sub(person, "IDOtro")
                if recipient.country:
                    _sub(other, "CodigoPais", recipient.country)
                _sub(other, "IDType", recipient.id_type or ID_TYPE_RESIDENCE)
                _sub(other, "ID", recipient.other_id or "")
    breakdown = _sub(alta, "Desglose")
    for detail in record.details:
        line = _sub(breakdown, "DetalleDesglose")
        _sub(line, "Impuesto", IMPUESTO_IVA)
        _sub(line, "ClaveRegimen", detail.regime)
        if detail.exemption:
            _sub(line, "OperacionExenta", detail.exemption)
        else:
            _sub(line, "CalificacionOperacion", detail.operation or "S1")
        if detail.rate is not None:
            _sub(line, "TipoImpositivo", _format_rate(detail.rate))
        _sub(line, "BaseImponibleOimporteNoSujeto", format_amount(detail.base))
        if detail.tax is not None:
            _sub(line, "CuotaRepercutida", format_amount(detail.tax))
        if detail.surcharge_rate is not None:
            _sub(line, "TipoRecargoEquivalencia", _format_rate(detail.surcharge_rate))
        if detail.surcharge is not None:
            _sub(line, "CuotaRecargoEquivalencia", format_amount(detail.surcharge))
    _sub(alta, "CuotaTotal", format_amount(tax_total))
    _sub(alta, "ImporteTotal", format_amount(invoice_amount))
    _chain(alta, record.previous)
    _system(alta, record.system)
    _stamp(alta, record)


def _anulacion(parent: etree._Element, record: VerifactuRecord) -> None:
    anulacion = _sub(parent, "RegistroAnulacion")
    _sub(anulacion, "IDVersion", ID_VERSION)
    _invoice_id(anulacion, "IDFactura", record.invoice, suffix="Anulada")
    if record.without_prior_record:
        _sub(anulacion, "SinRegistroPrevio", "S")
    if record.prior_rejection:
        _sub(anulacion, "RechazoPrevio", record.prior_rejection)
    _chain(anulacion, record.previous)
    _system(anulacion, record.system)
    _stamp(anulacion, record)


def records_xml(records: Sequence[VerifactuRecord]) -> bytes:
    """One RegFactuSistemaFacturacion request (UTF-8) with up to 1,000 records of one issuer."""
    if not records:
        raise InvalidRecord("a request carries at least one record")
    if len(records) > MAX_RECORDS_PER_REQUEST:
        raise InvalidRecord(f"a request carries at most {MAX_RECORDS_PER_REQUEST} records")
    first = records[0]
    if any(r.invoice.issuer_nif != first.invoice.issuer_nif for r in records):
        raise InvalidRecord("a request carries the records of one issuer (ObligadoEmision)")
    root = etree.Element(
        f"{{{SF_LR_NS}}}RegFactuSistemaFacturacion", nsmap={"sfLR": SF_LR_NS, "sf": SF_NS}
    )
    header = etree.SubElement(root, f"{{{SF_LR_NS}}}Cabecera")
    obligado = _sub(header, "ObligadoEmision")
    _sub(obligado, "NombreRazon", first.issuer_name)
    _sub(obligado, "NIF", first.invoice.issuer_nif)
    for record in records:
        entry = etree.SubElement(root, f"{{{SF_LR_NS}}}RegistroFactura")
        if record.kind == "alta":
            _alta(entry, record)
        else:
            _anulacion(entry, record)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def record_xml(record: VerifactuRecord) -> bytes:
    """The RegFactuSistemaFacturacion request (UTF-8) carrying this one record."""
    return records_xml([record])


# --- QR ------------------------------------------------------------------------------------


def qr_url(
    source: VerifactuRecord | IssuedInvoice, *, production: bool = True, verifactu: bool = True
) -> str:
    """The URL the invoice's QR encodes (AEAT's QR specification; error correction level M).

    nif, numserie, fecha (dd-mm-yyyy) and importe (ImporteTotal, as in the record) URL-encoded in
    UTF-8 ("/" -> "%2F", " " -> "%20"). `production=False` uses AEAT's test host;
    `verifactu=False` is the mode that does not send records (ValidarQRNoVerifactu).
    """
    if isinstance(source, VerifactuRecord):
        if source.kind != "alta":
            raise InvalidRecord("only an invoice's alta record has a QR")
        ref, amount = source.invoice, source.alta_values()[2]
    else:
        issuer_nif = _spanish_nif(source.issuer.tax_id, "issuer")
        ref = InvoiceRef(issuer_nif, _invoice_number(source.number), source.issue_date)
        amount = source.amounts.totals.invoice_amount
    params = (
        ("nif", ref.issuer_nif),
        ("numserie", ref.number),
        ("fecha", format_date(ref.issue_date)),
        ("importe", format_amount(amount)),
    )
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in params)
    service = "ValidarQR" if verifactu else "ValidarQRNoVerifactu"
    return f"{QR_HOSTS[production]}{QR_PATH}{service}?{query}"


# --- checking a stored chain ---------------------------------------------------------------

Problem = Literal["malformed", "fingerprint", "link"]


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of `verify_chain`: ok, or the first broken record and why."""

    ok: bool
    checked: int  # records that passed
    index: int | None = None  # position in the sequence given
    number: str | None = None  # NumSerieFactura (or ...Anulada) of that record
    problem: Problem | None = None
    detail: str | None = None


def _is_anulacion(fields: StoredRecordFields) -> bool:
    return "IDEmisorFacturaAnulada" in fields


def _identity(fields: StoredRecordFields) -> tuple[str, str, str]:
    suffix = "Anulada" if _is_anulacion(fields) else ""
    return (
        fields[f"IDEmisorFactura{suffix}"],
        fields[f"NumSerieFactura{suffix}"],
        fields[f"FechaExpedicionFactura{suffix}"],
    )


def _recompute(fields: StoredRecordFields) -> str:
    if _is_anulacion(fields):
        return anulacion_fingerprint(
            issuer_nif=fields["IDEmisorFacturaAnulada"],
            number=fields["NumSerieFacturaAnulada"],
            issue_date=fields["FechaExpedicionFacturaAnulada"],
            previous_huella=fields["HuellaAnterior"],
            generated_at=fields["FechaHoraHusoGenRegistro"],
        )
    return alta_fingerprint(
        issuer_nif=fields["IDEmisorFactura"],
        number=fields["NumSerieFactura"],
        issue_date=fields["FechaExpedicionFactura"],
        invoice_type=fields["TipoFactura"],
        tax_total=fields["CuotaTotal"],
        invoice_amount=fields["ImporteTotal"],
        previous_huella=fields["HuellaAnterior"],
        generated_at=fields["FechaHoraHusoGenRegistro"],
    )


def _link_problem(
    fields: StoredRecordFields, expected: tuple[str, str, str, str] | None, issuer: str
) -> str | None:
    """Why this record does not follow `expected` (nif, number, date, huella; None: first)."""
    if _identity(fields)[0] != issuer:
        return f"issuer {_identity(fields)[0]} in the chain of {issuer}"
    want = expected or ("", "", "", "")
    if fields["HuellaAnterior"] != want[3]:
        if expected is None:
            return "the first record must be PrimerRegistro (no previous huella)"
        return f"previous huella {fields['HuellaAnterior']!r} is not the prior record's {want[3]!r}"
    for name, value in zip(LINK_FIELDS[:3], want[:3], strict=True):
        if name in fields and fields[name] != value:
            return f"{name} {fields[name]!r} is not the prior record's {value!r}"
    return None


def verify_chain(
    records: Sequence[StoredRecordFields], *, start: ChainLink | None = None
) -> ChainCheck:
    """Recompute each record's huella from its stored fields and check each link.

    `records` are `VerifactuRecord.fields()` dicts in chain order (alta or anulación, told by
    their keys). The first must be PrimerRegistro, or follow `start` when checking a chain from
    the middle. All records must belong to one issuer. Reports the first broken record:
    "malformed" (a field is missing), "fingerprint" (stored data does not give its Huella:
    something was altered) or "link" (the record does not follow the one before it: a record
    was removed, inserted or reordered).
    """
    expected: tuple[str, str, str, str] | None = None
    if start is not None:
        expected = (start.issuer_nif, start.number, format_date(start.issue_date), start.huella)
    issuer = start.issuer_nif if start else None
    for index, fields in enumerate(records):
        names = ANULACION_FIELDS if _is_anulacion(fields) else ALTA_FIELDS
        number = fields.get(names[1])
        missing = [name for name in names if name not in fields and name not in LINK_FIELDS[:3]]
        if missing:
            return ChainCheck(
                ok=False,
                checked=index,
                index=index,
                number=number,
                problem="malformed",
                detail=f"missing {', '.join(missing)}",
            )
        recomputed = _recompute(fields)
        if recomputed != fields["Huella"]:
            return ChainCheck(
                ok=False,
                checked=index,
                index=index,
                number=number,
                problem="fingerprint",
                detail=f"stored Huella {fields['Huella']!r}, its fields give {recomputed!r}",
            )
        nif, record_number, date = _identity(fields)
        issuer = issuer or nif
        reason = _link_problem(fields, expected, issuer)
        if reason is not None:
            return ChainCheck(
                ok=False,
                checked=index,
                index=index,
                number=number,
                problem="link",
                detail=reason,
            )
        expected = (nif, record_number, date, fields["Huella"])
    return ChainCheck(ok=True, checked=len(records))
