"""Interview panels and candidate sessions: request bodies, the data services hand back, public shapes.

The public shapes are the spec's (`spec/interview-panel-api.md`); the Reflex UI reuses the same `of()`
helpers so both doors show the same thing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Discriminator, Field, Tag

from hr_app.kit.limits import (
    CANDIDATES_PER_REQUEST_MAX,
    HAND_SCORE_MAX,
    HAND_SCORE_MIN,
    PANEL_MAX_QUESTIONS,
    PANEL_TIME_LIMIT_MAX,
    PANEL_TIME_LIMIT_MIN,
    PASS_MARK_MAX,
    PASS_MARK_MIN,
    REMARK_MAX_LENGTH,
    TEXT_ANSWER_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from hr_app.kit.time import as_utc
from hr_app.models import (
    Answer,
    Difficulty,
    InterviewPanel,
    PanelCandidate,
    Question,
    QuestionDistribution,
    QuestionType,
    SignalKind,
    UserCvData,
)
from hr_app.schemas.common import MAX_DB_INT, ApiDateTime, DateTimeInput, DbInt, Integer, Money, StrictInput
from hr_app.schemas.questions import NoNul, SafeStr
from hr_app.schemas.records import CandidateSignals, WrittenAnswer

MAX_QUESTIONS = PANEL_MAX_QUESTIONS


def _as_utc(value: datetime) -> datetime:
    """Naive datetimes are taken to be UTC, so every comparison is between aware values."""
    try:
        return as_utc(value)
    except OverflowError as exc:
        raise ValueError("Datetime is out of range.") from exc


UtcInput = Annotated[DateTimeInput, AfterValidator(_as_utc)]
Count = Annotated[Integer, Field(ge=0, le=MAX_QUESTIONS)]
PassMark = Annotated[Integer, Field(ge=PASS_MARK_MIN, le=PASS_MARK_MAX)]
TimeLimit = Annotated[Integer, Field(ge=PANEL_TIME_LIMIT_MIN, le=PANEL_TIME_LIMIT_MAX)]
Points = Money  # "7.50": two decimals as a string, as money is written
TextAnswer = Annotated[str, Field(max_length=TEXT_ANSWER_MAX_LENGTH), NoNul]
PanelName = Annotated[str, Field(min_length=1, max_length=TITLE_MAX_LENGTH), NoNul]


# ---- request bodies ---------------------------------------------------------------------------


class DistributionIn(StrictInput):
    topic_uuid: uuid.UUID
    subtopic_uuid: uuid.UUID
    easy: Count
    medium: Count
    hard: Count

    @property
    def total(self) -> int:
        return self.easy + self.medium + self.hard


class PanelCreate(StrictInput):
    name: PanelName
    description: SafeStr | None = None
    total_number_of_questions: Integer = Field(ge=1, le=MAX_QUESTIONS)
    start_datetime: UtcInput
    end_datetime: UtcInput
    category_uuid: uuid.UUID
    question_distributions: list[DistributionIn]
    candidate_uuids: list[uuid.UUID] = Field(default_factory=list)
    show_scores: bool = True
    time_limit_minutes: TimeLimit | None = None
    shuffle: bool = False
    pass_mark: PassMark | None = None  # absent or null: the organization's default


class PanelUpdate(StrictInput):
    """Partial update; only the fields sent are changed (null is refused except for description and
    time_limit_minutes, where it clears the value)."""

    name: PanelName | None = None
    description: SafeStr | None = None
    start_datetime: UtcInput | None = None
    end_datetime: UtcInput | None = None
    show_scores: bool | None = None
    time_limit_minutes: TimeLimit | None = None
    shuffle: bool | None = None
    pass_mark: PassMark | None = None


class ExtendSessionIn(StrictInput):
    """HR gives one started candidate more time (or reopens a session the clock closed)."""

    minutes: TimeLimit
    reason: Annotated[str, Field(min_length=1, max_length=REMARK_MAX_LENGTH), NoNul]


def _answer_kind(value: object) -> str:
    """Which shape an answer value takes: indexes (multiple choice), a text (free text), else one index."""
    if isinstance(value, list):
        return "~indexes"
    return "~text" if isinstance(value, str) else "~index"


# One answer: an option index (single choice, true/false), a list of indexes (multiple choice) or a text (free
# text); the service checks it against the question's type. The tags (`~...`) never name a field (validation.py).
AnswerValue = Annotated[
    Annotated[DbInt, Tag("~index")] | Annotated[list[DbInt], Tag("~indexes")] | Annotated[TextAnswer, Tag("~text")],
    Discriminator(_answer_kind),
]
SavedAnswer = int | list[int] | str


class AnswersIn(StrictInput):
    """`{"answers": {"<question uuid>": <option index, list of indexes, text, or null>}}`; null clears a saved
    answer."""

    answers: dict[uuid.UUID, AnswerValue | None] = Field(default_factory=dict)


class CandidatesIn(StrictInput):
    """`{"candidate_uuids": [...]}`: CVs to add to a running panel (beyond the spec)."""

    candidate_uuids: list[uuid.UUID] = Field(max_length=CANDIDATES_PER_REQUEST_MAX)


class CandidateRef(StrictInput):
    """`{"candidate_uuid": "..."}`: the CV to take off a panel (beyond the spec)."""

    candidate_uuid: uuid.UUID


class HandScoreIn(StrictInput):
    """`{"question_uuid": "...", "score": 0..10}`: HR's points for one written answer (beyond the spec)."""

    question_uuid: uuid.UUID
    score: Annotated[Integer, Field(ge=HAND_SCORE_MIN, le=HAND_SCORE_MAX)]


