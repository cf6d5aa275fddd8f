"""SEPA Core sequence types and mandate expiry, on the real database.

- A mandate's first collection (FRST) is the only one of that mandate in its file, and no second
  FRST goes out in another remittance before the first one is confirmed: the rest wait and go
  as RCUR once it is collected.
- A mandate unused for 36 months (since its latest collection, or its signature) has expired
  (EPC SDD Core Rulebook): nothing is collected under it, and it is marked expired.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import httpx
from lxml import etree

from cartera_collections.domain.sepa import mandate_expires_on
from cartera_collections.models import client_replicas
from cartera_collections.xml_schemas import PAIN_008_XSD
from cartera_shared import business_day
from cartera_shared.db import tenant_transaction
from cartera_shared.events.clients import ClientState
from cartera_shared.replicas import upsert_client_replica
from cartera_shared.testing import internal_headers

from .ledger_events import issue_invoice

TODAY = business_day.today()
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}


async def debtor(app, api, signed_on: dt.date) -> tuple[uuid.UUID, dict[str, str], str]:
    """A tenant with a creditor, a company client and its mandate signed on ``signed_on``."""
    tenant_id = uuid.uuid4()
    headers = internal_headers(tenant_id, service="collections", scopes=("*",), subject="user:a")
    client_id = uuid.uuid4()
    state = ClientState(
        id=client_id,
        version=1,
        legal_name="Ferretería Sur SL",
        kind="company",
        tax_id="B1",
        country="ES",
    )
    async with tenant_transaction(app.state.runtime.sessions, tenant_id) as session:
        await upsert_client_replica(session, client_replicas, tenant_id, state, uuid.uuid4())
    creditor = await api.put(
        "/v1/collections/sepa/creditor",
        json={
            "name": "Instalaciones Levante S.L.",
            "iban": "ES9121000418450200051332",
            "bic": "CAIXESBBXXX",
            "nif": "B98765431",
        },
        headers=headers,
    )
    assert creditor.status_code == 200, creditor.text
    reference = f"MND-{uuid.uuid4().hex[:8]}"
    mandate = await api.post(
        "/v1/collections/mandates",
        json={
            "client_id": str(client_id),
            "reference": reference,
            "signed_on": signed_on.isoformat(),
            "debtor_name": "Ferretería Sur SL",
            "iban": "ES7921000813610123456789",
        },
        headers=headers,
    )
    assert mandate.status_code == 201, mandate.text
    await issue(app, tenant_id, client_id, instalments=2)
    return tenant_id, headers, reference


async def issue(app, tenant_id, client_id, instalments: int) -> None:
    issued = TODAY - dt.timedelta(days=90)
    dues = [
        (issued + dt.timedelta(days=30 * n), Decimal("100.00")) for n in range(1, instalments + 1)
    ]
    await issue_invoice(app, tenant_id, client_id=client_id, issue_date=issued, due_dates=dues)


async def sequence_types(api, headers, remittance_id) -> list[str]:
    xml = await api.get(f"/v1/collections/remittances/{remittance_id}/xml", headers=headers)
    parser = etree.XMLParser(no_network=True)
    document = etree.fromstring(xml.content, parser)
    schema = etree.XMLSchema(etree.parse(str(PAIN_008_XSD), parser))
    assert schema.validate(document), schema.error_log
    return [
        seq.text
        for info in document.iterfind("p:CstmrDrctDbtInitn/p:PmtInf", NS)
        for seq in info.iterfind("p:PmtTpInf/p:SeqTp", NS)
        for _ in info.iterfind("p:DrctDbtTxInf", NS)
    ]


async def remit(api, headers) -> httpx.Response:
    return await api.post(
        "/v1/collections/remittances",
        json={"collection_date": TODAY.isoformat()},
        headers=headers,
    )


async def test_one_first_collection_per_mandate_until_it_is_confirmed(app, api):
    _, headers, _ = await debtor(app, api, TODAY - dt.timedelta(days=100))
    first = await remit(api, headers)
    assert first.status_code == 201, first.text
    assert first.json()["count"] == 1  # was 2, both FRST, in one file
    assert [d["reason"] for d in first.json()["deferred"]] == [
        "first_collection_in_this_remittance"
    ]
    assert await sequence_types(api, headers, first.json()["id"]) == ["FRST"]

    # A second remittance before the bank confirms the first: no second FRST.
    early = await remit(api, headers)
    assert early.status_code == 422, early.text
    assert [d["reason"] for d in early.json()["deferred"]] == ["first_collection_not_yet_confirmed"]

    confirmed = await api.post(
        f"/v1/collections/remittances/{first.json()['id']}/confirm", headers=headers
    )
    assert confirmed.status_code == 200
    then = await remit(api, headers)
    assert then.status_code == 201, then.text
    assert then.json()["deferred"] == []
    assert await sequence_types(api, headers, then.json()["id"]) == ["RCUR"]


async def test_a_mandate_unused_for_36_months_has_expired(app, api):
    signed = TODAY - dt.timedelta(days=3 * 366 + 1)  # more than 36 months ago, never used
    _, headers, reference = await debtor(app, api, signed)
    refused = await remit(api, headers)
    assert refused.status_code == 422, refused.text
    deferred = refused.json()["deferred"]
    assert {d["reason"] for d in deferred} == {"mandate_expired"}
    assert deferred[0]["mandate_reference"] == reference
    assert deferred[0]["mandate_expired_on"] == mandate_expires_on(signed, None).isoformat()


def test_expiry_counts_36_months_from_the_latest_collection():
    signed = dt.date(2020, 1, 15)
    assert mandate_expires_on(signed, None) == dt.date(2023, 1, 15)
    assert mandate_expires_on(signed, dt.date(2024, 2, 29)) == dt.date(2027, 2, 28)
    assert mandate_expires_on(signed, dt.date(2023, 8, 31)) == dt.date(2026, 8, 31)
