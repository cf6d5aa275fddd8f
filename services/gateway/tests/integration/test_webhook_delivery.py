"""Webhook deliveries on the real database, to real receivers on loopback: one resolution per
attempt (DNS rebinding cannot swap the address between check and connection), TLS checked for
the name, a delivery log that says no more than a coarse class of failure, and signing secrets
kept only encrypted, through a key rotation."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import ipaddress
import secrets
import ssl
import uuid
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import insert, select, update

from cartera_gateway.main import create_app
from cartera_gateway.models import tenants, webhook_deliveries, webhook_subscriptions
from cartera_gateway.rotate_data_key import rotate
from cartera_gateway.settings import GatewaySettings
from cartera_gateway.webhooks.delivery import (
    DeliveryPolicy,
    deliver_due,
    delivery_client,
    run_forever,
)
from cartera_shared.data_keys import DataKeys
from cartera_shared.db import create_engine, session_factory
from cartera_shared.testing import secret_settings

SECRET = "whsec_" + uuid.uuid4().hex
DATA_KEY = secret_settings()["CARTERA_DATA_KEY"]
KEYS = DataKeys(DATA_KEY)
ADMIN = {"Authorization": f"Bearer {secret_settings()['CARTERA_GATEWAY_ADMIN_TOKEN']}"}


class Receiver:
    """A bare HTTP(S) server on loopback that counts connections and keeps each request."""

    def __init__(self, tls: ssl.SSLContext | None = None, status: bytes = b"200 OK") -> None:
        self.tls = tls
        self.status = status
        self.connections = 0
        self.requests: list[dict] = []
        self.server_names: list[str | None] = []
        if tls is not None:
            tls.sni_callback = lambda sock, name, ctx: self.server_names.append(name)

    async def __aenter__(self) -> Receiver:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            headers = {
                k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])
            }
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.requests.append({"headers": headers, "body": body})
            writer.write(
                b"HTTP/1.1 " + self.status + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()


def certificate_for(name: str, directory: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a self-signed certificate for `name` only (no IP address in it),
    and a client context that trusts that certificate and checks names."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / f"{name}.pem", directory / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cafile=str(cert_file))
    return server, client


class Resolver:
    """A resolver stand-in: answers for the test's names in turn, counting each question."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        if host not in self.answers:
            raise OSError("not a name of this test")
        self.asked.append(host)
        turns = self.answers[host]
        return turns[min(self.asked.count(host), len(turns)) - 1]


class Recording(httpx.AsyncBaseTransport):
    """Real connections to loopback; anything else is recorded and fails as an unreachable
    network would (the test never leaves the machine)."""

    def __init__(self, verify: ssl.SSLContext | bool = True) -> None:
        self.real = httpx.AsyncHTTPTransport(verify=verify)
        self.hosts: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(request.url.host)
        if not ipaddress.ip_address(request.url.host).is_loopback:
            raise httpx.ConnectError("network unreachable", request=request)
        return await self.real.handle_async_request(request)

    async def aclose(self) -> None:
        await self.real.aclose()


@pytest.fixture(scope="module")
async def database(owner_url, app_url):
    owner = create_engine(owner_url, pool_size=1)
    app = create_engine(app_url, pool_size=2)
    yield owner, session_factory(app)
    await owner.dispose()
    await app.dispose()


async def pending_delivery(owner, url: str) -> uuid.UUID:
    tenant_id, subscription_id = uuid.uuid4(), uuid.uuid4()
    async with owner.begin() as conn:
        await conn.execute(insert(tenants).values(id=tenant_id, name="Webhooks S.L."))
        await conn.execute(
            insert(webhook_subscriptions).values(
                id=subscription_id,
                tenant_id=tenant_id,
                url=url,
                event_types=["*"],
                secret_encrypted=KEYS.encrypt(SECRET, bound_to=str(subscription_id)),
            )
        )
    return await delivery_for(owner, tenant_id, subscription_id)


async def delivery_for(owner, tenant_id: uuid.UUID, subscription_id: uuid.UUID) -> uuid.UUID:
    delivery_id = uuid.uuid4()
    async with owner.begin() as conn:
        await conn.execute(
            insert(webhook_deliveries).values(
                id=delivery_id,
                tenant_id=tenant_id,
                subscription_id=subscription_id,
                event_id=uuid.uuid4(),
                event_type="client.created",
                payload={"id": str(uuid.uuid4()), "type": "client.created"},
                status="pending",
                next_attempt_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1),
            )
        )
    return delivery_id


