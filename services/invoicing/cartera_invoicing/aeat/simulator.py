"""A conformance simulator of the AEAT's VERI*FACTU service, for tests, the demo and the benchmark.

    python -m cartera_invoicing.aeat.simulator --state-dir DIR --port P --control-port C

A separate process (the service never imports it). It speaks the AEAT's protocol:

- HTTPS on 127.0.0.1 with mutual TLS (`CERT_REQUIRED`). Its test CA (`DIR/ca.pem`) and server
  certificate are made with `cryptography` on first start and reused after, so clients keep
  trusting it. Client certificates are minted through the control API.
- The WSDL's SOAP 1.1 endpoints, `/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP` (both
  operations) and `.../RequerimientoSOAP` (registration on request). Every request is checked:
  UTF-8, a SOAP 1.1 envelope, the Body's message against `SuministroLR.xsd` / `ConsultaLR.xsd`.
  A request refused as a whole is a SOAP Fault "Codigo[NNNN]." with the AEAT's code (HTTP 500).
- The sender: the client certificate's NIF must be the ObligadoEmision's or the Representante's
  (4112 otherwise).
- Each record: the duplicate (3000, with the held record's state in RegistroDuplicado), the
  huella recomputed with the domain's fingerprint functions (2000), the link to the previous
  record of the issuer's chain (2003; 2007 for a first record when the issuer has records),
  corrections and cancellations of records it holds or not (3001, 3002). Codes and their effect
  follow the AEAT's list (`codes.py`): huella and chain errors accept the record with errors.
- The chain it checks against is the chain of records it has seen, accepted or not: a rejected
  record is still part of the issuer's chain, so one rejection never cascades. A record it has
  seen before (same huella) is answered as before, without moving the chain.
- Queries (`ConsultaFactuSistemaFacturacion`) answer from what it holds, by month of issue, in
  pages (`ClavePaginacion`; 10,000 records a page unless set lower).

State lives in memory for the process's lifetime. The control API (plain HTTP on 127.0.0.1, no
authentication: a test tool on loopback) mints certificates, sets scenarios, shows what it holds
and its counters, and resets; see `docs/verifactu.md`.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as dt
import http.server
import json
import logging
import secrets
import select
import signal
import socket
import ssl
import struct
import threading
import time
from pathlib import Path
from typing import Any

from cryptography import x509

from cartera_invoicing.aeat import codes
from cartera_invoicing.aeat.simulator_pki import (
    CA_CERT,
    Authority,
    load_or_create_authority,
    mint_client,
    new_authority,
    nif_of,
    server_files,
)
from cartera_invoicing.aeat.simulator_service import (
    ScenarioError,
    SimulatedService,
    fault_envelope,
)
from cartera_invoicing.aeat.soap import REQUIREMENT_PATH, SOAP_PATH
from cartera_invoicing.xml_schemas import VERIFACTU

__all__ = ["ScenarioError", "SimulatedService", "Simulator", "fault_envelope", "main"]

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
MAX_BODY = 32 * 1024 * 1024  # 1,000 records are about 3 MB
IDLE_SECONDS = 30.0
HANDSHAKE_SECONDS = 10.0
XML_TYPE = "text/xml; charset=utf-8"


class Simulator(SimulatedService):
    """The simulated service on the network: HTTPS with mutual TLS, and its control API."""

    def __init__(
        self,
        state_dir: Path | str,
        *,
        port: int = 0,
        control_port: int = 0,
        wait_seconds: int = 60,
    ) -> None:
        super().__init__(wait_seconds=wait_seconds)
        self.state_dir = Path(state_dir)
        self._requested_port = port
        self._requested_control_port = control_port
        self._authority: Authority | None = None
        self._listener: _Listener | None = None
        self._control: http.server.ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._connections: set[ssl.SSLSocket] = set()

    # lifecycle --------------------------------------------------------------------------

    @property
    def authority(self) -> Authority:
        with self._lock:
            if self._authority is None:
                self._authority = load_or_create_authority(self.state_dir)
            return self._authority

    @property
    def ca_file(self) -> Path:
        return self.state_dir / CA_CERT

    @property
    def port(self) -> int:
        if self._listener is None:
            raise RuntimeError("the simulator is not started")
        return self._listener.port

    @property
    def endpoint(self) -> str:
        return f"https://{HOST}:{self.port}{SOAP_PATH}"

    @property
    def control_url(self) -> str:
        if self._control is None:
            raise RuntimeError("the simulator is not started")
        return f"http://{HOST}:{self._control.server_address[1]}"

    def start(self) -> Simulator:
        authority = self.authority
        cert_file, key_file = server_files(self.state_dir, authority)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(cert_file, key_file)
        context.load_verify_locations(cafile=str(self.ca_file))
        context.verify_mode = ssl.CERT_REQUIRED
        self._listener = _Listener(self, context, self._requested_port)
        self._control = http.server.ThreadingHTTPServer(
            (HOST, self._requested_control_port), _ControlHandler
        )
        self._control.daemon_threads = True
        self._control.simulator = self  # type: ignore[attr-defined]
        for target, name in (
            (self._listener.serve, "aeat-simulator-tls"),
            (self._control.serve_forever, "aeat-simulator-control"),
        ):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        log.info("AEAT simulator at %s, control %s", self.endpoint, self.control_url)
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._control is not None:
            self._control.shutdown()
            self._control.server_close()
        if self._listener is not None:
            self._listener.wake()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(connection, socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def _refusal_changed(self, refusing: bool) -> None:
        if self._listener is not None:
            self._listener.set_refusing(refusing)

    def mint(self, spec: dict[str, Any]) -> dict[str, Any]:
        """A client certificate as a password-protected PKCS#12 (and as PEM, for tests)."""
        nif = str(spec.get("nif", "")).strip().upper()
        if len(nif) != 9 or not nif.isalnum():
            raise ScenarioError("nif must be a Spanish NIF of 9 characters")
        name = " ".join(str(spec.get("name", "")).split())
        if not name:
            raise ScenarioError("name is required")
        kind = spec.get("kind", "person")
        if kind not in ("person", "company"):
            raise ScenarioError("kind is person or company")
        password = spec.get("password") or secrets.token_urlsafe(12)
        if not isinstance(password, str):
            raise ScenarioError("password is a string")
        representative = spec.get("representative_nif")
        window = {}
        for key in ("not_before", "not_after"):
            if spec.get(key):
                try:
                    moment = dt.datetime.fromisoformat(str(spec[key]))
                except ValueError as exc:
                    raise ScenarioError(f"{key} is an ISO 8601 date and time") from exc
                window[key] = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
        key_type = spec.get("key_type", "rsa")
        if key_type not in ("rsa", "ec"):
            raise ScenarioError("key_type is rsa or ec")
        # A certificate from another CA: one the simulator does not trust, made for the occasion.
        authority = new_authority("Untrusted test CA") if spec.get("untrusted") else self.authority
        try:
            minted = mint_client(
                authority,
                nif=nif,
                name=name,
                company=kind == "company",
                representative_nif=str(representative) if representative else None,
                key_type=key_type,
                **window,
            )
        except ValueError as exc:
            raise ScenarioError(str(exc)) from exc
        certificate = minted.certificate
        return {
            "nif": nif,
            "subject": certificate.subject.rfc4514_string(),
            "issuer": certificate.issuer.rfc4514_string(),
            "not_before": certificate.not_valid_before_utc.isoformat(),
            "not_after": certificate.not_valid_after_utc.isoformat(),
            "password": password,
            "pkcs12": base64.b64encode(minted.pkcs12(password.encode())).decode(),
            "certificate_pem": minted.certificate_pem.decode(),
            "private_key_pem": minted.private_key_pem.decode(),
        }


