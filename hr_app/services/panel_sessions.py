"""A candidate's session: the token is the only credential.

States: `not_open` (before the start, or not opened yet), `open` (drawn, answering), `submitted`,
`expired` (the end passed unsubmitted). Every call checks, in this order: the client address is not
rate limited (429), the token names a session (404, the same body whether or not it ever existed; a
failed look-up counts against the address), the panel is neither deleted nor ended (410), the panel
has started (403; reading the session before the start is allowed and answers `not_open`).

The question set is drawn on the first open inside the window and then frozen in `Answer` rows. A timed panel
(`time_limit_minutes`) opens only on Start (`start`), which also sets the candidate's deadline; past it (plus
`SESSION_GRACE_SECONDS` for answers in flight) writes are refused and the session is closed by the clock
(`close_expired`, from a read or the worker) with what was saved.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from hr_app.config import get_settings
from hr_app.kit.errors import Conflict, FieldErrors, Forbidden, Gone, Invalid, NotFound, TooManyRequests
from hr_app.kit.limits import SESSION_GRACE_SECONDS
from hr_app.kit.time import utcnow
from hr_app.models import (
    Answer,
    Difficulty,
    InterviewPanel,
    PanelCandidate,
    Question,
    UserCvData,
)
from hr_app.schemas.common import format_utc
from hr_app.schemas.panels import (
    DrawnQuestion,
    ScoreResult,
    SessionSnapshot,
    SessionState,
    deadline_of,
    status_of,
)
from hr_app.services import audit, events, panel_draw, question_scoring
from hr_app.services.rate_limit import Limit

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")
SESSION_NOT_FOUND = "Session not found"
SESSION_GONE = "This session link is no longer valid"
ALREADY_SUBMITTED = "This session has already been submitted"
TIME_UP = "The time is up"
NOT_STARTED = "The session has not been started"
GRACE = timedelta(seconds=SESSION_GRACE_SECONDS)

# Per question: the candidate's option index (single choice, true/false), their indexes (multiple choice), a text
# (free text), or None to clear; in the candidate's order of the options.
Answers = Mapping[uuid.UUID, question_scoring.AnswerValue]


def token_limit() -> Limit:
    """Failed token look-ups per client address, per minute (settings.token_attempts_per_minute)."""
    return Limit("panel-token", get_settings().token_attempts_per_minute)


# ---- finding the session ----------------------------------------------------------------------------


def _find(session: Session, token: str, client: str) -> tuple[PanelCandidate, InterviewPanel, UserCvData]:
    row = None
    if TOKEN_SHAPE.fullmatch(token):
        row = session.exec(
            select(PanelCandidate, InterviewPanel, UserCvData)
            .join(InterviewPanel, col(InterviewPanel.id) == PanelCandidate.panel_id)
            .join(UserCvData, col(UserCvData.id) == PanelCandidate.candidate_id)
            .where(PanelCandidate.token == token)
        ).first()
    if row is None:  # only a miss is counted and checked: a valid link always opens, whoever shares the address
        limit = token_limit()
        wait = limit.blocked_for(client)
        if wait:
            raise TooManyRequests("Too many attempts. Try again later.", retry_after=wait)
        limit.record_failure(client)
        raise NotFound(SESSION_NOT_FOUND, "This session link is not valid.")
    return row


def find_session(
    session: Session, *, token: str, client: str = "unknown"
) -> tuple[PanelCandidate, InterviewPanel, UserCvData]:
    """The session a token names (429 when the address is blocked, 404 when none; a miss counts)."""
    return _find(session, token, client)


def _check_window(panel: InterviewPanel, candidate: PanelCandidate, now: datetime, *, early_ok: bool = False) -> None:
    if panel.is_deleted or panel.end_datetime <= now or candidate.token_expires_at <= now:
        raise Gone(SESSION_GONE, "The interview panel has ended or was withdrawn.")
    if not early_ok and now < panel.start_datetime:
        raise Forbidden(
            "This interview panel has not started yet", f"The panel opens at {format_utc(panel.start_datetime)}."
        )


def candidate_state(panel: InterviewPanel, candidate: PanelCandidate, now: datetime) -> SessionState:
    if candidate.submitted_at is not None:
        return SessionState.SUBMITTED
    if panel.is_deleted or panel.end_datetime <= now:
        return SessionState.EXPIRED
    if candidate.opened_at is not None:
        return SessionState.OPEN
    return SessionState.NOT_OPEN


def _past_grace(panel: InterviewPanel, candidate: PanelCandidate, now: datetime) -> bool:
    deadline = deadline_of(panel, candidate)
    return candidate.submitted_at is None and deadline is not None and now > deadline + GRACE


def _record(
    session: Session, panel: InterviewPanel, candidate: PanelCandidate, action: str, label: str, **after: object
) -> None:
    """A session action in the panel's trail: no user did it, so the actor is null and `label` says who."""
    cv = session.get(UserCvData, candidate.candidate_id)  # already in the identity map: no query
    values = {"candidate_id": str(candidate.candidate_id), "candidate": cv.name if cv else None, **after}
    audit.record(
        session,
        None,
        audit.ObjectType.PANEL,
        panel.id,
        action,
        None,
        values,
        organization_id=panel.organization_id,
        actor_label=label,
    )


