"""The client of the AEAT's VERI*FACTU service: SOAP 1.1 over HTTPS with mutual TLS.

The same code talks to production, the seal-certificate hosts, the AEAT's pre-production
("Pruebas") environment or the conformance simulator: only `endpoint` (and `ca_file` for the
simulator's test CA) changes; the URLs are in `soap.ENDPOINTS`.

Every failure that is not the AEAT's answer about the records raises `AeatUnavailable` with a
coarse kind, so that the caller retries it later and never takes it for a rejection:
`timeout`, `connection` (refused, reset, dropped), `tls` (the server's certificate, or ours
refused, expired or unusable), `http` (a status other than 200 that is not a SOAP Fault),
`soap_fault`, `unreadable`. What the server said goes to the log, never into the exception's
message.

The client certificate is used from memory: `ssl` can only load a certificate and key from files,
so they are written into a private directory (0700, on a RAM file system where there is one),
loaded and deleted at once. One TLS context, and one connection pool, per certificate
(by its SHA-256 fingerprint), reused across requests.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import ssl
import tempfile
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from cartera_invoicing.aeat.credentials import Credentials, Submitter
from cartera_invoicing.aeat.soap import (
    AeatUnavailable,
    PageKey,
    QueryAnswer,
    SubmissionAnswer,
    parse_query_answer,
    parse_registration_answer,
    query_envelope,
    read_fault,
    registration_envelope,
)

__all__ = ["AeatClient", "AeatUnavailable"]

log = logging.getLogger(__name__)

# A query answer holds up to 10,000 records (RespuestaConsultaLR.xsd); a few KB each.
MAX_ANSWER_BYTES = 128 * 1024 * 1024
MAX_CONTEXTS = 64
_RAM_DIRECTORY = Path("/dev/shm")  # noqa: S108 - a RAM file system: the key never reaches a disk


def _fingerprint(credentials: Credentials) -> str:
    try:
        leaf = x509.load_pem_x509_certificate(credentials.certificate_pem)
    except ValueError:
        raise _unusable_credentials("the client certificate is not a PEM certificate") from None
    return leaf.fingerprint(hashes.SHA256()).hex()


def _unusable_credentials(why: str) -> AeatUnavailable:
    log.error("AEAT client: the client certificate cannot be used: %s", why)
    return AeatUnavailable("tls", detail=why)


def _private_directory() -> str:
    base = (
        str(_RAM_DIRECTORY)
        if _RAM_DIRECTORY.is_dir() and os.access(_RAM_DIRECTORY, os.W_OK | os.X_OK)
        else None
    )
    return tempfile.mkdtemp(prefix="cartera-aeat-", dir=base)  # mode 0700


def _write_private(path: str, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def tls_context(credentials: Credentials, ca_file: str | None) -> ssl.SSLContext:
    """A client context presenting `credentials`, verifying the server against `ca_file` or
    the system's CAs. The key touches a file only for the instant `load_cert_chain` needs."""
    context = ssl.create_default_context(cafile=ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    directory = _private_directory()
    try:
        os.chmod(directory, 0o700)
        certificate_file = os.path.join(directory, "certificate.pem")
        key_file = os.path.join(directory, "key.pem")
        _write_private(certificate_file, credentials.certificate_pem)
        _write_private(key_file, credentials.private_key_pem)
        try:
            context.load_cert_chain(certificate_file, key_file)
        except (ssl.SSLError, ValueError) as exc:
            raise _unusable_credentials(f"loading it failed: {exc}") from None
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return context


def _is_tls_failure(error: BaseException) -> bool:
    """Whether an error was caused by TLS itself (a certificate refused or not trusted, a
    handshake alert), as opposed to a connection that ended or was cut."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        ended = isinstance(current, ssl.SSLEOFError | ssl.SSLZeroReturnError)
        if isinstance(current, ssl.SSLError) and not ended and "EOF" not in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False


class AeatClient:
    """Sends registrations and queries to one endpoint of the AEAT's service."""

    def __init__(
        self, endpoint: str, *, ca_file: str | None = None, timeout_seconds: float = 60.0
    ) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError(f"the AEAT's endpoint must be an https URL, not {endpoint!r}")
        if ca_file is not None and not Path(ca_file).is_file():
            raise ValueError(f"the CA file {ca_file!r} does not exist")
        if timeout_seconds <= 0:
            raise ValueError("the time-out must be positive")
        self.endpoint = endpoint
        self._ca_file = ca_file
        self._timeout = httpx.Timeout(timeout_seconds)
        self._clients: OrderedDict[str, httpx.AsyncClient] = OrderedDict()
        self._lock = asyncio.Lock()

    async def register(
        self,
        submitter: Submitter,
        stored_requests: Sequence[bytes],
        *,
        incident: bool = False,
    ) -> SubmissionAnswer:
        """Send stored records (one issuer's, in chain order, 1 to 1,000) in one request."""
        body = registration_envelope(
            stored_requests,
            issuer=submitter.issuer,
            representative=submitter.representative,
            incident=incident,
        )
        content = await self._post(submitter.credentials, body)
        try:
            return parse_registration_answer(content)
        except AeatUnavailable as exc:
            log.warning("AEAT registration answer not usable (%s): %s", exc.kind, exc.detail)
            raise

    async def query(
        self,
        submitter: Submitter,
        *,
        year: int,
        month: int,
        page: PageKey | None = None,
    ) -> QueryAnswer:
        """What the AEAT holds of the issuer's invoices issued in that month: one page."""
        body = query_envelope(
            issuer=submitter.issuer,
            representative=submitter.representative,
            year=year,
            month=month,
            page=page,
        )
        content = await self._post(submitter.credentials, body)
        try:
            return parse_query_answer(content)
        except AeatUnavailable as exc:
            log.warning("AEAT query answer not usable (%s): %s", exc.kind, exc.detail)
            raise

    async def aclose(self) -> None:
        async with self._lock:
            clients = list(self._clients.values())
            self._clients.clear()
        for client in clients:
            await client.aclose()

    async def _client(self, credentials: Credentials) -> httpx.AsyncClient:
        fingerprint = _fingerprint(credentials)
        evicted: list[httpx.AsyncClient] = []
        async with self._lock:
            client = self._clients.get(fingerprint)
            if client is not None:
                self._clients.move_to_end(fingerprint)
                return client
            context = await asyncio.to_thread(tls_context, credentials, self._ca_file)
            client = httpx.AsyncClient(
                verify=context,
                timeout=self._timeout,
                follow_redirects=False,
                trust_env=False,  # no proxy or CA bundle from the environment
                headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
            )
            self._clients[fingerprint] = client
            while len(self._clients) > MAX_CONTEXTS:
                evicted.append(self._clients.popitem(last=False)[1])
        for old in evicted:
            await old.aclose()
        return client

    async def _post(self, credentials: Credentials, body: bytes) -> bytes:
        client = await self._client(credentials)
        try:
            async with client.stream("POST", self.endpoint, content=body) as response:
                status = response.status_code
                content = bytearray()
                async for chunk in response.aiter_bytes():
                    content += chunk
                    if len(content) > MAX_ANSWER_BYTES:
                        log.warning("AEAT answer larger than %d bytes: not read", MAX_ANSWER_BYTES)
                        raise AeatUnavailable("unreadable", http_status=status)
        except AeatUnavailable:
            raise
        except httpx.TimeoutException as exc:
            log.warning("AEAT request to %s timed out: %r", self.endpoint, exc)
            # Timed out connecting: the request never left.
            connecting = isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            raise AeatUnavailable("timeout", delivered=not connecting) from None
        except (httpx.TransportError, ssl.SSLError, OSError) as exc:
            tls = _is_tls_failure(exc)
            failure = AeatUnavailable(
                "tls" if tls else "connection",
                delivered=not tls and not isinstance(exc, httpx.ConnectError),
            )
            log.warning("AEAT request to %s failed (%s): %r", self.endpoint, failure.kind, exc)
            raise failure from None
        if status != 200:
            fault = read_fault(bytes(content))
            if fault is not None:
                log.warning("AEAT SOAP fault (HTTP %d): %s", status, fault.detail)
                fault.http_status = status
                raise fault
            log.warning("AEAT answered HTTP %d: %r", status, bytes(content[:2000]))
            raise AeatUnavailable("http", http_status=status)
        return bytes(content)

    async def __aenter__(self) -> AeatClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()
