"""SEPA Core direct debit: creditor identifier, validation and pain.008.001.02 remittances."""

import hashlib
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from cartera_collections.domain.sepa import (
    Collection,
    Creditor,
    InvalidRemittance,
    Mandate,
    SequenceType,
    creditor_identifier,
    is_valid_creditor_identifier,
    remittance_xml,
)
from cartera_collections.xml_schemas import PAIN_008_XSD

XSD = PAIN_008_XSD
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}
CREATED_AT = datetime(2026, 11, 28, 9, 30, 15)
COLLECTION_DATE = date(2026, 12, 5)


def creditor() -> Creditor:
    return Creditor(
        name="Talleres Ñandú, S.L.",
        iban="ES91 2100 0418 4502 0005 1332",
        bic="CAIXESBBXXX",
        creditor_id=creditor_identifier("B85626240"),
    )


def mandate(reference="MAND-0001", sequence_type=SequenceType.FIRST, bic="BBVAESMMXXX") -> Mandate:
    return Mandate(
        reference=reference,
        signed_on=date(2026, 10, 1),
        debtor_name="Distribuciones Pérez, S.A.",
        debtor_iban="ES7921000813610123456789",
        debtor_bic=bic,
        sequence_type=sequence_type,
    )


def collection(e2e="FAC-2026-0001", amount="121.00", **mandate_kwargs) -> Collection:
    return Collection(
        end_to_end_id=e2e,
        amount=Decimal(amount),
        mandate=mandate(**mandate_kwargs),
        remittance_info="Factura 2026-0001 de 01/11/2026",
    )


def mixed() -> list[Collection]:
    return [
        collection("FAC-1", "121.00", reference="MAND-1", sequence_type=SequenceType.FIRST),
        collection("FAC-2", "1234.56", reference="MAND-2", sequence_type=SequenceType.RECURRING),
        collection(
            "FAC-3", "0.01", reference="MAND-3", sequence_type=SequenceType.RECURRING, bic=None
        ),
        collection("FAC-4", "50.5", reference="MAND-4", sequence_type=SequenceType.FIRST),
    ]


# --- creditor identifier -----------------------------------------------------------------------


def test_the_xsd_is_the_services_own_copy_with_its_recorded_digest():
    """Inside the checkout (a clone has nothing beside it), and the bytes its README records."""
    service = Path(__file__).resolve().parents[2]
    assert XSD.is_relative_to(service)
    readme = (XSD.parent.parent / "README.md").read_text()
    assert hashlib.sha256(XSD.read_bytes()).hexdigest() in readme


def test_creditor_identifier_matches_published_examples():
    # Worked example (EADTrust, NIF B85626240): "B85626240ES00" -> 1185626240142800,
    # 1185626240142800 mod 97 = 21, 98 - 21 = 77 -> ES77000B85626240.
    assert creditor_identifier("B85626240") == "ES77000B85626240"
    # Spanish NIF 12345678J with suffix 000, published as ES0500012345678J.
    assert creditor_identifier("12345678J") == "ES0500012345678J"
    # Deutsche Bundesbank's documented test creditor id: DE98ZZZ09999999999.
    assert creditor_identifier("09999999999", suffix="ZZZ", country="DE") == "DE98ZZZ09999999999"


def test_the_suffix_does_not_change_the_check_digits():
    assert creditor_identifier("b85626240", suffix="001") == "ES77001B85626240"
    assert creditor_identifier("ES-B85626240") == "ES77000B85626240"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("ES77000B85626240", True),
        ("ES77ABCB85626240", True),
        ("DE98ZZZ09999999999", True),
        ("ES78000B85626240", False),
        ("ES77000B85626241", False),
        ("es77000B85626240", False),
        ("ES77000", False),
        ("", False),
    ],
)
def test_creditor_identifier_validation(value, valid):
    assert is_valid_creditor_identifier(value) is valid


@pytest.mark.parametrize(
    ("nif", "suffix", "country"),
    [
        ("B85626240", "00", "ES"),
        ("B85626240", "0-0", "ES"),
        ("B8562?240", "000", "ES"),
        ("B1", "000", "E"),
    ],
)
def test_bad_creditor_identifier_parts_are_refused(nif, suffix, country):
    with pytest.raises(InvalidRemittance):
        creditor_identifier(nif, suffix, country)


# --- the remittance document ---------------------------------------------------------------------


def test_a_mixed_frst_and_rcur_remittance_validates_against_the_official_xsd():
    document = remittance_xml(
        "REM-2026-11-28-001", creditor(), mixed(), COLLECTION_DATE, CREATED_AT
    )
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    root = etree.fromstring(document)
    schema.assertValid(root)
    assert document.startswith(b"<?xml")


