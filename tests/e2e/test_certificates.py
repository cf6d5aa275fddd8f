"""The certificate store through the gateway, with the whole system running: who may upload and
read a certificate (owners, and keys an owner gave the `certificates:*` scopes), and an
expiring certificate announced once by invoicing's job on the real broker and raised once as an
alert by analytics, however often the announcement arrives."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from typing import Any

import httpx

from cartera_invoicing.certificates import service as certificates
from cartera_invoicing.certificates.samples import PASSWORD, certificate_file, make_ca
from cartera_shared.db import create_engine, session_factory
from cartera_shared.events import new_envelope, topics
from cartera_shared.testing import publish_raw, random_cif, read_topic

from .helpers import assert_problem, eventually

ADDRESS = {"street": "Calle Mayor 3", "postal_code": "28013", "city": "Madrid", "country": "ES"}
PERSON_PASSWORD = "Sierra-Nevada-2026!"
CA = make_ca()


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


async def set_issuer(tenant) -> str:
    nif = random_cif()
    answer = await tenant.client.put(
        "/v1/issuer",
        json={"legal_name": "Suministros Meseta S.L.", "tax_id": nif, "fiscal_address": ADDRESS},
    )
    assert answer.status_code == 200, answer.text
    return nif


async def upload(client: httpx.AsyncClient, data: bytes, headers=None) -> httpx.Response:
    return await client.put(
        "/v1/issuer/certificate",
        files={"file": ("certificado.p12", data, "application/x-pkcs12")},
        data={"password": PASSWORD},
        headers=headers,
    )


async def key_with(tenant, scopes: list[str]) -> dict[str, str]:
    made = await tenant.client.post(
        "/v1/api-keys", json={"name": f"key {uuid.uuid4().hex[:6]}", "scopes": scopes}
    )
    assert made.status_code == 201, made.text
    return bearer(made.json()["api_key"])


async def person_with_role(tenant, http: httpx.AsyncClient, role: str) -> dict[str, str]:
    email = f"{role}-{uuid.uuid4().hex[:6]}@meseta.es"
    added = await tenant.client.post(
        "/v1/users",
        json={"email": email, "name": role, "role": role, "password": PERSON_PASSWORD},
    )
    assert added.status_code == 201, added.text
    signed = await http.post(
        "/v1/auth/sign-in",
        json={"email": email, "password": PERSON_PASSWORD, "session": "token"},
    )
    assert signed.status_code == 200, signed.text
    return bearer(signed.json()["token"])


async def test_only_owners_and_keys_they_give_the_scope_touch_the_certificate(tenant, http):
    nif = await set_issuer(tenant)
    certificate = certificate_file(nif, ca=CA, style="entity_seal")
    accountant = await person_with_role(tenant, http, "accountant")
    invoicing_key = await key_with(tenant, ["invoices:read", "invoices:write", "clients:read"])
    reader = await key_with(tenant, ["certificates:read"])
    writer = await key_with(tenant, ["certificates:read", "certificates:write"])

    for headers in (accountant, invoicing_key, reader):
        assert_problem(await upload(http, certificate, headers), 403)
    for headers in (accountant, invoicing_key):
        assert_problem(await http.get("/v1/issuer/certificate", headers=headers), 403)
        assert_problem(await http.get("/v1/issuer/verifactu", headers=headers), 403)
        assert_problem(
            await http.put(
                f"/v1/issuer/representatives/{random_cif()}",
                json={"name": "Gestoría", "granted_on": "2026-11-02"},
                headers=headers,
            ),
            403,
        )
    assert_problem(await http.get("/v1/issuer/certificate", headers=reader), 404)

    uploaded = await upload(http, certificate, writer)
    assert uploaded.status_code == 200, uploaded.text
    shown = await http.get("/v1/issuer/certificate", headers=reader)
    assert shown.status_code == 200
    assert shown.json()["holder_nif"] == nif
    assert shown.json()["role"] == "issuer"
    assert "PRIVATE" not in shown.text
    mode = (await http.get("/v1/issuer/verifactu", headers=reader)).json()
    assert (mode["mode"], mode["submission_enabled"]) == ("own_certificate", True)
    # The gateway refuses an oversized body itself only past its own limit; the service's is
    # 64 KiB, and its 413 comes back through the gateway.
    assert_problem(await upload(http, b"\x30" * (200 * 1024), writer), 413)


async def test_an_expiring_certificate_is_announced_once_and_alerted_once(
    tenant, http, kafka_bootstrap, service_app_url
):
    nif = await set_issuer(tenant)
    uploaded = await upload(tenant.client, certificate_file(nif, ca=CA, days_left=12))
    assert uploaded.status_code == 200, uploaded.text
    certificate = uploaded.json()
    assert certificate["expiry_warned_at"] is None

    # The daily job, as two replicas of invoicing would run it, on the stack's database.
    engine = create_engine(service_app_url("invoicing"), pool_size=2)
    try:
        sessions = session_factory(engine)
        await asyncio.gather(
            certificates.warn_expiring(sessions), certificates.warn_expiring(sessions)
        )
        await certificates.warn_expiring(sessions)
    finally:
        await engine.dispose()

    def announced(records: list[Any]) -> list[dict[str, Any]]:
        found = []
        for record in records:
            envelope = json.loads(record.value)
            if envelope["data"].get("certificate_id") == certificate["id"]:
                found.append(envelope)
        return found

    records = await read_topic(
        kafka_bootstrap,
        topics.CERTIFICATE_EXPIRING,
        until=lambda rs: len(announced(rs)) >= 1,
        timeout=30,
    )
    [envelope] = announced(records)
    assert envelope["tenant_id"] == str(tenant.id)
    assert envelope["data"]["fingerprint_sha256"] == certificate["fingerprint_sha256"]
    assert envelope["data"]["days_left"] in (11, 12)

    async def alerts() -> list[dict[str, Any]]:
        answer = await tenant.client.get(
            "/v1/analytics/alerts", params={"kind": "certificate_expiring"}
        )
        assert answer.status_code == 200, answer.text
        items: list[dict[str, Any]] = answer.json()["items"]
        return items

    async def raised() -> bool:
        return len(await alerts()) >= 1

    await eventually(raised, timeout=30)
    [alert] = await alerts()
    assert alert["client_id"] is None
    assert alert["details"]["fingerprint_sha256"] == certificate["fingerprint_sha256"]
    assert alert["details"]["holder_nif"] == nif
    assert alert["period"] == certificate["not_after"][:7]
    assert alert["threshold"] == "30.0000"
    assert nif in alert["message"]

    # The announcement again: redelivered as it was, and made anew for the same certificate.
    # Then one for another certificate, on the same key (so the same partition, after them):
    # once its alert is there, the two before it have been handled too.
    again = new_envelope(
        type=topics.CERTIFICATE_EXPIRING,
        tenant_id=tenant.id,
        producer="invoicing",
        subject=certificate["id"],
        sequence=1,
        data=envelope["data"],
    )
    other_fingerprint = "f" * 64
    sentinel = new_envelope(
        type=topics.CERTIFICATE_EXPIRING,
        tenant_id=tenant.id,
        producer="invoicing",
        subject=certificate["id"],
        sequence=1,
        data={**envelope["data"], "fingerprint_sha256": other_fingerprint},
    )
    key = certificate["id"].encode()
    await publish_raw(
        kafka_bootstrap,
        topics.CERTIFICATE_EXPIRING,
        [(key, json.dumps(envelope).encode()), (key, again.to_bytes()), (key, sentinel.to_bytes())],
    )

    async def sentinel_raised() -> bool:
        return len(await alerts()) >= 2

    await eventually(sentinel_raised, timeout=30)
    listed = await alerts()
    assert sorted(a["details"]["fingerprint_sha256"] for a in listed) == sorted(
        [certificate["fingerprint_sha256"], other_fingerprint]
    )
    # And on Kafka, one alert.raised per certificate.
    raised_events = await read_topic(
        kafka_bootstrap,
        topics.ALERT_RAISED,
        until=lambda rs: False,
        timeout=3,
    )
    mine = [
        json.loads(r.value)["data"]
        for r in raised_events
        if json.loads(r.value)["tenant_id"] == str(tenant.id)
    ]
    assert sorted(a["details"]["fingerprint_sha256"] for a in mine) == sorted(
        [certificate["fingerprint_sha256"], other_fingerprint]
    )
    assert all(a["kind"] == "certificate_expiring" and a["client_id"] is None for a in mine)

    shown = (await tenant.client.get("/v1/issuer/certificate")).json()
    warned = dt.datetime.fromisoformat(shown["expiry_warned_at"])
    assert dt.datetime.now(dt.UTC) - warned < dt.timedelta(minutes=5)
