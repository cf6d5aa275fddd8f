"""The invoicing service consumes client events as an idempotent consumer of its own group."""

import subprocess
import sys

from faststream import AckPolicy

from cartera_invoicing.main import create_app
from cartera_invoicing.settings import InvoicingSettings
from cartera_shared.events import topics
from cartera_shared.testing import unstarted_settings


def test_it_keeps_a_client_replica_from_every_client_topic():
    # InvoicingSettings: it reads a setting of its own (CARTERA_DATA_KEY).
    app = create_app(InvoicingSettings.model_validate(unstarted_settings()))
    [subscriber] = app.state.runtime.broker.subscribers
    assert set(subscriber.topic_names) == set(topics.CLIENT_EVENTS)
    assert subscriber.group_id == "invoicing"
    # Offsets are committed only after the handler's transaction, never on receipt.
    assert subscriber.ack_policy is AckPolicy.MANUAL
    assert "/v1/client-replicas/{client_id}" in app.openapi()["paths"]


def test_the_pdf_library_is_loaded_only_when_a_pdf_is_printed():
    """reportlab and Pillow cost every process 16 MiB: a fresh interpreter that builds the app
    has not imported them (the PDF route imports them on its first call)."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; import cartera_invoicing.main; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'PIL'}))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert loaded == "[]"
