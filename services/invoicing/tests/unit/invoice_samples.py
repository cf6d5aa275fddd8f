"""Issued invoices to test documents with (FacturaE, PDF, Verifactu): realistic and lawful cases.

Every amount comes from `compute`, the domain's rounding rule; the tax ids pass their check digits
(python-stdnum); the text carries Spanish characters on purpose (á é í ó ú ñ ü ç º).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cartera_invoicing.domain.invoice import (
    Address,
    DueDate,
    IssuedInvoice,
    Line,
    Party,
    RectifiedReference,
    cents,
    check_rates,
    compute,
)

D = Decimal

WHOLESALER = Party(
    legal_name="Suministros Ibéricos del Mediterráneo, S.L.",
    tax_id="B46123451",
    country="ES",
    address=Address(
        street="Avinguda del Port, 221, nave 3",
        postal_code="46024",
        city="València",
        province="Valencia",
        country="ES",
    ),
    kind="company",
    version=3,
)

TRANSLATOR = Party(
    legal_name="Íñigo Muñoz Güell",
    tax_id="71234567W",
    country="ES",
    address=Address(
        street="Calle del Marqués de Larios, 4, 2.º izq.",
        postal_code="29005",
        city="Málaga",
        province="Málaga",
        country="ES",
    ),
    kind="self_employed",
    version=1,
)

CITY_COUNCIL = Party(
    legal_name="Ayuntamiento de Alcalá de Henares",
    tax_id="P2800500G",
    country="ES",
    address=Address(
        street="Plaza de Cervantes, 12",
        postal_code="28801",
        city="Alcalá de Henares",
        province="Madrid",
        country="ES",
    ),
    kind="public_administration",
    version=2,
)

# A retailer under the recargo de equivalencia regime (LIVA art. 154).
RETAILER = Party(
    legal_name="Begoña Núñez Sáez",
    tax_id="50123456Q",
    country="ES",
    address=Address(
        street="Plaça del Mercat, 8, bajo",
        postal_code="46800",
        city="Xàtiva",
        province="Valencia",
        country="ES",
    ),
    kind="self_employed",
    version=1,
)

FRENCH_COMPANY = Party(
    legal_name="Boulangerie Équipements SARL",
    tax_id="FR40303265045",
    country="FR",
    address=Address(
        street="12 rue de la Paix",
        postal_code="75002",
        city="Paris",
        province=None,
        country="FR",
    ),
    kind="company",
    version=1,
)

US_COMPANY = Party(
    legal_name="Acme Bakery Supplies Inc.",
    tax_id="123456789",
    country="US",
    address=Address(
        street="500 Market Street, Suite 210",
        postal_code="94105",
        city="San Francisco",
        province="CA",
        country="US",
    ),
    kind="foreign",
    version=1,
)

INTRA_EU_GOODS = (
    "E5 Exenta por el artículo 25 de la Ley 37/1992 (entrega intracomunitaria de bienes)"
)
INTRA_EU_SERVICES = (
    "N2 Operación no sujeta: artículo 69 de la Ley 37/1992 (reglas de localización); "
    "inversión del sujeto pasivo"
)
EXPORT = "E2 Exenta por el artículo 21 de la Ley 37/1992 (exportación de bienes)"


def issued(
    *,
    number: str,
    series: str,
    issuer: Party,
    recipient: Party | None,
    lines: list[Line],
    issue_date: dt.date,
    invoice_type: str = "F1",
    operation_date: dt.date | None = None,
    instalments: list[dt.date] | None = None,
    **extra: object,
) -> IssuedInvoice:
    """An issued invoice whose amounts and due dates follow from its lines, as the domain does."""
    check_rates(lines, issue_date)
    amounts = compute(lines)
    total = amounts.totals.total
    due_dates: tuple[DueDate, ...] = ()
    if instalments:
        share = cents(total / len(instalments))
        amounts_due = [share] * (len(instalments) - 1)
        amounts_due.append(total - sum(amounts_due, D(0)))
        due_dates = tuple(
            DueDate(due_on=day, amount=amount)
            for day, amount in zip(instalments, amounts_due, strict=True)
        )
    return IssuedInvoice(
        id=f"inv-{number}",
        series=series,
        number=number,
        invoice_type=invoice_type,
        issue_date=issue_date,
        operation_date=operation_date,
        issuer=issuer,
        recipient=recipient,
        lines=tuple(lines),
        amounts=amounts,
        due_dates=due_dates,
        **extra,  # type: ignore[arg-type]
    )


def public_body_invoice() -> IssuedInvoice:
    """A professional to a city council: 21 % and 4 % VAT, IRPF 15 %, two instalments."""
    return issued(
        number="T2026-000017",
        series="T2026",
        issuer=TRANSLATOR,
        recipient=CITY_COUNCIL,
        issue_date=dt.date(2026, 3, 16),
        operation_date=dt.date(2026, 2, 27),
        lines=[
            Line(
                description="Traducción jurada al inglés del pliego de condiciones "
                "(expediente 2026/113), por página",
                quantity=D(38),
                unit_price=D("42.50"),
                vat_rate=D(21),
                irpf_rate=D(15),
            ),
            Line(
                description="Revisión terminológica del glosario técnico, por hora",
                quantity=D("6.5"),
                unit_price=D("55.00"),
                discount_percent=D(10),
                vat_rate=D(21),
                irpf_rate=D(15),
            ),
            Line(
                description="Ejemplares impresos de la guía bilingüe «Alcalá, ciudad de Cervantes»",
                quantity=D(120),
                unit_price=D("3.85"),
                vat_rate=D(4),
            ),
        ],
        instalments=[dt.date(2026, 4, 15), dt.date(2026, 5, 15)],
        description="Servicios de traducción y suministro de ejemplares",
        notes="Expediente de contratación 2026/113. Pago por transferencia a "
        "ES91 2100 0418 4502 0005 1332.",
    )


def retailer_invoice() -> IssuedInvoice:
    """A wholesaler to a retailer under recargo de equivalencia: 21 % + 5.2 % and 10 % + 1.4 %."""
    return issued(
        number="F2026-000042",
        series="F2026",
        issuer=WHOLESALER,
        recipient=RETAILER,
        issue_date=dt.date(2026, 3, 2),
        lines=[
            Line(
                description="Juego de destornilladores de precisión (12 piezas)",
                quantity=D(24),
                unit_price=D("8.90"),
                vat_rate=D(21),
                surcharge_rate=D("5.2"),
            ),
            Line(
                description="Bombilla LED E27 9 W luz cálida",
                quantity=D(100),
                unit_price=D("1.355"),
                discount_percent=D(5),
                vat_rate=D(21),
                surcharge_rate=D("5.2"),
            ),
            Line(
                description="Agua mineral natural 1,5 l (pack de 6)",
                quantity=D(40),
                unit_price=D("2.10"),
                vat_rate=D(10),
                surcharge_rate=D("1.4"),
            ),
        ],
        instalments=[dt.date(2026, 4, 1)],
        description="Venta de mercaderías",
    )


def eu_company_invoice() -> IssuedInvoice:
    """Goods delivered to a French company (exempt, art. 25) and a service there (not subject)."""
    return issued(
        number="F2026-000043",
        series="F2026",
        issuer=WHOLESALER,
        recipient=FRENCH_COMPANY,
        issue_date=dt.date(2026, 3, 5),
        lines=[
            Line(
                description="Horno de convección industrial modelo HC-10",
                quantity=D(2),
                unit_price=D("3450.00"),
                vat_rate=D(0),
                exemption_reason=INTRA_EU_GOODS,
            ),
            Line(
                description="Puesta en marcha del horno en las instalaciones del cliente",
                quantity=D(1),
                unit_price=D("480.00"),
                vat_rate=D(0),
                exemption_reason=INTRA_EU_SERVICES,
            ),
        ],
        instalments=[dt.date(2026, 4, 4)],
        description="Entrega intracomunitaria de bienes y servicio de instalación",
    )


def rectifying_invoice() -> IssuedInvoice:
    """R1 by differences: ten tool sets returned from the retailer's invoice F2026-000042."""
    return issued(
        number="R2026-000003",
        series="R2026",
        invoice_type="R1",
        issuer=WHOLESALER,
        recipient=RETAILER,
        issue_date=dt.date(2026, 3, 20),
        lines=[
            Line(
                description="Devolución: juego de destornilladores de precisión (12 piezas)",
                quantity=D(-10),
                unit_price=D("8.90"),
                vat_rate=D(21),
                surcharge_rate=D("5.2"),
            ),
        ],
        description="Rectificación por devolución de mercancía",
        rectified=(RectifiedReference(number="F2026-000042", issue_date=dt.date(2026, 3, 2)),),
        rectification_kind="I",
        rectification_reason="Devolución de 10 juegos defectuosos (art. 80.Dos de la Ley 37/1992)",
    )


