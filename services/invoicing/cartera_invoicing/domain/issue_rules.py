"""What RD 1619/2012 (Reglamento de facturación) asks of an invoice before it is issued.

- Art. 4.1.a: a simplified invoice (Verifactu F2) up to 400 € VAT included; art. 4.2: up to
  3,000 € in the activities it lists, which the tenant declares in its issuer data. A rectifying
  invoice may always be simplified (art. 4.1.b), so R5 has no limit.
- Art. 4.3: operations that never go on a simplified invoice; Cartera refuses the two it can see
  on a line, the exempt intra-EU delivery of goods (art. 25 LIVA, Verifactu E5) and the
  operation whose recipient is the taxpayer (reverse charge, S2).
- Art. 7.2: when the buyer asks for it (a business that deducts the VAT, or anyone who needs it
  for a tax right), the simplified invoice also carries the recipient's NIF and address and the
  tax amount shown apart. In Cartera, a simplified invoice with a client is that request.
- Art. 6.1.e: a full invoice carries the recipient's address.

See docs/compliance.md, "Invoices", for what each rule rests on and what was not verified.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, get_args

from cartera_invoicing.domain.invoice import (
    ZERO_RATE_CODE,
    Amounts,
    InvalidInvoice,
    Line,
    Party,
    cents,
)

SIMPLIFIED_TYPES = frozenset({"F2", "R5"})
SIMPLIFIED_LIMIT = Decimal("400.00")  # art. 4.1.a
SIMPLIFIED_LIMIT_LISTED_ACTIVITY = Decimal("3000.00")  # art. 4.2

# Art. 4.2 a) to n), in its order.
SimplifiedActivity = Literal[
    "retail",  # a) ventas al por menor
    "itinerant_sales",  # b) ventas o servicios en ambulancia
    "home_sales",  # c) ventas o servicios a domicilio del consumidor
    "passenger_transport",  # d) transportes de personas y sus equipajes
    "hospitality",  # e) hostelería y restauración, comidas y bebidas para consumir en el acto
    "dance_halls",  # f) salas de baile y discotecas
    "public_telephones",  # g) cabinas telefónicas y tarjetas sin identificación del portador
    "hairdressing_beauty",  # h) peluquería e institutos de belleza
    "sports_facilities",  # i) utilización de instalaciones deportivas
    "photography",  # j) revelado de fotografías y estudios fotográficos
    "parking",  # k) aparcamiento y estacionamiento de vehículos
    "film_rental",  # l) alquiler de películas
    "dry_cleaning_laundry",  # m) tintorería y lavandería
    "toll_motorways",  # n) utilización de autopistas de peaje
]
SIMPLIFIED_ACTIVITIES: tuple[str, ...] = get_args(SimplifiedActivity)

# Art. 4.3: the Verifactu codes of lines that cannot go on a simplified invoice.
NOT_ON_SIMPLIFIED = {
    "E5": "an exempt intra-EU delivery of goods (art. 25 LIVA)",
    "S2": "an operation whose recipient pays the tax (reverse charge)",
}


def simplified_limit(activity: str | None) -> Decimal:
    return SIMPLIFIED_LIMIT_LISTED_ACTIVITY if activity else SIMPLIFIED_LIMIT


def check_simplified(
    *,
    invoice_type: str,
    amounts: Amounts,
    exchange_rate: Decimal | None,
    lines: tuple[Line, ...],
    recipient: Party | None,
    activity: str | None,
) -> None:
    """The limits and contents of a simplified invoice (F2); nothing for other types."""
    if invoice_type != "F2":
        return
    limit = simplified_limit(activity)
    amount = amounts.totals.invoice_amount  # VAT (and recargo) included, before withholding
    in_euros = cents(amount * exchange_rate) if exchange_rate is not None else amount
    if in_euros > limit:
        because = (
            f"the issuer declared an activity of art. 4.2 ({activity})"
            if activity
            else "the issuer declared no activity of art. 4.2 (PUT /v1/issuer, "
            "simplified_invoice_activity), which would raise it to 3,000 €"
        )
        raise InvalidInvoice(
            f"A simplified invoice can be issued up to {limit} € VAT included "
            f"(RD 1619/2012 art. 4; {because}); this one's total is {in_euros} €. "
            "Issue it as a full invoice, in an ordinary series.",
            field="totals.total",
        )
    for index, line in enumerate(lines):
        code = ZERO_RATE_CODE.match(line.exemption_reason or "") if line.vat_rate == 0 else None
        if code is not None and code.group(1) in NOT_ON_SIMPLIFIED:
            raise InvalidInvoice(
                f"line {index + 1} is {NOT_ON_SIMPLIFIED[code.group(1)]}, which never goes on "
                "a simplified invoice (RD 1619/2012 art. 4.3); issue a full invoice.",
                field=f"lines[{index}].exemption_reason",
            )
    if recipient is not None:
        # Art. 7.2: the buyer asked for an invoice in its name; the tax is shown apart on
        # every Cartera invoice, its NIF and address must be there.
        if not (recipient.tax_id or "").strip():
            raise InvalidInvoice(
                "A simplified invoice made out to a client carries the client's tax id "
                "(RD 1619/2012 art. 7.2); add it to the client (PATCH /v1/clients/{id}).",
                field="client.tax_id",
            )
        if recipient.address is None:
            raise InvalidInvoice(
                "A simplified invoice made out to a client carries the client's address "
                "(RD 1619/2012 art. 7.2); add the client's fiscal_address "
                "(PATCH /v1/clients/{id}), or issue the simplified invoice without a client.",
                field="client.fiscal_address",
            )


def check_recipient_address(*, invoice_type: str, recipient: Party | None) -> None:
    """A full invoice carries its recipient's address (art. 6.1.e), whoever the recipient is:
    the article makes no exception; an invoice without the buyer's data is a simplified one."""
    if invoice_type in SIMPLIFIED_TYPES or recipient is None:
        return
    if recipient.address is None:
        raise InvalidInvoice(
            f"A full invoice carries the recipient's address (RD 1619/2012 art. 6.1.e), and "
            f"client {recipient.legal_name!r} has no fiscal_address: add it "
            "(PATCH /v1/clients/{id}) and issue again.",
            field="client.fiscal_address",
        )
