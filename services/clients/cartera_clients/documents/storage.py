"""Where the bytes of client documents live, behind one small interface.

`LocalStorage` keeps them in a directory (the default, for one machine and for development);
`S3Storage` in a bucket of any S3-compatible service (production). The database row is the only
way to reach an object: keys are made from ids (`<tenant>/<client>/<document>`), never from a
file name a user sent, and each backend refuses keys outside that shape.

Contract of every backend:
- `put` stores a complete object or nothing visible under the key (local: a hidden partial file
  renamed into place; S3: one PUT, or a multipart upload that is completed or aborted).
- `delete` is idempotent: deleting what is not there is not an error.
- `open` fails with `ObjectNotFound` before returning, so a caller can still answer with an error;
  the chunks it returns are then streamed, and the generator closes what it opened.
"""

from __future__ import annotations

import abc
import contextlib
import hashlib
import logging
import os
import re
import uuid
from collections.abc import AsyncGenerator, AsyncIterator
from pathlib import Path
from typing import Any, BinaryIO

import anyio.to_thread

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024
MAX_KEY_LENGTH = 500
# One segment of a key: no leading dot (so never "." or "..", nor a hidden partial file), no
# separator, no control or non-ASCII character.
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


class StorageError(Exception):
    """The storage backend failed, or what it holds does not match what was given to it."""


class ObjectNotFound(StorageError):
    pass


class InvalidKey(StorageError, ValueError):
    pass


def validate_key(key: str) -> str:
    """The key itself if it is made of safe segments joined by '/', else `InvalidKey`."""
    if not isinstance(key, str) or not key or len(key) > MAX_KEY_LENGTH:
        raise InvalidKey(f"invalid storage key: {key!r}")
    if not all(_SEGMENT.fullmatch(segment) for segment in key.split("/")):
        raise InvalidKey(f"invalid storage key: {key!r}")
    return key


def document_key(tenant_id: uuid.UUID, client_id: uuid.UUID, document_id: uuid.UUID) -> str:
    """Unique by construction (the document id is a fresh UUID): an object is never replaced."""
    return validate_key(f"{tenant_id}/{client_id}/{document_id}")


class DocumentStorage(abc.ABC):
    backend: str

    async def start(self) -> None:  # noqa: B027 (optional hook)
        """Open connections or create directories; called once at service start."""

    async def close(self) -> None:  # noqa: B027 (optional hook)
        """Release what `start` opened."""

    @abc.abstractmethod
    async def put(
        self, key: str, source: BinaryIO, *, size: int, sha256: str, content_type: str
    ) -> None:
        """Store `source` (read from its current position to its end) under a new key."""

    @abc.abstractmethod
    async def open(self, key: str) -> AsyncGenerator[bytes, None]:
        """The object's bytes in chunks; `ObjectNotFound` if there is no such object."""

    @abc.abstractmethod
    async def delete(self, key: str) -> None:
        """Remove the object; nothing happens if it is not there."""

    @abc.abstractmethod
    async def exists(self, key: str) -> bool: ...

    @abc.abstractmethod
    def list_keys(self, prefix: str = "") -> AsyncIterator[str]:
        """Every key under `prefix` (a key prefix ending in '/', or ''): for audits and sweeps."""


