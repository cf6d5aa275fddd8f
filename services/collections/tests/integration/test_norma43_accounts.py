"""A Norma 43 file with several accounts (several 11..33 groups), on the real database: each
account is read, the tenant's own account (its SEPA creditor IBAN) is applied, the others are
reported and never applied; without a known own account such a file is refused, whole."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import httpx

from cartera_collections.domain.statements import same_account
from cartera_shared import business_day
from cartera_shared.testing import internal_headers

from .ledger_events import issue_invoice

OWN_IBAN = "ES9121000418450200051332"  # 2100 / 0418 / (45) / 0200051332
TODAY = business_day.today()


def record(*fields: tuple[int, str]) -> str:
    chars = [" "] * 80
    for start, text in fields:
        chars[start - 1 : start - 1 + len(text)] = text
    return "".join(chars)


def account_group(account: str, cents: int, concept: str) -> list[str]:
    """11, one credit 22 with its concept 23, and 33 for ``account`` (10 digits)."""
    day = TODAY.strftime("%y%m%d")
    amount = f"{cents:014d}"
    return [
        record(
            (1, "11"),
            (3, "2100"),
            (7, "0418"),
            (11, account),
            (21, day),
            (27, day),
            (33, "2"),
            (34, "0" * 14),
            (48, "978"),
            (51, "3"),
            (52, "TALLERES SL"),
        ),
        record(
            (1, "22"),
            (7, "0418"),
            (11, day),
            (17, day),
            (23, "02"),
            (25, "099"),
            (28, "2"),
            (29, amount),
            (43, "0000004711"),
            (65, "REF2"),
        ),
        record((1, "23"), (3, "01"), (5, concept)),
        record(
            (1, "33"),
            (3, "2100"),
            (7, "0418"),
            (11, account),
            (21, "00000"),
            (26, "0" * 14),
            (40, "00001"),
            (45, amount),
            (59, "2"),
            (60, amount),
            (74, "978"),
        ),
    ]


def norma43(*groups: list[str]) -> bytes:
    records = [r for group in groups for r in group]
    records.append(record((1, "88"), (3, "9" * 18), (21, f"{len(records):06d}")))
    return ("\r\n".join(records) + "\r\n").encode("latin-1")


async def tenant_with_invoice(app) -> tuple[dict[str, str], dict[str, Any]]:
    tenant_id = uuid.uuid4()
    headers = internal_headers(tenant_id, service="collections", scopes=("*",), subject="user:a")
    data = await issue_invoice(
        app,
        tenant_id,
        client_id=None,
        issue_date=TODAY - dt.timedelta(days=10),
        due_dates=[(TODAY, Decimal("500.00"))],
    )
    return headers, data


async def set_own_account(api, headers) -> None:
    answer = await api.put(
        "/v1/collections/sepa/creditor",
        json={"name": "Talleres SL", "iban": OWN_IBAN, "bic": "CAIXESBBXXX", "nif": "B98765431"},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text


async def post_file(api, headers, content: bytes) -> httpx.Response:
    return await api.post(
        "/v1/collections/bank-statements",
        content=content,
        headers={**headers, "content-type": "text/plain"},
    )


async def test_only_the_tenant_s_account_of_a_several_account_file_is_applied(app, api):
    headers, invoice = await tenant_with_invoice(app)
    await set_own_account(api, headers)
    concept = f"PAGO FRA {invoice['number']}"
    content = norma43(
        account_group("0200099999", 50000, concept),  # another account, listed first
        account_group("0200051332", 50000, concept),  # the tenant's
    )
    answer = await post_file(api, headers, content)
    assert answer.status_code == 201, answer.text  # was a 422 ("more than one account")
    body = answer.json()
    assert body["account"] == "2100/0418/0200051332"
    assert body["applied"] is True
    assert body["lines"]["matched"] == 1
    assert [(a["account"], a["applied"]) for a in body["accounts"]] == [
        ("2100/0418/0200099999", False),
        ("2100/0418/0200051332", True),
    ]
    other = await api.get(
        f"/v1/collections/bank-statements/{body['accounts'][0]['statement_id']}", headers=headers
    )
    assert other.json()["lines"]["other_account"] == 1
    assert [i["status"] for i in other.json()["items"]] == ["other_account"]
    assert other.json()["items"][0]["payment_id"] is None
    payments = await api.get("/v1/payments", params={"invoice_id": invoice["id"]}, headers=headers)
    assert [p["amount"] for p in payments.json()["items"]] == ["500.00"]  # once, not twice
    review = await api.get("/v1/collections/bank-statement-lines", headers=headers)
    assert review.json()["items"] == []  # the other account's line is not for review
    again = await post_file(api, headers, content)
    assert again.status_code == 409


async def test_a_several_account_file_without_a_known_own_account_is_refused_whole(app, api):
    headers, invoice = await tenant_with_invoice(app)
    concept = f"PAGO FRA {invoice['number']}"
    content = norma43(
        account_group("0200099999", 50000, concept), account_group("0200051332", 50000, concept)
    )
    answer = await post_file(api, headers, content)
    assert answer.status_code == 422, answer.text
    assert "sepa/creditor" in answer.json()["detail"]
    assert answer.json()["accounts"] == ["2100/0418/0200099999", "2100/0418/0200051332"]
    listed = await api.get("/v1/collections/bank-statements", headers=headers)
    assert listed.json()["items"] == []
    payments = await api.get("/v1/payments", params={"invoice_id": invoice["id"]}, headers=headers)
    assert payments.json()["items"] == []


def test_a_norma43_account_is_matched_to_the_iban_without_its_check_digits():
    assert same_account("2100/0418/0200051332", OWN_IBAN)
    assert same_account("2100/0418/0200051332", "es91 2100 0418 4502 0005 1332")
    assert not same_account("2100/0418/0200051333", OWN_IBAN)
    assert not same_account("2100/0419/0200051332", OWN_IBAN)
    assert not same_account("2100/0418/0200051332", "DE89370400440532013000")
    assert same_account(OWN_IBAN, OWN_IBAN.lower())
