"""A notice that cannot be sent says why in fixed words: the tenant reads it on the notice, and
the library's text would name our mail server, its port and its replies."""

import socket
import uuid

import pytest
from aiosmtpd.controller import Controller

from cartera_collections.dunning.service import _deliver
from cartera_shared.mail import SmtpSettings


def notice(to: str = "cobros@cliente.es") -> dict:
    return {"id": uuid.uuid4(), "to": to, "subject": "Recordatorio", "body": "Factura F-1"}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_mail_server_that_cannot_be_reached():
    port = closed_port()
    smtp = SmtpSettings(host="127.0.0.1", port=port, sender="cobros@empresa.es")
    outcome, error = await _deliver(smtp, notice())
    assert outcome == "failed"
    assert error == "the mail server could not be reached"
    assert str(port) not in error


class Refusing:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 <internal-relay-7.corp> mailbox unavailable"


@pytest.fixture
def refusing_server():
    controller = Controller(Refusing(), hostname="127.0.0.1", port=closed_port())
    controller.start()
    yield controller
    controller.stop()


async def test_a_refused_address_is_said_with_its_smtp_code_only(refusing_server):
    smtp = SmtpSettings(host="127.0.0.1", port=refusing_server.port, sender="cobros@empresa.es")
    outcome, error = await _deliver(smtp, notice())
    assert outcome == "failed"
    assert error == "the mail server refused the recipient's address (SMTP 550); check the address"
    assert "corp" not in error