class LocalStorage(DocumentStorage):
    """Objects as files under one root directory, one directory per tenant and client."""

    backend = "local"

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()

    async def start(self) -> None:
        await anyio.to_thread.run_sync(lambda: self.root.mkdir(parents=True, exist_ok=True))

    def path(self, key: str) -> Path:
        """The file that holds `key`; never outside the root (checked again after resolving)."""
        path = self.root.joinpath(*validate_key(key).split("/"))
        if not path.resolve().is_relative_to(self.root.resolve()):
            raise InvalidKey(f"storage key escapes the root: {key!r}")
        return path

    async def put(
        self, key: str, source: BinaryIO, *, size: int, sha256: str, content_type: str
    ) -> None:
        # A thread that is not abandoned on cancellation: once started, the copy ends (complete
        # or removed) before the caller sees the cancellation, so its clean-up comes after it.
        await anyio.to_thread.run_sync(self._put, self.path(key), source, size, sha256)

    @staticmethod
    def _put(path: Path, source: BinaryIO, size: int, sha256: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial-{uuid.uuid4().hex}")
        try:
            digest = hashlib.sha256()
            written = 0
            with partial.open("xb") as out:
                while chunk := source.read(CHUNK_BYTES):
                    out.write(chunk)
                    digest.update(chunk)
                    written += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            if written != size or digest.hexdigest() != sha256:
                raise StorageError(
                    f"copy of {path.name} does not match: {written} bytes, {digest.hexdigest()}"
                )
            # A hard link, unlike a rename, fails if the key exists: nothing is ever replaced.
            try:
                os.link(partial, path)
            except FileExistsError as exc:
                raise StorageError(f"an object already exists under {path.name}") from exc
            _fsync_directory(path.parent)
        finally:
            partial.unlink(missing_ok=True)

    async def open(self, key: str) -> AsyncGenerator[bytes, None]:
        path = self.path(key)
        try:
            handle = await anyio.to_thread.run_sync(path.open, "rb")
        except FileNotFoundError as exc:
            raise ObjectNotFound(key) from exc
        return _read_file(handle)

    async def delete(self, key: str) -> None:
        path = self.path(key)
        await anyio.to_thread.run_sync(lambda: path.unlink(missing_ok=True))

    async def exists(self, key: str) -> bool:
        path = self.path(key)
        return await anyio.to_thread.run_sync(path.is_file)

    async def list_keys(self, prefix: str = "") -> AsyncIterator[str]:
        base = self.root.joinpath(*validate_key(prefix.rstrip("/")).split("/")) if prefix else None
        found = await anyio.to_thread.run_sync(_walk, self.root, base or self.root)
        for key in found:
            yield key


def _walk(root: Path, base: Path) -> list[str]:
    if not base.is_dir():
        return []
    keys = []
    for directory, _, files in os.walk(base):
        for name in files:
            if not name.startswith("."):
                keys.append(Path(directory, name).relative_to(root).as_posix())
    return sorted(keys)


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


async def _read_file(handle: BinaryIO) -> AsyncGenerator[bytes, None]:
    try:
        while chunk := await anyio.to_thread.run_sync(handle.read, CHUNK_BYTES):
            yield chunk
    finally:
        handle.close()


class _ThreadedReader:
    """A blocking file read in a worker thread, for aioboto3's managed upload."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source

    async def read(self, size: int = -1) -> bytes:
        return await anyio.to_thread.run_sync(self._source.read, size)


class S3Storage(DocumentStorage):
    """Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Garage, ...).

    Uploads above 8 MiB are multipart; the bucket should have a lifecycle rule that aborts
    incomplete multipart uploads (a process killed mid-upload leaves its parts behind).
    """

    backend = "s3"

    def __init__(
        self,
        *,
        bucket: str,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self._client_args: dict[str, Any] = {
            "endpoint_url": endpoint_url,
            "region_name": region,
            "aws_access_key_id": access_key_id,
            "aws_secret_access_key": secret_access_key,
        }
        self._stack = contextlib.AsyncExitStack()
        self._client: Any = None

    async def start(self) -> None:
        # Imported here, not at the top: boto's modules (and the HTTP client they bring) are
        # about 19 MiB of every clients process, and only this backend uses them.
        import aioboto3
        from aiobotocore.config import AioConfig

        config = AioConfig(
            # Path-style addressing works with every S3-compatible server; AWS accepts it too.
            s3={"addressing_style": "path"} if self._client_args["endpoint_url"] else {},
            retries={"max_attempts": 3, "mode": "standard"},
            connect_timeout=5,
            read_timeout=30,
        )
        session = aioboto3.Session()
        self._client = await self._stack.enter_async_context(
            session.client("s3", config=config, **self._client_args)
        )

    async def close(self) -> None:
        await self._stack.aclose()
        self._client = None

    @property
    def client(self) -> Any:
        if self._client is None:
            raise StorageError("S3 storage used before start()")
        return self._client

    def object_key(self, key: str) -> str:
        return f"{self.prefix}{validate_key(key)}"

    async def put(
        self, key: str, source: BinaryIO, *, size: int, sha256: str, content_type: str
    ) -> None:
        await self.client.upload_fileobj(
            _ThreadedReader(source),
            self.bucket,
            self.object_key(key),
            ExtraArgs={"ContentType": content_type, "Metadata": {"sha256": sha256}},
        )

    async def open(self, key: str) -> AsyncGenerator[bytes, None]:
        from botocore.exceptions import ClientError

        try:
            answer = await self.client.get_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as exc:
            if _error_code(exc) in {"NoSuchKey", "404", "NotFound"}:
                raise ObjectNotFound(key) from exc
            raise
        return _read_body(answer["Body"])

    async def delete(self, key: str) -> None:
        await self.client.delete_object(Bucket=self.bucket, Key=self.object_key(key))

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            await self.client.head_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as exc:
            if _error_code(exc) in {"NoSuchKey", "404", "NotFound"}:
                return False
            raise
        return True

    async def list_keys(self, prefix: str = "") -> AsyncIterator[str]:
        if prefix:
            validate_key(prefix.rstrip("/"))
        paginator = self.client.get_paginator("list_objects_v2")
        async for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix):
            for item in page.get("Contents", []):
                yield str(item["Key"])[len(self.prefix) :]


def _error_code(exc: Any) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


async def _read_body(body: Any) -> AsyncGenerator[bytes, None]:
    try:
        # StreamingBody.read checks, at the end, that the length is what S3 announced.
        while chunk := await body.read(CHUNK_BYTES):
            yield chunk
    finally:
        body.close()


def create_storage(settings: Any) -> DocumentStorage:
    """The backend the settings name (a `ClientsSettings`)."""
    if settings.documents_backend == "s3":
        secret = settings.s3_secret_access_key
        return S3Storage(
            bucket=settings.s3_bucket,
            prefix=settings.s3_prefix,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=secret.get_secret_value() if secret is not None else None,
        )
    return LocalStorage(settings.documents_path)
