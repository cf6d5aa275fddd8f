"""People and partners at the door: API keys with scopes, sessions with CSRF, roles, lock-outs,
rate limits. All through the running gateway with the real services behind it."""

import asyncio
import datetime as dt
import re
import uuid

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import text

from cartera_shared.db import create_engine

from .helpers import assert_problem, client_payload

PASSWORD = "Sierra-Nevada-2026!"


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


async def make_key(tenant, scopes, **extra):
    answer = await tenant.client.post(
        "/v1/api-keys", json={"name": f"key {uuid.uuid4().hex[:6]}", "scopes": scopes, **extra}
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_a_key_does_what_its_scopes_allow_and_nothing_more(tenant, http):
    created = await make_key(tenant, ["clients:read"])
    assert created["api_key"].startswith(created["prefix"] + "_")
    reader = bearer(created["api_key"])
    assert (await http.get("/v1/clients", headers=reader)).status_code == 200
    refused = await http.post("/v1/clients", json=client_payload(), headers=reader)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert (await http.get("/v1/invoices", headers=reader)).status_code == 403
    assert (await http.get("/v1/api-keys", headers=reader)).status_code == 403

    listed = (await tenant.client.get("/v1/api-keys")).json()["items"]
    mine = next(k for k in listed if k["id"] == created["id"])
    assert "api_key" not in mine
    assert "secret_hash" not in mine
    assert (mine["prefix"], mine["scopes"]) == (created["prefix"], ["clients:read"])
    assert mine["created_by"].startswith("api_key:")
    await asyncio.sleep(0)  # last_used_at is written on use
    assert (await tenant.client.get(f"/v1/api-keys/{created['id']}")).json()["last_used_at"]


async def test_keys_are_revoked_at_once_and_expire(tenant, other_tenant, http):
    created = await make_key(tenant, ["clients:read"])
    assert (
        await other_tenant.client.delete(f"/v1/api-keys/{created['id']}")
    ).status_code == 404  # another tenant's key
    assert (await http.get("/v1/clients", headers=bearer(created["api_key"]))).status_code == 200
    assert (await tenant.client.delete(f"/v1/api-keys/{created['id']}")).status_code == 204
    assert (await tenant.client.delete(f"/v1/api-keys/{created['id']}")).status_code == 204
    revoked = await http.get("/v1/clients", headers=bearer(created["api_key"]))
    assert revoked.status_code == 401

    soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
    short_lived = await make_key(tenant, ["clients:read"], expires_at=soon.isoformat())
    assert (
        await http.get("/v1/clients", headers=bearer(short_lived["api_key"]))
    ).status_code == 200
    await asyncio.sleep(2.5)
    assert (
        await http.get("/v1/clients", headers=bearer(short_lived["api_key"]))
    ).status_code == 401


async def test_bad_key_requests_are_refused(tenant, http):
    now = dt.datetime.now(dt.UTC)
    yesterday = (now - dt.timedelta(days=1)).isoformat()
    in_three_years = (now + dt.timedelta(days=3 * 366)).isoformat()
    for body in (
        {"name": "x", "scopes": []},
        {"name": "x", "scopes": ["clients:delete"]},
        {"name": "x", "scopes": ["root"]},
        {"name": "", "scopes": ["clients:read"]},
        {"name": "x", "scopes": ["clients:read"], "expires_at": yesterday},
        {"name": "x", "scopes": ["clients:read"], "expires_at": "2030-01-01T00:00:00"},
        {"name": "x", "scopes": ["clients:read"], "expires_at": in_three_years},
        {"name": "x", "scopes": ["clients:read"], "admin": True},
        {"name": "x", "scopes": ["clients:read"], "rate_limit_per_minute": 0},
    ):  # fmt: skip
        answer = await tenant.client.post("/v1/api-keys", json=body)
        assert answer.status_code == 422, (body, answer.text)
    # A key cannot mint a key with more than it holds.
    minter = await make_key(tenant, ["api-keys:write", "clients:read"])
    escalation = await http.post(
        "/v1/api-keys",
        json={"name": "x", "scopes": ["invoices:write"]},
        headers=bearer(minter["api_key"]),
    )
    assert escalation.status_code == 403
    for header in ("Bearer ck_nope_nope", "Bearer x", "Basic abc", "Bearer cs_unknown-session"):
        answer = await http.get("/v1/clients", headers={"Authorization": header})
        assert answer.status_code == 401, header
    assert (await http.get("/v1/clients")).status_code == 401


async def test_a_key_over_its_rate_limit_gets_429_with_retry_after(tenant, http):
    limited = await make_key(tenant, ["clients:read"], rate_limit_per_minute=3)
    answers = [await http.get("/v1/clients", headers=bearer(limited["api_key"])) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[-1].headers["Retry-After"]) <= 60
    assert answers[-1].json()["type"].endswith("rate-limited")
    # The tenant's other credentials are not held back by this key's budget.
    assert (await tenant.client.get("/v1/clients")).status_code == 200


@pytest.fixture
async def company(stack):
    """A tenant created with its owner, as a SaaS sign-up does."""
    email = f"duena-{uuid.uuid4().hex[:8]}@levante.es"
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=30) as admin:
        answer = await admin.post(
            "/v1/admin/tenants",
            json={
                "name": "Levante S.L.",
                "owner": {"email": email, "name": "María Llorens", "password": PASSWORD},
            },
            headers=bearer(stack.admin_token),
        )
    assert answer.status_code == 201, answer.text
    return answer.json() | {"email": email}


