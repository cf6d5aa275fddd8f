"""Every topic's contract: the model of its `data`, the envelope version it travels with, who
publishes it and whether partners can subscribe to it. The AsyncAPI documents and the event
catalogue are generated from here, and a test builds each topic's data through its producer's
own code and parses it with the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from cartera_shared.events import topics
from cartera_shared.events.alerts import ALERT_EVENT_VERSION, AlertRaised
from cartera_shared.events.certificates import CERTIFICATE_EVENT_VERSION, CertificateExpiring
from cartera_shared.events.clients import CLIENT_EVENT_VERSION, ClientChanged
from cartera_shared.events.crm import (
    CRM_EVENT_VERSION,
    InteractionLogged,
    RequestClosed,
    RequestOpened,
    SatisfactionRecorded,
)
from cartera_shared.events.envelope import Envelope
from cartera_shared.events.invoices import (
    INVOICE_CANCELLED_VERSION,
    INVOICE_EVENT_VERSION,
    InvoiceCancelledDocument,
    InvoiceIssued,
    InvoiceRectified,
)
from cartera_shared.events.quotes import QUOTE_EVENT_VERSION, QuoteAccepted
from cartera_shared.events.receivables import (
    COLLECTIONS_EVENT_VERSION,
    DunningHoldChanged,
    DunningSent,
    PaymentRecorded,
    PaymentReversed,
    ReceivableOverdue,
    ReceivableSettled,
)
from cartera_shared.events.tenants import TENANT_EVENT_VERSION, TenantCreated
from cartera_shared.events.verifactu import VERIFACTU_EVENT_VERSION, VerifactuAnswered


@dataclass(frozen=True)
class EventContract:
    topic: str
    model: type[BaseModel]
    version: int
    producer: str
    summary: str
    # The field of `data` that holds the envelope's `subject`.
    subject: str = "id"
    # Whether webhook subscriptions can ask for it (tenant.created happens before any can exist).
    webhook: bool = True

    def parse(self, data: dict[str, Any]) -> BaseModel:
        """The data read through the contract (ValidationError if it breaks it)."""
        return self.model.model_validate(data)

    @property
    def title(self) -> str:
        """The topic as a schema name: invoice.issued -> InvoiceIssuedEvent."""
        return "".join(part.capitalize() for part in self.topic.split(".")) + "Event"


_ALL = (
    EventContract(
        topics.CLIENT_CREATED,
        ClientChanged,
        CLIENT_EVENT_VERSION,
        "clients",
        "A client was created.",
    ),
    EventContract(
        topics.CLIENT_UPDATED,
        ClientChanged,
        CLIENT_EVENT_VERSION,
        "clients",
        "A client changed (or an archived client was restored).",
    ),
    EventContract(
        topics.CLIENT_ARCHIVED,
        ClientChanged,
        CLIENT_EVENT_VERSION,
        "clients",
        "A client was archived.",
    ),
    EventContract(
        topics.TENANT_CREATED,
        TenantCreated,
        TENANT_EVENT_VERSION,
        "gateway",
        "A tenant was created (internal).",
        webhook=False,
    ),
    EventContract(
        topics.INVOICE_ISSUED,
        InvoiceIssued,
        INVOICE_EVENT_VERSION,
        "invoicing",
        "An invoice was issued.",
    ),
    EventContract(
        topics.INVOICE_RECTIFIED,
        InvoiceRectified,
        INVOICE_EVENT_VERSION,
        "invoicing",
        "A rectifying invoice was issued.",
    ),
    EventContract(
        topics.INVOICE_CANCELLED,
        InvoiceCancelledDocument,
        INVOICE_CANCELLED_VERSION,
        "invoicing",
        "An issued invoice was cancelled (Verifactu anulación).",
    ),
    EventContract(
        topics.QUOTE_ACCEPTED,
        QuoteAccepted,
        QUOTE_EVENT_VERSION,
        "invoicing",
        "A quote was accepted.",
    ),
    EventContract(
        topics.CERTIFICATE_EXPIRING,
        CertificateExpiring,
        CERTIFICATE_EVENT_VERSION,
        "invoicing",
        "The certificate VERI*FACTU records are sent with expires soon.",
        subject="certificate_id",
    ),
    EventContract(
        topics.VERIFACTU_ACCEPTED,
        VerifactuAnswered,
        VERIFACTU_EVENT_VERSION,
        "invoicing",
        "The AEAT accepted a VERI*FACTU record (perhaps with errors).",
        subject="invoice_id",
    ),
    EventContract(
        topics.VERIFACTU_REJECTED,
        VerifactuAnswered,
        VERIFACTU_EVENT_VERSION,
        "invoicing",
        "The AEAT rejected a VERI*FACTU record.",
        subject="invoice_id",
    ),
    EventContract(
        topics.PAYMENT_RECORDED,
        PaymentRecorded,
        COLLECTIONS_EVENT_VERSION,
        "collections",
        "A payment was recorded against an invoice.",
    ),
    EventContract(
        topics.PAYMENT_REVERSED,
        PaymentReversed,
        COLLECTIONS_EVENT_VERSION,
        "collections",
        "A recorded payment was reversed.",
    ),
    EventContract(
        topics.RECEIVABLE_SETTLED,
        ReceivableSettled,
        COLLECTIONS_EVENT_VERSION,
        "collections",
        "An invoice was paid in full.",
        subject="invoice_id",
    ),
    EventContract(
        topics.RECEIVABLE_OVERDUE,
        ReceivableOverdue,
        COLLECTIONS_EVENT_VERSION,
        "collections",
        "An instalment of an invoice passed its due date unpaid.",
        subject="invoice_id",
    ),
    EventContract(
        topics.DUNNING_SENT,
        DunningSent,
        COLLECTIONS_EVENT_VERSION,
        "collections",
        "A payment reminder was made.",
        subject="invoice_id",
    ),
    EventContract(
        topics.DUNNING_HOLD_CHANGED,
        DunningHoldChanged,
        COLLECTIONS_EVENT_VERSION,
        "collections",
        "A dunning hold was placed on a client or an invoice, or released.",
        subject="hold_id",
    ),
    EventContract(
        topics.INTERACTION_LOGGED,
        InteractionLogged,
        CRM_EVENT_VERSION,
        "crm",
        "A contact with a client was recorded.",
        subject="interaction_id",
    ),
    EventContract(
        topics.REQUEST_OPENED,
        RequestOpened,
        CRM_EVENT_VERSION,
        "crm",
        "A client's request was opened.",
        subject="request_id",
    ),
    EventContract(
        topics.REQUEST_CLOSED,
        RequestClosed,
        CRM_EVENT_VERSION,
        "crm",
        "A client's request was closed.",
        subject="request_id",
    ),
    EventContract(
        topics.SATISFACTION_RECORDED,
        SatisfactionRecorded,
        CRM_EVENT_VERSION,
        "crm",
        "A client answered a satisfaction survey.",
        subject="survey_id",
    ),
    EventContract(
        topics.ALERT_RAISED,
        AlertRaised,
        ALERT_EVENT_VERSION,
        "analytics",
        "Analytics raised an alert.",
        subject="alert_id",
    ),
)

CONTRACTS: dict[str, EventContract] = {c.topic: c for c in _ALL}
# topic -> (model of its data, envelope version)
REGISTRY: dict[str, tuple[type[BaseModel], int]] = {c.topic: (c.model, c.version) for c in _ALL}


def contract_of(topic: str) -> EventContract:
    try:
        return CONTRACTS[topic]
    except KeyError:
        raise KeyError(f"no contract for topic {topic!r}") from None


def webhook_contracts() -> list[EventContract]:
    return [c for c in _ALL if c.webhook]


def canonical_data(topic: str, data: dict[str, Any]) -> dict[str, Any]:
    """`data` with every value its topic's contract types written as the wire writes it
    (`cartera_shared.wire`: money "21.00", percentages, quantities, unit prices, exchange rates,
    instants "…Z" with six digits). `new_envelope` calls it, so every producer puts canonical
    values in its outbox. Nothing else changes: members the contract does not describe stay as
    given, no member is added, and data that breaks its contract is left for `check_outgoing`
    (and the tests) to refuse. Canonical data comes back the same, byte for byte."""
    contract = CONTRACTS.get(topic)
    if contract is None:
        return data
    given = json.loads(json.dumps(data, default=str))
    try:
        written = contract.model.model_validate(given).model_dump(mode="json")
    except ValidationError:
        return data
    canonical: dict[str, Any] = _overlay(given, written)
    return canonical


def _overlay(given: Any, written: Any) -> Any:
    """`given` with the contract's writing of each member it has (and no other)."""
    if isinstance(given, dict):
        if not isinstance(written, dict):
            return given
        return {k: _overlay(v, written[k]) if k in written else v for k, v in given.items()}
    if isinstance(given, list):
        if not isinstance(written, list) or len(written) != len(given):
            return given
        return [_overlay(g, w) for g, w in zip(given, written, strict=True)]
    # A decimal or an instant the contract writes as text; other scalars (a count, a flag, an id,
    # a day) come back as they were given.
    is_scalar = isinstance(given, str | int | float) and not isinstance(given, bool)
    return written if is_scalar and isinstance(written, str) else given


