"""Interview panels (`spec/interview-panel-api.md`): create, list, read, update, soft delete, results.

Every query is scoped to the actor's organization; another organization's panel is not found (404).
Every use case, reads included, is for admin and hr (the spec's "Admin or HR role" for all panel endpoints: a
panel carries its candidates' session tokens). A panel whose end has passed is persisted as
inactive (and its opened, unsubmitted sessions are scored from their saved answers) before any read.
"""

from __future__ import annotations

import secrets
import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from hr_app.kit.access import VIEW_PANELS, require_manager
from hr_app.kit.errors import Conflict, FieldErrors, Invalid, NotFound
from hr_app.kit.limits import DEFAULT_PASS_MARK
from hr_app.kit.time import utcnow
from hr_app.models import (
    Answer,
    AppUser,
    Category,
    Difficulty,
    InterviewPanel,
    Organization,
    PanelCandidate,
    QuestionDistribution,
    SubTopic,
    Topic,
    UserCvData,
)
from hr_app.schemas.common import format_utc
from hr_app.schemas.panels import (
    CandidateProgress,
    DistributionIn,
    DistributionRow,
    PanelCreate,
    PanelUpdate,
    PanelView,
    SessionSnapshot,
)
from hr_app.services import audit, events, panel_mail, panel_sessions
from hr_app.services.pagination import Listing, PageRequest, fetch
from hr_app.services.question_bank import counts_by_subtopic, get_scoped

INVALID = "Invalid data provided"
PANEL_NOT_FOUND = "Interview panel not found"
INACTIVE = "Interview panel is inactive"
CANDIDATE_NOT_FOUND = "Candidate not found"
VIEW = VIEW_PANELS
END_AFTER_START = "End datetime must be after start datetime."
UUID_REQUIRED = "Interview panel UUID is required"
TOKEN_BYTES = 16  # 128 bits, written as 32 hex characters
AUDITED_FIELDS = (
    "name",
    "description",
    "category_id",
    "total_number_of_questions",
    "start_datetime",
    "end_datetime",
    "is_active",
    "show_scores",
    "time_limit_minutes",
    "shuffle",
    "pass_mark",
)


def new_token() -> str:
    return secrets.token_hex(TOKEN_BYTES)


def _raise_if(errors: FieldErrors, message: str = INVALID) -> None:
    if errors:
        raise Invalid(message, errors)


def _publish(session: Session, organization_id: uuid.UUID) -> None:
    events.publish(session, organization_id, events.Topic.PANELS)


# ---- reading ----------------------------------------------------------------------------------------


def deactivate_ended(session: Session, organization_id: uuid.UUID, panel_id: uuid.UUID | None = None) -> None:
    """Persist `is_active = False` for panels whose end has passed, scoring their open sessions."""
    query = select(InterviewPanel.id, InterviewPanel.end_datetime).where(
        InterviewPanel.organization_id == organization_id,
        col(InterviewPanel.is_active).is_(True),
        col(InterviewPanel.is_deleted).is_(False),
        InterviewPanel.end_datetime <= utcnow(),
    )
    if panel_id is not None:
        query = query.where(InterviewPanel.id == panel_id)
    ended = dict(session.exec(query).all())
    if not ended:
        return
    session.execute(
        update(InterviewPanel)
        .where(col(InterviewPanel.id).in_(list(ended)))
        .values(is_active=False)
        .execution_options(synchronize_session="fetch")
    )
    for ended_id in ended:
        audit.record(
            session,
            None,
            audit.ObjectType.PANEL,
            ended_id,
            "deactivated",
            {"is_active": True},
            {"is_active": False},
            organization_id=organization_id,
            actor_label=audit.SYSTEM_LABEL,
        )
    panel_sessions.finalize_unsubmitted(session, ended)
    _publish(session, organization_id)


def _live_panel(session: Session, organization_id: uuid.UUID, panel_id: uuid.UUID | None) -> InterviewPanel:
    if panel_id is None:  # the spec's "Interview panel UUID is required" (update/ or delete/ without one)
        raise Invalid(UUID_REQUIRED, {"interview_panel_uuid": ["This field is required."]})
    panel = session.get(InterviewPanel, panel_id)
    if panel is None or panel.organization_id != organization_id or panel.is_deleted:
        raise NotFound(PANEL_NOT_FOUND, "No interview panel with this uuid in your organization.")
    return panel


