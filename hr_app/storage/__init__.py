"""One storage module for every stored file (voice notes, CV documents).

`get_storage()` is the configured backend: the local directory UPLOAD_DIR by default, or S3-compatible object
storage when STORAGE_URL is `s3://bucket/prefix` (s3.py, decision 75). Files follow the database transaction through
`delete_after_commit` and `delete_on_rollback`: a file written for a unit of work that rolls back is removed,
and a file the unit of work stops referencing is removed only once it commits.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.orm import Session

from hr_app.config import get_settings
from hr_app.storage.base import CHUNK_BYTES, Missing, Storage, StorageError, StoredObject, TooLarge, chunks_of
from hr_app.storage.local import LocalStorage

__all__ = [
    "CHUNK_BYTES",
    "LocalStorage",
    "Missing",
    "Storage",
    "StorageError",
    "StoredObject",
    "TooLarge",
    "chunks_of",
    "delete_after_commit",
    "delete_now",
    "delete_on_rollback",
    "get_storage",
]

logger = logging.getLogger(__name__)

_DELETE_ON_COMMIT = "hr_app_storage_delete_on_commit"
_DELETE_ON_ROLLBACK = "hr_app_storage_delete_on_rollback"


def get_storage() -> Storage:
    settings = get_settings()
    if settings.storage_url:
        return _object_storage(
            settings.storage_url,
            settings.aws_endpoint_url,
            settings.aws_region,
            settings.aws_access_key_id,
            settings.aws_secret_access_key,
        )
    return LocalStorage(settings.upload_dir)


@lru_cache(maxsize=4)
def _object_storage(
    url: str, endpoint_url: str | None, region: str | None, access_key: str | None, secret_key: str | None
) -> Storage:
    """One client per process and configuration (a boto3 client is thread-safe and slow to make)."""
    from hr_app.storage import s3  # boto3 is imported only by a process that uses it

    bucket, prefix = s3.parse_storage_url(url)
    client = s3.make_client(endpoint_url=endpoint_url, region=region, access_key=access_key, secret_key=secret_key)
    return s3.S3Storage(client, bucket, prefix)


def delete_now(name: str | None) -> None:
    """Best effort: a file that cannot be removed is logged, never an error for the user."""
    if not name:
        return
    try:
        get_storage().delete(name)
    except (OSError, StorageError):
        logger.warning("Could not remove stored file %s", name, exc_info=True)


def delete_after_commit(session: Session, name: str | None) -> None:
    """Remove this file once the transaction commits (kept if it rolls back)."""
    if name:
        session.info.setdefault(_DELETE_ON_COMMIT, set()).add(name)


def delete_on_rollback(session: Session, name: str) -> None:
    """A file just written for this transaction: removed again if it rolls back."""
    session.info.setdefault(_DELETE_ON_ROLLBACK, set()).add(name)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(_DELETE_ON_ROLLBACK, None)
    for name in session.info.pop(_DELETE_ON_COMMIT, set()):
        delete_now(name)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_DELETE_ON_COMMIT, None)
    for name in session.info.pop(_DELETE_ON_ROLLBACK, set()):
        delete_now(name)