# ---- drawing ------------------------------------------------------------------------------------------


def load_drawn(session: Session, candidate_id: uuid.UUID) -> list[DrawnQuestion]:
    """The candidate's frozen set in their order, each with their order of its options."""
    rows = session.exec(
        select(Answer, Question, PanelCandidate.shuffle_seed)
        .join(Question, col(Question.id) == Answer.question_id)
        .join(PanelCandidate, col(PanelCandidate.id) == Answer.panel_candidate_id)
        .where(Answer.panel_candidate_id == candidate_id)
        .order_by(Answer.position)
    ).all()
    return [
        DrawnQuestion(
            answer,
            question,
            panel_draw.option_order(
                seed if question_scoring.shuffles(question) else None, question.id, len(question.options)
            ),
        )
        for answer, question, seed in rows
    ]


def _open(session: Session, candidate: PanelCandidate, panel: InterviewPanel, now: datetime) -> list[DrawnQuestion]:
    """The frozen set, drawn now if this is the first open. Two concurrent first opens give one set:
    only the request whose conditional UPDATE of `opened_at` wins draws; the unique (candidate,
    position) constraint backs that up."""
    if candidate.opened_at is None:
        seed = panel_draw.new_seed() if panel.shuffle else None
        opened = {"opened_at": now, "deadline": _deadline_from(panel, now), "shuffle_seed": seed}
        won = session.execute(
            update(PanelCandidate)
            .where(PanelCandidate.id == candidate.id, col(PanelCandidate.opened_at).is_(None))
            .values(**opened)
            .execution_options(synchronize_session=False)
        ).rowcount
        if won:
            for name, value in opened.items():
                set_committed_value(candidate, name, value)
            _store_draw(session, candidate, panel_draw.draw_questions(session, panel, seed))
            _record(session, panel, candidate, "session_opened", audit.CANDIDATE_LABEL)
            events.publish(session, panel.organization_id, events.Topic.PANELS)
        else:
            session.refresh(candidate)
    return load_drawn(session, candidate.id)


def _deadline_from(panel: InterviewPanel, started: datetime) -> datetime | None:
    return started + timedelta(minutes=panel.time_limit_minutes) if panel.time_limit_minutes else None


def _store_draw(session: Session, candidate: PanelCandidate, question_ids: list[uuid.UUID]) -> None:
    try:
        with session.begin_nested():
            session.add_all(
                Answer(panel_candidate_id=candidate.id, question_id=question_id, position=position)
                for position, question_id in enumerate(question_ids, start=1)
            )
    except IntegrityError:
        pass  # a concurrent open stored its draw first; load_drawn reads that one


# ---- reading ------------------------------------------------------------------------------------------


def score_result(drawn: list[DrawnQuestion], candidate: PanelCandidate, submitted_at: datetime) -> ScoreResult:
    """Score and per-difficulty (fully right, total) from the graded answers, and the points (decision 117)."""
    breakdown = {level: (0, 0) for level in Difficulty}
    for item in drawn:
        correct, total = breakdown[item.question.difficulty]
        breakdown[item.question.difficulty] = (correct + bool(item.answer.is_correct), total + 1)
    return ScoreResult(
        score=candidate.score,
        total=len(drawn),
        breakdown=breakdown,
        submitted_at=submitted_at,
        points=candidate.points,
        pending=candidate.hand_scoring_pending,
    )