# --- the HTTPS side ------------------------------------------------------------------------


class _Drop(Exception):
    """Close the connection at once, without an answer."""


def _abort(connection: socket.socket) -> None:
    """Close with a reset, as a dropped connection looks to the client."""
    with contextlib.suppress(OSError):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        connection.close()


def _linger_close(connection: ssl.SSLSocket) -> None:
    """Close after a refused handshake so that the TLS alert reaches the client: stop
    writing, read what the client still sends, then close. A plain close with unread data
    would reset the connection and the client could lose the alert (with TLS 1.3 it has
    already sent its request when the refusal comes)."""
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_WR)  # also drops the TLS layer: raw reads follow
        connection.settimeout(2.0)
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline and connection.recv(65536):
            pass
    with contextlib.suppress(OSError):
        connection.close()


class _Listener:
    """The TLS port: accepts until told to refuse, then keeps its socket closed (a client's
    connect is refused) until told not to."""

    def __init__(self, simulator: Simulator, context: ssl.SSLContext, port: int) -> None:
        self.simulator = simulator
        self.context = context
        self._socket: socket.socket | None = socket.create_server((HOST, port))
        self.port: int = self._socket.getsockname()[1]
        self._changed = threading.Condition()
        self._refusing = False
        self._version = 0
        self._applied = 0

    def wake(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def set_refusing(self, refusing: bool) -> None:
        """Returns once the accept loop has closed or reopened its socket."""
        with self._changed:
            self._refusing = refusing
            self._version += 1
            version = self._version
            self._changed.wait_for(
                lambda: self._applied >= version or self.simulator._stopping.is_set(), timeout=5
            )

    def serve(self) -> None:
        stopping = self.simulator._stopping
        while not stopping.is_set():
            with self._changed:
                refusing, version = self._refusing, self._version
            if refusing and self._socket is not None:
                self._socket.close()
                self._socket = None
            elif not refusing and self._socket is None:
                self._socket = socket.create_server((HOST, self.port))
            with self._changed:
                self._applied = version
                self._changed.notify_all()
            if self._socket is None:
                stopping.wait(0.05)
                continue
            readable, _, _ = select.select([self._socket], [], [], 0.1)
            if not readable:
                continue
            try:
                raw, address = self._socket.accept()
            except OSError:
                continue
            threading.Thread(
                target=self._connection, args=(raw, address), name="aeat-sim-conn", daemon=True
            ).start()
        if self._socket is not None:
            self._socket.close()

    def _connection(self, raw: socket.socket, address: tuple[str, int]) -> None:
        simulator = self.simulator
        raw.settimeout(HANDSHAKE_SECONDS)
        connection = self.context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False)
        try:
            connection.do_handshake()
        except (ssl.SSLError, OSError) as exc:
            with simulator._lock:
                simulator._totals["tls_refused"] += 1
            log.info("AEAT simulator refused a TLS connection from %s: %s", address, exc)
            _linger_close(connection)
            return
        der = connection.getpeercert(binary_form=True)
        client_nif = nif_of(x509.load_der_x509_certificate(der)) if der else None
        with simulator._lock:
            simulator._connections.add(connection)
        try:
            _SoapHandler(connection, address, simulator, client_nif)
        except _Drop:
            _abort(connection)
        except OSError:
            pass
        except Exception:
            log.exception("AEAT simulator: a connection failed")
        finally:
            with simulator._lock:
                simulator._connections.discard(connection)
            with contextlib.suppress(OSError):
                connection.close()


