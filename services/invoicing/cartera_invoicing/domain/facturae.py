"""FacturaE 3.2.2: the structured electronic invoice for Spanish public administrations (FACe and
the regional entry points, Ley 25/2013) and usable with any business recipient.

What is built here follows the official schema (`Facturaev3_2_2.xsd`, Ministerio de Hacienda,
facturae.gob.es), element by element and in its order; the unit tests validate every document
against that schema. The schema's own documentation is quoted where a rule comes from it.

Amounts are never recomputed: they come from the issued invoice (`invoice.compute`, the one rounding
rule of DOMAIN.md). Only the per-line tax amounts, which the schema calls "informative", are derived
(the line's base times its rate, half-up to cents).

Mapping decisions
-----------------
- Parties. `PersonTypeCode`: a Spanish NIF tells it (a CIF, letter first from ABCDEFGHJNPQRSUVW, is
  a legal entity "J"; DNI, NIE and K/L/M NIFs are people "F"); a foreign party's `kind`
  (`individual`, `self_employed` -> F, anything else -> J). `ResidenceTypeCode`: the party's
  country: Spain "R" (the Canaries, Ceuta and Melilla included: residence, not tax territory),
  another EU member "U", elsewhere "E". `TaxIdentificationNumber`: the stored id (Spanish NIFs
  without prefix, EU VAT numbers with theirs); when seller and buyer reside in different EU member
  states, every EU party's id carries its country prefix, as the schema asks for intra-Community
  operations ("ES" + NIF for us). People are written as `Individual` (name and surnames, split from
  the legal name: "Apellidos, Nombre" is split at the comma; otherwise the last two words are the
  surnames, with particles such as "de la" kept with the word that follows); a name that cannot be
  split is written as `LegalEntity`. Addresses in Spain are `AddressInSpain` (5-digit postal code),
  any other `OverseasAddress`; countries as ISO 3166-1 alpha-3 (the schema's list).
- Text longer than the schema allows: addresses, towns and provinces are shortened to the schema's
  length (the postal code still identifies the place); names, descriptions and invoice numbers are
  never shortened: they raise `FacturaeError`.
- Invoice header. `InvoiceSeriesCode` is the series; `InvoiceNumber` the printed number without the
  series prefix when it starts with it. `InvoiceDocumentType`: FC (complete), FA for simplified
  invoices (F2, R5). `InvoiceClass`: OO, or OR for rectifying invoices (R1-R5) with `Corrective`:
  the first rectified invoice (number as printed, its issue date), `ReasonCode` by type (R1 -> 16
  "Base imponible", R2 -> 85 (concurso), R3 -> 16, R4 and R5 -> 10 "Detalle Operación"; pass
  `corrective_reason_code` to be precise, e.g. 83 for discounts granted afterwards), the
  `ReasonDescription` that the schema pairs with that code, `TaxPeriod` = the calendar months of
  the rectified invoices, `CorrectionMethod` 01 (substitution, S) or 02 (differences, I), and the
  written cause in `AdditionalReasonDescription`.
- Taxes. `TaxesOutputs` has one `Tax` per row of the invoice's VAT breakdown (TaxTypeCode 01), with
  `EquivalenceSurcharge` / `EquivalenceSurchargeAmount` when there is recargo. A 0 % line's reason
  starts with its Verifactu code (`invoice.check_rates`): E1-E6 (exempt) carry `SpecialTaxableEvent`
  01 "operación sujeta y exenta", N1/N2 (not subject) 02 "operación no sujeta", each with the legal
  basis (the text after the code) as reason; S1 (taxed at 0 %) and S2 (reverse charge, "inversión
  del sujeto pasivo") are neither, so they carry no special event, and the basis goes to the line's
  `AdditionalLineItemInformation`. Every distinct basis is repeated in `LegalLiterals`. IRPF goes to
  `TaxesWithheld` (TaxTypeCode 04), per invoice and per line.
- Lines. `UnitPriceWithoutTax` as stored (the schema allows up to 8 decimals; more raises),
  `TotalCost` = quantity x unit price (8 decimals at most), a `Discount` when the line has one
  (its `DiscountAmount` is `TotalCost` minus the line's rounded amount, so that `GrossAmount` =
  `TotalCost` - discounts exactly, as the schema defines it), `GrossAmount` = the line's amount.
  Units: 01 ("Unidades"); the model has no unit of measure.
- Totals: `TotalGrossAmount` = `TotalGrossAmountBeforeTaxes` = taxable base (no invoice-level
  discounts), `TotalTaxOutputs` = VAT + recargo, `TotalTaxesWithheld` = IRPF, `InvoiceTotal` =
  `TotalOutstandingAmount` = `TotalExecutableAmount` = total to pay (no subsidies, payments on
  account or guarantees withheld).
- Currency: amounts are in the invoice's currency; `TaxCurrencyCode` is always EUR. For any other
  currency, `ExchangeRateDetails` and every `EquivalentInEuros` are written (RD 1619/2012 art. 10).
  `IssuedInvoice.exchange_rate` is euros per unit of the invoice's currency (as the API records it,
  `schemas.InvoiceFields`), so euros = amount x rate, half-up to cents, and `ExchangeRate` is that
  figure as recorded; the rate date is the operation date (the chargeable event, LIVA art. 79.Once)
  or the issue date.
- Payment: one `Installment` per due date, `PaymentMeans` 04 (transfer) unless told; with `iban`,
  the account to be credited.
- Public administrations: FACe (and every regional entry point) routes an invoice by the buyer's
  DIR3 codes, which the invoice must carry as `AdministrativeCentres`: the "oficina contable"
  (role 01), the "órgano gestor" (02) and the "unidad tramitadora" (03), optionally the "órgano
  proponente" (04). They come from the recipient's snapshot at issue (`Party.dir3`, the client's
  DIR3 codes), or are passed as `administrative_centres` (`face_centres()` builds them); an invoice
  to a `public_administration` without the three is refused, since FACe would reject it.

Signature
---------
FACe and most receivers only accept signed FacturaE files. This function writes the unsigned
document; `cartera_invoicing.invoices.signing.sign_facturae` adds the enveloped XAdES-EPES
signature (the last child of `fe:Facturae`, which the schema allows) with the issuer's
certificate, outside the domain (the key never enters it). The signed bytes are sent as they are,
never re-serialised.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from lxml import etree

from cartera_invoicing.domain.invoice import (
    HUNDRED,
    Address,
    InvalidInvoice,
    IssuedInvoice,
    Line,
    Party,
    cents,
)

NAMESPACE = "http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml"
DSIG_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#"
SCHEMA_VERSION = "3.2.2"
TAX_CURRENCY = "EUR"

# TaxTypeCodeType
TAX_IVA = "01"
TAX_IRPF = "04"
# UnitOfMeasureType "01" Unidades
UNITS = "01"
# PaymentMeansType
PAYMENT_TRANSFER = "04"
PAYMENT_MEANS = frozenset(f"{n:02d}" for n in range(1, 20))
# SpecialTaxableEventCodeType
SUBJECT_AND_EXEMPT = "01"
NOT_SUBJECT = "02"

# AdministrativeCentre roles (RoleTypeCodeType) as FACe names them.
ROLE_ACCOUNTING_OFFICE = "01"  # oficina contable ("Fiscal")
ROLE_MANAGING_BODY = "02"  # órgano gestor ("Receptor")
ROLE_PROCESSING_UNIT = "03"  # unidad tramitadora ("Pagador")
ROLE_PROPOSING_BODY = "04"  # órgano proponente ("Comprador")
FACE_REQUIRED_ROLES = (ROLE_ACCOUNTING_OFFICE, ROLE_MANAGING_BODY, ROLE_PROCESSING_UNIT)
ROLE_NAMES = {
    ROLE_ACCOUNTING_OFFICE: "Oficina contable",
    ROLE_MANAGING_BODY: "Órgano gestor",
    ROLE_PROCESSING_UNIT: "Unidad tramitadora",
    ROLE_PROPOSING_BODY: "Órgano proponente",
}

# ReasonCodeType and the ReasonDescriptionType text the schema pairs with each code (verbatim from
# the schema's enumerations, which are in the same order).
REASONS = {
    "01": "Número de la factura",
    "02": "Serie de la factura",
    "03": "Fecha expedición",
    "04": "Nombre y apellidos/Razón Social-Emisor",
    "05": "Nombre y apellidos/Razón Social-Receptor",
    "06": "Identificación fiscal Emisor/obligado",
    "07": "Identificación fiscal Receptor",
    "08": "Domicilio Emisor/Obligado",
    "09": "Domicilio Receptor",
    "10": "Detalle Operación",
    "11": "Porcentaje impositivo a aplicar",
    "12": "Cuota tributaria a aplicar",
    "13": "Fecha/Periodo a aplicar",
    "14": "Clase de factura",
    "15": "Literales legales",
    "16": "Base imponible",
    "80": "Cálculo de cuotas repercutidas",
    "81": "Cálculo de cuotas retenidas",
    "82": "Base imponible modificada por devolución de envases / embalajes",
    "83": "Base imponible modificada por descuentos y bonificaciones",
    "84": "Base imponible modificada por resolución firme, judicial o administrativa",
    "85": "Base imponible modificada cuotas repercutidas no satisfechas. "
    "Auto de declaración de concurso",
}
# Default reason by Verifactu rectification type; `corrective_reason_code` overrides it.
DEFAULT_REASON_BY_TYPE = {"R1": "16", "R2": "85", "R3": "16", "R4": "10", "R5": "10"}
# CorrectionMethodType and its description, by rectification kind.
CORRECTION_METHODS = {
    "S": ("01", "Rectificación íntegra"),
    "I": ("02", "Rectificación por diferencias"),
}

# fmt: off
EU_COUNTRIES = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})
# fmt: on
# stdnum and VIES write Greece as EL in VAT numbers.
VAT_PREFIX = {"GR": "EL"}
CIF_LETTERS = frozenset("ABCDEFGHJNPQRSUVW")
PERSON_KINDS = frozenset({"individual", "self_employed"})

# ISO 3166-1 alpha-2 -> alpha-3, limited to the codes the FacturaE 3.2.2 schema lists (CountryType;
# the list predates South Sudan, Curaçao, Sint Maarten, Bonaire, Saint-Barthélemy and Saint-Martin,
# which it cannot express).
# fmt: off
COUNTRY_ALPHA3 = {
    "AF": "AFG", "AL": "ALB", "DZ": "DZA", "AS": "ASM", "AD": "AND", "AO": "AGO", "AI": "AIA",
    "AG": "ATG", "AR": "ARG", "AM": "ARM", "AW": "ABW", "AU": "AUS", "AT": "AUT", "AZ": "AZE",
    "BS": "BHS", "BH": "BHR", "BD": "BGD", "BB": "BRB", "BY": "BLR", "BE": "BEL", "BZ": "BLZ",
    "BJ": "BEN", "BM": "BMU", "BT": "BTN", "BO": "BOL", "BA": "BIH", "BW": "BWA", "BR": "BRA",
    "BN": "BRN", "BG": "BGR", "BF": "BFA", "BI": "BDI", "KH": "KHM", "CM": "CMR", "CA": "CAN",
    "CV": "CPV", "KY": "CYM", "CF": "CAF", "TD": "TCD", "CL": "CHL", "CN": "CHN", "CD": "COD",
    "CO": "COL", "KM": "COM", "CG": "COG", "CK": "COK", "CR": "CRI", "CI": "CIV", "HR": "HRV",
    "CU": "CUB", "CY": "CYP", "CZ": "CZE", "DK": "DNK", "DJ": "DJI", "DM": "DMA", "DO": "DOM",
    "EC": "ECU", "EG": "EGY", "SV": "SLV", "GQ": "GNQ", "ER": "ERI", "EE": "EST", "ET": "ETH",
    "FK": "FLK", "FO": "FRO", "FJ": "FJI", "FI": "FIN", "FR": "FRA", "GF": "GUF", "PF": "PYF",
    "GA": "GAB", "GM": "GMB", "GE": "GEO", "GG": "GGY", "DE": "DEU", "GH": "GHA", "GI": "GIB",
    "GR": "GRC", "GL": "GRL", "GD": "GRD", "GP": "GLP", "GU": "GUM", "GT": "GTM", "GN": "GIN",
    "GW": "GNB", "GY": "GUY", "HT": "HTI", "HN": "HND", "HK": "HKG", "HU": "HUN", "IS": "ISL",
    "IN": "IND", "ID": "IDN", "IM": "IMN", "IR": "IRN", "IQ": "IRQ", "IE": "IRL", "IL": "ISR",
    "IT": "ITA", "JM": "JAM", "JE": "JEY", "JP": "JPN", "JO": "JOR", "KZ": "KAZ", "KE": "KEN",
    "KI": "KIR", "KP": "PRK", "KR": "KOR", "KW": "KWT", "KG": "KGZ", "LA": "LAO", "LV": "LVA",
    "LB": "LBN", "LS": "LSO", "LR": "LBR", "LY": "LBY", "LI": "LIE", "LT": "LTU", "LU": "LUX",
    "MO": "MAC", "MK": "MKD", "MG": "MDG", "MW": "MWI", "MY": "MYS", "MV": "MDV", "ML": "MLI",
    "MT": "MLT", "MH": "MHL", "MQ": "MTQ", "MR": "MRT", "MU": "MUS", "YT": "MYT", "MX": "MEX",
    "FM": "FSM", "MD": "MDA", "MC": "MCO", "ME": "MNE", "MN": "MNG", "MS": "MSR", "MA": "MAR",
    "MZ": "MOZ", "MM": "MMR", "NA": "NAM", "NR": "NRU", "NP": "NPL", "NL": "NLD", "AN": "ANT",
    "NC": "NCL", "NZ": "NZL", "NI": "NIC", "NE": "NER", "NG": "NGA", "NU": "NIU", "NF": "NFK",
    "MP": "MNP", "NO": "NOR", "OM": "OMN", "PK": "PAK", "PW": "PLW", "PA": "PAN", "PG": "PNG",
    "PY": "PRY", "PS": "PSE", "PE": "PER", "PH": "PHL", "PN": "PCN", "PL": "POL", "PT": "PRT",
    "PR": "PRI", "QA": "QAT", "RE": "REU", "RO": "ROU", "RU": "RUS", "RW": "RWA", "KN": "KNA",
    "LC": "LCA", "VC": "VCT", "WS": "WSM", "SM": "SMR", "ST": "STP", "SA": "SAU", "SN": "SEN",
    "RS": "SRB", "SC": "SYC", "SL": "SLE", "SG": "SGP", "SK": "SVK", "SI": "SVN", "SB": "SLB",
    "SO": "SOM", "ZA": "ZAF", "ES": "ESP", "LK": "LKA", "SH": "SHN", "PM": "SPM", "SD": "SDN",
    "SR": "SUR", "SJ": "SJM", "SZ": "SWZ", "SE": "SWE", "CH": "CHE", "SY": "SYR", "TW": "TWN",
    "TJ": "TJK", "TZ": "TZA", "TH": "THA", "TG": "TGO", "TK": "TKL", "TO": "TON", "TT": "TTO",
    "TN": "TUN", "TR": "TUR", "TM": "TKM", "TL": "TLS", "TC": "TCA", "TV": "TUV", "UG": "UGA",
    "UA": "UKR", "AE": "ARE", "GB": "GBR", "US": "USA", "UY": "URY", "UZ": "UZB", "VU": "VUT",
    "VA": "VAT", "VE": "VEN", "VN": "VNM", "VG": "VGB", "VI": "VIR", "WF": "WLF", "EH": "ESH",
    "YE": "YEM", "ZM": "ZMB", "ZW": "ZWE",
}
# fmt: on

# How a 0 % line's reason starts (invoice.check_rates): E1-E6 exempt, N1/N2 not subject, S1 taxed at
# 0 %, S2 reverse charge.
ZERO_RATE_CODE = re.compile(r"^\s*(E[1-6]|N[12]|S[12])\b", re.IGNORECASE)

NAME_PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "i", "da", "das", "do", "dos"})
NAME_PARTICLES |= {"van", "von", "der", "den", "di", "du", "le", "san", "santa"}


class FacturaeError(InvalidInvoice):
    """The invoice cannot be written as a valid FacturaE 3.2.2 document; the message says why."""


@dataclass(frozen=True)
class AdministrativeCentre:
    """A unit of the buyer, identified by its DIR3 code (for public administrations)."""

    code: str  # DIR3 code, e.g. "L01280796"
    role: str  # RoleTypeCode: 01 oficina contable, 02 órgano gestor, 03 unidad tramitadora, ...
    name: str | None = None  # written as CentreDescription; the role's name when not given
    address: Address | None = None  # the buyer's address when not given


def face_centres(
    *,
    oficina_contable: str,
    organo_gestor: str,
    unidad_tramitadora: str,
    organo_proponente: str | None = None,
    address: Address | None = None,
) -> tuple[AdministrativeCentre, ...]:
    """The DIR3 centres FACe needs, from the codes the public body gives with its order."""
    codes = [
        (ROLE_ACCOUNTING_OFFICE, oficina_contable),
        (ROLE_MANAGING_BODY, organo_gestor),
        (ROLE_PROCESSING_UNIT, unidad_tramitadora),
    ]
    if organo_proponente:
        codes.append((ROLE_PROPOSING_BODY, organo_proponente))
    return tuple(AdministrativeCentre(code=c, role=r, address=address) for r, c in codes)


def person_type(party: Party) -> str:
    """PersonTypeCode: "F" natural person, "J" legal entity."""
    if party.country == "ES" and party.tax_id:
        return "J" if party.tax_id[0].upper() in CIF_LETTERS else "F"
    return "F" if party.kind in PERSON_KINDS else "J"


def residence_type(party: Party) -> str:
    """ResidenceTypeCode: "R" resident in Spain, "U" in another EU member state, "E" elsewhere."""
    if party.country == "ES":
        return "R"
    return "U" if party.country in EU_COUNTRIES else "E"


def zero_rate_code(reason: str | None) -> str | None:
    """The Verifactu code a 0 % line's reason starts with (E1-E6, N1, N2, S1, S2), if any."""
    match = ZERO_RATE_CODE.match(reason or "")
    return match.group(1).upper() if match else None


