"""The records services read and schemas render, with the values every shape derives from them.

They sit below the services so that a schema can build its output from a record without importing a service.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from hr_app.models import (
    RATING_FIELDS,
    AppUser,
    CvNote,
    CvSource,
    Evaluation,
    Interview,
    JobTitle,
    PanelCandidate,
    ScorecardStatus,
    SignalKind,
    UserCvData,
)

EDITABLE_FIELDS = (*RATING_FIELDS, "languages", "expected_salary", "experience", "remark")
FILLED_FIELDS = (*EDITABLE_FIELDS, "voice_note_file")


# --- derived values (shared by every shape that shows an evaluation) --------------------------------


def has_data(evaluation: Evaluation | None) -> bool:
    """Any field filled in (a rating, a text, the salary or a voice note)."""
    return evaluation is not None and any(getattr(evaluation, field) is not None for field in FILLED_FIELDS)


def is_completed(evaluation: Evaluation | None) -> bool:
    """All five ratings given."""
    return evaluation is not None and all(getattr(evaluation, field) is not None for field in RATING_FIELDS)


def average_rating(evaluation: Evaluation | None) -> Decimal | None:
    """Mean of the ratings given, to one decimal place, halves rounded up (8,9,7,8,9 -> 8.2)."""
    if evaluation is None:
        return None
    return average_of(getattr(evaluation, field) for field in RATING_FIELDS)


def average_of(ratings: Iterable[int | None]) -> Decimal | None:
    """`average_rating` of bare rating values (None: not given), for reads that select columns only."""
    given = [rating for rating in ratings if rating is not None]
    if not given:
        return None
    return (Decimal(sum(given)) / len(given)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- records ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CvRecord:
    """A CV with the name of its job title (read in the same query)."""

    cv: UserCvData
    job_title_name: str | None


@dataclass(frozen=True)
class CvLabels:
    """What the team sorts a CV by (issue 17): its tags (by name) and where the candidate came from."""

    tags: list[str]
    source: CvSource | None


@dataclass(frozen=True)
class CvNoteRecord:
    """A private note with its author's name (None once the author's account is gone)."""

    note: CvNote
    author_name: str | None


@dataclass(frozen=True)
class InterviewRecord:
    """An interview with everything its public shapes show, read in one query."""

    interview: Interview
    candidate: UserCvData
    job_title_name: str | None
    interviewer: AppUser | None
    evaluation: Evaluation | None


@dataclass(frozen=True, slots=True)
class InterviewRow:
    id: uuid.UUID
    candidate_name: str
    candidate_email: str
    candidate_phone: str
    job_title: str | None
    place: str
    district: str
    scheduled_at: datetime
    status: str
    cv_status: str
    has_evaluation: bool
    created_at: datetime
    updated_at: datetime
    interviewer_name: str | None
    round: int = 1  # the CV's round (next round): beyond the spec's list row, for the UI


def row_of(record: InterviewRecord) -> InterviewRow:
    """The same row from an interview already read with its relations (the agenda has those)."""
    interview, cv = record.interview, record.candidate
    return InterviewRow(
        id=interview.id,
        candidate_name=cv.name,
        candidate_email=cv.email,
        candidate_phone=cv.phone_number,
        job_title=record.job_title_name,
        place=cv.place,
        district=cv.district,
        interviewer_name=record.interviewer.full_name if record.interviewer else None,
        scheduled_at=interview.scheduled_at,
        status=interview.status,
        cv_status=cv.status,
        has_evaluation=has_data(record.evaluation),
        created_at=interview.created_at,
        updated_at=interview.updated_at,
        round=interview.round,
    )


@dataclass(frozen=True)
class AgendaRow:
    interviewer: AppUser | None  # None: interviews nobody is assigned to
    week: list[InterviewRecord]
    today: list[InterviewRecord]


@dataclass(frozen=True)
class Agenda:
    week_start: date  # a Monday
    today: date
    rows: list[AgendaRow]

    @property
    def week_label(self) -> str:
        year, week, _ = self.week_start.isocalendar()
        return f"{year}-W{week:02d}"


# --- scorecards (issue 18) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionRecord:
    """One criterion of a scorecard template: a job title's, or one of the spec's five (the default)."""

    key: str
    name: str
    guide_2: str = ""
    guide_5: str = ""
    guide_8: str = ""


@dataclass(frozen=True)
class ScorecardTemplate:
    job_title: JobTitle
    criteria: list[CriterionRecord]
    is_default: bool  # no criteria of its own: the spec's five


@dataclass(frozen=True)
class RatingEntry:
    rating: int | None
    note: str | None


@dataclass(frozen=True)
class ScorecardRecord:
    """One interviewer's scorecard with its ratings by criterion, in the template's order."""

    scorecard: Evaluation
    interviewer: AppUser | None
    ratings: dict[str, RatingEntry]


@dataclass(frozen=True)
class TeamMember:
    """An interviewer of an interview and how far their scorecard is (None: nothing written yet)."""

    user: AppUser
    lead: bool
    status: ScorecardStatus | None


@dataclass(frozen=True)
class ScorecardsView:
    """What a caller may see of an interview's scorecards: every interviewer's progress, the contents the blind
    rule lets them read."""

    criteria: list[CriterionRecord]
    interviewers: list[TeamMember]
    scorecards: list[ScorecardRecord]


# --- item analysis of the question bank (services/item_analysis.py computes them) ----------------------


@dataclass(frozen=True)
class OptionStats:
    index: int
    text: str
    correct: bool
    pick_rate: float | None
    upper_pick_rate: float | None
    lower_pick_rate: float | None
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ItemStats:
    question_id: uuid.UUID
    attempts: int
    facility: float | None
    point_biserial: float | None
    upper_lower_index: float | None
    mean_seconds: float | None
    unanswered_rate: float | None
    options: list[OptionStats]
    flags: list[str]


# --- integrity signals of a panel session (services/integrity.py reads them) ----------------------------


@dataclass(frozen=True)
class SignalEvent:
    kind: SignalKind
    at: datetime
    position: int | None


@dataclass(frozen=True)
class CandidateSignals:
    candidate: PanelCandidate
    counts: dict[SignalKind, int]
    events: list[SignalEvent]
    seconds_away: int  # the time between leaving the tab and coming back, summed


# --- written answers HR scores by hand (services/hand_scoring.py) ----------------------------------------


@dataclass(frozen=True)
class WrittenAnswer:
    candidate_id: uuid.UUID  # the CV
    candidate_name: str
    question_id: uuid.UUID
    position: int  # in the candidate's set, 1-based
    question_text: str
    answer_text: str
    hand_score: int | None  # None: waiting for HR
    scored_by: str | None
    scored_at: datetime | None