def test_totals_and_header_read_back():
    root = etree.fromstring(
        remittance_xml("REM-2026-11-28-001", creditor(), mixed(), COLLECTION_DATE, CREATED_AT)
    )
    header = root.find("p:CstmrDrctDbtInitn/p:GrpHdr", NS)
    assert header.findtext("p:MsgId", namespaces=NS) == "REM-2026-11-28-001"
    assert header.findtext("p:CreDtTm", namespaces=NS) == "2026-11-28T09:30:15"
    assert header.findtext("p:NbOfTxs", namespaces=NS) == "4"
    # 121.00 + 1234.56 + 0.01 + 50.50
    assert Decimal(header.findtext("p:CtrlSum", namespaces=NS)) == Decimal("1406.07")
    assert (
        header.findtext("p:InitgPty/p:Id/p:OrgId/p:Othr/p:Id", namespaces=NS) == "ES77000B85626240"
    )

    blocks = root.findall("p:CstmrDrctDbtInitn/p:PmtInf", NS)
    by_type = {b.findtext("p:PmtTpInf/p:SeqTp", namespaces=NS): b for b in blocks}
    assert set(by_type) == {"FRST", "RCUR"}
    assert len({b.findtext("p:PmtInfId", namespaces=NS) for b in blocks}) == 2
    for seq_type, count, total in (("FRST", 2, "171.50"), ("RCUR", 2, "1234.57")):
        block = by_type[seq_type]
        amounts = [Decimal(a.text) for a in block.iterfind("p:DrctDbtTxInf/p:InstdAmt", NS)]
        assert block.findtext("p:NbOfTxs", namespaces=NS) == str(count) == str(len(amounts))
        assert Decimal(block.findtext("p:CtrlSum", namespaces=NS)) == Decimal(total) == sum(amounts)
        assert block.findtext("p:BtchBookg", namespaces=NS) == "true"
        assert block.findtext("p:PmtTpInf/p:LclInstrm/p:Cd", namespaces=NS) == "CORE"
        assert block.findtext("p:ReqdColltnDt", namespaces=NS) == "2026-12-05"
        assert block.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == "ES9121000418450200051332"
        assert (
            block.findtext("p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id", namespaces=NS)
            == "ES77000B85626240"
        )
    assert {a.get("Ccy") for a in root.iter(f"{{{NS['p']}}}InstdAmt")} == {"EUR"}


def test_transactions_carry_the_mandate_and_debtor():
    root = etree.fromstring(
        remittance_xml("REM-1", creditor(), mixed(), COLLECTION_DATE, CREATED_AT)
    )
    txs = {
        tx.findtext("p:PmtId/p:EndToEndId", namespaces=NS): tx
        for tx in root.iterfind(".//p:DrctDbtTxInf", NS)
    }
    assert set(txs) == {"FAC-1", "FAC-2", "FAC-3", "FAC-4"}
    first = txs["FAC-1"]
    assert first.findtext("p:DrctDbtTx/p:MndtRltdInf/p:MndtId", namespaces=NS) == "MAND-1"
    assert first.findtext("p:DrctDbtTx/p:MndtRltdInf/p:DtOfSgntr", namespaces=NS) == "2026-10-01"
    assert first.findtext("p:DbtrAgt/p:FinInstnId/p:BIC", namespaces=NS) == "BBVAESMMXXX"
    assert first.findtext("p:Dbtr/p:Nm", namespaces=NS) == "Distribuciones Perez, S.A."
    assert first.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == "ES7921000813610123456789"
    assert first.findtext("p:RmtInf/p:Ustrd", namespaces=NS) == "Factura 2026-0001 de 01/11/2026"
    # Without a debtor BIC the IBAN-only form is used.
    assert (
        txs["FAC-3"].findtext("p:DbtrAgt/p:FinInstnId/p:Othr/p:Id", namespaces=NS) == "NOTPROVIDED"
    )


