"""Who may make and manage people, passwords and how they are reset, sign-in across tenants and
its lock-outs, on the real database, with a real SMTP server on loopback (aiosmtpd)."""

import asyncio
import re
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import default as default_policy

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from cartera_gateway import models
from cartera_gateway.main import create_app
from cartera_gateway.models import sessions, users
from cartera_gateway.people import service as people
from cartera_gateway.scopes import ROLES
from cartera_gateway.settings import GatewaySettings
from cartera_shared.testing import free_tcp_port, secret_settings

ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}
PASSWORD = "Sierra-Nevada-2026!"
PUBLIC_URL = "https://cartera.test"


class Mailbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(BytesParser(policy=default_policy).parsebytes(envelope.content))
        return "250 OK"

    async def wait_for(self, to: str, timeout: float = 10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if message["To"] == to:
                    self.messages.remove(message)
                    return message
            await asyncio.sleep(0.05)
        raise AssertionError(f"no mail to {to} arrived")


@pytest.fixture(scope="module")
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_tcp_port())
    controller.start()
    yield box, controller.port
    controller.stop()


def settings(owner_url, app_url, kafka_bootstrap, **extra):
    return GatewaySettings(
        **secret_settings(),
        CARTERA_DATABASE_URL=owner_url,
        CARTERA_DATABASE_APP_URL=app_url,
        CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        CARTERA_CLIENTS_URL="http://127.0.0.1:1",
        CARTERA_GATEWAY_SIGN_IN_RATE_LIMIT="1000/minute",
        CARTERA_GATEWAY_PUBLIC_BASE_URL=PUBLIC_URL,
        **extra,
    )


@pytest.fixture(scope="module")
async def app(owner_url, app_url, kafka_bootstrap, mailbox):
    _, port = mailbox
    application = create_app(
        settings(
            owner_url,
            app_url,
            kafka_bootstrap,
            CARTERA_GATEWAY_SMTP_HOST="127.0.0.1",
            CARTERA_GATEWAY_SMTP_PORT=str(port),
            CARTERA_GATEWAY_SMTP_FROM="cartera@cartera.test",
        )
    )
    async with application.router.lifespan_context(application):
        yield application


