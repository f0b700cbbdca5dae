"""A real S3-compatible server for the tests (moto in server mode, its own process on a free port), the fixture
that points the app's storage at it, and `stored_files()`: what is stored, whichever backend is configured."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

import httpx
import pytest

from hr_app import storage
from hr_app.config import get_settings

__all__ = ["S3Server", "StoredFile", "free_port", "s3_server", "s3_storage", "stored_files"]

BUCKET = "hr-app-test"
CREDENTIALS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret", "aws_region": "us-east-1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    bucket: str

    def environment(self, prefix: str) -> dict[str, str]:
        """The settings a process needs to keep its files here, as environment variables."""
        return {
            "STORAGE_URL": f"s3://{self.bucket}/{prefix}",
            "AWS_ENDPOINT_URL": self.endpoint_url,
            **{key.upper(): value for key, value in CREDENTIALS.items()},
        }


def start_moto(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except httpx.TransportError:
            if process.poll() is not None:
                raise RuntimeError("moto_server exited at start") from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("moto_server did not start within 30 s")


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    port = free_port()
    process = start_moto(port)
    server = S3Server(endpoint_url=f"http://127.0.0.1:{port}", bucket=BUCKET)
    from hr_app.storage import s3

    client = s3.make_client(
        endpoint_url=server.endpoint_url,
        region=CREDENTIALS["aws_region"],
        access_key=CREDENTIALS["aws_access_key_id"],
        secret_key=CREDENTIALS["aws_secret_access_key"],
    )
    client.create_bucket(Bucket=BUCKET)  # the operator's step: the app never creates its bucket
    yield server
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def s3_storage(s3_server: S3Server, monkeypatch: pytest.MonkeyPatch) -> Iterator[storage.Storage]:
    """This test's files go to the S3 server, under a prefix of their own (emptied again afterwards)."""
    settings = get_settings()
    monkeypatch.setattr(settings, "storage_url", f"s3://{s3_server.bucket}/test-{uuid.uuid4().hex[:8]}")
    monkeypatch.setattr(settings, "aws_endpoint_url", s3_server.endpoint_url)
    for field, value in CREDENTIALS.items():
        monkeypatch.setattr(settings, field, value)
    backend = storage.get_storage()
    yield backend
    for item in stored_files():
        backend.client.delete_object(Bucket=backend.bucket, Key=backend.prefix + item.key)


@dataclass(frozen=True)
class StoredFile:
    """A stored object seen from outside the app: its key (relative to the root or prefix) and its bytes."""

    key: str
    content: bytes

    @property
    def name(self) -> str:
        return PurePosixPath(self.key).name

    def read_bytes(self) -> bytes:
        return self.content


def stored_files() -> list[StoredFile]:
    """Every stored file of the configured backend, sorted by key; an unfinished S3 upload counts too."""
    backend = storage.get_storage()
    if isinstance(backend, storage.LocalStorage):
        root = get_settings().upload_dir
        paths = root.rglob("*") if root.exists() else []
        found = [StoredFile(p.relative_to(root).as_posix(), p.read_bytes()) for p in paths if p.is_file()]
        return sorted(found, key=lambda item: item.key)
    client, bucket, prefix = backend.client, backend.bucket, backend.prefix
    found = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for entry in page.get("Contents", []):
            content = client.get_object(Bucket=bucket, Key=entry["Key"])["Body"].read()
            found.append(StoredFile(entry["Key"].removeprefix(prefix), content))
    unfinished = client.list_multipart_uploads(Bucket=bucket, Prefix=prefix).get("Uploads", [])
    found += [StoredFile(f"{entry['Key'].removeprefix(prefix)} (unfinished upload)", b"") for entry in unfinished]
    return sorted(found, key=lambda item: item.key)
