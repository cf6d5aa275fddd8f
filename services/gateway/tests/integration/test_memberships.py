"""Memberships on the real database: an owner invites a person of another business with a role,
the person accepts with their one account (or makes one), switches between businesses, and the
owner revokes them, which ends their sessions there at once; the refusals a hostile caller meets
(a non-owner inviting, another tenant's member, a tenant one does not belong to)."""

import uuid

import pytest

from cartera_gateway.main import create_app
from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
PASSWORD = "Sierra-Nevada-2026!"


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap):
    # No mail server: an invitation's token comes back in the answer, for the owner to hand over.
    application = create_app(
        GatewaySettings(
            **secret_settings(),
            CARTERA_DATABASE_URL=owner_url,
            CARTERA_DATABASE_APP_URL=app_url,
            CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
            CARTERA_CLIENTS_URL="http://127.0.0.1:1",
            CARTERA_GATEWAY_SIGN_IN_RATE_LIMIT="1000/minute",
        )
    )
    async with application.router.lifespan_context(application):
        yield application


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def new_email(who):
    return f"{who}-{uuid.uuid4().hex[:8]}@gestoria-norte.es"


async def new_company(api, name):
    email = new_email("duena")
    answer = await api.post(
        "/v1/admin/tenants",
        json={"name": name, "owner": {"email": email, "name": "Dueña", "password": PASSWORD}},
        headers=ADMIN,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    owner = await sign_in(api, email)
    return {
        "tenant_id": body["tenant_id"],
        "key": bearer(body["api_key"]),
        "owner": bearer(owner.json()["token"]),
    }


async def sign_in(api, email, password=PASSWORD, **extra):
    answer = await api.post(
        "/v1/auth/sign-in",
        json={"email": email, "password": password, "session": "token", **extra},
    )
    return answer


async def invite(api, company, email, **extra):
    return await api.post("/v1/members", json={"email": email, **extra}, headers=company["owner"])


async def test_an_accountant_joins_two_businesses_with_one_password_switches_and_is_revoked(api):
    gestoria = await new_company(api, "Gestoría Norte S.L.")
    sol = await new_company(api, "Ferretería Sol S.L.")
    mar = await new_company(api, "Panadería Mar S.L.")
    # Lucía has her account at the gestoría.
    lucia_email = new_email("lucia")
    made = await api.post(
        "/v1/users",
        json={"email": lucia_email, "name": "Lucía", "role": "accountant", "password": PASSWORD},
        headers=gestoria["key"],
    )
    assert made.status_code == 201, made.text

    invited = await invite(api, sol, lucia_email.upper())
    assert invited.status_code == 201, invited.text
    body = invited.json()
    assert (body["status"], body["role"], body["email"]) == ("invited", "accountant", lucia_email)
    assert body["mailed"] is False
    assert body["invitation_token"].startswith("cmi_")
    sol_member = body["id"]
    # The same e-mail twice is a 409, in any case of letters.
    assert (await invite(api, sol, lucia_email)).status_code == 409

    lucia = bearer((await sign_in(api, lucia_email)).json()["token"])
    accepted = await api.post(
        "/v1/auth/invitation", json={"token": body["invitation_token"]}, headers=lucia
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "active"
    # Spent: a second use is refused.
    again = await api.post(
        "/v1/auth/invitation", json={"token": body["invitation_token"]}, headers=lucia
    )
    assert again.status_code == 400
    assert again.json()["code"] == "invitation_invalid"

    token = (await invite(api, mar, lucia_email, role="read_only")).json()["invitation_token"]
    assert (
        await api.post("/v1/auth/invitation", json={"token": token}, headers=lucia)
    ).status_code == 200

    # One password: sign-in enters her own tenant and lists all three.
    signed = (await sign_in(api, lucia_email)).json()
    assert signed["tenant_id"] == gestoria["tenant_id"]
    assert {t["tenant_id"]: t["role"] for t in signed["tenants"]} == {
        gestoria["tenant_id"]: "accountant",
        sol["tenant_id"]: "accountant",
        mar["tenant_id"]: "read_only",
    }
    # Or straight into a business she belongs to.
    direct = await sign_in(api, lucia_email, tenant_id=sol["tenant_id"])
    assert direct.status_code == 200
    assert direct.json()["tenant_id"] == sol["tenant_id"]

    session = bearer(signed["token"])
    switched = await api.post(
        "/v1/auth/switch", json={"tenant_id": sol["tenant_id"]}, headers=session
    )
    assert switched.status_code == 200, switched.text
    assert switched.json()["tenant_name"] == "Ferretería Sol S.L."
    assert switched.json()["role"] == "accountant"
    in_sol = bearer(switched.json()["token"])
    # The old session ended with the switch.
    assert (await api.get("/v1/auth/me", headers=session)).status_code == 401
    me = (await api.get("/v1/auth/me", headers=in_sol)).json()
    assert me["tenant_id"] == sol["tenant_id"]
    assert me["role"] == "accountant"
    assert "invoices:write" in me["scopes"]
    assert "users:write" not in me["scopes"]

    # An accountant may neither invite nor revoke nor list members.
    assert (
        await api.post("/v1/members", json={"email": new_email("x")}, headers=in_sol)
    ).status_code == 403
    assert (await api.delete(f"/v1/members/{sol_member}", headers=in_sol)).status_code == 403
    assert (await api.get("/v1/members", headers=in_sol)).status_code == 403

    # Another business's owner cannot see or revoke Sol's member.
    assert (await api.delete(f"/v1/members/{sol_member}", headers=mar["owner"])).status_code == 404
    listed = (await api.get("/v1/members", headers=mar["owner"])).json()["items"]
    assert [m["email"] for m in listed] == [lucia_email]

    # A tenant she does not belong to, real or made up: the same 404.
    stranger = await new_company(api, "Ajena S.L.")
    for hostile in (stranger["tenant_id"], str(uuid.uuid4())):
        refused = await api.post("/v1/auth/switch", json={"tenant_id": hostile}, headers=in_sol)
        assert refused.status_code == 404, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
    assert (await sign_in(api, lucia_email, tenant_id=stranger["tenant_id"])).status_code == 401
    # API keys do not switch.
    assert (
        await api.post("/v1/auth/switch", json={"tenant_id": sol["tenant_id"]}, headers=sol["key"])
    ).status_code == 403

    # Revoked: her session in Sol ends at once, her other businesses go on.
    other = bearer(direct.json()["token"])
    revoked = await api.delete(f"/v1/members/{sol_member}", headers=sol["owner"])
    assert revoked.status_code == 200
    assert revoked.json()["status"] == "revoked"
    assert (await api.get("/v1/auth/me", headers=in_sol)).status_code == 401
    assert (await api.get("/v1/auth/me", headers=other)).status_code == 401
    assert (await sign_in(api, lucia_email, tenant_id=sol["tenant_id"])).status_code == 401
    back = (await sign_in(api, lucia_email)).json()
    assert {t["tenant_id"] for t in back["tenants"]} == {gestoria["tenant_id"], mar["tenant_id"]}
    assert (
        await api.post(
            "/v1/auth/switch", json={"tenant_id": sol["tenant_id"]}, headers=bearer(back["token"])
        )
    ).status_code == 404
    # Once revoked, she may be invited again.
    assert (await invite(api, sol, lucia_email)).status_code == 201


async def test_a_new_person_sets_a_password_and_bad_invitations_are_refused(api):
    sol = await new_company(api, "Ferretería Sol S.L.")
    email = new_email("pablo")
    for bad in ({"email": "not-an-email"}, {"email": email, "role": "boss"}, {"mail": email}):
        refused = await api.post("/v1/members", json=bad, headers=sol["owner"])
        assert refused.status_code == 422, (bad, refused.text)
    # The owner's own accounts are not invited: they are users already.
    users = (await api.get("/v1/users", headers=sol["key"])).json()["items"]
    assert (await invite(api, sol, users[0]["email"])).status_code == 409
    assert (await api.get("/v1/members", headers=sol["owner"])).json()["items"] == []

    token = (await invite(api, sol, email)).json()["invitation_token"]
    # Without a name and password a new person cannot accept; a weak password is refused.
    assert (await api.post("/v1/auth/invitation", json={"token": token})).status_code == 422
    weak = await api.post(
        "/v1/auth/invitation", json={"token": token, "name": "Pablo", "password": "123"}
    )
    assert weak.status_code == 422
    assert (
        await api.post("/v1/auth/invitation", json={"token": "cmi_made-up", "name": "P"})
    ).status_code == 400
    made = await api.post(
        "/v1/auth/invitation", json={"token": token, "name": "Pablo", "password": PASSWORD}
    )
    assert made.status_code == 200, made.text
    signed = await sign_in(api, email)
    assert signed.status_code == 200, signed.text
    assert signed.json()["tenant_id"] == sol["tenant_id"]
    assert signed.json()["role"] == "accountant"

    # Someone else's session cannot take an invitation meant for another address.
    other = new_email("otra")
    token = (await invite(api, sol, other)).json()["invitation_token"]
    taken = await api.post(
        "/v1/auth/invitation", json={"token": token}, headers=bearer(signed.json()["token"])
    )
    assert taken.status_code == 403
    # An e-mail with an account signs in first instead of making a second one.
    otra = await new_company(api, "Otra S.L.")
    token = (await invite(api, otra, email)).json()["invitation_token"]
    twice = await api.post(
        "/v1/auth/invitation", json={"token": token, "name": "Pablo", "password": PASSWORD}
    )
    assert twice.status_code == 409