def load_views(session: Session, panels: Sequence[InterviewPanel]) -> list[PanelView]:
    """Each panel with its distributions and candidates: three queries whatever the number of panels."""
    ids = [panel.id for panel in panels]
    if not ids:
        return []
    distribution_rows = session.exec(
        select(QuestionDistribution, Category.name, Topic.name, SubTopic.name)
        .join(Topic, col(Topic.id) == QuestionDistribution.topic_id)
        .join(Category, col(Category.id) == Topic.category_id)
        .join(SubTopic, col(SubTopic.id) == QuestionDistribution.subtopic_id)
        .where(col(QuestionDistribution.panel_id).in_(ids))
        .order_by(QuestionDistribution.position)
    ).all()
    candidate_rows = session.exec(
        select(PanelCandidate, UserCvData)
        .join(UserCvData, col(UserCvData.id) == PanelCandidate.candidate_id)
        .where(col(PanelCandidate.panel_id).in_(ids))
        .order_by(UserCvData.name, UserCvData.email, PanelCandidate.id)
    ).all()
    distributions: dict[uuid.UUID, list[DistributionRow]] = defaultdict(list)
    for distribution, category, topic, subtopic in distribution_rows:
        distributions[distribution.panel_id].append(DistributionRow(distribution, category, topic, subtopic))
    candidates: dict[uuid.UUID, list[tuple[PanelCandidate, UserCvData]]] = defaultdict(list)
    for candidate, cv in candidate_rows:
        candidates[candidate.panel_id].append((candidate, cv))
    return [PanelView(panel, distributions[panel.id], candidates[panel.id]) for panel in panels]


def check_access(actor: AppUser) -> None:
    """The panel pages' door check (403 for interviewers), the same rule as every panel read."""
    require_manager(actor, VIEW)


def list_panels(session: Session, *, actor: AppUser, page: PageRequest | None = None) -> Listing[PanelView]:
    """The organization's panels that are not deleted (or one page of them), newest first."""
    organization_id = require_manager(actor, VIEW)
    deactivate_ended(session, organization_id)
    query = (
        select(InterviewPanel)
        .where(InterviewPanel.organization_id == organization_id, col(InterviewPanel.is_deleted).is_(False))
        .order_by(col(InterviewPanel.created_at).desc(), col(InterviewPanel.id).desc())
    )
    panels = fetch(session, query, page, lambda panel: panel)
    return Listing(load_views(session, panels), panels.total)


def get_panel(session: Session, *, actor: AppUser, panel_id: uuid.UUID) -> PanelView:
    organization_id = require_manager(actor, VIEW)
    deactivate_ended(session, organization_id, panel_id)
    return load_views(session, [_live_panel(session, organization_id, panel_id)])[0]


def panel_results(
    session: Session, *, actor: AppUser, panel_id: uuid.UUID
) -> tuple[InterviewPanel, list[CandidateProgress]]:
    """Each candidate's state, progress and score, for HR (scores are shown even when hidden from candidates)."""
    organization_id = require_manager(actor, VIEW)
    deactivate_ended(session, organization_id, panel_id)
    panel = _live_panel(session, organization_id, panel_id)
    view = load_views(session, [panel])[0]
    counts = session.exec(
        select(
            Answer.panel_candidate_id,
            func.count(),
            # one of the three holds an answer, by the question's type
            func.count(Answer.selected_option) + func.count(Answer.selected_options) + func.count(Answer.text_answer),
        )
        .join(PanelCandidate, col(PanelCandidate.id) == Answer.panel_candidate_id)
        .where(PanelCandidate.panel_id == panel.id)
        .group_by(Answer.panel_candidate_id)
    ).all()
    drawn = {candidate_id: (total, answered) for candidate_id, total, answered in counts}
    now = utcnow()
    progress = [
        CandidateProgress(
            candidate=candidate,
            cv=cv,
            state=panel_sessions.candidate_state(panel, candidate, now),
            answered=drawn.get(candidate.id, (0, 0))[1],
            total=drawn.get(candidate.id, (panel.total_number_of_questions, 0))[0],
        )
        for candidate, cv in view.candidates
    ]
    return panel, progress


