"""Small, real files of every kind the archive meets, made in code (for the tests).

Each is a valid file of its type as far as the sniffer and common readers are concerned (the
PNG decodes, the XLSX opens in openpyxl, the ODF and OOXML packages have their required parts).
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib


def pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png(width: int = 2, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(64)


def gif() -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501


def webp() -> bytes:
    payload = b"WEBPVP8 " + struct.pack("<I", 10) + bytes(10)
    return b"RIFF" + struct.pack("<I", len(payload)) + payload


def tiff() -> bytes:
    return b"II*\x00\x08\x00\x00\x00" + bytes(32)


def elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(200)


def windows_exe() -> bytes:
    header = bytearray(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(240))
    header[0x3C:0x40] = struct.pack("<I", 0x80)
    header[0x80:0x84] = b"PE\x00\x00"
    return bytes(header)


def _zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compression in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def plain_zip() -> bytes:
    return _zip([("readme.txt", b"hola", zipfile.ZIP_DEFLATED)])


_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _content_types(main_part: str, main_type: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    ).encode()


_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DOCUMENT_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>Contrato de suministro</w:t></w:r></w:p></w:body></w:document>"
)


def docx() -> bytes:
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types("word/document.xml", _DOCX_MAIN),
                zipfile.ZIP_DEFLATED,
            ),
            ("_rels/.rels", _RELS, zipfile.ZIP_DEFLATED),
            ("word/document.xml", _DOCUMENT_XML, zipfile.ZIP_DEFLATED),
        ]
    )


def docm() -> bytes:
    """A Word document with macros: refused."""
    main = "application/vnd.ms-word.document.macroEnabled.main+xml"
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types("word/document.xml", main),
                zipfile.ZIP_DEFLATED,
            ),
            ("_rels/.rels", _RELS, zipfile.ZIP_DEFLATED),
            ("word/document.xml", _DOCUMENT_XML, zipfile.ZIP_DEFLATED),
            ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(60), zipfile.ZIP_DEFLATED),
        ]
    )


def fake_docx() -> bytes:
    """A zip that names the DOCX main part in its content types but does not contain it."""
    return _zip(
        [
            (
                "[Content_Types].xml",
                _content_types("word/document.xml", _DOCX_MAIN),
                zipfile.ZIP_DEFLATED,
            ),
            ("_rels/.rels", _RELS, zipfile.ZIP_DEFLATED),
            ("payload.exe", windows_exe(), zipfile.ZIP_DEFLATED),
        ]
    )


@functools.cache  # openpyxl stamps the time of saving: one file per process, so it compares equal
def xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Cliente", "Importe"])
    sheet.append(["Talleres Aranda", 1234.56])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _odf(mimetype: str, *, stored: bool = True) -> bytes:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    ).encode()
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' office:version="1.2"><office:body/></office:document-content>'
    )
    return _zip(
        [
            (
                "mimetype",
                mimetype.encode(),
                zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
            ),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ]
    )


def odt() -> bytes:
    return _odf("application/vnd.oasis.opendocument.text")


def ods() -> bytes:
    return _odf("application/vnd.oasis.opendocument.spreadsheet")


def odp() -> bytes:
    """A presentation: a valid OpenDocument, but not a type the archive accepts."""
    return _odf("application/vnd.oasis.opendocument.presentation")


def epub() -> bytes:
    return _odf("application/epub+zip")


def text() -> bytes:
    return "Albarán nº 27: 3 cajas de tornillería, entregadas en Aranda.\n".encode()


def csv_text() -> bytes:
    return (
        b"fecha;cliente;importe\n2026-01-02;Talleres Aranda;1234,56\n2026-01-09;Ferralla Sur;88\n"
    )


def xml() -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<Facturae><Parties/></Facturae>\n'


def eml() -> bytes:
    return (
        b"From: Ana <ana@talleresaranda.es>\r\nTo: admin@example.es\r\n"
        b"Subject: Presupuesto aceptado\r\nDate: Tue, 3 Feb 2026 10:00:00 +0100\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Aceptamos el presupuesto.\r\n"
    )


def html() -> bytes:
    return b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>\n"


def svg() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(1)</script></svg>"
    )


def latin1_text() -> bytes:
    return "Albarán nº 27, entregado en Aranda\n".encode("latin-1")
