"""The caller's own scorecard of an interview: save the draft, submit it, reopen it (issue 18).

Only the interview's interviewers have one. Nobody writes before the scheduled start, except admin and hr with a
reason, which the audit trail keeps; a submitted scorecard changes only after its author reopens it, with a reason.
Every write takes the interview's lock first, so two submits (or a save and a submit) run one after the other.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from hr_app.kit.access import NO_PERMISSION, STAFF_ROLES
from hr_app.kit.errors import FieldErrors, Forbidden, Invalid
from hr_app.kit.limits import CRITERIA_MAX, CRITERION_KEY_LENGTH
from hr_app.kit.time import utcnow
from hr_app.models import RATING_FIELDS, AppUser, Evaluation, Interview, ScorecardRating, ScorecardStatus
from hr_app.schemas.records import CriterionRecord, InterviewRecord, ScorecardRecord
from hr_app.schemas.scorecards import RatingIn, ScorecardIn
from hr_app.services import audit, events, scorecards
from hr_app.services.events import Topic
from hr_app.services.interviews import get_interview_for_update
from hr_app.services.scorecards import RatingRows

SCORECARD_INVALID = "Invalid scorecard data"
MINE_REFUSED = "Only the interview's interviewers have a scorecard of it."
REASON_NEEDED = "The interview has not started yet: admin and hr may write before its scheduled start with a reason."
NOT_RATED = "Rate this criterion to submit the scorecard."
RECOMMENDATION_NEEDED = "Give a recommendation to submit the scorecard."
NOT_SUBMITTED = "This scorecard is not submitted: there is nothing to reopen."
REASON_REQUIRED = "This field may not be blank."


@dataclass
class _Own:
    """The caller's scorecard (a new, unsaved one when they have none yet) with what it is judged against."""

    record: InterviewRecord
    card: Evaluation
    rows: RatingRows
    criteria: list[CriterionRecord]


def _own(session: Session, actor: AppUser, interview_id: uuid.UUID | str) -> _Own:
    record = get_interview_for_update(session, actor=actor, interview_id=interview_id)
    interview = record.interview
    if actor.id not in scorecards.interviewer_ids(session, interview):
        raise Forbidden(NO_PERMISSION, MINE_REFUSED)
    card = scorecards.scorecard_of(session, interview.id, actor.id)
    card = card or Evaluation(interview_id=interview.id, interviewer_id=actor.id)
    rows = scorecards.rating_rows(session, [card])[card.id]
    return _Own(record, card, rows, scorecards.criteria_for(session, record.candidate.job_title_id))


def needs_early_reason(actor: AppUser, interview: Interview) -> bool:
    """Admin and hr writing their scorecard before the scheduled start: allowed, with a reason (the UI asks it)."""
    return not scorecards.has_started(interview) and actor.role in STAFF_ROLES


def _early_reason(actor: AppUser, own: _Own, reason: str | None) -> str | None:
    """None once the interview has begun; before it, the reason admin and hr give (else 400)."""
    if scorecards.has_started(own.record.interview):
        return None
    if not needs_early_reason(actor, own.record.interview):
        raise scorecards.closed(SCORECARD_INVALID, scorecards.NOT_STARTED)
    if not (reason or "").strip():
        raise Invalid(SCORECARD_INVALID, {"reason": [REASON_NEEDED]})
    return (reason or "").strip()


def _still_draft(own: _Own) -> None:
    if own.card.status == ScorecardStatus.SUBMITTED:
        raise scorecards.closed(SCORECARD_INVALID, scorecards.SUBMITTED)


def _check_criteria(ratings: dict[str, RatingIn], criteria: list[CriterionRecord]) -> None:
    known = [criterion.key for criterion in criteria]
    unknown = sorted(key for key in ratings if key not in known)
    if unknown:
        named = ", ".join(f'"{key[:CRITERION_KEY_LENGTH]}"' for key in unknown[:CRITERIA_MAX])
        problem = f"Unknown criteria: {named}. This job title's criteria are: {', '.join(known)}."
        raise Invalid(SCORECARD_INVALID, {"ratings": [problem]})


def _snapshot(own: _Own) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for criterion in own.criteria:
        entry = scorecards.rating_of(own.card, own.rows, criterion.key)
        values[f"ratings.{criterion.key}"] = entry.rating
        values[f"notes.{criterion.key}"] = entry.note
    values.update(audit.snapshot(own.card, ("recommendation", "strengths", "concerns", "status")))
    return values


