"""A small multipart/form-data body, read into memory as it arrives and refused the moment it
passes its limit.

For uploads that must never touch the disk (a PKCS#12 file holds a private key: encrypted, but
still not to be left in a temporary file) and are small by nature. Starlette's own form parser
would spool file parts to disk and read the whole body before anyone could count it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from cartera_shared.problems import MalformedBody, PayloadTooLarge, UnsupportedMediaType


@dataclass
class Part:
    data: bytearray = field(default_factory=bytearray)
    filename: str | None = None


def invalid(name: str, message: str, kind: str) -> RequestValidationError:
    return RequestValidationError([{"loc": ("body", name), "msg": message, "type": kind}])


@dataclass
class _Collector:
    allowed: Collection[str]
    parts: dict[str, Part] = field(default_factory=dict)
    finished: bool = False
    _headers: dict[bytes, bytes] = field(default_factory=dict)
    _name: bytearray = field(default_factory=bytearray)
    _value: bytearray = field(default_factory=bytearray)
    _current: Part | None = None

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

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[bytes(self._name).lower().strip()] = bytes(self._value).strip()
        self._name = bytearray()
        self._value = bytearray()

    def on_headers_finished(self) -> None:
        disposition, options = parse_options_header(self._headers.get(b"content-disposition"))
        if disposition != b"form-data" or b"name" not in options:
            raise MalformedBody("A part of the multipart body has no form-data name.")
        name = options[b"name"].decode("utf-8", "replace")
        if name not in self.allowed:
            raise invalid(name, "Extra inputs are not permitted", "extra_forbidden")
        if name in self.parts:
            raise invalid(name, "The field is sent more than once", "duplicate")
        filename = options.get(b"filename")
        self._current = self.parts[name] = Part(
            filename=filename.decode("utf-8", "replace") if filename is not None else None
        )

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._current is not None:
            self._current.data += data[start:end]

    def on_part_end(self) -> None:
        self._current = None

    def on_end(self) -> None:
        self.finished = True


async def read_small_form(
    request: Request, *, allowed: Collection[str], max_bytes: int, what: str
) -> dict[str, Part]:
    """The parts of a multipart/form-data body of at most `max_bytes` (413 beyond, at once when
    Content-Length says so); an unknown or repeated field is a 422 naming it."""
    media_type, options = parse_options_header(request.headers.get("content-type"))
    if media_type != b"multipart/form-data":
        raise UnsupportedMediaType(f"Send {what} as multipart/form-data.")
    boundary = options.get(b"boundary")
    if not boundary:
        raise MalformedBody("The multipart/form-data content type has no boundary.")
    too_large = PayloadTooLarge(
        f"The body is larger than the limit of {max_bytes} bytes.", max_bytes=max_bytes
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    collector = _Collector(allowed)
    try:
        parser = MultipartParser(boundary, collector.callbacks())
    except MultipartParseError as exc:
        raise MalformedBody(
            "The multipart boundary is not valid (RFC 2046: 1 to 70 characters)."
        ) from exc
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > max_bytes:
                raise too_large
            try:
                parser.write(chunk)
            except MultipartParseError as exc:
                # The parser's own words name its internals: the caller gets a fixed sentence.
                raise MalformedBody(
                    f"The multipart body is malformed near byte {received}: each part must "
                    "begin with the boundary of the Content-Type header, then its headers and "
                    "a blank line."
                ) from exc
            if collector.finished:
                break
    except ClientDisconnect as exc:
        raise MalformedBody("The request body ended before it was complete.") from exc
    if not collector.finished:
        raise MalformedBody("The multipart body ended before its closing boundary.")
    return collector.parts