# ---- create -----------------------------------------------------------------------------------------


def _row_label(number: int) -> str:
    return f"Row {number}"


def _distribution_errors(data: PanelCreate) -> list[str]:
    rows = data.question_distributions
    if not rows:
        return ["This list may not be empty."]
    problems: list[str] = []
    first_seen: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    for number, row in enumerate(rows, start=1):
        if row.total == 0:
            problems.append(f"{_row_label(number)}: at least one of easy, medium or hard must be greater than 0.")
        key = (row.topic_uuid, row.subtopic_uuid)
        if key in first_seen:
            problems.append(f"{_row_label(number)}: the same topic and subtopic as row {first_seen[key]}.")
        first_seen.setdefault(key, number)
    total = sum(row.total for row in rows)
    if total != data.total_number_of_questions:
        problems.append(
            f"The distributions add up to {total} questions, "
            f"but total_number_of_questions is {data.total_number_of_questions}."
        )
    return problems


def _structure_errors(data: PanelCreate) -> FieldErrors:
    """The rules that need no database."""
    errors: FieldErrors = {}
    if data.end_datetime <= data.start_datetime:
        errors["end_datetime"] = [END_AFTER_START]
    problems = _distribution_errors(data)
    if problems:
        errors["question_distributions"] = problems
    return errors | _repeated_candidates(data.candidate_uuids)


def _repeated_candidates(candidate_ids: list[uuid.UUID]) -> FieldErrors:
    repeated = [candidate for candidate, count in Counter(candidate_ids).items() if count > 1]
    return (
        {"candidate_uuids": [f"Candidate {candidate} is listed more than once." for candidate in repeated]}
        if repeated
        else {}
    )


def _scoped_by_ids(session: Session, model: type, ids: set[uuid.UUID], organization_id: uuid.UUID) -> dict:
    if not ids:
        return {}
    rows = session.exec(select(model).where(col(model.id).in_(ids), model.organization_id == organization_id))
    return {row.id: row for row in rows}


def _load_tree(
    session: Session, organization_id: uuid.UUID, rows: list[DistributionIn]
) -> tuple[dict[uuid.UUID, Topic], dict[uuid.UUID, SubTopic]]:
    """The rows' topics and subtopics; an unknown one (or another organization's) is 404."""
    topics = _scoped_by_ids(session, Topic, {row.topic_uuid for row in rows}, organization_id)
    subtopics = _scoped_by_ids(session, SubTopic, {row.subtopic_uuid for row in rows}, organization_id)
    for number, row in enumerate(rows, start=1):
        if row.topic_uuid not in topics:
            raise NotFound("Topic not found", {"question_distributions": [f"Row {number}: no topic {row.topic_uuid}."]})
        if row.subtopic_uuid not in subtopics:
            problem = f"Row {number}: no subtopic {row.subtopic_uuid}."
            raise NotFound("Subtopic not found", {"question_distributions": [problem]})
    return topics, subtopics


def _load_candidates(session: Session, organization_id: uuid.UUID, ids: list[uuid.UUID]) -> list[UserCvData]:
    found = _scoped_by_ids(session, UserCvData, set(ids), organization_id)
    for candidate_id in ids:
        if candidate_id not in found:
            raise NotFound("Candidate not found", {"candidate_uuids": [f"No candidate {candidate_id}."]})
    return [found[candidate_id] for candidate_id in ids]


def _relation_errors(
    rows: list[DistributionIn], category: Category, topics: dict[uuid.UUID, Topic], subtopics: dict[uuid.UUID, SubTopic]
) -> FieldErrors:
    problems: list[str] = []
    for number, row in enumerate(rows, start=1):
        topic, subtopic = topics[row.topic_uuid], subtopics[row.subtopic_uuid]
        if topic.category_id != category.id:
            problems.append(f"Row {number}: topic '{topic.name}' is not in category '{category.name}'.")
        if subtopic.topic_id != topic.id:
            problems.append(f"Row {number}: subtopic '{subtopic.name}' is not in topic '{topic.name}'.")
    return {"question_distributions": problems} if problems else {}