async def attempt(owner, sessions, client, policy, delivery_id) -> dict:
    """Make the delivery due, deliver until it has been tried once more, return its row."""

    async def row() -> dict:
        async with owner.connect() as conn:
            query = select(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id)
            return dict((await conn.execute(query)).mappings().one())

    async with owner.begin() as conn:
        await conn.execute(
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id == delivery_id)
            .values(status="pending", next_attempt_at=dt.datetime.now(dt.UTC))
        )
    tried = (await row())["attempts"]
    for _ in range(50):  # other tests' leftovers may be due too: until ours is taken
        await deliver_due(sessions, client, policy, batch=100)
        found = await row()
        if found["attempts"] > tried:
            return found
    raise AssertionError("the delivery was never attempted")


async def test_a_name_rebound_to_loopback_after_the_check_is_never_connected_to(database):
    owner, sessions = database
    async with Receiver() as loopback:
        host = f"hooks-{uuid.uuid4().hex[:8]}.example.com"
        # Public when the gateway asks, loopback on any later question (DNS rebinding).
        resolver = Resolver({host: [["93.184.216.34"], ["127.0.0.1"]]})
        policy = DeliveryPolicy(
            allow_private=False, resolver=resolver, timeout_seconds=2, data_keys=KEYS
        )
        transport = Recording()
        delivery_id = await pending_delivery(owner, f"https://{host}:{loopback.port}/hook")
        async with delivery_client(policy, transport=transport) as client:
            first = await attempt(owner, sessions, client, policy, delivery_id)
            assert resolver.asked == [host]  # one resolution for one attempt
            assert transport.hosts == ["93.184.216.34"]  # the checked address, nothing else
            assert first["last_error"] == "connection failed"
            assert first["last_status_code"] is None

            second = await attempt(owner, sessions, client, policy, delivery_id)
            assert resolver.asked == [host, host]
            assert transport.hosts == ["93.184.216.34"]  # refused before any connection
            assert second["last_error"] == "address refused"
        assert loopback.connections == 0


async def test_loopback_receivers_work_when_private_addresses_are_allowed(database):
    owner, sessions = database
    async with Receiver() as receiver:
        host = f"receiver-{uuid.uuid4().hex[:8]}.test"
        policy = DeliveryPolicy(
            allow_private=True,
            resolver=Resolver({host: [["127.0.0.1"]]}),
            timeout_seconds=5,
            data_keys=KEYS,
        )
        delivery_id = await pending_delivery(owner, f"http://{host}:{receiver.port}/in")
        async with delivery_client(policy) as client:
            row = await attempt(owner, sessions, client, policy, delivery_id)
        assert row["status"] == "delivered", row
        seen = receiver.requests[-1]
        assert seen["headers"]["host"] == f"{host}:{receiver.port}"
        timestamp = seen["headers"]["cartera-timestamp"]
        mac = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + seen["body"], hashlib.sha256)
        assert seen["headers"]["cartera-signature"] == f"v1={mac.hexdigest()}"


async def test_tls_is_checked_for_the_name_not_for_the_address(database, tmp_path):
    owner, sessions = database
    name = f"hooks-{uuid.uuid4().hex[:8]}.test"
    server_tls, client_tls = certificate_for(name, tmp_path)
    async with Receiver(tls=server_tls) as receiver:
        stranger = f"other-{uuid.uuid4().hex[:8]}.test"
        policy = DeliveryPolicy(
            allow_private=True,
            resolver=Resolver({name: [["127.0.0.1"]], stranger: [["127.0.0.1"]]}),
            timeout_seconds=5,
            data_keys=KEYS,
        )
        async with delivery_client(policy, verify=client_tls) as client:
            good = await pending_delivery(owner, f"https://{name}:{receiver.port}/in")
            row = await attempt(owner, sessions, client, policy, good)
            assert row["status"] == "delivered", row
            assert receiver.server_names == [name]  # SNI named the host
            assert receiver.requests[-1]["headers"]["host"] == f"{name}:{receiver.port}"
            # The same address under a name the certificate does not cover: refused by TLS.
            bad = await pending_delivery(owner, f"https://{stranger}:{receiver.port}/in")
            row = await attempt(owner, sessions, client, policy, bad)
            assert row["status"] == "pending"
            assert row["last_error"] == "tls failed"
        assert len(receiver.requests) == 1


