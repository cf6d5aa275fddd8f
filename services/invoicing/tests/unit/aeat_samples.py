"""Verifactu records, stored as the service stores them, to send to the AEAT's service in tests.

Each record is made by the domain (`build_alta`, `build_anulacion`) and kept as the single-record
document `record_xml` gives, as `verifactu_records.xml` holds it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lxml import etree

from cartera_invoicing.aeat.credentials import Party as AeatParty
from cartera_invoicing.domain.invoice import Address, IssuedInvoice, Line, Party, compute
from cartera_invoicing.domain.verifactu import (
    SF_NS,
    ChainLink,
    SystemInfo,
    VerifactuRecord,
    build_alta,
    build_anulacion,
    record_xml,
)

CET = dt.timezone(dt.timedelta(hours=1))
SYSTEM = SystemInfo(
    producer_name="Cartera Software S.L.",
    producer_nif="B12345674",
    version="0.1.0",
    installation_number="cartera-test-aeat",
    only_verifactu=True,
)
ISSUER_NIF = "B46123451"
ISSUER = Party(
    legal_name="Suministros Ibéricos del Mediterráneo, S.L.",
    tax_id=ISSUER_NIF,
    country="ES",
    address=Address("Avinguda del Port, 221", "46024", "València", "Valencia", "ES"),
)
OTHER_NIF = "89890001K"
OTHER = Party(
    legal_name="Ferretería Ejemplo, S.L.",
    tax_id=OTHER_NIF,
    country="ES",
    address=Address("Calle Mayor 1", "28013", "Madrid", "Madrid", "ES"),
)
CLIENT = Party(
    legal_name="Comercial Minorista S.L.",
    tax_id="B87654321",
    country="ES",
    address=Address("Calle Real 2", "41001", "Sevilla", "Sevilla", "ES"),
)
ADVISER_NIF = "50123456Q"  # a gestoría's NIF, the representative
HEADER_ISSUER = AeatParty(ISSUER_NIF, ISSUER.legal_name)
HEADER_OTHER = AeatParty(OTHER_NIF, OTHER.legal_name)
ADVISER = AeatParty(ADVISER_NIF, "Begoña Núñez Sáez")


def invoice(
    number: str, *, issuer: Party = ISSUER, issue_date: dt.date = dt.date(2026, 3, 2)
) -> IssuedInvoice:
    lines = (Line("Tornillería inoxidable", Decimal(10), Decimal("12.50")),)
    return IssuedInvoice(
        id=number,
        series=number.split("-")[0],
        number=number,
        invoice_type="F1",
        issue_date=issue_date,
        operation_date=None,
        issuer=issuer,
        recipient=CLIENT,
        lines=lines,
        amounts=compute(lines),
        description="Venta de material de ferretería",
        rectified=(),
        rectification_kind=None,
    )


class Chain:
    """One issuer's chain of records, made one after the other as the service makes them."""

    def __init__(self, issuer: Party = ISSUER, prefix: str = "F26") -> None:
        self.issuer = issuer
        self.prefix = prefix
        self.last: ChainLink | None = None
        self.count = 0
        self.records: list[VerifactuRecord] = []
        self._clock = dt.datetime(2026, 3, 2, 9, 0, tzinfo=CET)

    def _tick(self) -> dt.datetime:
        self._clock += dt.timedelta(seconds=7)
        return self._clock

    def alta(
        self, number: str | None = None, *, issue_date: dt.date = dt.date(2026, 3, 2)
    ) -> VerifactuRecord:
        self.count += 1
        number = number or f"{self.prefix}-{self.count:06d}"
        record = build_alta(
            invoice(number, issuer=self.issuer, issue_date=issue_date),
            previous=self.last,
            generated_at=self._tick(),
            system=SYSTEM,
        )
        return self._keep(record)

    def anulacion(self, cancelled: VerifactuRecord) -> VerifactuRecord:
        record = build_anulacion(
            invoice(
                cancelled.invoice.number,
                issuer=self.issuer,
                issue_date=cancelled.invoice.issue_date,
            ),
            previous=self.last,
            generated_at=self._tick(),
            system=SYSTEM,
        )
        return self._keep(record)

    def _keep(self, record: VerifactuRecord) -> VerifactuRecord:
        self.last = ChainLink.of(record)
        self.records.append(record)
        return record

    def altas(self, count: int, **kwargs: object) -> list[bytes]:
        return [stored(self.alta(**kwargs)) for _ in range(count)]  # type: ignore[arg-type]


def stored(record: VerifactuRecord) -> bytes:
    """The document the service stores for a record (`verifactu_records.xml`)."""
    return record_xml(record)


def tamper(document: bytes, name: str, value: str) -> bytes:
    """The stored document with the first `name` element's text changed (its huella is not)."""
    root = etree.fromstring(document)
    element = root.find(f".//{{{SF_NS}}}{name}")
    assert element is not None, name
    element.text = value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def with_correction(
    document: bytes, *, prior_rejection: str | None = None, correction: str | None = "S"
) -> bytes:
    """An alta marked as a correction (Subsanacion, RechazoPrevio when given)."""
    root = etree.fromstring(document)
    alta = root.find(f".//{{{SF_NS}}}RegistroAlta")
    assert alta is not None
    name = alta.find(f"{{{SF_NS}}}NombreRazonEmisor")
    assert name is not None
    position = list(alta).index(name) + 1
    if correction:
        flag = etree.Element(f"{{{SF_NS}}}Subsanacion")
        flag.text = correction
        alta.insert(position, flag)
        position += 1
    if prior_rejection:
        prior = etree.Element(f"{{{SF_NS}}}RechazoPrevio")
        prior.text = prior_rejection
        alta.insert(position, prior)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
