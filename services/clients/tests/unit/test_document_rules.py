"""Storage keys and paths, file names in headers, retention dates, the upload form."""

import os
import uuid
from datetime import date

import pytest
from pydantic import ValidationError

from cartera_clients.documents.api import clean_filename, content_disposition
from cartera_clients.documents.schemas import DocumentForm
from cartera_clients.documents.service import add_years, legal_minimum
from cartera_clients.documents.storage import InvalidKey, LocalStorage, document_key, validate_key

TENANT, CLIENT, DOCUMENT = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_document_keys_are_made_of_ids():
    assert document_key(TENANT, CLIENT, DOCUMENT) == f"{TENANT}/{CLIENT}/{DOCUMENT}"


@pytest.mark.parametrize(
    "key",
    [
        "",
        "/etc/passwd",
        "../secrets",
        "a/../../b",
        "a/./b",
        "a//b",
        "a/",
        ".hidden",
        "a/.x.partial-1",
        "a\\b",
        "a\x00b",
        "a\nb",
        "ñandú",
        "a b",
        "x" * 129,
        "a/" * 300,
    ],
)
def test_unsafe_keys_are_refused(key):
    with pytest.raises(InvalidKey):
        validate_key(key)


@pytest.mark.parametrize("key", ["a", "a/b/c", "A-1_b.c", str(uuid.uuid4())])
def test_safe_keys_are_accepted(key):
    assert validate_key(key) == key


def test_a_local_path_is_inside_the_root(tmp_path):
    storage = LocalStorage(tmp_path)
    path = storage.path(document_key(TENANT, CLIENT, DOCUMENT))
    assert path == tmp_path / str(TENANT) / str(CLIENT) / str(DOCUMENT)
    for key in ("../x", "/abs"):
        with pytest.raises(InvalidKey):
            storage.path(key)


def test_a_symlink_cannot_lead_a_key_out_of_the_root(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    os.symlink(outside, root / "link")
    with pytest.raises(InvalidKey):
        LocalStorage(root).path("link/file")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("factura.pdf", "factura.pdf"),
        ("C:\\Users\\ana\\factura.pdf", "factura.pdf"),
        ("../../etc/passwd", "passwd"),
        ("a\r\nSet-Cookie: x=1.pdf", "aSet-Cookie: x=1.pdf"),
        ("  .hidden  ", "hidden"),
        ("", None),
        ("...", None),
        (None, None),
        ("Albara\u0301n.pdf", "Albarán.pdf"),  # NFC
    ],
)
def test_file_names_are_cleaned(raw, clean):
    assert clean_filename(raw) == clean


def test_long_file_names_keep_their_extension():
    cleaned = clean_filename("x" * 400 + ".pdf")
    assert cleaned is not None
    assert len(cleaned) == 255
    assert cleaned.endswith(".pdf")


@pytest.mark.parametrize(
    "name",
    ['evil".pdf', "a\r\nX-Injected: 1.pdf", "Albarán nº 27 (copia).pdf", "報告.pdf", "a;b=c.txt"],
)
def test_content_disposition_is_one_safe_header_line(name):
    header = content_disposition(name)
    assert header.isascii()
    assert "\r" not in header
    assert "\n" not in header
    fallback = header.split('filename="', 1)[1].split('"', 1)[0]
    assert '"' not in fallback
    assert "\\" not in fallback
    assert header.startswith("attachment; ")
    assert "filename*=UTF-8''" in header


def test_content_disposition_carries_the_exact_name_percent_encoded():
    header = content_disposition("Albarán nº 27.pdf")
    assert header == (
        'attachment; filename="Albaran no 27.pdf"; '
        "filename*=UTF-8''Albar%C3%A1n%20n%C2%BA%2027.pdf"
    )


def test_retention_is_six_years_from_the_document_date_or_the_upload():
    assert legal_minimum(date(2026, 3, 15), date(2026, 11, 28)) == date(2032, 3, 15)
    assert legal_minimum(None, date(2026, 11, 28)) == date(2032, 11, 28)
    assert add_years(date(2024, 2, 29), 6) == date(2030, 2, 28)
    assert add_years(date(2022, 2, 28), 6) == date(2028, 2, 28)


def form(**fields):
    return DocumentForm.model_validate({"kind": "invoice", "title": "Factura 1", **fields})


def test_the_form_accepts_iso_dates_and_empty_optional_ones():
    assert form(document_date="2026-01-31").document_date == date(2026, 1, 31)
    assert form(document_date="", retain_until=" ").document_date is None
    assert form(title="  Factura  ").title == "Factura"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("document_date", "31/01/2026"),
        ("document_date", "2026-02-30"),
        ("document_date", "1700000000"),
        ("document_date", "2026-01-31T00:00:00"),
        ("retain_until", "tomorrow"),
        ("kind", "receipt"),
        ("title", ""),
        ("title", "x" * 301),
        ("title", "line\nbreak"),
        ("unexpected", "x"),
    ],
)
def test_the_form_refuses_bad_values(field, value):
    with pytest.raises(ValidationError) as refused:
        form(**{field: value})
    assert refused.value.errors()[0]["loc"] == (field,)