async def sign_in(http, email, password=PASSWORD, session="cookie"):
    return await http.post(
        "/v1/auth/sign-in", json={"email": email, "password": password, "session": session}
    )


async def test_a_person_signs_in_with_a_cookie_and_csrf_token(stack, company):
    async with httpx.AsyncClient(base_url=stack.gateway, timeout=30) as browser:
        signed = await sign_in(browser, company["email"])
        assert signed.status_code == 200, signed.text
        cookie = signed.headers["set-cookie"].lower()
        assert "httponly" in cookie
        assert "samesite=lax" in cookie
        assert "token" not in signed.json()  # the session token stays in the HttpOnly cookie
        csrf = signed.json()["csrf_token"]
        me = (await browser.get("/v1/auth/me")).json()
        assert (me["user"]["role"], me["tenant_id"]) == ("owner", company["tenant_id"])
        assert me["csrf_token"] == csrf
        assert (await browser.get("/v1/clients")).status_code == 200
        forged = await browser.post("/v1/clients", json=client_payload())
        assert forged.status_code == 403  # what a cross-site form post would get
        wrong = await browser.post(
            "/v1/clients", json=client_payload(), headers={"X-CSRF-Token": "guess"}
        )
        assert wrong.status_code == 403
        made = await browser.post(
            "/v1/clients", json=client_payload(), headers={"X-CSRF-Token": csrf}
        )
        assert made.status_code == 201, made.text
        assert (
            await browser.post("/v1/auth/sign-out", headers={"X-CSRF-Token": csrf})
        ).status_code == 204
        browser.cookies.clear()
        assert (await browser.get("/v1/clients")).status_code == 401


async def test_a_hash_made_with_former_settings_is_replaced_at_sign_in(http, company, owner_url):
    engine = create_engine(owner_url, pool_size=1)

    async def stored_hash() -> str:
        async with engine.connect() as conn:
            return await conn.scalar(
                text("SELECT password_hash FROM gateway.users WHERE email = :e"),
                {"e": company["email"]},
            )

    try:
        # argon2-cffi's default (64 MiB), which the gateway used before OWASP's 19 MiB.
        former = PasswordHasher().hash(PASSWORD)
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE gateway.users SET password_hash = :h WHERE email = :e"),
                {"h": former, "e": company["email"]},
            )
        assert (await sign_in(http, company["email"], "Wrong-password-2026!")).status_code == 401
        assert await stored_hash() == former  # a wrong password changes nothing
        assert (await sign_in(http, company["email"], session="token")).status_code == 200
        replaced = await stored_hash()
        assert replaced.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
        assert (await sign_in(http, company["email"], session="token")).status_code == 200
        assert await stored_hash() == replaced  # once only
    finally:
        await engine.dispose()


async def test_a_script_signs_in_for_a_bearer_session_that_ends_on_sign_out(http, company):
    signed = await sign_in(http, company["email"], session="token")
    token = signed.json()["token"]
    assert token.startswith("cs_")
    assert (
        await http.post("/v1/clients", json=client_payload(), headers=bearer(token))
    ).status_code == 201
    assert (await http.post("/v1/auth/sign-out", headers=bearer(token))).status_code == 204
    assert (await http.get("/v1/clients", headers=bearer(token))).status_code == 401