class ViewingIn(StrictInput):
    """`{"position": <1-based position in the candidate's set, or null>}`: the question now on screen (null: several
    at once, or none), so the time on each question is known."""

    position: Annotated[Integer, Field(ge=1, le=MAX_DB_INT)] | None


# ---- what the services hand back ----------------------------------------------------------------


@dataclass(frozen=True)
class DistributionRow:
    distribution: QuestionDistribution
    category: str
    topic: str
    subtopic: str


@dataclass(frozen=True)
class PanelView:
    """A panel with everything its public shape names, loaded in a constant number of queries."""

    panel: InterviewPanel
    distributions: list[DistributionRow]
    candidates: list[tuple[PanelCandidate, UserCvData]]


class SessionState(StrEnum):
    NOT_OPEN = "not_open"
    OPEN = "open"
    SUBMITTED = "submitted"
    EXPIRED = "expired"


class SessionStatus(StrEnum):
    """The candidate's clock (beyond the spec): `timed_out` is a session the clock submitted."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    TIMED_OUT = "timed_out"


def deadline_of(panel: InterviewPanel, candidate: PanelCandidate) -> datetime | None:
    """When the candidate's time ends: their own deadline capped by the panel's end (None until started)."""
    if candidate.opened_at is None:
        return None
    end = min(panel.end_datetime, candidate.token_expires_at)
    return min(candidate.deadline, end) if candidate.deadline is not None else end


def status_of(candidate: PanelCandidate) -> SessionStatus:
    if candidate.submitted_at is not None:
        return SessionStatus.TIMED_OUT if candidate.timed_out else SessionStatus.SUBMITTED
    return SessionStatus.IN_PROGRESS if candidate.opened_at is not None else SessionStatus.NOT_STARTED


@dataclass(frozen=True)
class DrawnQuestion:
    """A question of the candidate's set. `order[i]` is the original index of the option shown at place i: the
    candidate's indexes are mapped through it, the stored `selected_option` is always the original one."""

    answer: Answer
    question: Question
    order: tuple[int, ...]

    @property
    def shown_options(self) -> list[str]:
        return [self.question.options[index] for index in self.order]

    @property
    def shown_selection(self) -> int | None:
        chosen = self.answer.selected_option
        return None if chosen is None else self.order.index(chosen)

    @property
    def shown_answer(self) -> int | list[int] | str | None:
        """The saved answer as the candidate gave it: their index, their indexes (ascending), or the text."""
        if self.answer.selected_options is not None:
            return sorted(self.order.index(chosen) for chosen in self.answer.selected_options)
        if self.answer.text_answer is not None:
            return self.answer.text_answer
        return self.shown_selection


@dataclass(frozen=True)
class ScoreResult:
    score: int
    total: int
    breakdown: dict[str, tuple[int, int]]  # difficulty -> (correct, total)
    submitted_at: datetime
    points: Decimal = Decimal(0)
    pending: bool = False  # a free-text answer waits for HR's hand score


