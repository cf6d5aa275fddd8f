"""Corrections (subsanación) and cancellations (anulación) of Verifactu records: which flags the
AEAT's operations take, the records' XML against SuministroLR.xsd, their fingerprints, and the
chain going on after them (checked with verify_chain)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from lxml import etree

from cartera_invoicing.domain.verifactu import (
    SF_LR_NS,
    SF_NS,
    ChainLink,
    InvalidRecord,
    VerifactuRecord,
    alta_fingerprint,
    anulacion_fingerprint,
    build_alta,
    build_anulacion,
    record_xml,
    records_xml,
    verify_chain,
)
from cartera_invoicing.domain.verifactu_operations import (
    RecordState,
    Refused,
    cancellation_of,
    correction_of,
    operation_flags,
    same_registration,
)
from cartera_invoicing.xml_schemas import VERIFACTU

from .test_verifactu import CLIENT, ISSUER, SYSTEM, at, invoice

NS = {"sf": SF_NS, "sfLR": SF_LR_NS}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(VERIFACTU / "SuministroLR.xsd")))


def valid(record: VerifactuRecord, schema: etree.XMLSchema) -> etree._Element:
    document = etree.fromstring(record_xml(record))
    schema.assertValid(document)
    return document


def texts(document: etree._Element, path: str) -> list[str]:
    return [e.text or "" for e in document.iterfind(path, NS)]


def children(document: etree._Element, block: str) -> list[str]:
    found = document.find(f".//sf:{block}", NS)
    assert found is not None
    return [etree.QName(e).localname for e in found]


def alta(state: str) -> RecordState:
    return RecordState("alta", state)  # type: ignore[arg-type]


def anulacion(state: str) -> RecordState:
    return RecordState("anulacion", state)  # type: ignore[arg-type]


# --- which operation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "name", "prior_rejection", "only_if_changed"),
    [
        # The AEAT holds the record: "ALTA DE SUBSANACIÓN", RechazoPrevio left out (N).
        ([alta("accepted_with_errors")], "ALTA DE SUBSANACIÓN", None, False),
        ([alta("accepted")], "ALTA DE SUBSANACIÓN", None, True),
        # The first alta was refused, so the AEAT holds nothing: "ALTA POR RECHAZO", X.
        ([alta("rejected")], "ALTA POR RECHAZO", "X", False),
        ([alta("rejected"), alta("rejected")], "ALTA POR RECHAZO", "X", False),
        # It holds an earlier alta and refused the correction: S.
        ([alta("accepted"), alta("rejected")], "ALTA POR RECHAZO DE SUBSANACIÓN", "S", False),
        (
            [alta("accepted_with_errors"), alta("rejected"), alta("rejected")],
            "ALTA POR RECHAZO DE SUBSANACIÓN",
            "S",
            False,
        ),
        # A correction accepted after a refused first alta: the AEAT holds it now.
        ([alta("rejected"), alta("accepted_with_errors")], "ALTA DE SUBSANACIÓN", None, False),
    ],
)
def test_a_correction_takes_the_flags_of_the_aeat_operation(
    history, name, prior_rejection, only_if_changed
):
    operation = correction_of(history)
    assert operation.kind == "alta"
    assert operation.correction is True
    assert (operation.name, operation.prior_rejection) == (name, prior_rejection)
    assert operation.only_if_changed is only_if_changed


@pytest.mark.parametrize(
    ("history", "code"),
    [
        ([alta("pending")], "pending"),
        ([alta("rejected"), alta("pending")], "pending"),
        ([alta("accepted"), anulacion("pending")], "pending"),
        ([alta("accepted"), anulacion("accepted")], "cancelled"),
        ([], "nothing_to_correct"),
    ],
)
def test_a_correction_is_refused_while_waiting_or_when_nothing_is_left(history, code):
    with pytest.raises(Refused) as refused:
        correction_of(history)
    assert refused.value.code == code
    assert refused.value.reason


def test_a_refused_anulacion_is_corrected_by_another_anulacion():
    held = correction_of([alta("accepted"), anulacion("rejected")])
    assert (held.kind, held.name, held.prior_rejection, held.without_prior_record) == (
        "anulacion",
        "ANULACIÓN POR RECHAZO",
        "S",
        False,
    )
    # The alta was refused too (it was still waiting when the invoice was cancelled).
    gone = correction_of([alta("rejected"), anulacion("rejected")])
    assert (gone.name, gone.prior_rejection, gone.without_prior_record) == (
        "ANULACIÓN POR RECHAZO SIN REGISTRO PREVIO",
        "S",
        True,
    )


@pytest.mark.parametrize(
    ("history", "name", "without"),
    [
        ([alta("accepted")], "ANULACIÓN", False),
        ([alta("accepted_with_errors")], "ANULACIÓN", False),
        ([alta("pending")], "ANULACIÓN", False),
        ([alta("rejected"), alta("accepted")], "ANULACIÓN", False),
        ([alta("accepted"), alta("rejected")], "ANULACIÓN", False),
        ([alta("rejected")], "ANULACIÓN SIN REGISTRO PREVIO", True),
        ([alta("rejected"), alta("rejected")], "ANULACIÓN SIN REGISTRO PREVIO", True),
    ],
)
def test_a_cancellation_says_whether_the_aeat_holds_an_alta(history, name, without):
    operation = cancellation_of(history)
    assert (operation.kind, operation.name, operation.without_prior_record) == (
        "anulacion",
        name,
        without,
    )
    assert operation.prior_rejection is None
    assert operation.correction is False


def test_a_cancelled_invoice_is_not_cancelled_again():
    with pytest.raises(Refused) as refused:
        cancellation_of([alta("accepted"), anulacion("pending")])
    assert refused.value.code == "cancelled"


# --- the records ----------------------------------------------------------------------------


def first_alta() -> VerifactuRecord:
    return build_alta(invoice("F2026-000001"), previous=None, generated_at=at(9, 0), system=SYSTEM)


@pytest.mark.parametrize("prior_rejection", [None, "X", "S"])
def test_a_correcting_alta_validates_and_keeps_its_fingerprint(schema, prior_rejection):
    original = first_alta()
    other = build_alta(
        invoice("F2026-000002"),
        previous=ChainLink.of(original),
        generated_at=at(9, 30),
        system=SYSTEM,
    )
    corrected = dataclasses.replace(
        build_alta(
            invoice("F2026-000001"),
            previous=ChainLink.of(other),
            generated_at=at(10, 0),
            system=SYSTEM,
        ),
        correction=True,
        prior_rejection=prior_rejection,
    )
    document = valid(corrected, schema)
    assert texts(document, ".//sf:RegistroAlta/sf:Subsanacion") == ["S"]
    assert texts(document, ".//sf:RegistroAlta/sf:RechazoPrevio") == (
        [prior_rejection] if prior_rejection else []
    )
    # In the schema's order, right after NombreRazonEmisor.
    order = children(document, "RegistroAlta")
    at_name = order.index("NombreRazonEmisor")
    assert order[at_name + 1] == "Subsanacion"
    assert order[at_name + 2] == ("RechazoPrevio" if prior_rejection else "TipoFactura")
    # The flags are not fingerprinted: the documented string, chained to the previous record.
    assert corrected.huella == alta_fingerprint(
        issuer_nif="89890001K",
        number="F2026-000001",
        issue_date="02-03-2026",
        invoice_type="F1",
        tax_total="26.25",
        invoice_amount="151.25",
        previous_huella=other.huella,
        generated_at="2026-03-02T10:00:00+01:00",
    )
    assert texts(document, ".//sf:RegistroAlta/sf:Huella") == [corrected.huella]
    assert texts(document, ".//sf:RegistroAnterior/sf:NumSerieFactura") == ["F2026-000002"]


@pytest.mark.parametrize(
    ("without_prior_record", "prior_rejection"),
    [(False, None), (True, None), (False, "S"), (True, "S")],
)
def test_an_anulacion_with_its_flags_validates(schema, without_prior_record, prior_rejection):
    original = first_alta()
    record = dataclasses.replace(
        build_anulacion(
            invoice("F2026-000001"),
            previous=ChainLink.of(original),
            generated_at=at(11, 0),
            system=SYSTEM,
        ),
        without_prior_record=without_prior_record,
        prior_rejection=prior_rejection,
    )
    document = valid(record, schema)
    block = ".//sf:RegistroAnulacion"
    assert texts(document, f"{block}/sf:SinRegistroPrevio") == (
        ["S"] if without_prior_record else []
    )
    rejected = texts(document, f"{block}/sf:RechazoPrevio")
    assert rejected == ([prior_rejection] if prior_rejection else [])
    # GeneradoPor and Generador are left out: the issuer's own system made the record.
    assert texts(document, f"{block}/sf:GeneradoPor") == []
    assert children(document, "RegistroAnulacion")[1:2] == ["IDFactura"]
    assert record.huella == anulacion_fingerprint(
        issuer_nif="89890001K",
        number="F2026-000001",
        issue_date="02-03-2026",
        previous_huella=original.huella,
        generated_at="2026-03-02T11:00:00+01:00",
    )


@pytest.mark.parametrize(
    ("kind", "changes", "message"),
    [
        ("alta", {"prior_rejection": "X"}, "Subsanacion"),
        ("alta", {"prior_rejection": "S"}, "Subsanacion"),
        ("alta", {"without_prior_record": True}, "anulación"),
        ("anulacion", {"correction": True}, "alta"),
        ("anulacion", {"prior_rejection": "X"}, "never X"),
        ("alta", {"correction": True, "prior_rejection": "N"}, "RechazoPrevio"),
    ],
)
def test_combinations_the_aeat_does_not_admit_are_refused(kind, changes, message):
    original = first_alta()
    record = (
        original
        if kind == "alta"
        else build_anulacion(
            invoice("F2026-000001"),
            previous=ChainLink.of(original),
            generated_at=at(11, 0),
            system=SYSTEM,
        )
    )
    with pytest.raises(InvalidRecord, match=message):
        dataclasses.replace(record, **changes)


def test_the_chain_goes_on_after_a_correction_and_a_cancellation(schema):
    first = first_alta()
    second = build_alta(
        invoice("F2026-000002"), previous=ChainLink.of(first), generated_at=at(9, 10), system=SYSTEM
    )
    correction = dataclasses.replace(
        build_alta(
            invoice("F2026-000001", recipient=dataclasses.replace(CLIENT, legal_name="Otro S.L.")),
            previous=ChainLink.of(second),
            generated_at=at(9, 20),
            system=SYSTEM,
        ),
        correction=True,
        prior_rejection="X",
    )
    cancel = dataclasses.replace(
        build_anulacion(
            invoice("F2026-000002"),
            previous=ChainLink.of(correction),
            generated_at=at(9, 30),
            system=SYSTEM,
        ),
        without_prior_record=True,
    )
    after = build_alta(
        invoice("F2026-000003"),
        previous=ChainLink.of(cancel),
        generated_at=at(9, 40),
        system=SYSTEM,
    )
    chain = [first, second, correction, cancel, after]
    schema.assertValid(etree.fromstring(records_xml(chain)))
    stored = [r.fields() for r in chain]
    check = verify_chain(stored)
    assert (check.ok, check.checked) == (True, 5)
    # The same invoice twice in a chain is a correction, not a fork: each links to the one
    # before it, and removing the correction is seen.
    assert stored[2]["NumSerieFactura"] == stored[0]["NumSerieFactura"]
    assert stored[3]["NumSerieFacturaAnterior"] == "F2026-000001"
    without = [stored[0], stored[1], stored[3], stored[4]]
    broken = verify_chain(without)
    assert (broken.ok, broken.index, broken.problem) == (False, 2, "link")
    stored[3]["HuellaAnterior"] = stored[1]["Huella"]
    assert verify_chain(stored).problem == "fingerprint"


# --- comparing records ----------------------------------------------------------------------


def test_same_registration_ignores_chain_stamp_flags_and_software_only():
    original = first_alta()
    rebuilt = dataclasses.replace(
        build_alta(
            invoice("F2026-000001"),
            previous=ChainLink.of(original),
            generated_at=at(12, 0),
            system=dataclasses.replace(SYSTEM, version="0.2.0"),
        ),
        correction=True,
    )
    assert same_registration(record_xml(original), record_xml(rebuilt))
    renamed = build_alta(
        invoice("F2026-000001", issuer=dataclasses.replace(ISSUER, legal_name="Ferretería S.A.")),
        previous=None,
        generated_at=at(9, 0),
        system=SYSTEM,
    )
    assert not same_registration(record_xml(original), record_xml(renamed))
    other_client = build_alta(
        invoice("F2026-000001", recipient=dataclasses.replace(CLIENT, legal_name="Otro S.L.")),
        previous=None,
        generated_at=at(9, 0),
        system=SYSTEM,
    )
    assert not same_registration(record_xml(original), record_xml(other_client))


def test_operation_flags_are_read_back_from_a_stored_record():
    original = first_alta()
    assert operation_flags(record_xml(original)) == {}
    corrected = dataclasses.replace(original, correction=True, prior_rejection="X")
    assert operation_flags(record_xml(corrected)) == {"Subsanacion": "S", "RechazoPrevio": "X"}
    cancel = dataclasses.replace(
        build_anulacion(
            invoice("F2026-000001"),
            previous=ChainLink.of(original),
            generated_at=at(11, 0),
            system=SYSTEM,
        ),
        without_prior_record=True,
    )
    assert operation_flags(record_xml(cancel)) == {"SinRegistroPrevio": "S"}


def test_dates_of_the_generation_are_in_the_record():
    # A correction is stamped when it is made, not when the invoice was issued.
    original = first_alta()
    later = dt.datetime(2026, 3, 9, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    corrected = dataclasses.replace(
        build_alta(
            invoice("F2026-000001"),
            previous=ChainLink.of(original),
            generated_at=later,
            system=SYSTEM,
        ),
        correction=True,
    )
    assert corrected.fields()["FechaHoraHusoGenRegistro"] == "2026-03-09T08:00:00+01:00"
    assert corrected.fields()["FechaExpedicionFactura"] == "02-03-2026"