def _touch(session: Session, own: _Own) -> None:
    now = utcnow()
    own.card.updated_at = own.record.interview.updated_at = now
    session.add_all([own.card, own.record.interview])
    session.flush()


def _store_ratings(session: Session, own: _Own, ratings: dict[str, RatingIn]) -> None:
    """Every criterion of the template takes the value given, or none: the five in their columns, the others and
    every note in `scorecard_rating` rows (decision 61); a row left empty is deleted."""
    for criterion in own.criteria:
        key, given = criterion.key, ratings.get(criterion.key) or RatingIn()
        note = (given.note or "").strip() or None
        in_column = key in RATING_FIELDS
        if in_column:
            setattr(own.card, key, given.rating)
        row_rating = None if in_column else given.rating
        row = own.rows.get(key)
        if row_rating is None and note is None:
            if row is not None:
                session.delete(row)
                del own.rows[key]
            continue
        row = row or ScorecardRating(scorecard_id=own.card.id, criterion=key)
        row.rating, row.note = row_rating, note
        own.rows[key] = row
        session.add(row)


def _record(session: Session, actor: AppUser, own: _Own, action: str, before: dict[str, Any], **extra: Any) -> None:
    """One audit entry under the interview's id when something changed, or always when `extra` says why."""
    changed_from, changed_to = audit.changes(before, _snapshot(own))
    reasons = {key: value for key, value in extra.items() if value is not None}
    if changed_to or reasons:
        after = {"interviewer_id": actor.id, **changed_to, **reasons}
        audit.record(session, actor, audit.ObjectType.EVALUATION, own.record.interview.id, action, changed_from, after)
    interview = own.record.interview
    events.publish(session, interview.organization_id, Topic.INTERVIEWS, interview_ids=[interview.id])


def _result(own: _Own, actor: AppUser) -> ScorecardRecord:
    return scorecards.scorecard_record(own.card, actor, own.criteria, own.rows)


def save_mine(
    session: Session, *, actor: AppUser, interview_id: uuid.UUID | str, draft: ScorecardIn
) -> ScorecardRecord:
    """Replace the caller's draft with `draft`: criteria of the template only, each rating 0-10 with an optional
    note; the recommendation, strengths and concerns. A refusal changes nothing."""
    own = _own(session, actor, interview_id)
    early = _early_reason(actor, own, draft.reason)
    _still_draft(own)
    _check_criteria(draft.ratings, own.criteria)
    before = _snapshot(own)
    own.card.recommendation = draft.recommendation
    own.card.strengths = (draft.strengths or "").strip() or None
    own.card.concerns = (draft.concerns or "").strip() or None
    _touch(session, own)
    _store_ratings(session, own, draft.ratings)
    session.flush()
    _record(session, actor, own, "scorecard_saved", before, reason=early)
    return _result(own, actor)


def _missing(own: _Own) -> FieldErrors:
    missing: FieldErrors = {
        f"ratings.{criterion.key}": [NOT_RATED]
        for criterion in own.criteria
        if scorecards.rating_of(own.card, own.rows, criterion.key).rating is None
    }
    if own.card.recommendation is None:
        missing["recommendation"] = [RECOMMENDATION_NEEDED]
    return missing


def submit_mine(
    session: Session, *, actor: AppUser, interview_id: uuid.UUID | str, reason: str | None = None
) -> ScorecardRecord:
    """Submit the caller's draft: every criterion rated and a recommendation given, else 400 naming what is missing."""
    own = _own(session, actor, interview_id)
    early = _early_reason(actor, own, reason)
    _still_draft(own)
    missing = _missing(own)
    if missing:
        raise Invalid(SCORECARD_INVALID, missing)
    before = _snapshot(own)
    own.card.status, own.card.submitted_at = ScorecardStatus.SUBMITTED, utcnow()
    _touch(session, own)
    _record(session, actor, own, "scorecard_submitted", before, reason=early)
    return _result(own, actor)


def reopen_mine(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str, reason: str) -> ScorecardRecord:
    """The author reopens their submitted scorecard as a draft; the reason is required and kept in the trail."""
    own = _own(session, actor, interview_id)
    if own.card.status != ScorecardStatus.SUBMITTED:
        raise scorecards.closed(SCORECARD_INVALID, NOT_SUBMITTED)
    if not reason.strip():
        raise Invalid(SCORECARD_INVALID, {"reason": [REASON_REQUIRED]})
    before = _snapshot(own)
    own.card.status, own.card.submitted_at = ScorecardStatus.DRAFT, None
    _touch(session, own)
    _record(session, actor, own, "scorecard_reopened", before, reason=reason.strip())
    return _result(own, actor)