def legal_basis(reason: str) -> str:
    """The reason as it is printed: without its leading Verifactu code, and with the mention
    "Inversión del sujeto pasivo" on reverse-charge lines (RD 1619/2012 art. 6.1.m)."""
    text = ZERO_RATE_CODE.sub("", reason, count=1).lstrip(" :-.").strip()
    if zero_rate_code(reason) == "S2" and "inversion del sujeto pasivo" not in _plain(text):
        text = f"Inversión del sujeto pasivo. {text}".strip()
    return text or reason.strip()


def special_taxable_event_code(reason: str) -> str | None:
    """01 "sujeta y exenta", 02 "no sujeta", or None (taxed at 0 %, reverse charge)."""
    code = zero_rate_code(reason)
    if code is not None:
        return {"E": SUBJECT_AND_EXEMPT, "N": NOT_SUBJECT}.get(code[0])
    # Reasons written before the codes were required: read the words.
    return NOT_SUBJECT if "no sujet" in _plain(reason) else SUBJECT_AND_EXEMPT


def split_person_name(full_name: str) -> tuple[str, str, str | None] | None:
    """(name, first surname, second surname) of a person, or None when it cannot be split."""
    text = " ".join(full_name.split())
    if "," in text:
        surnames_text, given = (part.strip() for part in text.split(",", 1))
        surnames = _name_groups(surnames_text)
        if not given or not surnames:
            return None
        second = " ".join(surnames[1:]) or None
        return given, surnames[0], second
    groups = _name_groups(text)
    if len(groups) < 2:
        return None
    if len(groups) == 2:
        return groups[0], groups[1], None
    return " ".join(groups[:-2]), groups[-2], groups[-1]


