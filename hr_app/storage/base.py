"""What every storage backend offers: save a stream under a generated name, read it back by byte ranges,
tell its size, delete it. Names are relative POSIX keys ("voice_notes/3f2a....wav"), the same on every backend."""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK_BYTES = 64 * 1024


class StorageError(Exception):
    """Base of the storage module's own errors (callers turn them into domain errors)."""


class TooLarge(StorageError):
    """The stream went past the limit; nothing was kept."""


class Missing(StorageError):
    """No stored object has this name (or the name is not one this module would generate)."""


@dataclass(frozen=True)
class StoredObject:
    name: str
    size: int


def chunks_of(source: BinaryIO, head: bytes = b"") -> Iterator[bytes]:
    """A file's content as chunks, after `head` (the bytes a caller already read to check the type)."""
    if head:
        yield head
    while chunk := source.read(CHUNK_BYTES):
        yield chunk


def generated_name(folder: str, suffix: str) -> str:
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


def is_safe_name(name: str) -> bool:
    """Only names of the form this module generates: relative, no dot segments, no backslash or NUL."""
    parts = name.split("/")
    return bool(name) and all(
        part and not part.startswith(".") and "\\" not in part and "\x00" not in part for part in parts
    )


class Storage(ABC):
    """A place for files. A backend for S3-compatible object storage implements these five methods."""

    @abstractmethod
    def save(self, chunks: Iterable[bytes], *, folder: str, suffix: str, max_bytes: int) -> StoredObject:
        """Write the chunks under a new generated name; raise TooLarge (keeping nothing) past `max_bytes`."""

    @abstractmethod
    def size(self, name: str) -> int:
        """The object's size in bytes; Missing when there is none."""

    @abstractmethod
    def read(self, name: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The bytes from `start` up to and including `end` (the last byte when None), as chunks."""

    @abstractmethod
    def delete(self, name: str) -> None:
        """Remove the object; a missing one is not an error."""

    def exists(self, name: str) -> bool:
        try:
            self.size(name)
        except Missing:
            return False
        return True
