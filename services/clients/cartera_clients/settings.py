"""Settings of the clients service: the shared ones, plus where client documents are kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator

from cartera_shared.settings import ServiceSettings, renamed

MIB = 1024 * 1024


def default_documents_path() -> Path:
    """`$XDG_DATA_HOME/cartera/documents`, i.e. `~/.local/share/cartera/documents` by default.

    The local runner (deploy/local/stack.py) points each profile at its own directory instead.
    """
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).absolute() / "cartera" / "documents"


class ClientsSettings(ServiceSettings):
    # Where the bytes of client documents live: a directory on this machine, or an S3 bucket.
    documents_backend: Literal["local", "s3"] = Field(
        default="local",
        validation_alias=renamed("CARTERA_CLIENTS_DOCUMENTS_BACKEND", "DOCUMENTS_BACKEND"),
    )
    # Where the local document store keeps files (CARTERA_CLIENTS_DOCUMENTS_BACKEND=local).
    documents_path: Path = Field(
        default_factory=default_documents_path,
        validation_alias=renamed("CARTERA_CLIENTS_DOCUMENTS_PATH", "DOCUMENTS_PATH"),
    )
    # Uploads are spooled here (an unnamed temporary file) while they are hashed and sniffed;
    # None is the system's temporary directory.
    documents_tmp_dir: Path | None = Field(
        default=None,
        validation_alias=renamed("CARTERA_CLIENTS_DOCUMENTS_TMP_DIR", "DOCUMENTS_TMP_DIR"),
    )
    # The largest document a client's archive accepts, in bytes.
    documents_max_bytes: int = Field(
        default=20 * MIB,
        ge=1,
        validation_alias=renamed("CARTERA_CLIENTS_DOCUMENTS_MAX_BYTES", "DOCUMENTS_MAX_BYTES"),
    )
    # The S3-compatible store's address (CARTERA_CLIENTS_DOCUMENTS_BACKEND=s3); unset, AWS's.
    s3_endpoint_url: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_CLIENTS_S3_ENDPOINT_URL", "S3_ENDPOINT_URL")
    )
    # The bucket documents are kept in (required with CARTERA_CLIENTS_DOCUMENTS_BACKEND=s3).
    s3_bucket: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_CLIENTS_S3_BUCKET", "S3_BUCKET")
    )
    # The bucket's region.
    s3_region: str | None = Field(
        default=None, validation_alias=renamed("CARTERA_CLIENTS_S3_REGION", "S3_REGION")
    )
    # The store's access key id; unset, the default credential chain.
    s3_access_key_id: str | None = Field(
        default=None,
        validation_alias=renamed("CARTERA_CLIENTS_S3_ACCESS_KEY_ID", "S3_ACCESS_KEY_ID"),
    )
    # The store's secret access key.
    s3_secret_access_key: SecretStr | None = Field(
        default=None,
        validation_alias=renamed("CARTERA_CLIENTS_S3_SECRET_ACCESS_KEY", "S3_SECRET_ACCESS_KEY"),
    )
    # Optional key prefix, so one bucket can hold several environments.
    s3_prefix: str = Field(
        default="", validation_alias=renamed("CARTERA_CLIENTS_S3_PREFIX", "S3_PREFIX")
    )

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.documents_backend == "s3" and not self.s3_bucket:
            raise ValueError("CARTERA_CLIENTS_DOCUMENTS_BACKEND=s3 needs CARTERA_CLIENTS_S3_BUCKET")
        self.documents_path = self.documents_path.absolute()
        return self

    @classmethod
    def from_service_settings(cls, settings: ServiceSettings) -> ClientsSettings:
        """A ClientsSettings with the given shared settings; the documents' ones from the env."""
        if isinstance(settings, ClientsSettings):
            return settings
        return cls(**settings.model_dump())
