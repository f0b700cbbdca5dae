"""Organization-scoped change events, delivered only after the transaction commits.

A service calls `publish(session, organization_id, topic)` next to its write, naming the interviews it
changed when it knows them (`interview_ids=`: the live board then re-reads just those cards). Nothing leaves
the process until the session commits; a rollback drops the events. Subscribers (the live UI layer)
register with `subscribe` and receive the batch of committed events.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import event
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

_PENDING = "hr_app_pending_events"


class Topic(StrEnum):
    INTERVIEWS = "interviews"  # interviews, evaluations, status changes (the ongoing board)
    CVS = "cvs"
    PANELS = "panels"  # panels, panel candidates, session progress and scores
    QUESTIONS = "questions"
    JOB_TITLES = "job_titles"  # job titles and their scorecard templates (the Job titles page)


@dataclass(frozen=True)
class ChangeEvent:
    organization_id: str
    topic: Topic
    interview_id: str = ""  # the one interview this change is about; "" when the publisher did not say


Subscriber = Callable[[list[ChangeEvent]], None]
_subscribers: list[Subscriber] = []


def publish(
    session: Session, organization_id: uuid.UUID | str, *topics: Topic, interview_ids: Iterable[uuid.UUID | str] = ()
) -> None:
    """`interview_ids`: the interviews the change is about (all of them, or none to say "anything")."""
    pending: set[ChangeEvent] = session.info.setdefault(_PENDING, set())
    about = [str(interview_id) for interview_id in interview_ids] or [""]
    for topic in topics:
        pending.update(ChangeEvent(str(organization_id), Topic(topic), interview_id) for interview_id in about)


def subscribe(subscriber: Subscriber) -> Callable[[], None]:
    """Register a subscriber; returns a function that removes it."""
    _subscribers.append(subscriber)
    return lambda: _subscribers.remove(subscriber) if subscriber in _subscribers else None


def deliver(events: Iterable[ChangeEvent]) -> None:
    batch = sorted(events, key=lambda e: (e.organization_id, e.topic, e.interview_id))
    for subscriber in list(_subscribers):
        try:
            subscriber(batch)
        except Exception:  # a broken subscriber must never fail the committed request
            logger.exception("Event subscriber %r failed", subscriber)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        deliver(pending)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
