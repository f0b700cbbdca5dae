"""The local-directory backend: the default, one directory (UPLOAD_DIR) on this machine."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from hr_app.storage.base import CHUNK_BYTES, Missing, Storage, StoredObject, TooLarge, generated_name, is_safe_name


class LocalStorage(Storage):
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, name: str) -> Path:
        """The file behind a name, refusing anything that would leave the root."""
        if not is_safe_name(name):
            raise Missing(name)
        root = self.root.resolve()
        path = (root / name).resolve()
        if root not in path.parents:
            raise Missing(name)
        return path

    def save(self, chunks: Iterable[bytes], *, folder: str, suffix: str, max_bytes: int) -> StoredObject:
        name = generated_name(folder, suffix)
        destination = self.path_of(name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the final name and renamed at the end, so a reader never sees half a file.
        partial = destination.with_name(destination.name + ".part")
        size = 0
        try:
            with partial.open("xb") as target:
                for chunk in chunks:
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge(name)
                    target.write(chunk)
            os.replace(partial, destination)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return StoredObject(name=name, size=size)

    def size(self, name: str) -> int:
        try:
            return self.path_of(name).stat().st_size
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise Missing(name) from exc

    def read(self, name: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        try:
            handle = self.path_of(name).open("rb")
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise Missing(name) from exc
        return _chunks(handle, start, end)

    def delete(self, name: str) -> None:
        try:
            self.path_of(name).unlink(missing_ok=True)
        except Missing:
            return


def _chunks(handle: BinaryIO, start: int, end: int | None) -> Iterator[bytes]:
    with handle:
        handle.seek(start)
        remaining = None if end is None else end - start + 1
        while remaining is None or remaining > 0:
            chunk = handle.read(CHUNK_BYTES if remaining is None else min(CHUNK_BYTES, remaining))
            if not chunk:
                return
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk
