"""What a file really is, from its bytes: the name and type a request claims are never trusted.

Layers, in order:
1. Zip containers (`PK\\x03\\x04`) are opened and their structure checked: an OOXML document
   (DOCX, XLSX) must declare its main part in `[Content_Types].xml` and contain it; an
   OpenDocument (ODT, ODS) must start with an uncompressed `mimetype` entry naming its type and
   carry its manifest and content. Macro-enabled documents and any other zip are refused.
2. Magic numbers (the `filetype` library, pure Python) for PDF and the accepted images; anything
   else it recognises (executables, archives, media, ...) is refused.
3. Text: the whole file must be valid UTF-8 without NUL or control characters other than tab, line
   and page breaks. It is then an e-mail message, XML, CSV or plain text; documents whose root is
   HTML or SVG (which a browser would render and run) are refused.

Runs in a worker thread: it reads the file (a spooled upload of bounded size) synchronously.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

import filetype

HEAD_BYTES = 8192
_READ_BYTES = 64 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"
GIF = "image/gif"
TIFF = "image/tiff"
TEXT = "text/plain"
CSV = "text/csv"
XML = "application/xml"
EML = "message/rfc822"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# Accepted types, their usual extensions (the first is the one given to a mislabelled file) and
# the short name used in messages.
ACCEPTED: dict[str, tuple[tuple[str, ...], str]] = {
    PDF: ((".pdf",), "PDF"),
    PNG: ((".png",), "PNG"),
    JPEG: ((".jpg", ".jpeg", ".jpe", ".jfif"), "JPEG"),
    WEBP: ((".webp",), "WebP"),
    GIF: ((".gif",), "GIF"),
    TIFF: ((".tif", ".tiff"), "TIFF"),
    TEXT: ((".txt", ".text", ".log", ".md"), "plain text"),
    CSV: ((".csv", ".tsv"), "CSV"),
    XML: ((".xml",), "XML"),
    EML: ((".eml",), "e-mail (.eml)"),
    DOCX: ((".docx",), "DOCX"),
    XLSX: ((".xlsx",), "XLSX"),
    ODT: ((".odt",), "ODT"),
    ODS: ((".ods",), "ODS"),
}
TEXT_TYPES = frozenset({TEXT, CSV, XML, EML})
_MAGIC_ACCEPTED = frozenset({PDF, PNG, JPEG, WEBP, GIF, TIFF})

_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_ODF = frozenset({ODT, ODS})
_MAX_ZIP_ENTRIES = 10_000
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024
_MACRO_MARKERS = ("vbaproject.bin", "vbadata.xml")

# C0 controls other than tab, line feed, vertical tab, form feed and carriage return, and DEL.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Markup a browser would render and run scripts in, even from a download.
_ACTIVE_ROOTS = frozenset({"html", "head", "body", "svg"})
_XML_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)[\s>/]")
_DOCTYPE_NAME = re.compile(r"<!doctype\s+([A-Za-z_][\w.:-]*)", re.IGNORECASE)
_MAIL_HEADER = re.compile(r"([!-9;-~]+):[ \t]")
_MAIL_EVIDENCE = frozenset({"date", "subject", "message-id", "mime-version", "received", "to"})
_OVERRIDE = re.compile(r"<Override\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z]+)\s*=\s*["']([^"']*)["']""")


@dataclass(frozen=True)
class Sniffed:
    content_type: str

    @property
    def extension(self) -> str:
        return ACCEPTED[self.content_type][0][0]

    @property
    def is_text(self) -> bool:
        return self.content_type in TEXT_TYPES


class Refused(Exception):
    """Not an accepted type. `detected` is what the bytes are, as far as they tell."""

    def __init__(self, detected: str, reason: str) -> None:
        super().__init__(reason)
        self.detected = detected
        self.reason = reason


def accepted_names() -> list[str]:
    return [name for _, name in ACCEPTED.values()]


def sniff(source: BinaryIO, *, filename: str | None = None) -> Sniffed:
    """The type of the whole of `source` (seekable, read from its start), or `Refused`.

    `filename` only chooses between text types the bytes cannot tell apart (CSV or plain text);
    it never makes bytes of one kind acceptable as another.
    """
    source.seek(0)
    head = source.read(HEAD_BYTES)
    if not head:
        raise Refused("application/x-empty", "the file is empty")
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(source)
    kind = filetype.guess(head)
    if kind is not None and kind.mime in _MAGIC_ACCEPTED:
        return Sniffed(kind.mime)
    text = _sniff_text(source, filename)
    if text is not None:
        return text
    if kind is not None:
        raise Refused(kind.mime, f"a {kind.mime} file is not an accepted document")
    raise Refused("application/octet-stream", "the file's type is not recognised")


def _sniff_zip(source: BinaryIO) -> Sniffed:
    source.seek(0)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise Refused("application/zip", "the file is a damaged zip archive") from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > _MAX_ZIP_ENTRIES:
            raise Refused("application/zip", "the zip archive has too many entries")
        names = {entry.filename for entry in entries}
        if any(name.lower().rsplit("/", 1)[-1] in _MACRO_MARKERS for name in names):
            raise Refused(
                "application/vnd.ms-office.vbaproject",
                "office documents with macros are not accepted",
            )
        if entries and entries[0].filename == "mimetype":
            return _sniff_odf(archive, entries[0], names)
        if "[Content_Types].xml" in names:
            return _sniff_ooxml(archive, names)
    raise Refused("application/zip", "a zip archive is not an accepted document")