async def test_roles_decide_what_people_can_do(http, company):
    owner = bearer((await sign_in(http, company["email"], session="token")).json()["token"])
    people = {}
    for role in ("accountant", "sales", "read_only"):
        email = f"{role}-{uuid.uuid4().hex[:6]}@levante.es"
        added = await http.post(
            "/v1/users",
            json={"email": email, "name": role, "role": role, "password": PASSWORD},
            headers=owner,
        )
        assert added.status_code == 201, added.text
        token = (await sign_in(http, email, session="token")).json()["token"]
        people[role] = bearer(token)
    assert (await http.get("/v1/clients", headers=people["read_only"])).status_code == 200
    assert (
        await http.post("/v1/clients", json=client_payload(), headers=people["read_only"])
    ).status_code == 403
    assert (
        await http.post("/v1/clients", json=client_payload(), headers=people["sales"])
    ).status_code == 201
    assert (await http.get("/v1/invoices", headers=people["sales"])).status_code == 200
    assert (
        await http.post("/v1/series", json={"code": "Z", "prefix": "Z"}, headers=people["sales"])
    ).status_code == 403
    assert (
        await http.post(
            "/v1/series", json={"code": "Z", "prefix": "Z"}, headers=people["accountant"]
        )
    ).status_code == 201
    for role in ("accountant", "sales", "read_only"):
        assert (await http.get("/v1/users", headers=people[role])).status_code == 403
        assert (
            await http.post(
                "/v1/api-keys", json={"name": "x", "scopes": ["clients:read"]}, headers=people[role]
            )
        ).status_code == 403
    users = (await http.get("/v1/users", headers=owner)).json()["items"]
    assert len(users) == 4
    assert all("password_hash" not in u for u in users)
    me = next(u for u in users if u["role"] == "owner")
    assert (
        await http.patch(f"/v1/users/{me['id']}", json={"role": "sales"}, headers=owner)
    ).status_code == 409
    # A disabled person's sessions end at once.
    reader = next(u for u in users if u["role"] == "read_only")
    assert (
        await http.patch(f"/v1/users/{reader['id']}", json={"status": "disabled"}, headers=owner)
    ).status_code == 200
    assert (await http.get("/v1/clients", headers=people["read_only"])).status_code == 401


async def test_bad_user_requests_are_refused(http, company, other_tenant):
    owner = bearer((await sign_in(http, company["email"], session="token")).json()["token"])
    for body in (
        {"email": "not-an-email", "name": "x", "role": "sales", "password": PASSWORD},
        {"email": "a@levante.es", "name": "x", "role": "admin", "password": PASSWORD},
        {"email": "a@levante.es", "name": "x", "role": "sales", "password": "short"},
        {"email": "pepe.garcia@lev.es", "name": "P", "role": "sales", "password": "pepe.garcia-1"},
        {"email": "a@levante.es", "name": "x", "role": "sales"},
    ):  # fmt: skip
        assert (await http.post("/v1/users", json=body, headers=owner)).status_code == 422, body
    duplicate = {"email": company["email"], "name": "x", "role": "sales", "password": PASSWORD}
    assert (await http.post("/v1/users", json=duplicate, headers=owner)).status_code == 409
    users = (await http.get("/v1/users", headers=owner)).json()["items"]
    stolen = await other_tenant.client.patch(f"/v1/users/{users[0]['id']}", json={"name": "x"})
    assert stolen.status_code == 404
    assert (await other_tenant.client.get("/v1/users")).json()["items"] == []
    # Another tenant may have the same address: its answer says nothing about this tenant.
    elsewhere = await other_tenant.client.post(
        "/v1/users", json=duplicate | {"password": "Otra-Clave-de-Otra-2027"}
    )
    assert elsewhere.status_code == 201, elsewhere.text
    assert (await other_tenant.client.get("/v1/users")).json()["items"][0]["email"] == (
        company["email"]
    )
    # The owner's password opens the owner's account only: the other is named nowhere.
    signed = await sign_in(http, company["email"], session="token")
    assert signed.json()["user"]["tenant_id"] == company["tenant_id"]


async def test_wrong_passwords_lock_the_account(http, company):
    for _ in range(5):
        wrong = await sign_in(http, company["email"], password="wrong password!")
        assert wrong.status_code == 401
    # Even the right password is refused now, from this address, and the answer is the one a
    # wrong password gets: nothing tells a guesser that the account exists or is locked.
    locked = await sign_in(http, company["email"])
    assert (locked.status_code, locked.json()) == (401, wrong.json())
    assert "retry-after" not in locked.headers
    unknown = await sign_in(http, "nadie@levante.es")
    assert (unknown.status_code, unknown.json()) == (401, wrong.json())
    for body in ({"email": company["email"]}, {"email": "x", "password": "y"}, {}):
        assert (await http.post("/v1/auth/sign-in", json=body)).status_code == 422


