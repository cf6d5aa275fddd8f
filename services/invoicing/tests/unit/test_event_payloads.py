"""The invoice as issuing serializes it (domain.serialize.to_json, the one JSON that is stored,
printed and published) follows the shared invoice contracts, for every kind of invoice the
samples hold; the whole events are checked at the outbox by the integration tests."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from cartera_invoicing.domain.serialize import to_json
from cartera_shared.events import topics
from cartera_shared.events.registry import check_data

from . import invoice_samples as samples

SAMPLES = [
    samples.public_body_invoice,
    samples.retailer_invoice,
    samples.eu_company_invoice,
    samples.rectifying_invoice,
    samples.simplified_invoice,
    samples.export_invoice,
    samples.long_invoice,
]
HUELLA = "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.__name__)
def test_each_issued_invoice_follows_the_invoice_contracts(sample):
    issued = dataclasses.replace(sample(), id=str(uuid.uuid4()))
    printed = to_json(issued)
    # What issuing.issue puts beside the printed invoice.
    extra = {"client_id": str(uuid.uuid4()), "verifactu_huella": HUELLA}
    check_data(topics.INVOICE_ISSUED, {**printed, **extra})
    rectifies = {"id": str(uuid.uuid4()), "number": "F2026-000001"}
    check_data(topics.INVOICE_RECTIFIED, {**printed, **extra, "rectifies": rectifies})
    # What cancellation._publish puts beside the stored invoice.
    cancellation = {
        "reason": "Emitida por error",
        "cancelled_at": "2026-03-03T09:15:00+00:00",
        "cancelled_by": "ana@example.com",
        "verifactu_huella": HUELLA,
    }
    check_data(
        topics.INVOICE_CANCELLED,
        {**printed, "client_id": extra["client_id"], "cancellation": cancellation},
    )
