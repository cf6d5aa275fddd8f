"""Secrets a service must read back, encrypted at rest: the gateway's webhook signing secrets,
the private keys of the invoicing service's certificates.

Such a secret cannot be hashed like an API key (it signs, or opens a TLS connection), so it is
kept encrypted with AES-256-GCM under a key derived (HKDF-SHA256) from `CARTERA_DATA_KEY`. A
stored value reads `v1.<key id>.<base64url(nonce | ciphertext | tag)>`:

- the key id names the key (a separate HKDF output, so it tells nothing of the key itself), so a
  value under `CARTERA_DATA_KEY_PREVIOUS` is still read during a rotation, and one under neither
  fails with an error that says so;
- the version, the key id and the row it belongs to (`bound_to`: the row's id) are authenticated
  with it, so a value copied onto another row, or edited, does not decrypt.

Each service that keeps such secrets has a command that re-encrypts them under the current key
(`python -m cartera_gateway.rotate_data_key`, `python -m cartera_invoicing.rotate_data_key`, both
with the per-row rule of `cartera_shared.data_key_rotation`; docs/operations.md, "Rotating keys").
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import Field, SecretStr, field_validator, model_validator

from cartera_shared.settings import ServiceSettings, checked_secret

VERSION = "v1"
NONCE_BYTES = 12
# The HKDF labels name the gateway, where the module began: they are part of every value already
# stored, so they stay as they are (a service's values are kept apart by their rows, `bound_to`).
_KEY_INFO = b"cartera gateway data key v1: secrets at rest"
_ID_INFO = b"cartera gateway data key v1: key id"


class DataKeyError(Exception):
    """A stored secret cannot be read with the configured keys."""


def _hkdf(setting: str, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=SHA256(), length=length, salt=None, info=info).derive(setting.encode())


def key_id(setting: str) -> str:
    return _hkdf(setting, _ID_INFO, 6).hex()


class DataKeys:
    """The current key (encrypts and decrypts) and, during a rotation, the previous one
    (decrypts only)."""

    def __init__(self, current: str, previous: str | None = None) -> None:
        self.current_id = key_id(current)
        self._ciphers = {self.current_id: AESGCM(_hkdf(current, _KEY_INFO, 32))}
        if previous is not None:
            self.previous_id: str | None = key_id(previous)
            self._ciphers.setdefault(self.previous_id, AESGCM(_hkdf(previous, _KEY_INFO, 32)))
        else:
            self.previous_id = None

    @staticmethod
    def _context(kid: str, bound_to: str) -> bytes:
        return f"{VERSION}.{kid}.{bound_to}".encode()

    def encrypt(self, plaintext: str, *, bound_to: str) -> str:
        """`plaintext` sealed under the current key, for the row named `bound_to` only."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._ciphers[self.current_id].encrypt(
            nonce, plaintext.encode(), self._context(self.current_id, bound_to)
        )
        encoded = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
        return f"{VERSION}.{self.current_id}.{encoded}"

    def key_of(self, stored: str) -> str:
        """The key id a stored value names (DataKeyError if it is not a stored value)."""
        version, _, rest = stored.partition(".")
        kid, _, _ = rest.partition(".")
        if version != VERSION or not kid:
            raise DataKeyError("the stored secret is not an encrypted value (no 'v1.<key id>.').")
        return kid

    def decrypt(self, stored: str, *, bound_to: str) -> str:
        kid = self.key_of(stored)
        cipher = self._ciphers.get(kid)
        if cipher is None:
            raise DataKeyError(
                f"the secret is encrypted under key id {kid}, which is neither CARTERA_DATA_KEY "
                f"({self.current_id}) nor CARTERA_DATA_KEY_PREVIOUS "
                f"({self.previous_id or 'not set'})."
            )
        encoded = stored.split(".", 2)[2]
        try:
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            opened = cipher.decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], self._context(kid, bound_to)
            )
        except (InvalidTag, ValueError, binascii.Error) as exc:
            raise DataKeyError(
                f"the secret under key id {kid} does not decrypt: it was altered, or belongs to "
                "another row."
            ) from exc
        return opened.decode()

    def is_current(self, stored: str) -> bool:
        return self.key_of(stored) == self.current_id


class DataKeySettings(ServiceSettings):
    """The settings of a service that keeps secrets it must read back: `CARTERA_DATA_KEY`
    (required; no default, checked like every secret) and, during a rotation only, the former
    key as `CARTERA_DATA_KEY_PREVIOUS` (read, never written)."""

    # Encrypts what the service must read back (64 hex digits: `openssl rand -hex 32`).
    data_key: SecretStr = Field(validation_alias="CARTERA_DATA_KEY")
    # During a rotation only: the former key, read and never written.
    data_key_previous: SecretStr | None = Field(
        default=None, validation_alias="CARTERA_DATA_KEY_PREVIOUS"
    )

    @field_validator("data_key")
    @classmethod
    def _strong_data_key(cls, value: SecretStr) -> SecretStr | None:
        return checked_secret("CARTERA_DATA_KEY", value)

    @field_validator("data_key_previous")
    @classmethod
    def _strong_previous_data_key(cls, value: SecretStr | None) -> SecretStr | None:
        return checked_secret("CARTERA_DATA_KEY_PREVIOUS", value)

    @model_validator(mode="after")
    def _previous_data_key_differs(self) -> DataKeySettings:
        previous = self.data_key_previous
        if previous is not None and previous.get_secret_value() == self.data_key.get_secret_value():
            raise ValueError("CARTERA_DATA_KEY_PREVIOUS repeats CARTERA_DATA_KEY")
        return self

    def data_keys(self) -> DataKeys:
        previous = self.data_key_previous
        return DataKeys(
            self.data_key.get_secret_value(), previous.get_secret_value() if previous else None
        )