async def test_users_write_alone_cannot_make_or_take_over_an_owner(http, company, stack):
    owner = bearer((await sign_in(http, company["email"], session="token")).json()["token"])
    minted = await http.post(
        "/v1/api-keys", json={"name": "people only", "scopes": ["users:write"]}, headers=owner
    )
    assert minted.status_code == 201, minted.text
    users_only = bearer(minted.json()["api_key"])
    email = f"intrusa-{uuid.uuid4().hex[:6]}@levante.es"
    made = await http.post(
        "/v1/users",
        json={"email": email, "name": "Intrusa", "role": "owner", "password": PASSWORD},
        headers=users_only,
    )
    assert made.status_code == 403, made.text
    assert (await sign_in(http, email)).status_code == 401  # no such person was made
    sales = await http.post(
        "/v1/users",
        json={"email": email, "name": "Ventas", "role": "sales", "password": PASSWORD},
        headers=owner,
    )
    assert sales.status_code == 201, sales.text
    promoted = await http.patch(
        f"/v1/users/{sales.json()['id']}", json={"role": "owner"}, headers=users_only
    )
    assert promoted.status_code == 403
    boss = next(
        u
        for u in (await http.get("/v1/users", headers=owner)).json()["items"]
        if u["role"] == "owner"
    )
    for change in ({"status": "disabled"}, {"password": "Otra-clave-larga-99"}):
        assert (
            await http.patch(f"/v1/users/{boss['id']}", json=change, headers=users_only)
        ).status_code in (403, 422)
    reset = await http.post(f"/v1/users/{boss['id']}/password-reset", headers=users_only)
    assert reset.status_code == 403
    assert (await sign_in(http, company["email"])).status_code == 200


async def mail_to(mailbox, address, timeout=15.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for message in mailbox.messages:
            if message["To"] == address:
                mailbox.messages.remove(message)
                return message
        await asyncio.sleep(0.1)
    raise AssertionError(f"no mail reached {address}")


async def test_a_mailed_reset_link_sets_a_new_password_once(http, company, stack, mailbox):
    owner = bearer((await sign_in(http, company["email"], session="token")).json()["token"])
    email = f"olvido-{uuid.uuid4().hex[:6]}@levante.es"
    person = await http.post(
        "/v1/users",
        json={"email": email, "name": "Olvido", "role": "read_only", "password": PASSWORD},
        headers=owner,
    )
    assert person.status_code == 201, person.text
    sent = await http.post(f"/v1/users/{person.json()['id']}/password-reset", headers=owner)
    assert sent.status_code == 202, sent.text
    text = (await mail_to(mailbox, email)).get_content()
    link = re.search(r"(\S+)/app/#/reset\?token=(\S+)", text)
    assert link, text
    assert link.group(1) == stack.gateway
    assert link.group(2) not in sent.text
    new_password = "Tramontana-2027!"
    used = await http.post(
        "/v1/auth/password-reset", json={"token": link.group(2), "password": new_password}
    )
    assert used.status_code == 204, used.text
    again = await http.post(
        "/v1/auth/password-reset", json={"token": link.group(2), "password": "Levante-2028!!"}
    )
    assert_problem(again, 400)
    assert (await sign_in(http, email)).status_code == 401
    assert (await sign_in(http, email, new_password)).status_code == 200


async def test_a_person_changes_their_own_password_knowing_the_current_one(http, company):
    token = bearer((await sign_in(http, company["email"], session="token")).json()["token"])
    other = bearer((await sign_in(http, company["email"], session="token")).json()["token"])
    wrong = await http.post(
        "/v1/auth/password",
        json={"current_password": "not the password", "new_password": "Poniente-2027!"},
        headers=token,
    )
    assert_problem(wrong, 403)
    changed = await http.post(
        "/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "Poniente-2027!"},
        headers=token,
    )
    assert changed.status_code == 204, changed.text
    assert (await http.get("/v1/auth/me", headers=token)).status_code == 200
    assert (await http.get("/v1/auth/me", headers=other)).status_code == 401
    assert (await sign_in(http, company["email"], "Poniente-2027!")).status_code == 200
