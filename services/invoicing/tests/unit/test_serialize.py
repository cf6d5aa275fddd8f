import datetime as dt
from decimal import Decimal as D

from cartera_invoicing.domain.invoice import (
    Address,
    IssuedInvoice,
    Line,
    Party,
    RectifiedReference,
    compute,
)
from cartera_invoicing.domain.serialize import invoice_from_json, to_json
from cartera_invoicing.domain.terms import due_dates


def test_an_issued_invoice_survives_json_exactly():
    lines = (
        Line("Mantenimiento", D("2"), D("150.00")),
        Line("Material", D("1"), D("40"), D("5"), D("10"), D("1.4"), D("15")),
    )
    amounts = compute(lines)
    invoice = IssuedInvoice(
        id="1",
        series="R",
        number="R2026-00001",
        invoice_type="R4",
        issue_date=dt.date(2026, 11, 28),
        operation_date=dt.date(2026, 11, 1),
        issuer=Party(
            "Emisor S.L.",
            "B12345674",
            "ES",
            Address("C/ A 1", "46001", "Valencia", "Valencia", "ES"),
        ),
        recipient=Party("Cliente S.A.", "A58818501", "ES", None, version=3),
        lines=lines,
        amounts=amounts,
        rectified=(RectifiedReference("F2026-00007", dt.date(2026, 10, 2)),),
        rectification_kind="I",
        due_dates=due_dates(dt.date(2026, 11, 28), amounts.totals.total, instalments=2),
    )
    assert invoice_from_json(to_json(invoice)) == invoice
