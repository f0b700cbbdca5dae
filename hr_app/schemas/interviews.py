"""The interview-management spec's objects, built from the services' records."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field
from pydantic.json_schema import SkipJsonSchema

from hr_app.kit.limits import Languages, Rating, Remark
from hr_app.models import AppUser, InterviewStatus
from hr_app.schemas.common import ApiDateTime, DateTimeInput, DbId, Money, StrictInput
from hr_app.schemas.cvs import CvOut
from hr_app.schemas.records import CvRecord, InterviewRecord, InterviewRow, average_rating, has_data, is_completed


def voice_note_url(interview_id: uuid.UUID) -> str:
    return f"/api/interview-management/{interview_id}/voice-note/"


def scorecard_voice_note_url(interview_id: uuid.UUID, scorecard_id: uuid.UUID) -> str:
    """One scorecard's own voice note (beyond the spec, docs/api/scorecards.md)."""
    return f"/api/interview-management/{interview_id}/scorecards/{scorecard_id}/voice-note/"


def _candidate(record: InterviewRecord) -> CvOut:
    return CvOut.of(CvRecord(record.candidate, record.job_title_name))


def _interviewer_name(record: InterviewRecord) -> str | None:
    return record.interviewer.full_name if record.interviewer else None


class InterviewerOut(BaseModel):
    """The spec's user object, as the interview shows its interviewer."""

    id: int
    email: str
    first_name: str
    last_name: str
    job_role: str

    @classmethod
    def of(cls, user: AppUser | None) -> InterviewerOut | None:
        if user is None:
            return None
        return cls(
            id=user.id or 0,
            email=user.email,
            first_name=user.first_name,
            last_name=user.last_name,
            job_role=user.job_role,
        )


class EvaluationOut(BaseModel):
    interview_id: str
    candidate_name: str
    appearance: int | None
    knowledge: int | None
    confidence: int | None
    attitude: int | None
    communication: int | None
    languages: str | None
    expected_salary: Money | None
    experience: str | None
    remark: str | None
    voice_note: str | None
    average_rating: float | None
    created_at: ApiDateTime
    updated_at: ApiDateTime

    @classmethod
    def of(cls, record: InterviewRecord) -> EvaluationOut:
        evaluation = record.evaluation
        assert evaluation is not None, "every interview is created with its evaluation"
        average = average_rating(evaluation)
        return cls(
            interview_id=str(record.interview.id),
            candidate_name=record.candidate.name,
            appearance=evaluation.appearance,
            knowledge=evaluation.knowledge,
            confidence=evaluation.confidence,
            attitude=evaluation.attitude,
            communication=evaluation.communication,
            languages=evaluation.languages,
            expected_salary=evaluation.expected_salary,
            experience=evaluation.experience,
            remark=evaluation.remark,
            voice_note=voice_note_url(record.interview.id) if evaluation.voice_note_file else None,
            average_rating=float(average) if average is not None else None,
            created_at=evaluation.created_at,
            updated_at=evaluation.updated_at,
        )


class InterviewOut(BaseModel):
    """The full interview object; `evaluation` is null while the evaluation is still empty."""

    id: str
    candidate: CvOut
    interviewer: InterviewerOut | None
    scheduled_at: ApiDateTime
    status: str
    evaluation: EvaluationOut | None
    created_at: ApiDateTime
    updated_at: ApiDateTime
    # Beyond the spec: present from round 2 on, so a first interview is the spec's object exactly (and the spec's
    # routes keep their documented schema); the next-round route documents it (InterviewRoundOut).
    round: SkipJsonSchema[int | None] = Field(default=None, exclude_if=lambda value: value is None)

    @classmethod
    def of(cls, record: InterviewRecord) -> InterviewOut:
        interview = record.interview
        return cls(
            round=interview.round if interview.round > 1 else None,
            id=str(interview.id),
            candidate=_candidate(record),
            interviewer=InterviewerOut.of(record.interviewer),
            scheduled_at=interview.scheduled_at,
            status=interview.status,
            evaluation=EvaluationOut.of(record) if has_data(record.evaluation) else None,
            created_at=interview.created_at,
            updated_at=interview.updated_at,
        )


class InterviewRoundOut(InterviewOut):
    """The interview object with its round always shown (the next-round route, beyond the spec)."""

    round: int = Field(description="1 for a CV's first interview, then 2, 3, ... (each next round)")

    @classmethod
    def of(cls, record: InterviewRecord) -> InterviewRoundOut:
        return cls(**{**dict(InterviewOut.of(record)), "round": record.interview.round})


class InterviewListItem(BaseModel):
    """A row of GET /api/interview-management/."""

    id: str
    candidate_name: str
    candidate_email: str
    candidate_phone: str
    job_title: str | None
    place: str
    district: str
    interviewer_name: str | None
    scheduled_at: ApiDateTime
    status: str
    cv_status: str
    has_evaluation: bool
    created_at: ApiDateTime
    updated_at: ApiDateTime
    round: SkipJsonSchema[int | None] = Field(default=None, exclude_if=lambda value: value is None)  # as InterviewOut

    @classmethod
    def of(cls, row: InterviewRow) -> InterviewListItem:
        return cls(
            id=str(row.id),
            candidate_name=row.candidate_name,
            candidate_email=row.candidate_email,
            candidate_phone=row.candidate_phone,
            job_title=row.job_title,
            place=row.place,
            district=row.district,
            interviewer_name=row.interviewer_name,
            scheduled_at=row.scheduled_at,
            status=row.status,
            cv_status=row.cv_status,
            has_evaluation=row.has_evaluation,
            created_at=row.created_at,
            updated_at=row.updated_at,
            round=row.round if row.round > 1 else None,
        )


class OngoingInterviewOut(BaseModel):
    """A row of GET /api/interview-management/ongoing-interviews/."""

    id: str
    candidate: CvOut
    interviewer_name: str | None
    scheduled_at: ApiDateTime
    status: str
    evaluation_completed: bool
    created_at: ApiDateTime
    updated_at: ApiDateTime

    @classmethod
    def of(cls, record: InterviewRecord) -> OngoingInterviewOut:
        interview = record.interview
        return cls(
            id=str(interview.id),
            candidate=_candidate(record),
            interviewer_name=_interviewer_name(record),
            scheduled_at=interview.scheduled_at,
            status=interview.status,
            evaluation_completed=is_completed(record.evaluation),
            created_at=interview.created_at,
            updated_at=interview.updated_at,
        )


class StartInterviewIn(StrictInput):
    candidate_id: uuid.UUID
    scheduled_at: DateTimeInput = Field(description="ISO 8601; a time without a zone is taken as UTC.")
    interviewer_id: DbId | None = None


class StatusUpdateIn(StrictInput):
    status: InterviewStatus
    remark: Remark | None = None


class EvaluationIn(BaseModel):
    """The evaluation body, for the API docs; the service checks the values (JSON or form strings)."""

    appearance: Rating | None = None
    knowledge: Rating | None = None
    confidence: Rating | None = None
    attitude: Rating | None = None
    communication: Rating | None = None
    languages: Languages | None = None
    expected_salary: str | None = Field(default=None, examples=["50000.00"])
    experience: str | None = None
    remark: str | None = None
