"""The S3-compatible backend: one bucket (the operator's, created beforehand) and a key prefix, via boto3.

Chosen by `STORAGE_URL=s3://bucket/prefix`; the standard AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and
AWS_ENDPOINT_URL settings say who and where, so any S3-compatible server works (decision 75). Uploads stream as a
multipart upload whose parts are spooled (to disk past SPOOL_BYTES), so a file is never held whole in memory; an
upload that fails or goes past the limit is aborted, leaving nothing. Reads ask the server for the byte range.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any
from urllib.parse import urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from hr_app.storage.base import (
    CHUNK_BYTES,
    Missing,
    Storage,
    StorageError,
    StoredObject,
    TooLarge,
    generated_name,
    is_safe_name,
)

PART_BYTES = 8 * 1024 * 1024  # S3's smallest part is 5 MiB (the last may be smaller); boto3's own default is 8 MiB
SPOOL_BYTES = 1024 * 1024  # a part's bytes past this wait in a temporary file, not in memory
_MISSING_CODES = {"404", "NoSuchKey", "NotFound"}


def parse_storage_url(url: str) -> tuple[str, str]:
    """`s3://bucket/some/prefix` (checked by the settings) as (bucket, "some/prefix")."""
    parts = urlsplit(url)
    return parts.netloc, parts.path.strip("/")


def make_client(*, endpoint_url: str | None, region: str | None, access_key: str | None, secret_key: str | None):
    """A boto3 S3 client (thread-safe, one per process). Unset credentials fall back to boto3's own chain."""
    config = Config(
        connect_timeout=5,
        read_timeout=30,
        retries={"max_attempts": 3, "mode": "standard"},
        max_pool_connections=32,
        # Path-style addressing and checksums only where required: what every S3-compatible server accepts.
        s3={"addressing_style": "path" if endpoint_url else "auto"},
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url or None,
        region_name=region or None,
        aws_access_key_id=access_key or None,
        aws_secret_access_key=secret_key or None,
        config=config,
    )


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


@contextmanager
def _translated(name: str) -> Iterator[None]:
    """boto3's errors as the storage module's own: Missing for no such key, StorageError for the rest."""
    try:
        yield
    except ClientError as exc:
        code = _code(exc)
        if code in _MISSING_CODES:
            raise Missing(name) from exc
        raise StorageError(f"object storage refused {name}: {code}") from exc
    except BotoCoreError as exc:
        raise StorageError(f"object storage unreachable for {name}: {exc}") from exc


class S3Storage(Storage):
    def __init__(self, client: Any, bucket: str, prefix: str = "") -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""

    def key_of(self, name: str) -> str:
        if not is_safe_name(name):
            raise Missing(name)
        return self.prefix + name

    def save(self, chunks: Iterable[bytes], *, folder: str, suffix: str, max_bytes: int) -> StoredObject:
        name = generated_name(folder, suffix)
        upload = _Upload(self.client, self.bucket, self.key_of(name), name)
        size = 0
        try:
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(name)
                upload.write(chunk)
            upload.finish()
        except BaseException:
            upload.abort()
            raise
        return StoredObject(name=name, size=size)

    def size(self, name: str) -> int:
        key = self.key_of(name)
        with _translated(name):
            return int(self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"])

    def read(self, name: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        key = self.key_of(name)
        if end is not None and end < start:
            return iter(())
        wanted = f"bytes={start}-{'' if end is None else end}"
        with _translated(name):
            try:
                body = self.client.get_object(Bucket=self.bucket, Key=key, Range=wanted)["Body"]
            except ClientError as exc:
                if _code(exc) == "InvalidRange":  # from past the end (or of an empty object): no bytes
                    return iter(())
                raise
        return _chunks(body)

    def delete(self, name: str) -> None:
        try:
            key = self.key_of(name)
        except Missing:
            return
        with _translated(name):
            self.client.delete_object(Bucket=self.bucket, Key=key)  # S3 answers 204 for a missing key too


def _chunks(body: Any) -> Iterator[bytes]:
    try:
        yield from body.iter_chunks(CHUNK_BYTES)
    finally:
        body.close()


class _Upload:
    """One object written part by part: a single PUT when it fits one part, a multipart upload otherwise."""

    def __init__(self, client: Any, bucket: str, key: str, name: str) -> None:
        self.client, self.bucket, self.key, self.name = client, bucket, key, name
        self.upload_id: str | None = None
        self.parts: list[dict[str, Any]] = []
        self.part = self._new_part()
        self.part_size = 0

    @staticmethod
    def _new_part() -> IO[bytes]:
        return tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)

    def write(self, chunk: bytes) -> None:
        self.part.write(chunk)
        self.part_size += len(chunk)
        if self.part_size >= PART_BYTES:
            self._send_part()

    def _send_part(self) -> None:
        with _translated(self.name):
            if self.upload_id is None:
                created = self.client.create_multipart_upload(Bucket=self.bucket, Key=self.key)
                self.upload_id = created["UploadId"]
            number = len(self.parts) + 1
            self.part.seek(0)
            sent = self.client.upload_part(
                Bucket=self.bucket, Key=self.key, UploadId=self.upload_id, PartNumber=number, Body=self.part
            )
        self.parts.append({"PartNumber": number, "ETag": sent["ETag"]})
        self.part.close()
        self.part, self.part_size = self._new_part(), 0

    def finish(self) -> None:
        if self.upload_id is None:
            self.part.seek(0)
            with _translated(self.name):
                self.client.put_object(Bucket=self.bucket, Key=self.key, Body=self.part)
            self.part.close()
            return
        if self.part_size:
            self._send_part()
        with _translated(self.name):
            self.client.complete_multipart_upload(
                Bucket=self.bucket, Key=self.key, UploadId=self.upload_id, MultipartUpload={"Parts": self.parts}
            )

    def abort(self) -> None:
        self.part.close()
        if self.upload_id is None:
            return
        try:
            with _translated(self.name):
                self.client.abort_multipart_upload(Bucket=self.bucket, Key=self.key, UploadId=self.upload_id)
        except StorageError:
            pass  # the bucket's lifecycle rule for unfinished uploads is the backstop (docs/deploy.md)
