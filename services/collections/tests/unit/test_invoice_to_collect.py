"""A receivable is made of the same figures whether they come from `invoice.issued` or from the
invoicing service's answer about the invoice: the event, when it comes, must find nothing new."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from cartera_collections.ledger import InvoiceToCollect, UnusableInvoice

INVOICE = str(uuid.uuid4())
CLIENT = str(uuid.uuid4())
DUES = [
    {"due_on": "2026-01-31", "amount": "60.51"},
    {"due_on": "2026-03-02", "amount": "60.50"},
]
# The parts both carry alike (the printed invoice and the API's reading of it).
COMMON = {
    "id": INVOICE,
    "number": "F2026-00007",
    "client_id": CLIENT,
    "issue_date": "2026-01-01",
    "currency": "EUR",
    "due_dates": DUES,
}
EVENT = {**COMMON, "amounts": {"totals": {"total": "121.01"}, "breakdown": []}}
READ = {**COMMON, "status": "issued", "totals": {"total": "121.01", "vat": "21.00"}}


def test_the_event_and_the_invoice_as_read_make_the_same_receivable():
    from_event = InvoiceToCollect.from_event(EVENT)
    assert from_event == InvoiceToCollect.from_invoice_read(READ)
    assert from_event.total == Decimal("121.01")
    assert from_event.due_dates == (
        (dt.date(2026, 1, 31), Decimal("60.51")),
        (dt.date(2026, 3, 2), Decimal("60.50")),
    )
    assert from_event.client_id == uuid.UUID(CLIENT)


def test_a_simplified_invoice_has_no_client_and_a_zero_total_no_due_dates():
    zero = InvoiceToCollect.from_invoice_read(
        {**READ, "client_id": None, "totals": {"total": "0.00"}, "due_dates": []}
    )
    assert (zero.client_id, zero.total, zero.due_dates) == (None, Decimal("0.00"), ())


@pytest.mark.parametrize(
    "broken",
    [
        {**READ, "due_dates": DUES[:1]},  # the due dates miss the total
        {k: v for k, v in READ.items() if k != "number"},
        {k: v for k, v in READ.items() if k != "totals"},
        {**READ, "totals": {"total": "many"}},
        {**READ, "issue_date": "yesterday"},
        {**READ, "id": "not-an-id"},
        {**READ, "due_dates": [{"due_on": "2026-01-31"}]},
        {**READ, "due_dates": None},
    ],
)
def test_an_invoice_without_what_a_receivable_needs_is_refused(broken):
    with pytest.raises(UnusableInvoice):
        InvoiceToCollect.from_invoice_read(broken)


def test_an_event_without_its_amounts_is_refused():
    with pytest.raises(UnusableInvoice):
        InvoiceToCollect.from_event({**COMMON})