async def test_the_log_tells_nothing_of_what_answered_behind_a_refusal(database):
    """A refused connection and a closed port look alike; an internal address is not even
    tried. No exception text reaches the log the tenant reads."""
    owner, sessions = database
    async with Receiver() as receiver:
        closed = receiver.port
    policy = DeliveryPolicy(allow_private=True, timeout_seconds=2, data_keys=KEYS)
    delivery_id = await pending_delivery(owner, f"http://127.0.0.1:{closed}/in")
    async with delivery_client(policy) as client:
        row = await attempt(owner, sessions, client, policy, delivery_id)
    assert row["last_error"] == "connection failed"
    strict = DeliveryPolicy(allow_private=False, timeout_seconds=2, data_keys=KEYS)
    internal = await pending_delivery(owner, "https://127.0.0.1:5432/")
    async with delivery_client(strict) as client:
        row = await attempt(owner, sessions, client, strict, internal)
    assert row["last_error"] == "address refused"


def verified(seen: dict, secret: str) -> bool:
    timestamp = seen["headers"]["cartera-timestamp"]
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + seen["body"], hashlib.sha256)
    return hmac.compare_digest(seen["headers"]["cartera-signature"], f"v1={mac.hexdigest()}")


async def stored_secret(owner, subscription_id) -> str:
    async with owner.connect() as conn:
        return await conn.scalar(
            select(webhook_subscriptions.c.secret_encrypted).where(
                webhook_subscriptions.c.id == subscription_id
            )
        )


async def test_secrets_are_kept_encrypted_and_survive_a_key_rotation(
    database, owner_url, app_url, kafka_bootstrap
):
    owner, sessions = database
    gateway = create_app(
        GatewaySettings(
            **secret_settings(),
            CARTERA_DATABASE_URL=owner_url,
            CARTERA_DATABASE_APP_URL=app_url,
            CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
            CARTERA_GATEWAY_WEBHOOKS_ALLOW_PRIVATE="true",
        )
    )
    async with Receiver() as receiver:
        transport = httpx.ASGITransport(app=gateway)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as api:
            made = (await api.post("/v1/admin/tenants", headers=ADMIN)).json()
            api.headers["Authorization"] = f"Bearer {made['api_key']}"
            answer = await api.post(
                "/v1/webhooks",
                json={"url": f"http://127.0.0.1:{receiver.port}/in", "event_types": ["*"]},
            )
            assert answer.status_code == 201, answer.text
            shown = answer.json()["secret"]  # once, in this answer
            subscription_id = uuid.UUID(answer.json()["id"])
            listed = (await api.get(f"/v1/webhooks/{subscription_id}")).json()
            assert "secret" not in listed
            assert "secret_encrypted" not in listed
        await gateway.state.runtime.engine.dispose()

        stored = await stored_secret(owner, subscription_id)
        old_id = KEYS.current_id
        assert stored.startswith(f"v1.{old_id}.")
        assert shown not in stored
        assert shown.removeprefix("whsec_") not in stored
        async with owner.connect() as conn:  # nowhere in the table, under any column
            row = (
                await conn.execute(
                    select(webhook_subscriptions).where(
                        webhook_subscriptions.c.id == subscription_id
                    )
                )
            ).one()
        assert shown.removeprefix("whsec_") not in repr(tuple(row))

        async def deliver(keys: DataKeys) -> dict:
            delivery = await delivery_for(owner, uuid.UUID(made["tenant_id"]), subscription_id)
            policy = DeliveryPolicy(allow_private=True, timeout_seconds=5, data_keys=keys)
            async with delivery_client(policy) as client:
                return await attempt(owner, sessions, client, policy, delivery)

        assert (await deliver(KEYS))["status"] == "delivered"
        assert verified(receiver.requests[-1], shown)

        # Rotation: every replica gets the new key and the old one as the previous...
        new_key = secrets.token_hex(32)
        rotating = DataKeys(new_key, previous=DATA_KEY)
        assert (await deliver(rotating))["status"] == "delivered"
        assert verified(receiver.requests[-1], shown)
        # ... the command re-encrypts under the new key (others' rows are not this test's) ...
        outcome = await rotate(sessions, rotating)
        assert outcome.reencrypted >= 1
        rotated = await stored_secret(owner, subscription_id)
        assert rotated.startswith(f"v1.{rotating.current_id}.")
        assert rotated != stored
        assert (await rotate(sessions, rotating)).reencrypted == 0  # nothing left to do
        # ... and the previous key can go: deliveries stay verifiable with the shown secret.
        assert (await deliver(DataKeys(new_key)))["status"] == "delivered"
        assert verified(receiver.requests[-1], shown)

        # A gateway with a key that opens none of them fails clearly, and sends nothing.
        sent = len(receiver.requests)
        wrong = await deliver(DataKeys(secrets.token_hex(32)))
        assert (wrong["status"], wrong["last_error"]) == ("pending", "secret unreadable")
        assert len(receiver.requests) == sent
        lost = await rotate(sessions, DataKeys(secrets.token_hex(32)))
        assert str(subscription_id) in {s for s, _ in lost.unreadable}
        assert await stored_secret(owner, subscription_id) == rotated  # left as it was
        # Back under this run's key, for the other tests of the module whatever their order.
        await rotate(sessions, DataKeys(DATA_KEY, previous=new_key))


