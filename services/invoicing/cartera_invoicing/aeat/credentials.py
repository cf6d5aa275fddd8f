"""Who signs a request to the AEAT and for whom: the parties of a request's header, and the
client certificate of its mutual TLS (held in memory only, never written to disk)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Party:
    """A taxpayer as the AEAT's schemas name one: NIF and name or company name."""

    nif: str
    name: str


@dataclass(frozen=True)
class Credentials:
    """A client certificate and its key, for one request's mutual TLS."""

    certificate_pem: bytes  # the leaf certificate, then any intermediate ones
    private_key_pem: bytes  # unencrypted PKCS#8 PEM
    nif: str  # the NIF the certificate names (its holder)


@dataclass(frozen=True)
class Submitter:
    """What a request needs besides its records: the certificate, the issuer whose records they
    are (ObligadoEmision), and the representative when the certificate is not the issuer's."""

    credentials: Credentials
    issuer: Party
    representative: Party | None = None