def _shortfall_errors(
    session: Session,
    organization_id: uuid.UUID,
    rows: list[DistributionIn],
    topics: dict[uuid.UUID, Topic],
    subtopics: dict[uuid.UUID, SubTopic],
) -> FieldErrors:
    """Every (row, difficulty) the bank cannot fill, with what it needs and what it has."""
    counts = counts_by_subtopic(session, organization_id, [row.subtopic_uuid for row in rows])
    problems: list[str] = []
    for number, row in enumerate(rows, start=1):
        label = f"Row {number} ({topics[row.topic_uuid].name} / {subtopics[row.subtopic_uuid].name})"
        for level in Difficulty:
            needed = getattr(row, level)
            available = counts.get((row.subtopic_uuid, level), 0)
            if needed > available:
                problems.append(f"{label}: needs {needed} {level} questions, the bank has {available}.")
    return {"question_distributions": problems} if problems else {}


def create_panel(session: Session, *, actor: AppUser, data: PanelCreate) -> PanelView:
    """Validate everything (400 / 404), then create the panel, its rows and a token per candidate."""
    organization_id = require_manager(actor, "create interview panels")
    _raise_if(_structure_errors(data))
    category = get_scoped(session, Category, data.category_uuid, organization_id, "Category", "category_uuid")
    rows = data.question_distributions
    topics, subtopics = _load_tree(session, organization_id, rows)
    cvs = _load_candidates(session, organization_id, data.candidate_uuids)
    _raise_if(_relation_errors(rows, category, topics, subtopics))
    _raise_if(_shortfall_errors(session, organization_id, rows, topics, subtopics))
    panel = InterviewPanel(
        organization_id=organization_id,
        category_id=category.id,
        name=data.name,
        description=data.description or "",
        total_number_of_questions=data.total_number_of_questions,
        start_datetime=data.start_datetime,
        end_datetime=data.end_datetime,
        show_scores=data.show_scores,
        time_limit_minutes=data.time_limit_minutes,
        shuffle=data.shuffle,
        pass_mark=data.pass_mark if data.pass_mark is not None else _default_pass_mark(session, organization_id),
        created_by_id=actor.id,
    )
    panel.is_active = panel.end_datetime > utcnow()
    session.add(panel)
    session.flush()  # no ORM relationships: the panel row must exist before its rows
    _add_rows(session, panel, rows)
    for candidate, cv in _add_candidates(session, panel, cvs):
        panel_mail.queue_link(session, panel, candidate, cv, key=f"{panel_mail.KIND}:{candidate.id}:created")
    created = audit.snapshot(panel, AUDITED_FIELDS) | {"candidates": [cv.name for cv in cvs]}
    audit.record(session, actor, audit.ObjectType.PANEL, panel.id, "created", None, created)
    session.flush()
    _publish(session, organization_id)
    return load_views(session, [panel])[0]


def _default_pass_mark(session: Session, organization_id: uuid.UUID) -> int:
    organization = session.get(Organization, organization_id)
    return organization.panel_pass_mark if organization else DEFAULT_PASS_MARK


def _add_rows(session: Session, panel: InterviewPanel, rows: list[DistributionIn]) -> None:
    for position, row in enumerate(rows):
        session.add(
            QuestionDistribution(
                panel_id=panel.id,
                topic_id=row.topic_uuid,
                subtopic_id=row.subtopic_uuid,
                position=position,
                easy=row.easy,
                medium=row.medium,
                hard=row.hard,
            )
        )


def _add_candidates(
    session: Session, panel: InterviewPanel, cvs: list[UserCvData]
) -> list[tuple[PanelCandidate, UserCvData]]:
    added = []
    for cv in cvs:
        candidate = PanelCandidate(
            panel_id=panel.id, candidate_id=cv.id, token=new_token(), token_expires_at=panel.end_datetime, score=0
        )
        session.add(candidate)
        added.append((candidate, cv))
    session.flush()
    return added


# ---- update and delete ------------------------------------------------------------------------------

