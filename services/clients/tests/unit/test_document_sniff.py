"""The type of an upload comes from its bytes; names and declared types are not trusted."""

import io

import pytest

from cartera_clients.documents import sniff as s
from cartera_clients.documents import testing as samples
from cartera_clients.documents.sniff import Refused, Sniffed, canonical_filename, sniff


def sniffed(data: bytes, filename: str | None = None) -> str:
    return sniff(io.BytesIO(data), filename=filename).content_type


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (samples.pdf, s.PDF),
        (samples.png, s.PNG),
        (samples.jpeg, s.JPEG),
        (samples.gif, s.GIF),
        (samples.webp, s.WEBP),
        (samples.tiff, s.TIFF),
        (samples.docx, s.DOCX),
        (samples.xlsx, s.XLSX),
        (samples.odt, s.ODT),
        (samples.ods, s.ODS),
        (samples.text, s.TEXT),
        (samples.csv_text, s.CSV),
        (samples.xml, s.XML),
        (samples.eml, s.EML),
    ],
)
def test_accepted_types_are_recognised_from_their_bytes(sample, expected):
    assert sniffed(sample()) == expected


@pytest.mark.parametrize("claimed", ["factura.pdf", "contrato.docx", "foto.png", None])
@pytest.mark.parametrize(
    ("sample", "detected"),
    [
        (samples.elf, "application/x-executable"),
        (samples.windows_exe, "application/x-msdownload"),
        (samples.plain_zip, "application/zip"),
        (samples.fake_docx, "application/x-ooxml"),
        (samples.docm, "application/vnd.ms-office.vbaproject"),
        (samples.odp, "application/vnd.oasis.opendocument.presentation"),
        (samples.epub, "application/epub+zip"),
        (samples.html, "text/html"),
        (samples.svg, "image/svg+xml"),
        (samples.latin1_text, "application/octet-stream"),
    ],
)
def test_refused_types_are_refused_whatever_the_name_claims(sample, detected, claimed):
    with pytest.raises(Refused) as refused:
        sniff(io.BytesIO(sample()), filename=claimed)
    assert refused.value.detected == detected


def test_a_zip_made_to_look_like_a_docx_in_its_first_bytes_is_still_a_zip():
    # [Content_Types].xml first (what header-only sniffers look at), but no document part.
    assert sniffed(samples.docx()) == s.DOCX
    with pytest.raises(Refused):
        sniffed(samples.fake_docx())


def test_an_opendocument_whose_mimetype_entry_is_compressed_is_refused():
    data = samples._odf("application/vnd.oasis.opendocument.text", stored=False)
    with pytest.raises(Refused):
        sniffed(data)


def test_a_truncated_zip_is_refused():
    with pytest.raises(Refused) as refused:
        sniffed(samples.docx()[:-40])
    assert refused.value.detected == "application/zip"


@pytest.mark.parametrize(
    "data",
    [
        b"BMW 320d, factura de taller\n",  # 'BM' is also the start of a bitmap
        b"MZ Transportes: albaran 12\n",  # 'MZ' is also the start of a Windows executable
        b"ID3 tags are not audio here\n",
        "Línea con acentos y €\n".encode(),
        b"\xef\xbb\xbfCon BOM\n",
        b"tab\tand\r\nform\x0cfeed\n",
    ],
)
def test_clean_utf8_text_is_text_even_when_it_starts_like_a_binary_type(data):
    assert sniffed(data) in {s.TEXT, s.CSV}


@pytest.mark.parametrize(
    "data",
    [
        b"text with a NUL\x00 byte",
        b"text with a bell \x07",
        "a" * 70_000 + "\x00",  # the NUL is far past the first chunk
        b"valid start " * 10_000 + b"\xff\xfe",  # invalid UTF-8 far into the file
    ],
)
def test_text_with_binary_bytes_anywhere_is_not_text(data):
    if isinstance(data, str):
        data = data.encode()
    with pytest.raises(Refused):
        sniffed(data)


def test_csv_is_told_from_text_by_its_shape_or_its_extension():
    assert sniffed(b"a,b,c\n1,2,3\n4,5,6\n") == s.CSV
    assert sniffed(b'nombre,"calle, numero"\nAna,"Mayor, 1"\n') == s.CSV
    assert sniffed(b"una linea, sin mas\n") == s.TEXT
    assert sniffed(b"una linea, sin mas\n", filename="datos.csv") == s.CSV
    # The name only chooses among text types: it never makes bytes acceptable.
    with pytest.raises(Refused):
        sniffed(samples.elf(), filename="datos.csv")


def test_xml_roots_decide_between_xml_and_active_markup():
    assert sniffed(b"<Facturae><x/></Facturae>") == s.XML
    assert sniffed(b"<!-- comment -->\n<?pi x?>\n<root/>") == s.XML
    assert sniffed(b'<!DOCTYPE note [<!ENTITY a "b">]><note/>') == s.XML
    for markup in (
        b"<html><p>hi</p></html>",
        b"<!doctype HTML><p>hi",
        b"<?xml version='1.0'?><svg:svg xmlns:svg='http://www.w3.org/2000/svg'/>",
        b"  <body onload='x()'>",
    ):
        with pytest.raises(Refused):
            sniffed(markup)


def test_an_email_with_an_html_body_is_an_email():
    data = samples.eml().replace(b"text/plain", b"text/html") + b"<html><body>x</body></html>\r\n"
    assert sniffed(data) == s.EML


def test_an_empty_file_is_refused():
    with pytest.raises(Refused):
        sniffed(b"")


@pytest.mark.parametrize(
    ("given", "content_type", "kept"),
    [
        ("factura.pdf", s.PDF, "factura.pdf"),
        ("FACTURA.PDF", s.PDF, "FACTURA.PDF"),
        ("foto.jpeg", s.JPEG, "foto.jpeg"),
        ("factura.pdf", s.PNG, "factura.png"),  # mislabelled: the bytes win
        ("contrato.pdf", s.TEXT, "contrato.txt"),
        ("notas.md", s.TEXT, "notas.md"),
        ("datos.json", s.TEXT, "datos.json"),
        ("README", s.TEXT, "README.txt"),
        ("escaneo", s.TIFF, "escaneo.tif"),
        (None, s.PDF, "document.pdf"),
        ("informe.final.docx", s.XLSX, "informe.final.xlsx"),
    ],
)
def test_the_kept_filename_carries_the_extension_of_what_the_file_is(given, content_type, kept):
    assert canonical_filename(given, Sniffed(content_type)) == kept