def client(app, address="127.0.0.1"):
    """A caller from `address` (what the server sees as the peer)."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="https://gateway")


@pytest.fixture
async def api(app):
    async with client(app) as http:
        yield http


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def new_email(who="persona"):
    return f"{who}-{uuid.uuid4().hex[:8]}@levante.es"


async def new_company(api, email=None, name="Levante S.L.", password=PASSWORD):
    """A tenant with its owner; returns the tenant, the owner's e-mail and the all-scopes key."""
    email = email or new_email("duena")
    answer = await api.post(
        "/v1/admin/tenants",
        json={"name": name, "owner": {"email": email, "name": "María", "password": password}},
        headers=ADMIN,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    return {"tenant_id": body["tenant_id"], "email": email, "key": bearer(body["api_key"])}


async def make_key(api, company, scopes):
    answer = await api.post(
        "/v1/api-keys", json={"name": "k", "scopes": sorted(scopes)}, headers=company["key"]
    )
    assert answer.status_code == 201, answer.text
    return bearer(answer.json()["api_key"])


async def add_user(api, headers, role, email=None, password=PASSWORD):
    return await api.post(
        "/v1/users",
        json={"email": email or new_email(role), "name": role, "role": role, "password": password},
        headers=headers,
    )


async def sign_in(api, email, password=PASSWORD, **extra):
    return await api.post(
        "/v1/auth/sign-in",
        json={"email": email, "password": password, "session": "token", **extra},
    )


async def the_owner(api, company):
    listed = (await api.get("/v1/users", headers=company["key"])).json()["items"]
    return next(u for u in listed if u["role"] == "owner")


# --- 1. who may give a role, act on a person, or set a password ------------------------------


async def test_users_write_alone_neither_makes_nor_takes_over_an_owner(api, owner):
    company = await new_company(api)
    users_only = await make_key(api, company, ["users:write"])
    boss = await the_owner(api, company)

    made = await add_user(api, users_only, "owner")
    assert made.status_code == 403, made.text
    assert made.json()["missing"] == ["*"]
    accountant = (await add_user(api, company["key"], "accountant")).json()
    for change in ({"role": "owner"}, {"role": "read_only"}, {"name": "x"}):
        refused = await api.patch(f"/v1/users/{accountant['id']}", json=change, headers=users_only)
        assert refused.status_code == 403, (change, refused.text)
    for change in ({"status": "disabled"}, {"name": "Alguien"}, {"role": "sales"}):
        refused = await api.patch(f"/v1/users/{boss['id']}", json=change, headers=users_only)
        assert refused.status_code == 403, (change, refused.text)
    reset = await api.post(f"/v1/users/{boss['id']}/password-reset", headers=users_only)
    assert reset.status_code == 403

    # Nobody sets another person's password, not even an owner.
    for headers in (users_only, company["key"]):
        taken = await api.patch(
            f"/v1/users/{boss['id']}", json={"password": "Otra-clave-larga-99"}, headers=headers
        )
        assert taken.status_code == 422, taken.text
        assert "password-reset" in taken.json()["errors"][0]["msg"]
    async with owner.connect() as conn:
        row = (await conn.execute(select(users).where(users.c.id == boss["id"]))).mappings().one()
    assert (row["role"], row["status"], row["name"]) == ("owner", "active", "María")
    assert (await sign_in(api, company["email"])).status_code == 200
    assert (await sign_in(api, company["email"], "Otra-clave-larga-99")).status_code == 401
    # The tenant's people are exactly the owner and the accountant.
    assert len((await api.get("/v1/users", headers=company["key"])).json()["items"]) == 2


async def test_a_caller_gives_only_roles_it_covers_and_acts_only_on_those(api):
    company = await new_company(api)
    accountant_level = await make_key(api, company, ROLES["accountant"] | {"users:write"})
    assert (await add_user(api, accountant_level, "owner")).status_code == 403
    assert (await add_user(api, accountant_level, "sales")).status_code == 403  # crm:write
    reader = await add_user(api, accountant_level, "read_only")
    assert reader.status_code == 201, reader.text
    reader_id = reader.json()["id"]
    assert (
        await api.patch(f"/v1/users/{reader_id}", json={"role": "owner"}, headers=accountant_level)
    ).status_code == 403
    promoted = await api.patch(
        f"/v1/users/{reader_id}", json={"role": "accountant"}, headers=accountant_level
    )
    assert promoted.status_code == 200, promoted.text
    boss = await the_owner(api, company)
    assert (
        await api.patch(
            f"/v1/users/{boss['id']}", json={"status": "disabled"}, headers=accountant_level
        )
    ).status_code == 403
    # The owner (every scope) makes owners; a tenant keeps one.
    second = await api.patch(
        f"/v1/users/{reader_id}", json={"role": "owner"}, headers=company["key"]
    )
    assert second.status_code == 200, second.text
    # A signed-in owner is a `*` holder too.
    token = (await sign_in(api, company["email"])).json()["token"]
    made = await add_user(api, bearer(token), "owner")
    assert made.status_code == 201, made.text


async def test_a_reset_link_is_mailed_works_once_and_ends_every_session(api, app, owner, mailbox):
    box, _ = mailbox
    company = await new_company(api)
    person = (await add_user(api, company["key"], "sales")).json()
    before = (await sign_in(api, person["email"])).json()["token"]

    sent = await api.post(f"/v1/users/{person['id']}/password-reset", headers=company["key"])
    assert sent.status_code == 202, sent.text
    assert sent.json()["email"] == person["email"]
    message = await box.wait_for(person["email"])
    assert message["From"] == "cartera@cartera.test"
    link = re.search(r"\S+/app/#/reset\?token=(\S+)", message.get_content())
    assert link, message.get_content()
    assert link.group(0).startswith(f"{PUBLIC_URL}/app/#/reset?token=cpr_")
    token = link.group(1)
    assert token not in sent.text
    async with owner.connect() as conn:
        stored = await conn.scalar(
            select(models.password_resets.c.token_hash).where(
                models.password_resets.c.user_id == person["id"]
            )
        )
    assert stored != token
    assert token not in stored

    # The current password goes on working until the link is used.
    assert (await sign_in(api, person["email"])).status_code == 200
    # A weak password is refused and the link is not spent.
    weak = await api.post("/v1/auth/password-reset", json={"token": token, "password": "corta"})
    assert weak.status_code == 422
    new_password = "Cabo-de-Gata-2027?"
    done = await api.post(
        "/v1/auth/password-reset", json={"token": token, "password": new_password}
    )
    assert done.status_code == 204, done.text
    again = await api.post(
        "/v1/auth/password-reset", json={"token": token, "password": "Otra-vez-distinta-1"}
    )
    assert again.status_code == 400
    assert again.headers["content-type"].startswith("application/problem+json")
    assert (await api.get("/v1/auth/me", headers=bearer(before))).status_code == 401
    assert (await sign_in(api, person["email"])).status_code == 401
    assert (await sign_in(api, person["email"], new_password)).status_code == 200

    # A later link replaces an earlier one; an expired or made-up one does nothing.
    for _ in range(2):
        sent = await api.post(f"/v1/users/{person['id']}/password-reset", headers=company["key"])
        assert sent.status_code == 202
    first = re.search(r"token=(\S+)", (await box.wait_for(person["email"])).get_content())[1]
    second = re.search(r"token=(\S+)", (await box.wait_for(person["email"])).get_content())[1]
    replaced = await api.post(
        "/v1/auth/password-reset", json={"token": first, "password": "Sierra-de-Gredos-1"}
    )
    assert replaced.status_code == 400
    async with owner.begin() as conn:
        await conn.execute(
            update(models.password_resets)
            .where(models.password_resets.c.user_id == person["id"])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    expired = await api.post(
        "/v1/auth/password-reset", json={"token": second, "password": "Sierra-de-Gredos-1"}
    )
    assert expired.status_code == 400
    for token in ("cpr_made-up", "", "x" * 201):
        answer = await api.post(
            "/v1/auth/password-reset", json={"token": token, "password": "Sierra-de-Gredos-1"}
        )
        assert answer.status_code in (400, 422), token
    assert (await sign_in(api, person["email"], new_password)).status_code == 200


async def test_a_reset_link_clears_the_locks(app, api, owner, mailbox):
    box, _ = mailbox
    company = await new_company(api)
    person = (await add_user(api, company["key"], "sales")).json()
    async with client(app, "198.51.100.7") as stranger:
        for _ in range(people.LOCK_AFTER_FAILURES):
            await sign_in(stranger, person["email"], "no-es-la-clave-1")
    async with owner.begin() as conn:
        await conn.execute(
            update(users).where(users.c.id == person["id"]).values(failed_attempts=500)
        )
    assert (
        await api.post(f"/v1/users/{person['id']}/password-reset", headers=company["key"])
    ).status_code == 202
    token = re.search(r"token=(\S+)", (await box.wait_for(person["email"])).get_content())[1]
    assert (
        await api.post("/v1/auth/password-reset", json={"token": token, "password": PASSWORD + "x"})
    ).status_code == 204
    async with owner.connect() as conn:
        left = await conn.scalar(
            select(models.sign_in_failures.c.failures).where(
                models.sign_in_failures.c.user_id == person["id"]
            )
        )
        attempts = await conn.scalar(
            select(users.c.failed_attempts).where(users.c.id == person["id"])
        )
    assert (left, attempts) == (None, 0)


async def test_no_reset_link_without_a_mail_server(owner_url, app_url, kafka_bootstrap):
    application = create_app(settings(owner_url, app_url, kafka_bootstrap))
    async with application.router.lifespan_context(application), client(application) as api:
        company = await new_company(api)
        boss = await the_owner(api, company)
        answer = await api.post(f"/v1/users/{boss['id']}/password-reset", headers=company["key"])
        assert answer.status_code == 503
        assert "CARTERA_GATEWAY_SMTP_HOST" in answer.json()["detail"]


async def test_a_person_changes_their_own_password_with_the_current_one(api, owner):
    company = await new_company(api)
    here = bearer((await sign_in(api, company["email"])).json()["token"])
    elsewhere = bearer((await sign_in(api, company["email"])).json()["token"])
    new_password = "Picos-de-Europa-2028"

    wrong = await api.post(
        "/v1/auth/password",
        json={"current_password": "no-es-la-clave-1", "new_password": new_password},
        headers=here,
    )
    assert wrong.status_code == 403
    boss = await the_owner(api, company)
    async with owner.connect() as conn:
        counted = await conn.scalar(
            select(models.sign_in_failures.c.failures).where(
                models.sign_in_failures.c.user_id == boss["id"]
            )
        )
    assert counted == 1  # a wrong current password is a wrong password
    same = await api.post(
        "/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": PASSWORD},
        headers=here,
    )
    assert same.status_code == 422
    weak = await api.post(
        "/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "corta"},
        headers=here,
    )
    assert weak.status_code == 422
    # An API key has no password of its own.
    keyed = await api.post(
        "/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": new_password},
        headers=company["key"],
    )
    assert keyed.status_code == 403

    done = await api.post(
        "/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": new_password},
        headers=here,
    )
    assert done.status_code == 204, done.text
    assert (await api.get("/v1/auth/me", headers=here)).status_code == 200
    assert (await api.get("/v1/auth/me", headers=elsewhere)).status_code == 401
    assert (await sign_in(api, company["email"])).status_code == 401
    assert (await sign_in(api, company["email"], new_password)).status_code == 200
    async with owner.connect() as conn:
        live = await conn.scalar(
            select(sessions.c.token_hash)
            .where(sessions.c.user_id == boss["id"], sessions.c.revoked_at.is_(None))
            .limit(1)
        )
    assert live is not None