@dataclass(frozen=True)
class SessionSnapshot:
    panel: InterviewPanel
    candidate: PanelCandidate
    candidate_name: str
    state: SessionState
    drawn: list[DrawnQuestion] = field(default_factory=list)
    result: ScoreResult | None = None
    status: SessionStatus = SessionStatus.NOT_STARTED
    deadline: datetime | None = None  # the candidate's effective deadline (capped by the panel's end)


@dataclass(frozen=True)
class CandidateProgress:
    candidate: PanelCandidate
    cv: UserCvData
    state: SessionState
    answered: int
    total: int


# ---- public shapes: panels (exactly the spec's) -------------------------------------------------


class DistributionOut(BaseModel):
    uuid: uuid.UUID
    category: str
    topic: str
    subtopic: str
    easy: int
    medium: int
    hard: int
    total: int

    @classmethod
    def of(cls, row: DistributionRow) -> DistributionOut:
        d = row.distribution
        return cls(
            uuid=d.id,
            category=row.category,
            topic=row.topic,
            subtopic=row.subtopic,
            easy=d.easy,
            medium=d.medium,
            hard=d.hard,
            total=d.easy + d.medium + d.hard,
        )


class CandidateOut(BaseModel):
    uuid: uuid.UUID
    candidate_uuid: uuid.UUID
    candidate_name: str
    candidate_email: str
    token: str
    token_expires_at: ApiDateTime
    score: int

    @classmethod
    def of(cls, candidate: PanelCandidate, cv: UserCvData) -> CandidateOut:
        return cls(
            uuid=candidate.id,
            candidate_uuid=cv.id,
            candidate_name=cv.name,
            candidate_email=cv.email,
            token=candidate.token,
            token_expires_at=candidate.token_expires_at,
            score=candidate.score,
        )


class PanelOut(BaseModel):
    uuid: uuid.UUID
    name: str
    description: str
    total_number_of_questions: int
    start_datetime: ApiDateTime
    end_datetime: ApiDateTime
    is_active: bool
    organization: uuid.UUID
    created_at: ApiDateTime
    updated_at: ApiDateTime
    question_distributions: list[DistributionOut]
    candidates: list[CandidateOut]

    @classmethod
    def of(cls, view: PanelView) -> PanelOut:
        panel = view.panel
        return cls(
            uuid=panel.id,
            name=panel.name,
            description=panel.description or "",
            total_number_of_questions=panel.total_number_of_questions,
            start_datetime=panel.start_datetime,
            end_datetime=panel.end_datetime,
            is_active=panel.is_active,
            organization=panel.organization_id,
            created_at=panel.created_at,
            updated_at=panel.updated_at,
            question_distributions=[DistributionOut.of(row) for row in view.distributions],
            candidates=[CandidateOut.of(candidate, cv) for candidate, cv in view.candidates],
        )


class ExtendedSessionOut(BaseModel):
    candidate_uuid: uuid.UUID
    status: SessionStatus
    started_at: ApiDateTime | None
    deadline: ApiDateTime | None

    @classmethod
    def of(cls, snapshot: SessionSnapshot) -> ExtendedSessionOut:
        candidate = snapshot.candidate
        return cls(
            candidate_uuid=candidate.candidate_id,
            status=snapshot.status,
            started_at=candidate.opened_at,
            deadline=snapshot.deadline,
        )


class PanelList(BaseModel):
    interview_panels: list[PanelOut]


# ---- public shapes: results for HR (beyond the spec) --------------------------------------------


class CandidateResultOut(BaseModel):
    uuid: uuid.UUID
    candidate_uuid: uuid.UUID
    candidate_name: str
    candidate_email: str
    state: SessionState
    answered: int
    total: int
    score: int
    opened_at: ApiDateTime | None
    submitted_at: ApiDateTime | None
    status: SessionStatus  # beyond issue 7's shape (issue 19): timed_out tells the clock's submits apart
    deadline: ApiDateTime | None
    # Present only when they say something (issue 19, question types): the exact points when the score is not
    # them (partial credit, hand scores), and that a free-text answer waits for HR's hand score.
    points: Points | None = Field(default=None, exclude_if=lambda value: value is None)
    score_pending: bool | None = Field(default=None, exclude_if=lambda value: value is None)

    @classmethod
    def of(cls, progress: CandidateProgress, panel: InterviewPanel) -> CandidateResultOut:
        candidate, cv = progress.candidate, progress.cv
        return cls(
            uuid=candidate.id,
            candidate_uuid=cv.id,
            candidate_name=cv.name,
            candidate_email=cv.email,
            state=progress.state,
            answered=progress.answered,
            total=progress.total,
            score=candidate.score,
            opened_at=candidate.opened_at,
            submitted_at=candidate.submitted_at,
            status=status_of(candidate),
            deadline=deadline_of(panel, candidate),
            points=candidate.points if candidate.points != candidate.score else None,
            score_pending=True if candidate.hand_scoring_pending else None,
        )