def _snapshot(
    panel: InterviewPanel, candidate: PanelCandidate, cv: UserCvData, drawn: list[DrawnQuestion] | None = None
) -> SessionSnapshot:
    state = candidate_state(panel, candidate, utcnow())
    result = score_result(drawn or [], candidate, candidate.submitted_at) if candidate.submitted_at else None
    return SessionSnapshot(
        panel, candidate, cv.name, state, drawn or [], result, status_of(candidate), deadline_of(panel, candidate)
    )


def session_view(
    session: Session, *, token: str, client: str = "unknown", open_session: bool = True
) -> SessionSnapshot:
    """What the candidate's page shows. During the window this opens the session (drawing the set on
    the first call) unless `open_session` is False (a start screen that has not been confirmed yet) or the
    panel is timed (then only `start` opens it). A session whose time is up is closed by the clock first."""
    candidate, panel, cv = _find(session, token, client)
    now = utcnow()
    _check_window(panel, candidate, now, early_ok=True)
    if now < panel.start_datetime:
        return _snapshot(panel, candidate, cv)
    only_start_opens = not open_session or panel.time_limit_minutes is not None
    if candidate.submitted_at is None and candidate.opened_at is None and only_start_opens:
        return _snapshot(panel, candidate, cv)
    if _past_grace(panel, candidate, now):
        close_by_clock(session, panel, candidate)
    return _snapshot(panel, candidate, cv, _open(session, candidate, panel, now))


def start(session: Session, *, token: str, client: str = "unknown") -> SessionSnapshot:
    """The Start button: open the session (draw the set) and start the candidate's clock. Idempotent: a second
    Start (a reload, another device) shows the same set and the same deadline."""
    candidate, panel, cv = _find(session, token, client)
    now = utcnow()
    _check_window(panel, candidate, now)
    if _past_grace(panel, candidate, now):
        close_by_clock(session, panel, candidate)
    return _snapshot(panel, candidate, cv, _open(session, candidate, panel, now))


# ---- answering and submitting -------------------------------------------------------------------------


def _answer_errors(drawn: list[DrawnQuestion], answers: Answers) -> FieldErrors:
    by_id = {item.question.id: item for item in drawn}
    errors: FieldErrors = {}
    for question_id, value in answers.items():
        item = by_id.get(question_id)
        if item is None:
            errors[f"answers.{question_id}"] = ["This question is not part of your session."]
        elif problem := question_scoring.answer_problem(
            item.question, question_scoring.normalised(item.question, value)
        ):
            errors[f"answers.{question_id}"] = [problem]
    return errors


def _apply_answers(drawn: list[DrawnQuestion], answers: Answers, now: datetime) -> None:
    """Store each given answer as the bank's indexes (the candidate's indexes mapped through their order)."""
    for item in drawn:
        if item.question.id in answers:
            value = question_scoring.normalised(item.question, answers[item.question.id])
            stored = _stored(item, value)
            answer = item.answer
            if (answer.selected_option, answer.selected_options, answer.text_answer) != stored:
                answer.selected_option, answer.selected_options, answer.text_answer = stored
                answer.answered_at = now if value is not None else None


def _stored(
    item: DrawnQuestion, value: question_scoring.AnswerValue
) -> tuple[int | None, list[int] | None, str | None]:
    """(selected_option, selected_options, text_answer) for a checked answer value."""
    if value is None:
        return None, None, None
    if isinstance(value, str):
        return None, None, value
    if isinstance(value, list):
        return None, sorted(item.order[shown] for shown in value), None
    return item.order[value], None, None