class _SoapHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "AEAT-simulator"
    sys_version = ""
    timeout = IDLE_SECONDS

    def __init__(
        self,
        connection: ssl.SSLSocket,
        address: tuple[str, int],
        simulator: Simulator,
        client_nif: str | None,
    ) -> None:
        self.simulator = simulator
        self.client_nif = client_nif
        super().__init__(connection, address, simulator)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("AEAT simulator: " + format, *args)

    def _send(self, status: int, body: bytes, content_type: str = XML_TYPE) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        simulator = self.simulator
        if simulator._take("drop_connections"):
            raise _Drop
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            self._send(411, b"", "text/plain")
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            self._send(411, b"", "text/plain")
            return
        if not 0 <= length <= MAX_BODY:
            self.close_connection = True
            self._send(413, b"", "text/plain")
            return
        body = self.rfile.read(length)
        status, answer = simulator.handle_soap(
            self.path, body, self.client_nif, self.headers.get("Content-Type", "")
        )
        # The records are registered before the answer is late or lost, as they may be at the
        # AEAT: a client that gave up must find them again (duplicates, or a query).
        delay = simulator._slow_seconds()
        if delay:
            simulator._stopping.wait(delay)
        if simulator._take("drop_answers"):
            raise _Drop
        self._send(status, answer, "text/xml; charset=utf-8" if answer else "text/plain")

    def do_GET(self) -> None:
        route, _, query = self.path.partition("?")
        if route not in (SOAP_PATH, REQUIREMENT_PATH):
            self._send(404, b"", "text/plain")
        elif query.lower() == "wsdl":
            self._send(200, (VERIFACTU / "SistemaFacturacion.wsdl").read_bytes())
        else:
            self._send(500, fault_envelope(codes.NO_GET))