class PanelResultsOut(BaseModel):
    panel_uuid: uuid.UUID
    name: str
    show_scores: bool
    total_number_of_questions: int
    candidates: list[CandidateResultOut]

    @classmethod
    def of(cls, panel: InterviewPanel, progress: list[CandidateProgress]) -> PanelResultsOut:
        return cls(
            panel_uuid=panel.id,
            name=panel.name,
            show_scores=panel.show_scores,
            total_number_of_questions=panel.total_number_of_questions,
            candidates=[CandidateResultOut.of(item, panel) for item in progress],
        )


# ---- public shapes: the candidate's session -----------------------------------------------------


class SessionQuestionOut(BaseModel):
    """A drawn question as the candidate sees it: never the correct option. `type` is present for every type but
    single choice (the spec's question); a free-text question has no options."""

    uuid: uuid.UUID
    position: int
    text: str
    difficulty: Difficulty
    options: list[str]
    type: QuestionType | None = Field(default=None, exclude_if=lambda value: value is None)

    @classmethod
    def of(cls, drawn: DrawnQuestion) -> SessionQuestionOut:
        kind = QuestionType(drawn.question.question_type)
        return cls(
            uuid=drawn.question.id,
            position=drawn.answer.position,
            text=drawn.question.text,
            difficulty=Difficulty(drawn.question.difficulty),
            options=drawn.shown_options,
            type=None if kind == QuestionType.SINGLE_CHOICE else kind,
        )


class DifficultyScoreOut(BaseModel):
    correct: int
    total: int


class SessionResultOut(BaseModel):
    """Score and per-difficulty breakdown; both null when the panel hides scores from candidates, and while a
    free-text answer waits for HR's hand score (`score_pending`, present only then)."""

    show_scores: bool
    score: int | None
    total: int
    breakdown: dict[Difficulty, DifficultyScoreOut] | None
    submitted_at: ApiDateTime
    score_pending: bool | None = Field(default=None, exclude_if=lambda value: value is None)

    @classmethod
    def of(cls, result: ScoreResult, show_scores: bool) -> SessionResultOut:
        breakdown = {
            Difficulty(level): DifficultyScoreOut(correct=correct, total=total)
            for level, (correct, total) in result.breakdown.items()
        }
        shown = show_scores and not result.pending
        return cls(
            show_scores=show_scores,
            score=result.score if shown else None,
            total=result.total,
            breakdown=breakdown if shown else None,
            submitted_at=result.submitted_at,
            score_pending=True if result.pending else None,
        )

    @classmethod
    def of_snapshot(cls, snapshot: SessionSnapshot) -> SessionResultOut:
        if snapshot.result is None:
            raise ValueError("The session has not been submitted.")
        return cls.of(snapshot.result, snapshot.panel.show_scores)


class SessionOut(BaseModel):
    panel_name: str
    description: str
    start_datetime: ApiDateTime
    end_datetime: ApiDateTime
    total_number_of_questions: int
    candidate_name: str
    state: SessionState
    questions: list[SessionQuestionOut]
    answers: dict[uuid.UUID, SavedAnswer]
    answered: int
    result: SessionResultOut | None
    time_limit_minutes: int | None
    started_at: ApiDateTime | None
    deadline: ApiDateTime | None
    status: SessionStatus

    @classmethod
    def of(cls, snapshot: SessionSnapshot) -> SessionOut:
        panel = snapshot.panel
        answers = saved_answers(snapshot.drawn)
        return cls(
            panel_name=panel.name,
            description=panel.description or "",
            start_datetime=panel.start_datetime,
            end_datetime=panel.end_datetime,
            total_number_of_questions=len(snapshot.drawn) or panel.total_number_of_questions,
            candidate_name=snapshot.candidate_name,
            state=snapshot.state,
            questions=[SessionQuestionOut.of(d) for d in snapshot.drawn],
            answers=answers,
            answered=len(answers),
            result=SessionResultOut.of(snapshot.result, panel.show_scores) if snapshot.result else None,
            time_limit_minutes=panel.time_limit_minutes,
            started_at=snapshot.candidate.opened_at,
            deadline=snapshot.deadline,
            status=snapshot.status,
        )