async def test_a_cookie_session_changes_its_password_only_with_its_csrf_token(api):
    company = await new_company(api)
    signed = await api.post(
        "/v1/auth/sign-in", json={"email": company["email"], "password": PASSWORD}
    )
    body = {"current_password": PASSWORD, "new_password": "Sierra-Morena-2029"}
    assert (await api.post("/v1/auth/password", json=body)).status_code == 403
    done = await api.post(
        "/v1/auth/password", json=body, headers={"X-CSRF-Token": signed.json()["csrf_token"]}
    )
    assert done.status_code == 204
    api.cookies.clear()


# --- 2. an e-mail is one account per tenant -----------------------------------------------------


async def test_one_email_in_several_tenants_reveals_nothing_to_the_others(api):
    email = new_email("asesora")
    first = await new_company(api, name="Primera S.L.")
    second = await new_company(api, name="Segunda S.L.")
    third = await new_company(api, name="Tercera S.L.")
    assert (await add_user(api, first["key"], "accountant", email)).status_code == 201
    # Another tenant adds the same address: no sign that it exists elsewhere.
    assert (await add_user(api, second["key"], "accountant", email)).status_code == 201
    assert (await add_user(api, second["key"], "sales", email)).status_code == 409  # own tenant
    other_password = "Otra-clave-de-Tercera-1"
    assert (
        await add_user(api, third["key"], "read_only", email, password=other_password)
    ).status_code == 201

    # The password of the third account opens that one only, and names no other.
    only = await sign_in(api, email, other_password)
    assert only.status_code == 200, only.text
    assert only.json()["user"]["tenant_id"] == third["tenant_id"]

    several = await sign_in(api, email)
    assert several.status_code == 409, several.text
    assert several.headers["content-type"].startswith("application/problem+json")
    assert sorted(several.json()["tenants"], key=lambda t: t["name"]) == [
        {"tenant_id": first["tenant_id"], "name": "Primera S.L."},
        {"tenant_id": second["tenant_id"], "name": "Segunda S.L."},
    ]
    chosen = await sign_in(api, email, tenant_id=second["tenant_id"])
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["user"]["tenant_id"] == second["tenant_id"]
    assert chosen.json()["tenant_name"] == "Segunda S.L."
    # A tenant the password does not open, or without this e-mail, is a wrong password.
    assert (await sign_in(api, email, tenant_id=third["tenant_id"])).status_code == 401
    assert (await sign_in(api, email, tenant_id=str(uuid.uuid4()))).status_code == 401
    wrong = await sign_in(api, email, "ninguna-de-ellas-1")
    assert wrong.status_code == 401
    assert "tenants" not in wrong.json()
    assert (await sign_in(api, email, tenant_id="not-a-uuid")).status_code == 422