NOT_NULL = ("name", "start_datetime", "end_datetime", "show_scores", "shuffle", "pass_mark")


def _is_inactive(panel: InterviewPanel, now: datetime) -> bool:
    return not panel.is_active or panel.end_datetime <= now


def update_panel(session: Session, *, actor: AppUser, panel_id: uuid.UUID | None, data: PanelUpdate) -> PanelView:
    """Partial update validated on the merged values; moving the end moves every token's expiry."""
    organization_id = require_manager(actor, "update interview panels")
    panel = _live_panel(session, organization_id, panel_id)
    if _is_inactive(panel, utcnow()):
        raise Invalid(INACTIVE, {"non_field_errors": ["Inactive interview panels cannot be updated."]})
    changes = data.model_dump(exclude_unset=True)
    _raise_if({name: ["This field may not be null."] for name in NOT_NULL if name in changes and changes[name] is None})
    start = changes.get("start_datetime", panel.start_datetime)
    end = changes.get("end_datetime", panel.end_datetime)
    _raise_if({"end_datetime": [END_AFTER_START]} if end <= start else {})
    if "description" in changes:
        changes["description"] = changes["description"] or ""
    before = audit.snapshot(panel, AUDITED_FIELDS)
    for name, value in changes.items():
        setattr(panel, name, value)
    changed_from, changed_to = audit.changes(before, audit.snapshot(panel, AUDITED_FIELDS))
    if changed_to:
        audit.record(session, actor, audit.ObjectType.PANEL, panel.id, "updated", changed_from, changed_to)
    if "end_datetime" in changes:
        session.execute(
            update(PanelCandidate)
            .where(PanelCandidate.panel_id == panel.id)
            .values(token_expires_at=end)
            .execution_options(synchronize_session="fetch")
        )
    panel.updated_at = utcnow()
    session.flush()
    _publish(session, organization_id)
    return load_views(session, [panel])[0]


def delete_panel(session: Session, *, actor: AppUser, panel_id: uuid.UUID | None) -> None:
    """Soft delete: hidden from every read, and its tokens stop working (410)."""
    organization_id = require_manager(actor, "delete interview panels")
    panel = _live_panel(session, organization_id, panel_id)
    audit.record(
        session, actor, audit.ObjectType.PANEL, panel.id, "deleted", audit.snapshot(panel, AUDITED_FIELDS), None
    )
    panel.is_deleted = True
    panel.updated_at = utcnow()
    session.flush()
    _publish(session, organization_id)


def reissue_link(
    session: Session, *, actor: AppUser, panel_id: uuid.UUID, candidate_id: uuid.UUID
) -> tuple[PanelCandidate, UserCvData]:
    """A new session token for one candidate (a link sent to the wrong address): the old one stops at once.

    The candidate's drawn questions and saved answers stay; the expiry stays the panel's end. The audit entry
    names the candidate, never a token (the trail is readable by every member).
    """
    organization_id = require_manager(actor, "re-issue candidate links")
    deactivate_ended(session, organization_id, panel_id)
    panel = _live_panel(session, organization_id, panel_id)
    if _is_inactive(panel, utcnow()):
        raise Invalid(INACTIVE, {"non_field_errors": ["Links of an inactive interview panel cannot be re-issued."]})
    candidate, cv = _panel_candidate(session, panel, candidate_id)
    candidate.token = new_token()
    session.add(candidate)
    panel_mail.queue_link(session, panel, candidate, cv)
    audit.record(
        session,
        actor,
        audit.ObjectType.PANEL,
        panel.id,
        "link_reissued",
        None,
        {"candidate": cv.name, "candidate_uuid": str(cv.id)},
    )
    session.flush()
    _publish(session, organization_id)
    return candidate, cv


NOT_TIMED = "This interview panel has no time limit"
NOT_STARTED = "The candidate has not started"
NOT_REOPENABLE = "This session cannot be reopened"