def facturae_xml(
    invoice: IssuedInvoice,
    *,
    administrative_centres: Sequence[AdministrativeCentre] = (),
    payment_means: str = PAYMENT_TRANSFER,
    iban: str | None = None,
    corrective_reason_code: str | None = None,
) -> bytes:
    """The invoice as an unsigned FacturaE 3.2.2 document (UTF-8 bytes with declaration)."""
    recipient = invoice.recipient
    if recipient is None:
        raise FacturaeError("a FacturaE names its buyer: this invoice has no recipient")
    if payment_means not in PAYMENT_MEANS:
        raise FacturaeError(f"payment means {payment_means!r} is not a FacturaE code (01-19)")
    if not administrative_centres and recipient.dir3 is not None:
        # The codes the client carried at issue (the invoice's own snapshot).
        administrative_centres = face_centres(
            oficina_contable=recipient.dir3.oficina_contable,
            organo_gestor=recipient.dir3.organo_gestor,
            unidad_tramitadora=recipient.dir3.unidad_tramitadora,
        )
    if recipient.kind == "public_administration":
        roles = {c.role for c in administrative_centres}
        missing = [ROLE_NAMES[r] for r in FACE_REQUIRED_ROLES if r not in roles]
        if missing:
            raise FacturaeError(
                "an invoice to a public administration needs its DIR3 codes "
                f"(FACe routes by them): missing {', '.join(missing)}"
            )
    writer = _Writer(invoice, recipient)
    root = etree.Element(f"{{{NAMESPACE}}}Facturae", nsmap={"fe": NAMESPACE, "ds": DSIG_NAMESPACE})
    writer.file_header(root)
    parties = _sub(root, "Parties")
    writer.party(parties, "SellerParty", invoice.issuer, ())
    writer.party(parties, "BuyerParty", recipient, administrative_centres)
    invoices = _sub(root, "Invoices")
    writer.write_invoice(
        _sub(invoices, "Invoice"),
        payment_means=payment_means,
        iban=iban,
        corrective_reason_code=corrective_reason_code,
    )
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + bytes(body)


