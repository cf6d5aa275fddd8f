"""What the AEAT's answers mean for a record (RespuestaSuministro.xsd, RespuestaConsultaLR.xsd),
and the differences a reconciliation names. No I/O."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import pytest

from cartera_invoicing.settings import InvoicingSettings
from cartera_invoicing.verifactu.ports import installed_parts
from cartera_invoicing.verifactu.reconcile import differences
from cartera_invoicing.verifactu.status import (
    Outcome,
    RecordKey,
    UnreadableAnswer,
    held_outcome,
    line_key,
    line_outcome,
    record_key,
    submission_view,
)
from cartera_shared.testing import unstarted_settings

DAY = dt.date(2026, 12, 6)
HUELLA = "A" * 64


@dataclass(frozen=True)
class Line:
    status: str
    error_code: int | None = None
    error_description: str | None = None
    duplicate_status: str | None = None
    number: str = " F-1 "
    issue_date: dt.date = DAY
    operation: str = "Alta"


@dataclass(frozen=True)
class Held:
    status: str
    huella: str | None = HUELLA
    number: str = "F-1"
    issue_date: dt.date = DAY
    operation: str = "Alta"
    error_code: int | None = None
    error_description: str | None = None


def test_each_line_status_becomes_the_records_status():
    assert line_outcome(Line("Correcto")) == Outcome("accepted")
    assert line_outcome(Line("AceptadoConErrores", 2004, " Fecha ")) == Outcome(
        "accepted_with_errors", 2004, "Fecha"
    )
    assert line_outcome(Line("Incorrecto", 1100, "x" * 2000)) == Outcome(
        "rejected", 1100, "x" * 1500
    )
    with pytest.raises(UnreadableAnswer):
        line_outcome(Line("Aceptado"))


def test_a_duplicate_is_what_the_aeat_holds():
    assert line_outcome(Line("Incorrecto", 3000, "duplicado", "Correcta")) == Outcome(
        "accepted", duplicate=True
    )
    assert line_outcome(Line("Incorrecto", 3000, "duplicado", "Anulada")) == Outcome(
        "accepted", duplicate=True
    )
    assert line_outcome(Line("Incorrecto", 3000, "duplicado", "AceptadaConErrores")) == Outcome(
        "accepted_with_errors", 3000, "duplicado", duplicate=True
    )
    # The duplicate code without the held state still says the AEAT holds it.
    assert line_outcome(Line("Incorrecto", 3000, "duplicado")).status == "accepted"
    # An anulación sent again: the invoice is already cancelled there (3001).
    assert line_outcome(Line("Incorrecto", 3001, "baja", operation="Anulacion")) == Outcome(
        "accepted", duplicate=True
    )
    # An alta of a cancelled invoice is refused.
    assert line_outcome(Line("Incorrecto", 3001, "baja")) == Outcome("rejected", 3001, "baja")


def test_records_and_lines_are_keyed_by_invoice_and_operation():
    alta = {"NumSerieFactura": "F-1 ", "FechaExpedicionFactura": "06-12-2026"}
    cancel = {"NumSerieFacturaAnulada": "F-1", "FechaExpedicionFacturaAnulada": "06-12-2026"}
    assert record_key("alta", alta) == RecordKey("F-1", DAY, "Alta") == line_key(Line("Correcto"))
    assert record_key("anulacion", cancel) == line_key(Line("Correcto", operation="Anulacion"))
    assert record_key("alta", alta) != record_key("anulacion", cancel)


def test_a_held_record_is_this_one_by_its_huella_or_by_a_later_cancellation():
    assert held_outcome(Held("Correcta"), "alta", HUELLA) == Outcome("accepted")
    assert held_outcome(Held("Correcta", huella=None), "alta", HUELLA) == Outcome("accepted")
    assert held_outcome(Held("AceptadaConErrores", error_code=2004), "alta", HUELLA) == Outcome(
        "accepted_with_errors", 2004, None
    )
    assert held_outcome(Held("Correcta", huella="B" * 64), "alta", HUELLA) is None
    # Held as cancelled: the alta before the cancellation was registered.
    assert held_outcome(Held("Anulada", huella="B" * 64), "alta", HUELLA) == Outcome("accepted")
    assert held_outcome(Held("Anulada"), "anulacion", HUELLA) == Outcome("accepted")
    assert held_outcome(Held("Correcta"), "anulacion", HUELLA) is None
    # Held as cancelled, with the huella of the alta it cancelled (the query's data is the
    # alta's): the anulación is what cancelled it.
    assert held_outcome(Held("Anulada", huella="B" * 64), "anulacion", HUELLA) == Outcome(
        "accepted"
    )


def row(kind, number, status, huella, position):
    fields = (
        {"NumSerieFacturaAnulada": number, "FechaExpedicionFacturaAnulada": "06-12-2026"}
        if kind == "anulacion"
        else {"NumSerieFactura": number, "FechaExpedicionFactura": "06-12-2026"}
    )
    return {
        "id": uuid.uuid4(),
        "kind": kind,
        "fields": fields,
        "status": status,
        "huella": huella,
        "position": position,
    }


def test_a_reconciliation_believes_the_last_accepted_record_of_each_invoice():
    rows = [
        row("alta", "F-1", "accepted", "1" * 64, 1),
        row("anulacion", "F-1", "accepted", "2" * 64, 2),  # F-1 is held as cancelled
        row("alta", "F-2", "accepted", "3" * 64, 3),
        row("alta", "F-2", "rejected", "4" * 64, 4),  # a correction the AEAT refused
        row("alta", "F-3", "pending", "5" * 64, 5),
    ]
    held = {
        ("F-1", DAY): Held("Anulada", "2" * 64, "F-1"),
        ("F-2", DAY): Held("Correcta", "3" * 64, "F-2"),
    }
    assert differences(rows, held) == []  # F-3 not sent yet: nothing to compare
    # The query may show a cancelled invoice with the huella of the alta it cancelled.
    held[("F-1", DAY)] = Held("Anulada", "1" * 64, "F-1")
    assert differences(rows, held) == []
    # Held with the alta's huella, not cancelled: the state differs, not the huella.
    held[("F-1", DAY)] = Held("Correcta", "1" * 64, "F-1")
    found = differences(rows, held)
    assert [(d["kind"], d["number"]) for d in found] == [("different_state", "F-1")]
    held[("F-1", DAY)] = Held("Correcta", "9" * 64, "F-1")
    found = differences(rows, held)
    assert [(d["kind"], d["number"]) for d in found] == [
        ("different_huella", "F-1"),
        ("different_state", "F-1"),
    ]


def test_no_endpoint_means_nothing_is_sent():
    settings = InvoicingSettings(**unstarted_settings())
    assert settings.verifactu_endpoint == ""
    assert installed_parts("", ca_file=None, timeout_seconds=60) is None


@pytest.mark.parametrize(
    ("state", "shown"),
    [("accepted", True), ("accepted_with_errors", True), ("rejected", False), ("pending", False)],
)
def test_the_csv_is_shown_only_for_a_record_the_aeat_registered(state, shown):
    # A partly correct request has one CSV for all its lines, the refused ones included.
    row = {
        "status": state,
        "csv": "CSV0123456789ABC",
        "error_code": 1108 if state == "rejected" else None,
        "error_description": "NIF" if state == "rejected" else None,
        "duplicate": False,
        "attempts": 1,
        "last_attempt_at": None,
        "last_failure": None,
        "sent_with_incident": False,
        "answered_at": None,
    }
    assert (submission_view(row)["csv"] is not None) is shown