def _claim(session: Session, candidate: PanelCandidate, **values: object) -> None:
    """A conditional UPDATE on the unsubmitted row: it waits for a concurrent submit and then finds
    nothing to update, so exactly one submit wins and no answer is saved after it (409)."""
    claimed = session.execute(
        update(PanelCandidate)
        .where(PanelCandidate.id == candidate.id, col(PanelCandidate.submitted_at).is_(None))
        .values(**(values or {"opened_at": PanelCandidate.opened_at}))
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise Conflict(ALREADY_SUBMITTED, "Answers cannot be changed after submitting.")
    for name, value in values.items():
        set_committed_value(candidate, name, value)


def _prepare(
    session: Session, token: str, client: str, answers: Answers
) -> tuple[PanelCandidate, InterviewPanel, UserCvData, list[DrawnQuestion], datetime]:
    candidate, panel, cv = _find(session, token, client)
    now = utcnow()
    _check_window(panel, candidate, now)
    if candidate.submitted_at is not None:
        raise Conflict(ALREADY_SUBMITTED, "Answers cannot be changed after submitting.")
    if candidate.opened_at is None and panel.time_limit_minutes is not None:
        raise Invalid(NOT_STARTED, {"non_field_errors": ["Press Start (POST start/) before answering."]})
    deadline = deadline_of(panel, candidate)
    if deadline is not None and now > deadline + GRACE:
        raise Invalid(TIME_UP, {"non_field_errors": [f"The time for this session ended at {format_utc(deadline)}."]})
    drawn = _open(session, candidate, panel, now)
    errors = _answer_errors(drawn, answers)
    if errors:
        raise Invalid("Invalid data provided", errors)
    return candidate, panel, cv, drawn, now


def save_answers(session: Session, *, token: str, answers: Answers, client: str = "unknown") -> list[DrawnQuestion]:
    """Autosave: set (or, with None, clear) the given answers; the others stay. Idempotent."""
    candidate, panel, _cv, drawn, now = _prepare(session, token, client, answers)
    _claim(session, candidate)
    _apply_answers(drawn, answers, now)
    session.flush()
    events.publish(session, panel.organization_id, events.Topic.PANELS)
    return drawn


def show_question(
    session: Session, *, token: str, position: int | None, client: str = "unknown"
) -> tuple[PanelCandidate, datetime]:
    """The candidate's page now shows the question at `position` of their set (1-based; None: several at once, or
    none): the time on the one shown until now is added to it, and the new one's first showing is kept. Returns
    the session and the time it was found at, for what else the view tells (integrity.note_view)."""
    candidate, panel, _cv, drawn, now = _prepare(session, token, client, {})
    if position is not None and not 1 <= position <= len(drawn):
        raise Invalid.on("position", f"Must be the position of a question, from 1 to {len(drawn)}.")
    _claim(session, candidate)  # locks the row, so two tabs cannot both add the same interval
    session.refresh(candidate, ["viewing_position", "viewing_since"])
    _close_viewing(panel, candidate, drawn, now)
    if position is not None:
        shown = drawn[position - 1].answer
        shown.first_shown_at = shown.first_shown_at or now
        shown.seconds_spent = shown.seconds_spent or 0
    candidate.viewing_position, candidate.viewing_since = position, (now if position is not None else None)
    session.flush()
    return candidate, now


def _close_viewing(panel: InterviewPanel, candidate: PanelCandidate, drawn: list[DrawnQuestion], now: datetime) -> None:
    """Add the open interval (up to the deadline at the latest) to the question it belongs to, and close it."""
    if candidate.viewing_position is None or candidate.viewing_since is None:
        return
    until = min(now, deadline_of(panel, candidate) or now, panel.end_datetime)
    if 1 <= candidate.viewing_position <= len(drawn):
        answer = drawn[candidate.viewing_position - 1].answer
        answer.seconds_spent = (answer.seconds_spent or 0) + max(
            0, round((until - candidate.viewing_since).total_seconds())
        )
    candidate.viewing_position = candidate.viewing_since = None


def grade(candidate: PanelCandidate, drawn: list[DrawnQuestion]) -> question_scoring.Grade:
    """Credit every answer (unanswered earns 0; free text waits for its hand score) and set the session's points,
    score and whether it waits for hand scoring."""
    result = question_scoring.grade([(item.question, item.answer) for item in drawn])
    candidate.score, candidate.points, candidate.hand_scoring_pending = result.score, result.points, result.pending
    return result


def submit(session: Session, *, token: str, answers: Answers, client: str = "unknown") -> SessionSnapshot:
    """Save the given answers over the autosaved ones, score the set, and close the session (once)."""
    candidate, panel, cv, drawn, now = _prepare(session, token, client, answers)
    _claim(session, candidate, submitted_at=now)
    _apply_answers(drawn, answers, now)
    _close_viewing(panel, candidate, drawn, now)
    grade(candidate, drawn)
    _record(session, panel, candidate, "session_submitted", audit.CANDIDATE_LABEL, **_score_fields(candidate, drawn))
    session.flush()
    events.publish(session, panel.organization_id, events.Topic.PANELS)
    return _snapshot(panel, candidate, cv, drawn)


def _score_fields(candidate: PanelCandidate, drawn: list[DrawnQuestion]) -> dict[str, object]:
    """The audit entry's score: as before for a whole score, with the points and the wait when they differ."""
    fields: dict[str, object] = {"score": candidate.score, "total": len(drawn)}
    if candidate.points != candidate.score:
        fields["points"] = str(candidate.points)
    if candidate.hand_scoring_pending:
        fields["hand_scoring_pending"] = True
    return fields


def close_by_clock(session: Session, panel: InterviewPanel, candidate: PanelCandidate) -> bool:
    """Submit an opened session with what was saved, as submitted at its deadline (the clock's, or the panel's
    end), marked `timed_out`. Once: the conditional UPDATE finds nothing when a submit got there first."""
    at = deadline_of(panel, candidate) or panel.end_datetime
    drawn = load_drawn(session, candidate.id)
    result = question_scoring.grade([(item.question, item.answer) for item in drawn])
    values = {
        "submitted_at": at,
        "score": result.score,
        "points": result.points,
        "hand_scoring_pending": result.pending,
        "timed_out": True,
    }
    closed = session.execute(
        update(PanelCandidate)
        .where(PanelCandidate.id == candidate.id, col(PanelCandidate.submitted_at).is_(None))
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not closed:
        session.refresh(candidate)
        return False
    for name, value in values.items():
        set_committed_value(candidate, name, value)
    _close_viewing(panel, candidate, drawn, at)
    _record(session, panel, candidate, "session_auto_submitted", audit.SYSTEM_LABEL, **_score_fields(candidate, drawn))
    session.flush()
    events.publish(session, panel.organization_id, events.Topic.PANELS)
    return True


def _unsubmitted(session: Session, *conditions: object) -> list[tuple[PanelCandidate, InterviewPanel, UserCvData]]:
    """Opened, unsubmitted sessions (with the panel, and the CV the audit entry names) matching `conditions`."""
    return list(
        session.exec(
            select(PanelCandidate, InterviewPanel, UserCvData)
            .join(InterviewPanel, col(InterviewPanel.id) == PanelCandidate.panel_id)
            .join(UserCvData, col(UserCvData.id) == PanelCandidate.candidate_id)
            .where(col(PanelCandidate.opened_at).is_not(None), col(PanelCandidate.submitted_at).is_(None), *conditions)
            .order_by(PanelCandidate.id)
        ).all()
    )


def finalize_unsubmitted(session: Session, ended: Mapping[uuid.UUID, datetime]) -> None:
    """When panels end: score every opened, unsubmitted session from its saved answers, as submitted at its
    deadline (at the latest the panel's end): what a candidate answered before time ran out counts."""
    for candidate, panel, _cv in _unsubmitted(session, col(PanelCandidate.panel_id).in_(list(ended))):
        close_by_clock(session, panel, candidate)


def close_expired(session: Session, now: datetime) -> int:
    """The worker's sweep: close every session whose deadline (or panel's end) passed more than the grace ago,
    in every organization. Returns how many this call closed."""
    cutoff = now - GRACE
    rows = _unsubmitted(
        session,
        col(InterviewPanel.is_deleted).is_(False),
        or_(col(PanelCandidate.deadline) < cutoff, col(InterviewPanel.end_datetime) < cutoff),
    )
    return sum(close_by_clock(session, panel, candidate) for candidate, panel, _cv in rows)