async def test_a_delivery_answered_500_shows_as_retrying_until_it_is_sent_again(
    database, owner_url, app_url, kafka_bootstrap
):
    """The partner's case: a receiver's 500 left the delivery `pending` in the log, like one
    never tried. It is `retrying`, with the attempts, the status code and when it goes again."""
    owner, sessions = database
    gateway = create_app(
        GatewaySettings(
            **secret_settings(),
            CARTERA_DATABASE_URL=owner_url,
            CARTERA_DATABASE_APP_URL=app_url,
            CARTERA_KAFKA_BOOTSTRAP_SERVERS=kafka_bootstrap,
            CARTERA_GATEWAY_WEBHOOKS_ALLOW_PRIVATE="true",
        )
    )
    transport = httpx.ASGITransport(app=gateway)
    async with (
        Receiver(status=b"500 Internal Server Error") as receiver,
        httpx.AsyncClient(transport=transport, base_url="http://gateway") as api,
    ):
        made = (await api.post("/v1/admin/tenants", headers=ADMIN)).json()
        api.headers["Authorization"] = f"Bearer {made['api_key']}"
        subscription = (
            await api.post(
                "/v1/webhooks",
                json={"url": f"http://127.0.0.1:{receiver.port}/in", "event_types": ["*"]},
            )
        ).json()
        log = f"/v1/webhooks/{subscription['id']}/deliveries"
        delivery_id = await delivery_for(
            owner, uuid.UUID(made["tenant_id"]), uuid.UUID(subscription["id"])
        )
        untried = (await api.get(log)).json()["items"]
        assert [(d["status"], d["attempts"]) for d in untried] == [("pending", 0)]

        policy = DeliveryPolicy(allow_private=True, timeout_seconds=5, data_keys=KEYS)
        async with delivery_client(policy) as client:
            row = await attempt(owner, sessions, client, policy, delivery_id)
        assert (row["status"], row["last_status_code"]) == ("pending", 500)  # as stored
        assert len(receiver.requests) == 1

        (shown,) = (await api.get(log)).json()["items"]
        assert shown["status"] == "retrying"
        assert (shown["attempts"], shown["last_status_code"]) == (1, 500)
        assert shown["last_error"] == "HTTP 500"
        retry_at = dt.datetime.fromisoformat(shown["next_attempt_at"])
        assert retry_at > dt.datetime.now(dt.UTC)
        # The filter says what the log says.
        assert [
            d["id"] for d in (await api.get(log, params={"status": "retrying"})).json()["items"]
        ] == [str(delivery_id)]
        assert (await api.get(log, params={"status": "pending"})).json()["items"] == []

        # Sent again by hand: back to a delivery not yet tried.
        again = await api.post(f"{log}/{delivery_id}/redeliver")
        assert again.status_code == 200, again.text
        assert (again.json()["status"], again.json()["attempts"]) == ("pending", 0)
    await gateway.state.runtime.engine.dispose()