# --- 3. lock-out: like a wrong password, per address, with a ceiling per account --------------


async def test_a_lock_answers_like_a_wrong_password_and_binds_only_the_guessing_address(
    app, api, owner
):
    company = await new_company(api)
    async with client(app, "203.0.113.9") as guesser, client(app, "192.0.2.44") as person:
        wrong = []
        for _ in range(people.LOCK_AFTER_FAILURES):
            started = time.perf_counter()
            answer = await sign_in(guesser, company["email"], "no-es-la-clave-1")
            wrong.append(time.perf_counter() - started)
            assert answer.status_code == 401
        locked = []
        for _ in range(3):
            started = time.perf_counter()
            answer = await sign_in(guesser, company["email"])  # the right password
            locked.append(time.perf_counter() - started)
            assert answer.status_code == 401
            assert answer.json() == (await sign_in(guesser, company["email"], "x")).json()
            assert "retry-after" not in answer.headers
        unknown = await sign_in(guesser, new_email("nadie"))
        assert (unknown.status_code, unknown.json()) == (401, answer.json())
        # The password is checked while locked too: no quick answer gives the lock away.
        assert statistics.median(locked) > 0.5 * statistics.median(wrong), (locked, wrong)

        # The person, from their own address, is not locked out.
        assert (await sign_in(person, company["email"])).status_code == 200
        assert (await sign_in(guesser, company["email"])).status_code == 401

        # Past the ceiling of wrong passwords from all addresses, the account is locked for all.
        boss = await the_owner(api, company)
        async with owner.begin() as conn:
            await conn.execute(
                update(users)
                .where(users.c.id == boss["id"])
                .values(failed_attempts=people.ACCOUNT_CEILING - 1)
            )
        async with client(app, "198.51.100.200") as another:
            assert (await sign_in(another, company["email"], "tampoco-es-1")).status_code == 401
        refused = await sign_in(person, company["email"])
        assert (refused.status_code, refused.json()) == (401, answer.json())