def _sniff_odf(archive: zipfile.ZipFile, first: zipfile.ZipInfo, names: set[str]) -> Sniffed:
    # OpenDocument 1.2, part 3, 3.3: the first entry, stored, names the document's type.
    declared = ""
    if first.compress_type == zipfile.ZIP_STORED and first.file_size <= 100:
        declared = _read_entry(archive, first).decode("ascii", "replace").strip()
    if declared in _ODF and {"META-INF/manifest.xml", "content.xml"} <= names:
        return Sniffed(declared)
    raise Refused(
        declared or "application/zip",
        "only OpenDocument text (ODT) and spreadsheets (ODS) are accepted",
    )


def _sniff_ooxml(archive: zipfile.ZipFile, names: set[str]) -> Sniffed:
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > _MAX_CONTENT_TYPES_BYTES or "_rels/.rels" not in names:
        raise Refused("application/zip", "the office document's package is not valid")
    declared = _read_entry(archive, info).decode("utf-8", "replace")
    for tag in _OVERRIDE.findall(declared):
        attributes = {k.lower(): v for k, v in _ATTRIBUTE.findall(tag)}
        content_type = _OOXML_MAIN.get(attributes.get("contenttype", ""))
        if content_type is not None and attributes.get("partname", "").lstrip("/") in names:
            return Sniffed(content_type)
    raise Refused(
        "application/x-ooxml",
        "only Word documents (DOCX) and Excel workbooks (XLSX) are accepted among office files",
    )


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(info) as entry:
            # Never more than the declared size, whatever the compressed stream expands to.
            return entry.read(info.file_size)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise Refused("application/zip", "the zip archive is damaged or encrypted") from exc


def _sniff_text(source: BinaryIO, filename: str | None) -> Sniffed | None:
    """A text type if the whole file is clean UTF-8, else None."""
    source.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    sample = ""
    try:
        while chunk := source.read(_READ_BYTES):
            text = decoder.decode(chunk)
            if _BINARY_CONTROLS.search(text):
                return None
            if len(sample) < HEAD_BYTES:
                sample += text[: HEAD_BYTES - len(sample)]
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    sample = sample.removeprefix("\ufeff")
    if _looks_like_mail(sample):
        return Sniffed(EML)
    start = sample.lstrip()
    if start.startswith("<"):
        root = _root_element(start)
        if root in _ACTIVE_ROOTS:
            raise Refused(
                "text/html" if root == "html" else "image/svg+xml",
                "HTML and SVG documents are not accepted",
            )
        if root or start.startswith("<?xml"):
            return Sniffed(XML)
    if _looks_like_csv(sample) or (filename or "").lower().endswith((".csv", ".tsv")):
        return Sniffed(CSV)
    return Sniffed(TEXT)


def _root_element(text: str) -> str | None:
    """The local name of the first element, past the XML declaration, comments, processing
    instructions and the DOCTYPE (`html` for an HTML doctype); None if there is none."""
    rest = text
    for _ in range(32):
        rest = rest.lstrip()
        lowered = rest[:20].lower()
        if rest.startswith("<?"):
            end, skip = rest.find("?>"), 2
        elif rest.startswith("<!--"):
            end, skip = rest.find("-->"), 3
        elif lowered.startswith("<!doctype"):
            name = _DOCTYPE_NAME.match(rest)
            if name is not None and name.group(1).lower() == "html":
                return "html"
            subset, close = rest.find("["), rest.find(">")
            if 0 <= subset < close:
                end, skip = rest.find("]>"), 2
            else:
                end, skip = close, 1
        else:
            match = _XML_ROOT.match(rest)
            return match.group(1).rsplit(":", 1)[-1].lower() if match else None
        if end < 0:
            return None
        rest = rest[end + skip :]
    return None


def _looks_like_mail(sample: str) -> bool:
    headers: set[str] = set()
    for line in sample.splitlines():
        if not line:
            break
        if line[0] in " \t":
            continue  # a folded header's continuation
        match = _MAIL_HEADER.match(line)
        if match is None:
            return False
        headers.add(match.group(1).lower())
    return "from" in headers and bool(headers & _MAIL_EVIDENCE)


def _looks_like_csv(sample: str) -> bool:
    """At least two lines with the same number (two or more) of fields for one delimiter."""
    lines = sample.splitlines()
    if len(sample) >= HEAD_BYTES:
        lines = lines[:-1]  # the sample may end mid-line
    lines = [line for line in lines[:50] if line.strip()]
    if len(lines) < 2:
        return False
    for delimiter in (",", ";", "\t"):
        try:
            widths = {
                len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
            }
        except csv.Error:
            continue
        if len(widths) == 1 and widths.pop() >= 2:
            return True
    return False


def canonical_filename(filename: str | None, sniffed: Sniffed) -> str:
    """The file name to keep: the one given, with the extension of what the bytes really are
    when the given one belongs to another accepted type or is missing (a PNG sent as `a.pdf`
    becomes `a.png`); unknown extensions are left alone for text (`notes.md`, `data.json`)."""
    name = filename or f"document{sniffed.extension}"
    stem, dot, extension = name.rpartition(".")
    extension = f".{extension.lower()}" if dot else ""
    if extension in ACCEPTED[sniffed.content_type][0]:
        return name
    known = {ext for extensions, _ in ACCEPTED.values() for ext in extensions}
    if sniffed.is_text and extension and extension not in known:
        return name
    base = stem if dot and stem else name
    return f"{base}{sniffed.extension}"