def extend_session(
    session: Session, *, actor: AppUser, panel_id: uuid.UUID, candidate_id: uuid.UUID, minutes: int, reason: str
) -> SessionSnapshot:
    """More time for one started candidate of a timed panel: `minutes` are added to their deadline (to now, when
    the clock already closed the session, which reopens it with its saved answers). The panel's end still caps
    it; an ended panel cannot be extended. A session the candidate submitted stays submitted. Audited with the
    reason."""
    organization_id = require_manager(actor, "extend candidate sessions")
    deactivate_ended(session, organization_id, panel_id)
    panel = _live_panel(session, organization_id, panel_id)
    now = utcnow()
    if _is_inactive(panel, now):
        raise Invalid(INACTIVE, {"non_field_errors": ["Sessions of an inactive interview panel cannot be extended."]})
    if panel.time_limit_minutes is None:
        raise Invalid(NOT_TIMED, {"non_field_errors": ["Move the panel's end instead (update/)."]})
    candidate, cv = _panel_candidate(session, panel, candidate_id)
    if candidate.opened_at is None:
        raise Invalid(NOT_STARTED, {"non_field_errors": ["The time limit starts when the candidate presses Start."]})
    if candidate.submitted_at is not None and not candidate.timed_out:
        raise Invalid(NOT_REOPENABLE, {"non_field_errors": ["The candidate submitted this session themselves."]})
    before = panel_sessions.deadline_of(panel, candidate)
    reopen = candidate.submitted_at is not None
    start_from = now if reopen or candidate.deadline is None else max(candidate.deadline, now)
    values: dict[str, object] = {"deadline": start_from + timedelta(minutes=minutes)}
    if reopen:
        values |= {"submitted_at": None, "timed_out": False, "score": 0, "points": 0, "hand_scoring_pending": False}
    session.execute(update(PanelCandidate).where(PanelCandidate.id == candidate.id).values(**values))
    session.refresh(candidate)
    audit.record(
        session,
        actor,
        audit.ObjectType.PANEL,
        panel.id,
        "session_reopened" if reopen else "session_extended",
        {"deadline": format_utc(before) if before else None},
        {
            "candidate": cv.name,
            "candidate_uuid": str(cv.id),
            "minutes": minutes,
            "reason": reason,
            "deadline": format_utc(panel_sessions.deadline_of(panel, candidate)),
        },
    )
    session.flush()
    _publish(session, organization_id)
    status, deadline = panel_sessions.status_of(candidate), panel_sessions.deadline_of(panel, candidate)
    state = panel_sessions.candidate_state(panel, candidate, now)
    return SessionSnapshot(panel, candidate, cv.name, state, [], None, status, deadline)


def scoped_panel(session: Session, organization_id: uuid.UUID, panel_id: uuid.UUID) -> InterviewPanel:
    """The organization's panel, ended or not (404 when deleted, unknown or another organization's)."""
    return _live_panel(session, organization_id, panel_id)


def locked_candidate(
    session: Session, panel: InterviewPanel, candidate_id: uuid.UUID
) -> tuple[PanelCandidate, UserCvData]:
    return _panel_candidate(session, panel, candidate_id)


def _panel_candidate(
    session: Session, panel: InterviewPanel, candidate_id: uuid.UUID
) -> tuple[PanelCandidate, UserCvData]:
    """One candidate of the panel, by the CV's uuid, locked for the change (404 when not in the panel)."""
    row = session.exec(
        select(PanelCandidate, UserCvData)
        .join(UserCvData, col(UserCvData.id) == PanelCandidate.candidate_id)
        .where(PanelCandidate.panel_id == panel.id, PanelCandidate.candidate_id == candidate_id)
        .with_for_update()
    ).first()
    if row is None:
        raise NotFound(CANDIDATE_NOT_FOUND, "No candidate with this uuid in this interview panel.")
    return row