def simplified_invoice() -> IssuedInvoice:
    """A simplified invoice (art. 4 RD 1619/2012): no recipient."""
    return issued(
        number="S2026-000981",
        series="S2026",
        invoice_type="F2",
        issuer=WHOLESALER,
        recipient=None,
        issue_date=dt.date(2026, 3, 9),
        lines=[
            Line(description="Cinta métrica 5 m", quantity=D(1), unit_price=D("6.57")),
            Line(description="Guantes de trabajo (par)", quantity=D(2), unit_price=D("3.30")),
        ],
        description="Venta en mostrador",
    )


def export_invoice() -> IssuedInvoice:
    """An export to the United States invoiced in dollars (0.9217 euros per dollar)."""
    return issued(
        number="F2026-000044",
        series="F2026",
        issuer=WHOLESALER,
        recipient=US_COMPANY,
        issue_date=dt.date(2026, 3, 10),
        lines=[
            Line(
                description="Amasadora espiral de 60 litros",
                quantity=D(3),
                unit_price=D("2199.99"),
                vat_rate=D(0),
                exemption_reason=EXPORT,
            ),
        ],
        instalments=[dt.date(2026, 4, 9)],
        currency="USD",
        exchange_rate=D("0.9217"),
        description="Exportación de maquinaria",
    )


def long_invoice(count: int = 80) -> IssuedInvoice:
    """Many lines, at 21 % and 10 %: a document that runs over several pages."""
    lines = [
        Line(
            description=f"Artículo de ferretería ref. {n:04d}: tornillería y fijaciones surtidas",
            quantity=D(n % 7 + 1),
            unit_price=D("1.25") + D(n) / 4,
            discount_percent=D(5) if n % 5 == 0 else D(0),
            vat_rate=D(10) if n % 4 == 0 else D(21),
        )
        for n in range(1, count + 1)
    ]
    return issued(
        number="F2026-000050",
        series="F2026",
        issuer=WHOLESALER,
        recipient=RETAILER,
        issue_date=dt.date(2026, 3, 25),
        lines=lines,
        instalments=[dt.date(2026, 4, 24)],
        description="Reposición de inventario",
    )
