"""Both storage backends against the real thing: a directory, and an S3 server on loopback
(moto's server mode: the real S3 HTTP protocol, signed requests, multipart uploads)."""

import hashlib
import io
import socket
import uuid

import aioboto3
import boto3
import pytest
from moto.server import ThreadedMotoServer

from cartera_clients.documents.storage import (
    InvalidKey,
    LocalStorage,
    ObjectNotFound,
    S3Storage,
    StorageError,
    document_key,
)

S3_CREDENTIALS = {"access_key_id": "cartera-test", "secret_access_key": "cartera-test-secret"}
REGION = "eu-south-2"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


async def new_bucket(endpoint: str) -> str:
    name = f"cartera-docs-{uuid.uuid4().hex[:12]}"
    async with aioboto3.Session().client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=S3_CREDENTIALS["access_key_id"],
        aws_secret_access_key=S3_CREDENTIALS["secret_access_key"],
    ) as s3:
        await s3.create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
    return name


async def s3_storage(endpoint: str, bucket: str, prefix: str = "") -> S3Storage:
    storage = S3Storage(
        bucket=bucket, prefix=prefix, endpoint_url=endpoint, region=REGION, **S3_CREDENTIALS
    )
    await storage.start()
    return storage


@pytest.fixture(scope="module")
def s3_bucket(s3_endpoint):
    # Synchronous (boto3), so the parametrised fixture below can ask for it by name.
    name = f"cartera-docs-{uuid.uuid4().hex[:12]}"
    boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=S3_CREDENTIALS["access_key_id"],
        aws_secret_access_key=S3_CREDENTIALS["secret_access_key"],
    ).create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    return name


@pytest.fixture(params=["local", "s3"])
async def storage(request, tmp_path):
    if request.param == "local":
        backend = LocalStorage(tmp_path / "documents")
        await backend.start()
    else:
        endpoint = request.getfixturevalue("s3_endpoint")
        backend = await s3_storage(endpoint, request.getfixturevalue("s3_bucket"))
    yield backend
    await backend.close()


def new_key(tenant=None):
    return document_key(tenant or uuid.uuid4(), uuid.uuid4(), uuid.uuid4())


async def put(storage, key, data: bytes, content_type="application/pdf"):
    await storage.put(
        key,
        io.BytesIO(data),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content_type=content_type,
    )


async def read(storage, key) -> bytes:
    chunks = await storage.open(key)
    return b"".join([chunk async for chunk in chunks])


async def test_an_object_is_stored_read_listed_and_deleted(storage):
    tenant = uuid.uuid4()
    key, other = new_key(tenant), new_key()
    data = b"%PDF-1.7 contrato " * 1000
    assert not await storage.exists(key)
    await put(storage, key, data)
    await put(storage, other, b"other tenant")
    assert await storage.exists(key)
    assert await read(storage, key) == data
    assert [k async for k in storage.list_keys(f"{tenant}/")] == [key]
    await storage.delete(key)
    assert not await storage.exists(key)
    await storage.delete(key)  # idempotent
    with pytest.raises(ObjectNotFound):
        await storage.open(key)
    assert await storage.exists(other)


async def test_a_large_object_streams_through_intact(storage):
    # Above S3's 8 MiB multipart threshold: the managed upload sends it in parts.
    data = hashlib.sha256(b"seed").digest() * (9 * 1024 * 1024 // 32 + 7)
    key = new_key()
    await put(storage, key, data)
    digest, size, chunks = hashlib.sha256(), 0, 0
    async for chunk in await storage.open(key):
        digest.update(chunk)
        size += len(chunk)
        chunks += 1
        assert len(chunk) <= 64 * 1024  # streamed in bounded chunks, never whole
    assert size == len(data)
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest()
    assert chunks > 100


async def test_a_reader_closed_early_releases_the_object(storage):
    key = new_key()
    await put(storage, key, bytes(1024 * 1024))
    chunks = await storage.open(key)
    first = await anext(chunks)
    assert first
    await chunks.aclose()
    await storage.delete(key)
    assert not await storage.exists(key)


@pytest.mark.parametrize("key", ["../escape", "/abs/key", "a/../../b", "a b", ""])
async def test_unsafe_keys_are_refused_by_every_operation(storage, key):
    with pytest.raises(InvalidKey):
        await put(storage, key, b"x")
    with pytest.raises(InvalidKey):
        await storage.open(key)
    with pytest.raises(InvalidKey):
        await storage.delete(key)


async def test_local_put_checks_what_it_wrote_and_leaves_nothing_when_it_fails(tmp_path):
    storage = LocalStorage(tmp_path)
    await storage.start()
    key = new_key()
    with pytest.raises(StorageError):
        await storage.put(
            key, io.BytesIO(b"abc"), size=3, sha256="0" * 64, content_type="text/plain"
        )
    assert not await storage.exists(key)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


async def test_local_put_never_replaces_an_object(tmp_path):
    storage = LocalStorage(tmp_path)
    key = new_key()
    await put(storage, key, b"first")
    with pytest.raises(StorageError):
        await put(storage, key, b"second")
    assert await read(storage, key) == b"first"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [key.rsplit("/", 1)[1]]


async def test_s3_objects_carry_type_and_digest_and_prefixes_keep_apart(s3_endpoint):
    bucket = await new_bucket(s3_endpoint)
    production = await s3_storage(s3_endpoint, bucket, prefix="prod/")
    staging = await s3_storage(s3_endpoint, bucket, prefix="staging/")
    try:
        key = new_key()
        data = b"<?xml version='1.0'?><Facturae/>"
        await put(production, key, data, content_type="application/xml")
        assert not await staging.exists(key)
        head = await production.client.head_object(Bucket=bucket, Key=f"prod/{key}")
        assert head["ContentType"] == "application/xml"
        assert head["Metadata"]["sha256"] == hashlib.sha256(data).hexdigest()
        assert [k async for k in production.list_keys()] == [key]
    finally:
        await production.close()
        await staging.close()


async def test_s3_unreachable_is_an_error_not_a_silent_success():
    storage = await s3_storage(f"http://127.0.0.1:{free_port()}", "nowhere")
    try:
        with pytest.raises(Exception) as failed:  # noqa: PT011 (botocore's connection error)
            await put(storage, new_key(), b"x")
        assert not isinstance(failed.value, InvalidKey)
    finally:
        await storage.close()
