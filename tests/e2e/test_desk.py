"""The accountant's desk through the running gateway and the real services: an accountant of a
gestoría invited into two businesses sees both on her desk, each line with its own figures."""

import asyncio
import re
import uuid

import httpx

PASSWORD = "Sierra-Nevada-2026!"


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


async def mailed_token(mailbox, to):
    """The invitation token mailed to `to` (the e2e stack has a mail server: tokens are mailed,
    never answered)."""
    for _ in range(100):
        for message in mailbox.messages:
            if message["To"] == to:
                mailbox.messages.remove(message)
                found = re.search(r"token=(cmi_[A-Za-z0-9_-]+)", message.get_body().get_content())
                assert found, message
                return found.group(1)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no invitation mailed to {to}")


async def accountant_of(gestoria, http, mailbox, *businesses):
    email = f"lucia-{uuid.uuid4().hex[:8]}@gestoria.es"
    made = await gestoria.client.post(
        "/v1/users",
        json={"email": email, "name": "Lucía", "role": "accountant", "password": PASSWORD},
    )
    assert made.status_code == 201, made.text
    signed = await http.post(
        "/v1/auth/sign-in", json={"email": email, "password": PASSWORD, "session": "token"}
    )
    assert signed.status_code == 200, signed.text
    session = bearer(signed.json()["token"])
    for business in businesses:
        invited = await business.client.post("/v1/members", json={"email": email})
        assert invited.status_code == 201, invited.text
        assert invited.json()["mailed"] is True
        assert invited.json()["invitation_token"] is None
        accepted = await http.post(
            "/v1/auth/invitation",
            json={"token": await mailed_token(mailbox, email)},
            headers=session,
        )
        assert accepted.status_code == 200, accepted.text
    return session


async def test_an_accountant_of_two_businesses_sees_both_on_her_desk(
    stack, http, mailbox, tenant, other_tenant
):
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=30) as admin:
        made = await admin.post(
            "/v1/admin/tenants",
            json={"name": "Gestoría Norte"},
            headers={"Authorization": f"Bearer {stack.admin_token}"},
        )
    gestoria = type(tenant)(
        uuid.UUID(made.json()["tenant_id"]),
        made.json()["api_key"],
        httpx.AsyncClient(
            base_url=stack.gateway,
            timeout=30,
            headers={"Authorization": f"Bearer {made.json()['api_key']}"},
        ),
    )
    try:
        session = await accountant_of(gestoria, http, mailbox, tenant, other_tenant)
        answer = await http.get("/v1/desk", headers=session)
    finally:
        await gestoria.client.aclose()
    assert answer.status_code == 200, answer.text
    lines = {line["tenant_id"]: line for line in answer.json()["lines"]}
    assert set(lines) == {
        str(tenant.id),
        str(other_tenant.id),
        str(gestoria.id),
    }
    for line in lines.values():
        assert line["role"] == "accountant"
        # Nothing issued, nothing owed: the real services answered zeros, not nulls.
        assert line["verifactu"] == {"rejected": 0, "waiting": 0, "sending_blocked": None}, line
        assert line["overdue"] == {"clients": 0, "amount": "0.00"}, line
        assert line["modelo_347"]["declarable"] == 0, line
        assert not {
            "verifactu",
            "overdue",
            "modelo_347",
            "bank_lines",
            "returned_debits",
        } & set(line["unavailable"])


async def test_the_desk_shows_the_quarter_tax_figures_from_analytics(
    stack, http, tenant, other_tenant
):
    answer = await tenant.client.get("/v1/desk")
    assert answer.status_code == 200, answer.text
    (line,) = answer.json()["lines"]
    assert "tax" not in line["unavailable"], line
    for name in ("taxable_base_total", "vat_total", "surcharge_total", "irpf_withheld_total"):
        assert line["tax"][name] == "0.00", line