class AnswersSavedOut(BaseModel):
    answers: dict[uuid.UUID, SavedAnswer]
    answered: int
    total: int

    @classmethod
    def of(cls, drawn: list[DrawnQuestion]) -> AnswersSavedOut:
        answers = saved_answers(drawn)
        return cls(answers=answers, answered=len(answers), total=len(drawn))


def saved_answers(drawn: list[DrawnQuestion]) -> dict[uuid.UUID, SavedAnswer]:
    """The saved answers as the candidate gave them: indexes in their order of the options, or the text."""
    return {d.question.id: shown for d in drawn if (shown := d.shown_answer) is not None}


# ---- the error envelope, for the OpenAPI document -----------------------------------------------


class PanelErrorOut(BaseModel):
    success: bool = False
    message: str
    errors: dict[str, list[str]]


class WrittenAnswerOut(BaseModel):
    """One written answer of a submitted session, with HR's hand score (null: waiting)."""

    candidate_uuid: uuid.UUID
    candidate_name: str
    question_uuid: uuid.UUID
    position: int
    question_text: str
    answer: str
    hand_score: int | None
    scored_by: str | None
    scored_at: ApiDateTime | None

    @classmethod
    def of(cls, item: WrittenAnswer) -> WrittenAnswerOut:
        return cls(
            candidate_uuid=item.candidate_id,
            candidate_name=item.candidate_name,
            question_uuid=item.question_id,
            position=item.position,
            question_text=item.question_text,
            answer=item.answer_text,
            hand_score=item.hand_score,
            scored_by=item.scored_by,
            scored_at=item.scored_at,
        )


class WrittenAnswersOut(BaseModel):
    answers: list[WrittenAnswerOut]


class HandScoredOut(BaseModel):
    """The scored answer and the session's score after it."""

    candidate_uuid: uuid.UUID
    question_uuid: uuid.UUID
    hand_score: int
    scored_at: ApiDateTime
    score: int
    points: Points
    score_pending: bool

    @classmethod
    def of(cls, candidate: PanelCandidate, answer: Answer) -> HandScoredOut:
        return cls(
            candidate_uuid=candidate.candidate_id,
            question_uuid=answer.question_id,
            hand_score=answer.hand_score or 0,
            scored_at=answer.scored_at or candidate.submitted_at,
            score=candidate.score,
            points=candidate.points,
            score_pending=candidate.hand_scoring_pending,
        )


class LinksSentOut(BaseModel):
    sent: int  # candidates with an e-mail address whose link was queued again


class SignalEventOut(BaseModel):
    kind: SignalKind
    at: ApiDateTime
    position: int | None  # the question on screen then (1-based, the candidate's order)


class CandidateSignalsOut(BaseModel):
    """Signals to discuss with the candidate, not proof: counts by kind (every kind, 0 when none) and the timeline."""

    candidate_uuid: uuid.UUID
    candidate_name: str
    counts: dict[SignalKind, int]
    seconds_away: int
    events: list[SignalEventOut]

    @classmethod
    def of(cls, cv: UserCvData, signals: CandidateSignals) -> CandidateSignalsOut:
        return cls(
            candidate_uuid=cv.id,
            candidate_name=cv.name,
            counts={kind: signals.counts.get(kind, 0) for kind in SignalKind},
            seconds_away=signals.seconds_away,
            events=[SignalEventOut(kind=e.kind, at=e.at, position=e.position) for e in signals.events],
        )


class PanelSignalsOut(BaseModel):
    candidates: list[CandidateSignalsOut]


def error_responses(*codes: int) -> dict[int | str, dict[str, object]]:
    descriptions = {
        400: "Invalid data",
        401: "Not authenticated",
        403: "Not allowed",
        404: "Not found",
        409: "Conflict",
        410: "Gone",
        429: "Too many requests (see Retry-After)",
    }
    return {code: {"model": PanelErrorOut, "description": descriptions[code]} for code in codes}