# --- the control API -----------------------------------------------------------------------


class _ControlHandler(http.server.BaseHTTPRequestHandler):
    server_version = "AEAT-simulator-control"
    sys_version = ""

    @property
    def simulator(self) -> Simulator:
        return self.server.simulator  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("AEAT simulator control: " + format, *args)

    def _json(self, status: int, payload: Any) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _payload(self) -> Any:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise ScenarioError("Content-Length is not a number") from None
        if not 0 <= length <= 1024 * 1024:
            raise ScenarioError("the request is too large")
        raw = self.rfile.read(length) if length else b"{}"
        try:
            return json.loads(raw or b"{}")
        except json.JSONDecodeError as exc:
            raise ScenarioError(f"the body is not JSON: {exc}") from exc

    def _route(self, method: str) -> None:
        simulator = self.simulator
        path = self.path.split("?", 1)[0].rstrip("/") or "/"
        parts = [p for p in path.split("/") if p]
        try:
            if method == "GET" and path == "/health":
                self._json(200, {"status": "ok"})
            elif method == "GET" and path == "/info":
                self._json(
                    200,
                    {
                        "endpoint": simulator.endpoint,
                        "ca_file": str(simulator.ca_file.resolve()),
                        "ca_pem": simulator.ca_file.read_text(),
                    },
                )
            elif method == "POST" and path == "/certificates":
                self._json(201, simulator.mint(self._payload()))
            elif method == "GET" and path == "/scenario":
                self._json(200, simulator.scenario())
            elif method in ("PUT", "POST", "PATCH") and path == "/scenario":
                self._json(200, simulator.set_scenario(self._payload()))
            elif method == "GET" and path == "/counters":
                self._json(200, simulator.counters())
            elif method == "GET" and parts[:1] == ["issuers"] and len(parts) == 2:
                counters = simulator.counters()["issuers"].get(parts[1])
                self._json(
                    200,
                    {"nif": parts[1], "counters": counters, "records": simulator.held(parts[1])},
                )
            elif method == "POST" and path == "/reset":
                simulator.reset()
                self._json(200, {"reset": True})
            else:
                self._json(404, {"error": f"no {method} {path}"})
        except ScenarioError as exc:
            self._json(400, {"error": str(exc)})

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_PUT(self) -> None:
        self._route("PUT")

    def do_PATCH(self) -> None:
        self._route("PATCH")


# --- command line --------------------------------------------------------------------------


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m cartera_invoicing.aeat.simulator",
        description="A conformance simulator of the AEAT's VERI*FACTU service (test use only).",
    )
    parser.add_argument("--state-dir", required=True, type=Path, help="CA, certificates, ports")
    parser.add_argument("--port", type=int, default=0, help="HTTPS port (0: any free one)")
    parser.add_argument("--control-port", type=int, default=0, help="control API port")
    parser.add_argument("--wait-seconds", type=int, default=60, help="TiempoEsperaEnvio")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    arguments = _arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    simulator = Simulator(
        arguments.state_dir,
        port=arguments.port,
        control_port=arguments.control_port,
        wait_seconds=arguments.wait_seconds,
    ).start()
    ready = {
        "endpoint": simulator.endpoint,
        "control_url": simulator.control_url,
        "ca_file": str(simulator.ca_file.resolve()),
    }
    # Whoever started it (make run, a test, the benchmark) reads where it listens from here.
    (simulator.state_dir / "simulator.json").write_text(json.dumps(ready, indent=2))
    print(json.dumps(ready), flush=True)
    finished = threading.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: finished.set())
    finished.wait()
    simulator.stop()


if __name__ == "__main__":
    main()