def send_links(session: Session, *, actor: AppUser, panel_id: uuid.UUID) -> int:
    """E-mail every candidate their current link again ("Send links"); audited. How many were queued."""
    organization_id = require_manager(actor, "send candidate links")
    deactivate_ended(session, organization_id, panel_id)
    panel = _live_panel(session, organization_id, panel_id)
    if _is_inactive(panel, utcnow()):
        raise Invalid(INACTIVE, {"non_field_errors": ["Links of an inactive interview panel cannot be sent."]})
    rows = session.exec(
        select(PanelCandidate, UserCvData)
        .join(UserCvData, col(UserCvData.id) == PanelCandidate.candidate_id)
        .where(PanelCandidate.panel_id == panel.id)
        .order_by(UserCvData.name, UserCvData.id)
    ).all()
    sent = [cv for _, cv in rows if cv.email]
    for candidate, cv in rows:
        panel_mail.queue_link(session, panel, candidate, cv)
    audit.record(
        session, actor, audit.ObjectType.PANEL, panel.id, "links_sent", None, {"candidates": [cv.name for cv in sent]}
    )
    session.flush()
    return len(sent)


# ---- the candidates of an existing panel (beyond the spec) ------------------------------------------

CHANGE_CANDIDATES = "change a panel's candidates"
STARTED = "The candidate has started"


def _changeable_panel(session: Session, actor: AppUser, panel_id: uuid.UUID, refusal: str) -> InterviewPanel:
    organization_id = require_manager(actor, CHANGE_CANDIDATES)
    deactivate_ended(session, organization_id, panel_id)
    panel = _live_panel(session, organization_id, panel_id)
    if _is_inactive(panel, utcnow()):
        raise Invalid(INACTIVE, {"non_field_errors": [refusal]})
    return panel


def add_candidates(
    session: Session, *, actor: AppUser, panel_id: uuid.UUID, candidate_ids: list[uuid.UUID]
) -> PanelView:
    """Give each CV a session link on a running panel and e-mail it; all or none. Audited."""
    panel = _changeable_panel(session, actor, panel_id, "Candidates cannot be added to an inactive interview panel.")
    if not candidate_ids:
        raise Invalid(INVALID, {"candidate_uuids": ["Name at least one candidate."]})
    _raise_if(_repeated_candidates(candidate_ids))
    cvs = _load_candidates(session, panel.organization_id, candidate_ids)
    present = set(session.exec(select(PanelCandidate.candidate_id).where(PanelCandidate.panel_id == panel.id)).all())
    already = [f"{cv.name} is already on this panel." for cv in cvs if cv.id in present]
    if already:
        raise Invalid(INVALID, {"candidate_uuids": already})
    for candidate, cv in _add_candidates(session, panel, cvs):
        panel_mail.queue_link(session, panel, candidate, cv, key=f"{panel_mail.KIND}:{candidate.id}:added")
    audit.record(
        session,
        actor,
        audit.ObjectType.PANEL,
        panel.id,
        "candidates_added",
        None,
        {"candidates": [cv.name for cv in cvs]},
    )
    session.flush()
    _publish(session, panel.organization_id)
    return load_views(session, [panel])[0]


def remove_candidate(session: Session, *, actor: AppUser, panel_id: uuid.UUID, candidate_id: uuid.UUID) -> PanelView:
    """Take a CV off a running panel before they open their session (their link stops working). Audited.

    Once opened, the session stays: its answers and score are part of the panel's results."""
    panel = _changeable_panel(
        session, actor, panel_id, "Candidates cannot be removed from an inactive interview panel."
    )
    row = session.exec(
        select(PanelCandidate, UserCvData)
        .join(UserCvData, col(UserCvData.id) == PanelCandidate.candidate_id)
        .where(PanelCandidate.panel_id == panel.id, PanelCandidate.candidate_id == candidate_id)
    ).first()
    if row is None:
        raise NotFound("Candidate not found", {"candidate_uuid": [f"No candidate {candidate_id} on this panel."]})
    candidate, cv = row
    removed = session.execute(
        delete(PanelCandidate)
        .where(PanelCandidate.id == candidate.id, col(PanelCandidate.opened_at).is_(None))
        .execution_options(synchronize_session=False)
    ).rowcount
    if not removed:  # opened before (or while) we looked: the session and its answers stay
        raise Conflict(STARTED, f"{cv.name} has opened the session; it stays with its answers.")
    session.expunge(candidate)
    audit.record(session, actor, audit.ObjectType.PANEL, panel.id, "candidate_removed", {"candidate": cv.name}, None)
    session.flush()
    _publish(session, panel.organization_id)
    return load_views(session, [panel])[0]