def test_collection_on_the_creation_day_is_allowed():
    remittance_xml("REM-1", creditor(), mixed(), CREATED_AT.date(), CREATED_AT)


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(lambda: mandate(reference=""), id="empty mandate reference"),
        pytest.param(lambda: mandate(reference="M" * 36), id="mandate reference too long"),
        pytest.param(lambda: mandate(reference="MAND_0001"), id="underscore"),
        pytest.param(lambda: mandate(reference="MANDÁ-1"), id="accented letter"),
        pytest.param(lambda: mandate(reference="/MAND-1"), id="leading slash"),
        pytest.param(lambda: mandate(reference="MAND//1"), id="double slash"),
        pytest.param(lambda: mandate(reference=" MAND-1"), id="leading space"),
        pytest.param(lambda: mandate(sequence_type="XXXX"), id="sequence type"),
        pytest.param(lambda: mandate(bic="1234ESMM"), id="debtor bic"),
        pytest.param(lambda: replace(mandate(), debtor_iban="ES9121000418450200051333"), id="iban"),
        pytest.param(lambda: replace(mandate(), debtor_iban="XX00"), id="iban format"),
        pytest.param(lambda: replace(mandate(), debtor_name="  "), id="debtor name"),
        pytest.param(lambda: replace(creditor(), iban="ES00 2100"), id="creditor iban"),
        pytest.param(lambda: replace(creditor(), bic="CAIX"), id="creditor bic"),
        pytest.param(lambda: replace(creditor(), creditor_id="ES78000B85626240"), id="creditor id"),
        pytest.param(lambda: replace(creditor(), name=""), id="creditor name"),
        pytest.param(lambda: collection(amount="0"), id="zero amount"),
        pytest.param(lambda: collection(amount="-1.00"), id="negative amount"),
        pytest.param(lambda: collection(amount="1.001"), id="three decimals"),
        pytest.param(lambda: collection(amount="NaN"), id="nan"),
        pytest.param(lambda: collection(amount="1000000000.00"), id="too large"),
        pytest.param(lambda: replace(collection(), amount=1), id="not a decimal"),
        pytest.param(lambda: collection(e2e="E2E_1"), id="end-to-end charset"),
        pytest.param(lambda: collection(e2e="E" * 36), id="end-to-end length"),
        pytest.param(lambda: replace(collection(), remittance_info="x" * 141), id="info too long"),
        pytest.param(lambda: replace(collection(), remittance_info=""), id="info empty"),
    ],
)
def test_invalid_parts_are_refused(build):
    with pytest.raises(InvalidRemittance):
        build()


@pytest.mark.parametrize(
    ("build", "said"),
    [
        (lambda: replace(mandate(), debtor_iban="ES9121000418450200051333"), "check digits"),
        (lambda: replace(creditor(), bic="CAIX"), "wrong number of characters"),
    ],
)
def test_a_bad_bank_number_is_told_in_our_words_not_stdnum_s(build, said):
    with pytest.raises(InvalidRemittance) as refused:
        build()
    assert said in str(refused.value)
    assert "The number" not in str(refused.value)  # stdnum's own sentences begin so


def test_remittance_info_of_140_characters_is_accepted():
    replace(collection(), remittance_info="x" * 140)


@pytest.mark.parametrize(
    ("message_id", "collections", "collection_date"),
    [
        pytest.param("REM-1", [], COLLECTION_DATE, id="no collections"),
        pytest.param("REM-1", mixed(), date(2026, 11, 27), id="collection date in the past"),
        pytest.param("R" * 36, mixed(), COLLECTION_DATE, id="message id too long"),
        pytest.param("REM_1", mixed(), COLLECTION_DATE, id="message id charset"),
        pytest.param(
            "REM-1", [collection("FAC-1"), collection("FAC-1")], COLLECTION_DATE, id="duplicate e2e"
        ),
        pytest.param(
            "REM-1",
            [replace(collection(), mandate=replace(mandate(), signed_on=date(2026, 12, 1)))],
            COLLECTION_DATE,
            id="mandate signed after creation",
        ),
    ],
)
def test_invalid_remittances_are_refused(message_id, collections, collection_date):
    with pytest.raises(InvalidRemittance):
        remittance_xml(message_id, creditor(), collections, collection_date, CREATED_AT)


# --- sequence types per mandate (issue 18) -----------------------------------------------------


@pytest.mark.parametrize(
    "kinds",
    [
        (SequenceType.FIRST, SequenceType.FIRST),
        (SequenceType.FIRST, SequenceType.RECURRING),
        (SequenceType.RECURRING, SequenceType.FIRST),
        (SequenceType.ONE_OFF, SequenceType.ONE_OFF),
        (SequenceType.FINAL, SequenceType.FINAL),
    ],
)
def test_a_mandate_s_first_collection_is_alone_in_its_file(kinds):
    collections = [
        collection(f"FAC-{n}", reference="MAND-1", sequence_type=kind)
        for n, kind in enumerate(kinds)
    ]
    with pytest.raises(InvalidRemittance, match="MAND-1"):
        remittance_xml("REM-1", creditor(), collections, COLLECTION_DATE, CREATED_AT)


def test_several_recurring_collections_of_one_mandate_share_a_file():
    collections = [
        collection(f"FAC-{n}", reference="MAND-1", sequence_type=SequenceType.RECURRING)
        for n in range(3)
    ]
    document = remittance_xml("REM-1", creditor(), collections, COLLECTION_DATE, CREATED_AT)
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(etree.fromstring(document))