async def deliveries_waiting(owner, url: str, count: int) -> uuid.UUID:
    """A new tenant's subscription to `url` with `count` due deliveries; its id."""
    first = await pending_delivery(owner, url)
    async with owner.connect() as conn:
        tenant_id, subscription_id = (
            await conn.execute(
                select(webhook_deliveries.c.tenant_id, webhook_deliveries.c.subscription_id).where(
                    webhook_deliveries.c.id == first
                )
            )
        ).one()
    for _ in range(count - 1):
        await delivery_for(owner, tenant_id, subscription_id)
    return subscription_id


async def forget_deliveries(owner, subscription_id: uuid.UUID) -> None:
    """Leave nothing due for the tests after this one."""
    async with owner.begin() as conn:
        await conn.execute(
            webhook_deliveries.delete().where(
                webhook_deliveries.c.subscription_id == subscription_id
            )
        )


async def test_one_subscriptions_backlog_does_not_hold_back_another_tenants_delivery(database):
    """A tenant whose endpoint has 150 deliveries waiting (older than anything else) takes its
    turn with the others: a newer delivery of another tenant goes in the very next round."""
    owner, sessions = database
    async with Receiver() as receiver:
        url = f"http://127.0.0.1:{receiver.port}/in"
        policy = DeliveryPolicy(allow_private=True, timeout_seconds=5, data_keys=KEYS)
        backlog_subscription = await deliveries_waiting(owner, url, 150)
        async with owner.begin() as conn:
            await conn.execute(
                update(webhook_deliveries)
                .where(webhook_deliveries.c.subscription_id == backlog_subscription)
                .values(next_attempt_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
            )
        newer = await pending_delivery(owner, url)
        try:
            async with delivery_client(policy) as client:
                await deliver_due(sessions, client, policy, batch=100)
            async with owner.connect() as conn:
                statuses = dict(
                    (
                        await conn.execute(
                            select(webhook_deliveries.c.id, webhook_deliveries.c.status).where(
                                webhook_deliveries.c.subscription_id == backlog_subscription
                            )
                        )
                    ).all()
                )
                newer_status = await conn.scalar(
                    select(webhook_deliveries.c.status).where(webhook_deliveries.c.id == newer)
                )
            assert newer_status == "delivered"
            # The backlog still had most of the round: its turns came after every other's first.
            assert 1 < list(statuses.values()).count("delivered") < 100
        finally:
            await forget_deliveries(owner, backlog_subscription)


class SlowReceiver(Receiver):
    """Answers each request only after `delay` seconds."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(self.delay)
        await super()._serve(reader, writer)


async def test_a_slow_receiver_delays_only_its_own_deliveries(database, app_url):
    """The worker keeps attempts in hand one by one: with a receiver that takes 4 s over eight
    deliveries, another tenant's new delivery is sent within the second, not after the slow
    ones end."""
    owner, sessions = database
    policy = DeliveryPolicy(allow_private=True, timeout_seconds=8, poll_seconds=0.1, data_keys=KEYS)
    async with SlowReceiver(delay=4) as slow, Receiver() as fast:
        slow_subscription = await deliveries_waiting(owner, f"http://127.0.0.1:{slow.port}/in", 8)
        worker = asyncio.create_task(run_forever(sessions, app_url, policy))
        try:
            await asyncio.sleep(0.5)  # the slow ones are in hand
            started = asyncio.get_running_loop().time()
            await pending_delivery(owner, f"http://127.0.0.1:{fast.port}/in")
            while not fast.requests and asyncio.get_running_loop().time() - started < 8:
                await asyncio.sleep(0.05)
            took = asyncio.get_running_loop().time() - started
            assert fast.requests, "the other tenant's delivery was never sent"
            assert took < 1.5, took
            assert slow.requests == []  # still waiting on the slow receiver meanwhile
        finally:
            worker.cancel()
            await asyncio.gather(worker, return_exceptions=True)
            await forget_deliveries(owner, slow_subscription)