# --- 4. metrics --------------------------------------------------------------------------------


async def test_the_gateway_metrics_need_the_metrics_token(app, owner_url, app_url, kafka_bootstrap):
    token = secret_settings()["CARTERA_GATEWAY_METRICS_TOKEN"]
    async with client(app) as http:
        assert (await http.get("/metrics")).status_code == 401
        assert (await http.get("/metrics", headers=bearer(token + "x"))).status_code == 401
        assert (await http.get("/metrics", headers={"Authorization": token})).status_code == 401
        served = await http.get("/metrics", headers=bearer(token))
        assert served.status_code == 200
        assert "cartera_http_request_duration_seconds" in served.text
    unset = {**secret_settings(), "CARTERA_GATEWAY_METRICS_TOKEN": ""}
    application = create_app(
        GatewaySettings(
            **unset,
            CARTERA_DATABASE_URL=owner_url,
            CARTERA_DATABASE_APP_URL=app_url,
            CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
        )
    )
    async with client(application) as http:
        assert (await http.get("/metrics", headers=bearer(token))).status_code == 404


@pytest.mark.parametrize("weak", ["short", "changeme-changeme-changeme-changeme", "a" * 64])
def test_a_weak_metrics_token_is_refused(weak):
    with pytest.raises(ValueError, match="CARTERA_GATEWAY_METRICS_TOKEN"):
        GatewaySettings(
            **{**secret_settings(), "CARTERA_GATEWAY_METRICS_TOKEN": weak},
            CARTERA_DATABASE_URL="postgresql+asyncpg://x@127.0.0.1:1/x",
        )
