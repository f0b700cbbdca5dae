"""The optional decision message to the candidate on select or reject (issue 16; docs/email.md).

Off by default: the organization's `decision_messages` turns it on. The default text comes from
`templates/email/decision_<status>.txt.j2`; HR sees it in the status dialog, may edit it or keep it from going,
and the (edited) text is queued in the status change's own transaction. This module imports only the outbox and
the renderer, so the interview service can call it.
"""

from __future__ import annotations

from sqlmodel import Session

from hr_app.kit.errors import Invalid
from hr_app.kit.limits import DECISION_MESSAGE_MAX_LENGTH, too_long
from hr_app.models import InterviewStatus, Organization
from hr_app.schemas.records import InterviewRecord
from hr_app.services import outbox
from hr_app.services.email_render import render_text

DECISION = "decision"
DECIDED = frozenset({InterviewStatus.SELECTED, InterviewStatus.REJECTED})


def goes_out(organization: Organization | None, record: InterviewRecord, status: InterviewStatus) -> bool:
    """Whether this status change sends the candidate a message at all."""
    return bool(organization and organization.decision_messages and status in DECIDED and record.candidate.email)


def _context(record: InterviewRecord) -> dict[str, str]:
    return {"candidate_name": record.candidate.name, "job_title": record.job_title_name or ""}


def default_text(organization: Organization, record: InterviewRecord, status: InterviewStatus) -> str:
    return render_text(f"{DECISION}_{status.value}", organization, _context(record)).strip()


def checked_text(text: str | None) -> str | None:
    """HR's own text, stripped; None keeps the default. Blank or too long is refused."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        raise Invalid.on("candidate_message", "The message to the candidate may not be blank.")
    if len(text) > DECISION_MESSAGE_MAX_LENGTH:
        raise Invalid.on("candidate_message", too_long(DECISION_MESSAGE_MAX_LENGTH))
    return text


def queue_decision(
    session: Session, organization: Organization, record: InterviewRecord, *, change_id: int, text: str | None
) -> None:
    """The message for the status change `change_id` (once: its idempotency key)."""
    status = InterviewStatus(record.interview.status)
    outbox.queue_email(
        session,
        organization_id=organization.id,
        kind=DECISION,
        to=record.candidate.email,
        template=DECISION,
        context={**_context(record), "message": text or default_text(organization, record, status)},
        related=("interview", record.interview.id),
        idempotency_key=f"{DECISION}:{record.interview.id}:{change_id}",
    )