class ContractBroken(ValueError):
    """An event its producer was about to publish does not follow its topic's contract."""


def data_problems(contract: EventContract, data: dict[str, Any]) -> list[str]:
    """What is wrong with `data` (JSON as it travels) for the contract: nothing, if it parses
    and has no top-level field the contract does not describe."""
    problems = []
    try:
        contract.model.model_validate(data)
    except ValidationError as exc:
        problems.append(str(exc))
    undescribed = sorted(set(data) - set(contract.model.model_fields))
    if undescribed:
        problems.append(f"fields the contract does not describe: {undescribed}")
    return problems


def check_data(topic: str, data: dict[str, Any]) -> None:
    """ContractBroken unless `data` (JSON-ready) follows the topic's contract."""
    problems = data_problems(contract_of(topic), json.loads(json.dumps(data)))
    if problems:
        raise ContractBroken(f"{topic}: " + "; ".join(problems))


def check_outgoing(envelope: Envelope) -> None:
    """Check an event as it would go on the wire against its contract: the version, the data
    (parsed by the model), no top-level field the contract does not describe (the reader would
    accept it, but the published documents would not mention it), and the subject. Types
    without a contract (tests' own) pass."""
    contract = CONTRACTS.get(envelope.type)
    if contract is None:
        return
    wire = json.loads(envelope.to_bytes())
    problems = []
    if wire["version"] != contract.version:
        problems.append(f"version {wire['version']}, the contract's is {contract.version}")
    data = wire["data"]
    problems += data_problems(contract, data)
    if str(data.get(contract.subject)) != wire["subject"]:
        problems.append(f"subject {wire['subject']} is not data.{contract.subject}")
    if problems:
        raise ContractBroken(f"{envelope.type} from {envelope.producer}: " + "; ".join(problems))


__all__ = [
    "CONTRACTS",
    "REGISTRY",
    "ContractBroken",
    "EventContract",
    "canonical_data",
    "check_data",
    "check_outgoing",
    "contract_of",
    "webhook_contracts",
]