class _Writer:
    def __init__(self, invoice: IssuedInvoice, recipient: Party) -> None:
        self.invoice = invoice
        self.recipient = recipient
        self.currency = invoice.currency.upper()
        self.rate: Decimal | None = None
        if self.currency != TAX_CURRENCY:
            if not invoice.exchange_rate or invoice.exchange_rate <= 0:
                raise FacturaeError(
                    f"an invoice in {self.currency} needs its exchange rate to the euro"
                )
            self.rate = invoice.exchange_rate
        residences = {residence_type(invoice.issuer), residence_type(recipient)}
        countries = {invoice.issuer.country, recipient.country}
        # Intra-Community: both in the EU, in different member states.
        self.intra_community = residences <= {"R", "U"} and len(countries) == 2

    # FileHeader --------------------------------------------------------------------------------

    def file_header(self, root: etree._Element) -> None:
        totals = self.invoice.amounts.totals
        header = _sub(root, "FileHeader")
        _sub(header, "SchemaVersion", SCHEMA_VERSION)
        _sub(header, "Modality", "I")
        _sub(header, "InvoiceIssuerType", "EM")
        batch = _sub(header, "Batch")
        series, number = self.series_and_number()
        identifier = f"{self.tax_id(self.invoice.issuer)}{number}{series or ''}"
        _sub(batch, "BatchIdentifier", identifier[:70])
        _sub(batch, "InvoicesCount", "1")
        self.amount(batch, "TotalInvoicesAmount", totals.total)
        self.amount(batch, "TotalOutstandingAmount", totals.total)
        self.amount(batch, "TotalExecutableAmount", totals.total)
        _sub(batch, "InvoiceCurrencyCode", self.currency)

    # Parties -----------------------------------------------------------------------------------

    def tax_id(self, party: Party) -> str:
        value = party.tax_id.upper().replace(" ", "")
        if self.intra_community and party.country in EU_COUNTRIES:
            prefix = VAT_PREFIX.get(party.country, party.country)
            if not value.startswith(prefix):
                value = prefix + value
        if not 3 <= len(value) <= 30:
            raise FacturaeError(f"tax id {party.tax_id!r}: FacturaE takes 3 to 30 characters")
        return value

    def party(
        self,
        parent: etree._Element,
        tag: str,
        party: Party,
        centres: Sequence[AdministrativeCentre],
    ) -> None:
        if party.address is None:
            raise FacturaeError(f"{party.legal_name}: a FacturaE needs the party's address")
        element = _sub(parent, tag)
        tax = _sub(element, "TaxIdentification")
        kind = person_type(party)
        _sub(tax, "PersonTypeCode", kind)
        _sub(tax, "ResidenceTypeCode", residence_type(party))
        _sub(tax, "TaxIdentificationNumber", self.tax_id(party))
        if centres:
            block = _sub(element, "AdministrativeCentres")
            for centre in centres:
                self.centre(block, centre, party.address)
        names = split_person_name(party.legal_name) if kind == "F" else None
        if names is None:
            entity = _sub(element, "LegalEntity")
            _sub(entity, "CorporateName", _text(party.legal_name, 80, "legal name"))
            _address(entity, party.address)
        else:
            name, first, second = names
            person = _sub(element, "Individual")
            _sub(person, "Name", _text(name, 40, "name"))
            _sub(person, "FirstSurname", _text(first, 40, "first surname"))
            if second:
                _sub(person, "SecondSurname", _text(second, 40, "second surname"))
            _address(person, party.address)

    def centre(
        self, parent: etree._Element, centre: AdministrativeCentre, default: Address
    ) -> None:
        code = centre.code.strip().upper()
        if not code or len(code) > 10 or not code.isalnum():
            raise FacturaeError(f"DIR3 code {centre.code!r}: up to 10 letters and digits")
        if centre.role not in {f"{n:02d}" for n in range(1, 10)}:
            raise FacturaeError(f"administrative centre role {centre.role!r}: 01 to 09")
        element = _sub(parent, "AdministrativeCentre")
        _sub(element, "CentreCode", code)
        _sub(element, "RoleTypeCode", centre.role)
        _address(element, centre.address or default)
        description = centre.name or ROLE_NAMES.get(centre.role)
        if description:
            _sub(element, "CentreDescription", _text(description, 2500, "centre name"))

    # Invoice -----------------------------------------------------------------------------------

    def series_and_number(self) -> tuple[str | None, str]:
        series = self.invoice.series.strip() or None
        number = self.invoice.number.strip()
        if series and number.startswith(series) and len(number) > len(series):
            number = number[len(series) :].lstrip("-/_. ") or number
        if series and len(series) > 20:
            raise FacturaeError(f"series {series!r}: FacturaE takes at most 20 characters")
        return series, _text(number, 20, "invoice number")

    def write_invoice(
        self,
        element: etree._Element,
        *,
        payment_means: str,
        iban: str | None,
        corrective_reason_code: str | None,
    ) -> None:
        invoice = self.invoice
        self.header(element, corrective_reason_code)
        self.issue_data(element)
        outputs = _sub(element, "TaxesOutputs")
        for row in invoice.amounts.breakdown:
            self.tax_output(
                outputs,
                vat_rate=row.vat_rate,
                base=row.taxable_base,
                vat=row.vat,
                surcharge_rate=row.surcharge_rate,
                surcharge=row.surcharge,
            )
        if invoice.amounts.withholdings:
            withheld = _sub(element, "TaxesWithheld")
            for w in invoice.amounts.withholdings:
                self.tax(withheld, TAX_IRPF, w.irpf_rate, w.taxable_base, w.irpf)
        self.totals(element)
        items = _sub(element, "Items")
        for line in invoice.lines:
            self.line(items, line)
        if invoice.due_dates:
            payment = _sub(element, "PaymentDetails")
            for due in invoice.due_dates:
                instalment = _sub(payment, "Installment")
                _sub(instalment, "InstallmentDueDate", due.due_on.isoformat())
                _sub(instalment, "InstallmentAmount", _fixed(due.amount, 2))
                _sub(instalment, "PaymentMeans", payment_means)
                if iban:
                    account = _sub(instalment, "AccountToBeCredited")
                    _sub(account, "IBAN", _text(iban.replace(" ", "").upper(), 34, "IBAN"))
        reasons = sorted(
            {r.exemption_reason for r in invoice.amounts.breakdown if r.exemption_reason}
        )
        if reasons:
            literals = _sub(element, "LegalLiterals")
            for reason in reasons:
                _sub(literals, "LegalReference", _clip(legal_basis(reason), 250))
        related = invoice.rectified[0].number if invoice.rectified else None
        if invoice.notes or related:
            additional = _sub(element, "AdditionalData")
            if related:
                _sub(additional, "RelatedInvoice", _text(related, 40, "rectified invoice number"))
            if invoice.notes:
                _sub(
                    additional, "InvoiceAdditionalInformation", _text(invoice.notes, 2500, "notes")
                )

    def header(self, parent: etree._Element, corrective_reason_code: str | None) -> None:
        invoice = self.invoice
        header = _sub(parent, "InvoiceHeader")
        series, number = self.series_and_number()
        _sub(header, "InvoiceNumber", number)
        if series:
            _sub(header, "InvoiceSeriesCode", series)
        _sub(header, "InvoiceDocumentType", "FA" if invoice.invoice_type in ("F2", "R5") else "FC")
        rectifying = invoice.invoice_type.startswith("R")
        _sub(header, "InvoiceClass", "OR" if rectifying else "OO")
        if not rectifying:
            return
        if not invoice.rectified:
            raise FacturaeError("a rectifying invoice names the invoice(s) it rectifies")
        code = corrective_reason_code or DEFAULT_REASON_BY_TYPE.get(invoice.invoice_type, "10")
        if code not in REASONS:
            raise FacturaeError(f"corrective reason {code!r} is not a FacturaE ReasonCode")
        method = CORRECTION_METHODS.get(invoice.rectification_kind or "")
        if method is None:
            raise FacturaeError(
                "a rectifying invoice is by substitution (S) or by differences (I): "
                f"got {invoice.rectification_kind!r}"
            )
        first = invoice.rectified[0]
        corrective = _sub(header, "Corrective")
        _sub(corrective, "InvoiceNumber", _text(first.number, 20, "rectified invoice number"))
        _sub(corrective, "ReasonCode", code)
        _sub(corrective, "ReasonDescription", REASONS[code])
        dates = [r.issue_date for r in invoice.rectified]
        period = _sub(corrective, "TaxPeriod")
        _sub(period, "StartDate", min(dates).replace(day=1).isoformat())
        _sub(period, "EndDate", _month_end(max(dates)).isoformat())
        _sub(corrective, "CorrectionMethod", method[0])
        _sub(corrective, "CorrectionMethodDescription", method[1])
        details = []
        if invoice.rectification_reason:
            details.append(invoice.rectification_reason)
        if len(invoice.rectified) > 1:
            listed = ", ".join(
                f"{r.number} ({r.issue_date.strftime('%d/%m/%Y')})" for r in invoice.rectified
            )
            details.append(f"Facturas rectificadas: {listed}")
        if details:
            _sub(
                corrective,
                "AdditionalReasonDescription",
                _text(". ".join(details), 2500, "rectification reason"),
            )
        _sub(corrective, "InvoiceIssueDate", first.issue_date.isoformat())

    def issue_data(self, parent: etree._Element) -> None:
        invoice = self.invoice
        data = _sub(parent, "InvoiceIssueData")
        _sub(data, "IssueDate", invoice.issue_date.isoformat())
        if invoice.operation_date and invoice.operation_date != invoice.issue_date:
            _sub(data, "OperationDate", invoice.operation_date.isoformat())
        _sub(data, "InvoiceCurrencyCode", self.currency)
        if self.rate is not None:
            exchange = _sub(data, "ExchangeRateDetails")
            _sub(exchange, "ExchangeRate", _upto8(self.rate, "exchange rate"))
            on = invoice.operation_date or invoice.issue_date
            _sub(exchange, "ExchangeRateDate", on.isoformat())
        _sub(data, "TaxCurrencyCode", TAX_CURRENCY)
        _sub(data, "LanguageName", "es")
        if invoice.description:
            _sub(data, "InvoiceDescription", _text(invoice.description, 2500, "description"))

    def tax_output(
        self,
        parent: etree._Element,
        *,
        vat_rate: Decimal,
        base: Decimal,
        vat: Decimal,
        surcharge_rate: Decimal,
        surcharge: Decimal,
    ) -> None:
        tax = _sub(parent, "Tax")
        _sub(tax, "TaxTypeCode", TAX_IVA)
        _sub(tax, "TaxRate", _rate(vat_rate))
        self.amount(tax, "TaxableBase", base)
        self.amount(tax, "TaxAmount", vat)
        if surcharge_rate:
            _sub(tax, "EquivalenceSurcharge", _fixed(surcharge_rate, 2))
            self.amount(tax, "EquivalenceSurchargeAmount", surcharge)

    def tax(
        self, parent: etree._Element, code: str, rate: Decimal, base: Decimal, amount: Decimal
    ) -> None:
        tax = _sub(parent, "Tax")
        _sub(tax, "TaxTypeCode", code)
        _sub(tax, "TaxRate", _rate(rate))
        self.amount(tax, "TaxableBase", base)
        self.amount(tax, "TaxAmount", amount)

    def amount(self, parent: etree._Element, tag: str, value: Decimal) -> None:
        """An AmountType: TotalAmount, and its equivalent in euros for other currencies."""
        element = _sub(parent, tag)
        _sub(element, "TotalAmount", _fixed(value, 2))
        if self.rate is not None:
            _sub(element, "EquivalentInEuros", _fixed(cents(value * self.rate), 2))

    def totals(self, parent: etree._Element) -> None:
        totals = self.invoice.amounts.totals
        element = _sub(parent, "InvoiceTotals")
        _sub(element, "TotalGrossAmount", _fixed(totals.taxable_base, 2))
        _sub(element, "TotalGrossAmountBeforeTaxes", _fixed(totals.taxable_base, 2))
        _sub(element, "TotalTaxOutputs", _fixed(totals.tax_total, 2))
        _sub(element, "TotalTaxesWithheld", _fixed(totals.irpf, 2))
        _sub(element, "InvoiceTotal", _fixed(totals.total, 2))
        _sub(element, "TotalOutstandingAmount", _fixed(totals.total, 2))
        _sub(element, "TotalExecutableAmount", _fixed(totals.total, 2))

    def line(self, parent: etree._Element, line: Line) -> None:
        element = _sub(parent, "InvoiceLine")
        _sub(element, "ItemDescription", _text(line.description, 2500, "line description"))
        _sub(element, "Quantity", _plain_number(line.quantity))
        _sub(element, "UnitOfMeasure", UNITS)
        _sub(element, "UnitPriceWithoutTax", _upto8(line.unit_price, "unit price"))
        total_cost = (line.quantity * line.unit_price).quantize(
            Decimal("1E-8"), rounding=ROUND_HALF_UP
        )
        _sub(element, "TotalCost", _upto8(total_cost, "total cost"))
        if line.discount_percent:
            discounts = _sub(element, "DiscountsAndRebates")
            discount = _sub(discounts, "Discount")
            _sub(discount, "DiscountReason", "Descuento")
            _sub(discount, "DiscountRate", _upto8(line.discount_percent, "discount"))
            _sub(discount, "DiscountAmount", _upto8(total_cost - line.amount, "discount"))
        _sub(element, "GrossAmount", _fixed(line.amount, 2))
        if line.irpf_rate:
            withheld = _sub(element, "TaxesWithheld")
            irpf = cents(line.amount * line.irpf_rate / HUNDRED)
            self.tax(withheld, TAX_IRPF, line.irpf_rate, line.amount, irpf)
        outputs = _sub(element, "TaxesOutputs")
        self.tax_output(
            outputs,
            vat_rate=line.vat_rate,
            base=line.amount,
            vat=cents(line.amount * line.vat_rate / HUNDRED),
            surcharge_rate=line.surcharge_rate,
            surcharge=cents(line.amount * line.surcharge_rate / HUNDRED),
        )
        reason = line.exemption_reason if line.vat_rate == 0 else None
        if reason:
            basis = _text(legal_basis(reason), 2500, "exemption reason")
            event_code = special_taxable_event_code(reason)
            if event_code is None:
                _sub(element, "AdditionalLineItemInformation", basis)
            else:
                event = _sub(element, "SpecialTaxableEvent")
                _sub(event, "SpecialTaxableEventCode", event_code)
                _sub(event, "SpecialTaxableEventReason", basis)


