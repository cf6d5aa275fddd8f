"""How Kafka clients connect: nothing extra on loopback, SASL/SCRAM over TLS with a user's own
credentials in a cluster, and a clear refusal when the credentials are missing."""

import ssl

import pytest
from faststream.security import SASLScram512
from pydantic import ValidationError

from cartera_shared.kafka import KafkaConnection


def connection(**values):
    return KafkaConnection(**values)


def test_plaintext_adds_nothing(monkeypatch):
    monkeypatch.delenv("CARTERA_KAFKA_SECURITY_PROTOCOL", raising=False)
    assert connection().client_options() == {}
    assert connection().faststream_security() is None


def test_sasl_ssl_gives_every_client_the_users_credentials_and_a_verifying_tls_context():
    chosen = connection(
        CARTERA_KAFKA_SECURITY_PROTOCOL="SASL_SSL",
        CARTERA_KAFKA_SASL_USERNAME="cartera-invoicing",
        CARTERA_KAFKA_SASL_PASSWORD="0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    )
    options = chosen.client_options()
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "cartera-invoicing"
    assert options["sasl_plain_password"] == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    context = options["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname
    security = chosen.faststream_security()
    assert isinstance(security, SASLScram512)


@pytest.mark.parametrize("missing", ["CARTERA_KAFKA_SASL_USERNAME", "CARTERA_KAFKA_SASL_PASSWORD"])
def test_sasl_without_credentials_refuses_to_start(missing, monkeypatch):
    monkeypatch.delenv(missing, raising=False)
    values = {
        "CARTERA_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "CARTERA_KAFKA_SASL_USERNAME": "cartera-crm",
        "CARTERA_KAFKA_SASL_PASSWORD": "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
    }
    del values[missing]
    with pytest.raises(ValidationError) as refused:
        connection(**values)
    assert "KAFKA_SASL" in str(refused.value)
    assert "0f1e2d3c" not in str(refused.value)


def test_an_unknown_protocol_is_refused():
    with pytest.raises(ValidationError):
        connection(CARTERA_KAFKA_SECURITY_PROTOCOL="SASL_SOMETHING")
