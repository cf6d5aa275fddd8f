"""Receiving an upload: the multipart body parsed as it streams in, never held in memory.

Why not FastAPI's `UploadFile`: Starlette parses the whole body (spooling the file to disk)
before the endpoint runs, so a size limit could only be checked afterwards, and a chunked body
without Content-Length could fill the disk first. Here `python_multipart`'s streaming parser is
fed the request's chunks as they arrive: the file part goes to an unnamed temporary file (gone
with its descriptor, even if the process dies) while it is hashed (SHA-256) and counted; the body
is refused with 413 the moment it passes the limit (at once when Content-Length says so), and an
unknown or repeated field with 422 as soon as its part starts.

The whole file is spooled before it is stored because its type is judged on all of it (a zip's
directory is at its end; text must be UTF-8 throughout): nothing unsniffed reaches storage.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import anyio.to_thread
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from cartera_shared.problems import MalformedBody, PayloadTooLarge, UnsupportedMediaType

FILE_FIELD = "file"
# Room in a body for part headers, boundaries and the small text fields, beyond the file itself.
FORM_OVERHEAD_BYTES = 64 * 1024
MAX_FIELD_BYTES = 4096


@dataclass
class ReceivedUpload:
    fields: dict[str, str]
    spool: BinaryIO
    has_file: bool = False
    filename: str | None = None
    declared_type: str | None = None
    size: int = 0
    sha256: str = ""


def _invalid(name: str, message: str, kind: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("body", name), "msg": message, "type": kind}])


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"The file is larger than the limit of {limit} bytes.", max_bytes=limit)


@dataclass
class _Receiver:
    allowed: Collection[str]
    max_file_bytes: int
    upload: ReceivedUpload
    digest: Any = field(default_factory=hashlib.sha256)
    pending: bytearray = field(default_factory=bytearray)
    finished: bool = False
    _seen: set[str] = field(default_factory=set)
    _headers: dict[bytes, bytes] = field(default_factory=dict)
    _header_name: bytearray = field(default_factory=bytearray)
    _header_value: bytearray = field(default_factory=bytearray)
    _current: str | None = None
    _value: bytearray = field(default_factory=bytearray)

    def callbacks(self) -> Any:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
            "on_end": self.on_end,
        }

    def on_part_begin(self) -> None:
        self._headers = {}
        self._current = None
        self._value = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[bytes(self._header_name).lower().strip()] = bytes(self._header_value).strip()
        self._header_name = bytearray()
        self._header_value = bytearray()

    def on_headers_finished(self) -> None:
        disposition, options = parse_options_header(self._headers.get(b"content-disposition"))
        if disposition != b"form-data" or b"name" not in options:
            raise MalformedBody("A part of the multipart body has no form-data name.")
        name = options[b"name"].decode("utf-8", "replace")
        if name not in self.allowed:
            raise _invalid(name, "Extra inputs are not permitted", "extra_forbidden")
        if name in self._seen:
            raise _invalid(name, "The field is sent more than once", "duplicate")
        self._seen.add(name)
        self._current = name
        if name == FILE_FIELD:
            if b"filename" not in options:
                raise _invalid(name, "The field must be a file", "file_expected")
            # Form parts carry UTF-8 file names as raw bytes (RFC 7578 4.2).
            self.upload.filename = options[b"filename"].decode("utf-8", "replace")
            declared = self._headers.get(b"content-type")
            self.upload.declared_type = declared.decode("latin-1")[:120] if declared else None
            self.upload.has_file = True

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._current == FILE_FIELD:
            self.upload.size += len(chunk)
            if self.upload.size > self.max_file_bytes:
                raise _too_large(self.max_file_bytes)
            self.digest.update(chunk)
            self.pending += chunk
        elif self._current is not None:
            self._value += chunk
            if len(self._value) > MAX_FIELD_BYTES:
                raise _invalid(self._current, "The value is too long", "string_too_long")

    def on_part_end(self) -> None:
        if self._current is not None and self._current != FILE_FIELD:
            try:
                self.upload.fields[self._current] = self._value.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _invalid(self._current, "The value is not UTF-8 text", "string_type") from exc
        self._current = None

    def on_end(self) -> None:
        self.finished = True


def _new_spool(directory: Path | None) -> BinaryIO:
    # Unnamed (O_TMPFILE or unlinked at once): it disappears with its descriptor.
    return tempfile.TemporaryFile("w+b", prefix="cartera-upload-", dir=directory)


@asynccontextmanager
async def receive_upload(
    request: Request,
    *,
    allowed_fields: Collection[str],
    max_file_bytes: int,
    tmp_dir: Path | None = None,
) -> AsyncIterator[ReceivedUpload]:
    """Parse the request's multipart body as it arrives; the file part ends up in `spool`."""
    media_type, options = parse_options_header(request.headers.get("content-type"))
    if media_type != b"multipart/form-data":
        raise UnsupportedMediaType(
            "Send the document as multipart/form-data, with the file in the field 'file'."
        )
    boundary = options.get(b"boundary")
    if not boundary:
        raise MalformedBody("The multipart/form-data content type has no boundary.")
    body_limit = max_file_bytes + FORM_OVERHEAD_BYTES
    declared_length = request.headers.get("content-length", "")
    if declared_length.isdigit() and int(declared_length) > body_limit:
        raise _too_large(max_file_bytes)

    spool = await anyio.to_thread.run_sync(_new_spool, tmp_dir)
    try:
        upload = ReceivedUpload(fields={}, spool=spool)
        receiver = _Receiver(allowed=allowed_fields, max_file_bytes=max_file_bytes, upload=upload)
        try:
            parser = MultipartParser(boundary, receiver.callbacks())
        except MultipartParseError as exc:
            raise MalformedBody(
                "The multipart boundary is not valid (RFC 2046: 1 to 70 characters)."
            ) from exc
        received = 0
        try:
            async for chunk in request.stream():
                received += len(chunk)
                if received > body_limit:
                    raise _too_large(max_file_bytes)
                try:
                    parser.write(chunk)
                except MultipartParseError as exc:
                    # The parser's words name its internals (byte values, offsets).
                    raise MalformedBody(
                        f"The multipart body is malformed near byte {received}: each part must "
                        "begin with the boundary of the Content-Type header, then its headers "
                        "and a blank line."
                    ) from exc
                if receiver.pending:
                    await anyio.to_thread.run_sync(spool.write, bytes(receiver.pending))
                    receiver.pending.clear()
                if receiver.finished:
                    break
        except ClientDisconnect as exc:
            raise MalformedBody("The request body ended before it was complete.") from exc
        if not receiver.finished:
            raise MalformedBody("The multipart body ended before its closing boundary.")
        upload.sha256 = receiver.digest.hexdigest()
        await anyio.to_thread.run_sync(spool.flush)
        spool.seek(0)
        yield upload
    finally:
        spool.close()  # not awaited: it must happen even in a cancelled request
