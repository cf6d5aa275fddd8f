"""Inbound messages through the crm app: a signed message from a known sender is logged for its
client, one from an unknown sender waits in triage; every refusal writes nothing."""

from __future__ import annotations

import json
import time
import uuid

from cartera_crm.domain import signing
from cartera_shared.pagination import encode_position
from cartera_shared.paging_testing import assert_refuses_bad_paging, walk_pages

from .tenants import as_tenant, field_of, problem


def inbound(tenant_id):
    return as_tenant(tenant_id, scopes=("crm:inbound",))


def signed(secret, payload, *, at=None, tenant_id=None):
    body = json.dumps(payload).encode()
    timestamp = str(int(at if at is not None else time.time()))
    headers = {
        "content-type": "application/json",
        "X-Cartera-Timestamp": timestamp,
        "X-Cartera-Signature": "sha256=" + signing.sign(secret, timestamp, body),
    }
    return body, headers


def a_message(sender="Compras <COMPRAS@cliente.es>", **more):
    return {
        "message_id": f"<{uuid.uuid4()}@cliente.es>",
        "from": sender,
        "subject": "Duplicado",
        "text": "¿Me reenvían la factura de noviembre?",
        **more,
    }


async def secret_of(crm, tenant):
    rotated = await crm.post("/v1/crm/inbound-secret", headers=tenant.headers)
    assert rotated.status_code == 201, rotated.text
    assert set(rotated.json()["endpoints"]) == {"generic", "mailgun"}
    return rotated.json()["secret"]


async def send(crm, tenant, secret, payload, **signing_options):
    body, headers = signed(secret, payload, **signing_options)
    return await crm.post(
        f"/v1/inbound/{tenant.id}/generic",
        content=body,
        headers={**headers, **inbound(tenant.id)},
    )


async def test_a_message_from_a_known_sender_is_logged_once_for_its_client(crm, tenant):
    secret = await secret_of(crm, tenant)
    message = a_message()
    received = await send(crm, tenant, secret, message)
    assert received.status_code == 202, received.text
    body = received.json()
    assert (body["status"], body["kind"], body["client_id"]) == (
        "logged",
        "interaction",
        str(tenant.client_id),
    )
    logged = (await crm.get(f"/v1/interactions/{body['id']}", headers=tenant.headers)).json()
    assert (logged["source"], logged["direction"], logged["outcome"]) == (
        "inbound",
        "inbound",
        "follow_up",
    )
    problem(await send(crm, tenant, secret, message), 409)  # the same message id again
    assert await tenant.count("interactions") == 1
    # A phone number matches on its last nine digits; web forms open requests.
    form = await send(crm, tenant, secret, a_message("0034600111222", channel="web_form"))
    assert form.json()["kind"] == "request"


async def test_an_unknown_sender_waits_in_triage_until_filed_under_a_client(crm, tenant):
    secret = await secret_of(crm, tenant)
    received = await send(crm, tenant, secret, a_message("nadie@otra.es"))
    assert received.json()["status"] == "triaged"
    assert "client_id" not in received.json()
    [item] = (await crm.get("/v1/crm/triage", headers=tenant.headers)).json()["items"]
    assert (item["from"], item["reason"], item["status"]) == (
        "nadie@otra.es",
        "unknown_sender",
        "pending",
    )
    path = f"/v1/crm/triage/{item['id']}"
    refused = problem(
        await crm.post(
            f"{path}/assign", json={"client_id": str(uuid.uuid4())}, headers=tenant.headers
        ),
        422,
    )
    assert ["body", "client_id"] in field_of(refused)
    assigned = await crm.post(
        f"{path}/assign",
        json={"client_id": str(tenant.client_id), "create": "request"},
        headers=tenant.headers,
    )
    assert assigned.status_code == 200, assigned.text
    assert (assigned.json()["status"], assigned.json()["resolved_kind"]) == ("assigned", "request")
    problem(await crm.post(f"{path}/dismiss", headers=tenant.headers), 409)
    problem(await crm.post(f"/v1/crm/triage/{uuid.uuid4()}/dismiss", headers=tenant.headers), 404)
    assert await tenant.count("requests") == 1


async def test_unsigned_stale_foreign_or_bad_messages_are_refused_and_write_nothing(crm, tenant):
    path = f"/v1/inbound/{tenant.id}/generic"
    body, headers = signed("whsec_x", a_message())
    # No secret yet.
    problem(await crm.post(path, content=body, headers={**headers, **inbound(tenant.id)}), 401)
    secret = await secret_of(crm, tenant)
    problem(await send(crm, tenant, "whsec_not-the-secret", a_message()), 401)
    problem(await send(crm, tenant, secret, a_message(), at=time.time() - 3600), 401)
    # Signed, but another tenant's identity delivers it.
    body, headers = signed(secret, a_message())
    problem(await crm.post(path, content=body, headers={**headers, **inbound(uuid.uuid4())}), 403)
    # Signed, but not a message: no text, an unknown channel, a body that is not JSON.
    for payload in (
        {k: v for k, v in a_message().items() if k != "text"},
        a_message(channel="fax"),
    ):
        problem(await send(crm, tenant, secret, payload), 422)
    timestamp = str(int(time.time()))
    garbage = b"not json"
    headers = {
        "X-Cartera-Timestamp": timestamp,
        "X-Cartera-Signature": signing.sign(secret, timestamp, garbage),
    }
    problem(await crm.post(path, content=garbage, headers={**headers, **inbound(tenant.id)}), 422)
    huge = a_message(text="x" * (300 * 1024))
    problem(await send(crm, tenant, secret, huge), 413)
    problem(await crm.post(f"/v1/inbound/{tenant.id}/fax", headers=inbound(tenant.id)), 422)
    for table in ("interactions", "requests", "triage_items", "inbound_messages"):
        assert await tenant.count(table) == 0, table


async def test_triage_pages_newest_first_each_once_while_messages_arrive(crm, tenant):
    secret = await secret_of(crm, tenant)
    for n in range(5):
        received = await send(crm, tenant, secret, a_message(f"nadie{n}@otra.es"))
        assert received.json()["status"] == "triaged"
    before = (await crm.get("/v1/crm/triage", headers=tenant.headers)).json()["items"]

    async def another(page: int) -> None:
        await send(crm, tenant, secret, a_message(f"tarde{page}@otra.es"))

    seen = await walk_pages(crm, "/v1/crm/triage", tenant.headers, limit=2, between=another)
    # Newer than every cursor: what arrives while reading is on the first page of a new read.
    assert [i["id"] for i in seen] == [i["id"] for i in before]
    assert [i["received_at"] for i in seen] == sorted(
        (i["received_at"] for i in seen), reverse=True
    )
    first = (await crm.get("/v1/crm/triage", params={"limit": 1}, headers=tenant.headers)).json()
    await assert_refuses_bad_paging(
        crm, "/v1/crm/triage", tenant.headers, valid=first["next_cursor"]
    )
    for limit in ("10001", "abc"):
        answer = await crm.get("/v1/crm/triage", params={"limit": limit}, headers=tenant.headers)
        assert answer.status_code == 422, answer.text
    forged = encode_position("triage", "yesterday", str(uuid.uuid4()))
    answer = await crm.get("/v1/crm/triage", params={"cursor": forged}, headers=tenant.headers)
    assert (answer.status_code, answer.json()["errors"][0]["loc"]) == (422, ["query", "cursor"])
