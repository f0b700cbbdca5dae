"""The background worker (huey): delivers the outbox, reads CV documents' text, and runs the app's other jobs.

Storage is a SQLite file (`HUEY_FILE`) by default, Redis when `REDIS_URL` is set (then every node's worker shares one
queue). `make run` starts it beside the app: `huey_consumer hr_app.worker.huey`. Tasks must be safe to run twice
and concurrently: the periodic run of each node's worker and the enqueue after a commit can overlap.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable

from huey import Huey, RedisHuey, SqliteHuey, crontab

from hr_app.config import get_settings
from hr_app.db import session_scope
from hr_app.kit.time import utcnow
from hr_app.services import cv_text, mail_delivery, outbox, panel_sessions, reminders

log = logging.getLogger(__name__)


def _make_huey() -> Huey:
    settings = get_settings()
    if settings.redis_url:
        return RedisHuey("hr_app", url=settings.redis_url, results=False)
    return SqliteHuey("hr_app", filename=str(settings.huey_file), results=False)


huey = _make_huey()


@huey.periodic_task(crontab(minute="*"))
def deliver_outbox() -> None:
    """Every minute, and right after a commit that queued mail: send what is due (retries included)."""
    report = mail_delivery.deliver_due()
    if report.sent or report.failed or report.retrying:
        log.info("Outbox: %d sent, %d to retry, %d failed", len(report.sent), len(report.retrying), len(report.failed))


@huey.periodic_task(crontab(minute="*"))
def queue_reminders() -> None:
    """Every minute: queue the interview and missing-feedback reminders that are due (each once), then send."""
    with session_scope() as session:
        queued = reminders.queue_due(session, utcnow())
    if queued:
        log.info("Reminders: %d queued", queued)


@huey.periodic_task(crontab(minute="*"))
def close_expired_sessions() -> None:
    """Every minute: submit, with what was saved, each candidate session whose time ran out (deadline + grace)."""
    with session_scope() as session:
        closed = panel_sessions.close_expired(session, utcnow())
    if closed:
        log.info("Panel sessions: %d closed by the clock", closed)


@huey.task()
def extract_cv_text(document_id: str) -> None:
    """Read an uploaded CV document's text (queued once its upload commits)."""
    status = cv_text.extract_document(document_id)
    if status is not None:
        log.info("CV document %s: text %s", document_id, status.value)


@huey.periodic_task(crontab(minute="*"))
def extract_pending_cv_texts() -> None:
    """Every minute: the documents whose enqueue was lost (worker down, queue unreachable) get their text too."""
    with session_scope() as session:
        pending = cv_text.pending_documents(session)
    for document_id in pending:
        extract_cv_text.call_local(str(document_id))


def _deliver_soon() -> None:
    deliver_outbox()


def _extract_soon(document_ids: Iterable[uuid.UUID]) -> None:
    for document_id in document_ids:
        extract_cv_text(str(document_id))


def install() -> None:
    """Have each commit that queued mail enqueue a delivery, and each CV document upload its text extraction
    (called by the app at start and by tests)."""
    outbox.on_commit(_deliver_soon)
    cv_text.on_commit(_extract_soon)
