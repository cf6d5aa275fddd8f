"""Cartera's Python client, start to finish: a client, an invoice, a payment, what is owed.

    pip install ./clients/python
    CARTERA_API_KEY=... python clients/python/examples/quickstart.py

It reads the gateway's address from CARTERA_BASE_URL (default http://127.0.0.1:8000, where
`make run` listens) and an API key from CARTERA_API_KEY: use a test key, whose invoices make no
real Verifactu records. On a tenant without an issuer or without the series "EX" it sets them up
first. Every answer is typed: a success is the operation's model, a refusal a ProblemDetails.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
from typing import TypeVar

from cartera_client import AuthenticatedClient
from cartera_client.api.clients import create_client, list_clients
from cartera_client.api.invoices import create_invoice
from cartera_client.api.issuer import get_issuer, put_issuer
from cartera_client.api.payments import record_payment
from cartera_client.api.receivables import list_receivables
from cartera_client.api.series import create_series, list_series
from cartera_client.models import (
    Address,
    ClientCreate,
    ClientCreateKind,
    FiscalAddress,
    InvoiceCreate,
    IssuerIn,
    LineIn,
    PaymentIn,
    ProblemDetails,
    SeriesCreate,
)

SERIES = "EX"
T = TypeVar("T")


class Refused(Exception):
    """Cartera said no: a 4xx or 5xx answer, read as its problem details (RFC 9457)."""

    def __init__(self, problem: ProblemDetails) -> None:
        super().__init__(f"{problem.status} {problem.title}: {problem.detail}")
        self.problem = problem


def accepted(answer: T | ProblemDetails | None) -> T:
    """The success model of an answer, or Refused with the problem Cartera answered."""
    if isinstance(answer, ProblemDetails):
        raise Refused(answer)
    if answer is None:  # only without raise_on_unexpected_status=True
        raise RuntimeError("an answer the API's document does not declare")
    return answer


def random_cif() -> str:
    """A valid Spanish CIF of a limited company (B…), new on each run."""
    digits = f"{secrets.randbelow(10_000_000):07d}"
    odd = sum(sum(divmod(int(d) * 2, 10)) for d in digits[0::2])
    even = sum(int(d) for d in digits[1::2])
    return f"B{digits}{(10 - (odd + even) % 10) % 10}"


def prepare_tenant(cartera: AuthenticatedClient) -> None:
    """An issuer and the series EX, each only when the tenant does not have it yet."""
    issuer = get_issuer.sync(client=cartera)
    if isinstance(issuer, ProblemDetails) and issuer.status == 404:
        address = Address(street="Calle Mayor 1", postal_code="28013", city="Madrid", country="ES")
        issuer = put_issuer.sync(
            client=cartera,
            body=IssuerIn(legal_name="Ejemplo S.L.", tax_id=random_cif(), fiscal_address=address),
        )
        print(f"issuer set up: {accepted(issuer).legal_name}")
    else:
        accepted(issuer)
    if all(series.code != SERIES for series in accepted(list_series.sync(client=cartera)).items):
        accepted(create_series.sync(client=cartera, body=SeriesCreate(code=SERIES, prefix="EX-")))
        print(f"series {SERIES} set up")


def tour(cartera: AuthenticatedClient) -> None:
    prepare_tenant(cartera)

    # 1. A client.
    tax_id = random_cif()
    client = accepted(
        create_client.sync(
            client=cartera,
            body=ClientCreate(
                kind=ClientCreateKind.COMPANY,
                legal_name=f"Talleres Ejemplo {tax_id} S.L.",
                tax_id=tax_id,
                fiscal_address=FiscalAddress(
                    street="Calle de la Industria 14", postal_code="09400", city="Aranda"
                ),
            ),
        )
    )
    print(f"client created: {client.legal_name} ({client.id})")

    # 2. An invoice, issued in the same call (it gets its number at once).
    invoice = accepted(
        create_invoice.sync(
            client=cartera,
            issue=True,
            body=InvoiceCreate(
                client_id=client.id,
                series=SERIES,
                lines=[LineIn(description="Revisión anual", quantity="3", unit_price="40.00")],
            ),
        )
    )
    print(f"invoice issued: {invoice.number} for {invoice.totals.total} {invoice.currency}")

    # 3. A partial payment. The Idempotency-Key makes a retry of this very call harmless.
    payment = accepted(
        record_payment.sync(
            client=cartera,
            idempotency_key=f"quickstart-{invoice.id}",
            body=PaymentIn(invoice_id=invoice.id, amount="45.20", paid_on=dt.date.today()),
        )
    )
    print(f"payment recorded: {payment.amount} on {payment.paid_on}")

    # 4. What is still owed on that invoice.
    page = accepted(list_receivables.sync(client=cartera, invoice_id=invoice.id))
    for receivable in page.items:
        print(
            f"receivable {receivable.invoice_number}: {receivable.status.value}, "
            f"{receivable.outstanding} {receivable.currency} outstanding"
        )

    # 5. Every client, a page at a time: each page names the cursor of the next.
    pages, clients = 0, 0
    cursor: str | None = None
    while True:
        clients_page = accepted(list_clients.sync(client=cartera, limit=10, cursor=cursor))
        pages, clients = pages + 1, clients + len(clients_page.items)
        cursor = clients_page.next_cursor
        if not cursor:
            break
    print(f"clients listed: {clients} in {pages} page(s)")

    # 6. A refusal: the same tax id again is a 409, answered as problem details.
    try:
        accepted(
            create_client.sync(
                client=cartera,
                body=ClientCreate(
                    kind=ClientCreateKind.COMPANY, legal_name="Otra S.L.", tax_id=tax_id
                ),
            )
        )
    except Refused as refused:
        print(f"refused as expected: {refused.problem.status} {refused.problem.title}")
    else:
        raise AssertionError("a second client with the same tax id was accepted")


def main() -> int:
    base_url = os.environ.get("CARTERA_BASE_URL", "http://127.0.0.1:8000")
    api_key = os.environ.get("CARTERA_API_KEY")
    if not api_key:
        print("Set CARTERA_API_KEY to an API key of your tenant (a test key).", file=sys.stderr)
        return 2
    # An answer the document does not declare raises errors.UnexpectedStatus instead of None.
    with AuthenticatedClient(
        base_url=base_url, token=api_key, raise_on_unexpected_status=True
    ) as cartera:
        try:
            tour(cartera)
        except Refused as refused:
            print(f"Cartera refused: {refused}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