# Helpers -------------------------------------------------------------------------------------


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _address(parent: etree._Element, address: Address) -> None:
    if address.country == "ES":
        postal_code = address.postal_code.strip()
        if not re.fullmatch(r"\d{5}", postal_code):
            raise FacturaeError(f"postal code {postal_code!r}: a Spanish one has 5 digits")
        element = _sub(parent, "AddressInSpain")
        _sub(element, "Address", _clip(address.street, 80))
        _sub(element, "PostCode", postal_code)
        _sub(element, "Town", _clip(address.city, 50))
        _sub(element, "Province", _clip(address.province or address.city, 20))
        _sub(element, "CountryCode", "ESP")
        return
    country = COUNTRY_ALPHA3.get(address.country.upper())
    if country is None:
        raise FacturaeError(f"FacturaE 3.2.2 has no country code for {address.country!r}")
    element = _sub(parent, "OverseasAddress")
    _sub(element, "Address", _clip(address.street, 80))
    _sub(element, "PostCodeAndTown", _clip(f"{address.postal_code} {address.city}", 50))
    _sub(element, "Province", _clip(address.province or address.city, 20))
    _sub(element, "CountryCode", country)


def _text(value: str, limit: int, what: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise FacturaeError(f"{what}: empty")
    if len(text) > limit:
        raise FacturaeError(f"{what} {text[:30]!r}...: FacturaE takes at most {limit} characters")
    return text


def _clip(value: str, limit: int) -> str:
    return " ".join(value.split())[:limit].rstrip()


def _fixed(value: Decimal, places: int) -> str:
    """Exactly `places` decimals (DoubleTwoDecimalType and the amounts "always to two decimals")."""
    quantum = Decimal(1).scaleb(-places)
    if value != value.quantize(quantum):
        raise FacturaeError(f"{value} has more than {places} decimals")
    return f"{value.quantize(quantum):f}"


def _upto8(value: Decimal, what: str) -> str:
    """DoubleUpToEightDecimalType: at least two decimals for legibility, at most eight."""
    exact = value.quantize(Decimal("1E-8"))
    if exact != value:
        raise FacturaeError(f"{what} {value}: FacturaE takes at most 8 decimals")
    text = f"{exact:f}".rstrip("0")
    integer, _, decimals = text.partition(".")
    return f"{integer}.{decimals.ljust(2, '0')}"


def _rate(value: Decimal) -> str:
    return _upto8(value, "tax rate")


def _plain_number(value: Decimal) -> str:
    """xs:double without exponent: 2, 1.5, 0.125."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def _name_groups(text: str) -> list[str]:
    """Words of a name, with particles ("de la", "del", "y") joined to the word after them."""
    groups: list[str] = []
    pending: list[str] = []
    for word in text.split():
        if word.lower() in NAME_PARTICLES:
            pending.append(word)
            continue
        groups.append(" ".join([*pending, word]))
        pending = []
    if pending:
        if groups:
            groups[-1] = " ".join([groups[-1], *pending])
        else:
            groups.append(" ".join(pending))
    return groups
