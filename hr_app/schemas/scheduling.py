"""Shapes of the endpoints beyond the spec: warnings, rescheduling, the agenda, bulk actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from hr_app.kit.limits import BULK_STEP_DEFAULT_MINUTES, BULK_STEP_MAX_MINUTES, BULK_STEP_MIN_MINUTES, Remark
from hr_app.models import UserCvData
from hr_app.schemas.common import UUID_LIST_SCHEMA, DateTimeInput, DbId, Envelope, Integer, StrictInput
from hr_app.schemas.interviews import InterviewerOut, InterviewListItem
from hr_app.schemas.records import Agenda, AgendaRow, row_of

T = TypeVar("T")


class WarningEnvelope(Envelope[T], Generic[T]):
    """The spec's success envelope; `warnings` (clear sentences) appears only when there are some."""

    warnings: list[str] | None = Field(
        default=None,
        exclude_if=lambda value: not value,
        description="Present only when the interviewer has other interviews close by (never blocks).",
    )


class NextRoundIn(StrictInput):
    scheduled_at: DateTimeInput = Field(description="ISO 8601; a time without a zone is taken as UTC.")
    interviewer_id: DbId | None = Field(default=None, description="The next round's interviewer; null for none yet.")


class RescheduleIn(StrictInput):
    scheduled_at: DateTimeInput = Field(description="ISO 8601; a time without a zone is taken as UTC.")
    interviewer_id: DbId | None = Field(default=None, description="Omit to keep the interviewer; null unassigns.")


class AgendaRowOut(BaseModel):
    interviewer: InterviewerOut | None
    interviewer_name: str | None
    today: list[InterviewListItem]
    week: list[InterviewListItem]

    @classmethod
    def of(cls, row: AgendaRow) -> AgendaRowOut:
        return cls(
            interviewer=InterviewerOut.of(row.interviewer),
            interviewer_name=row.interviewer.full_name if row.interviewer else None,
            today=[InterviewListItem.of(row_of(record)) for record in row.today],
            week=[InterviewListItem.of(row_of(record)) for record in row.week],
        )


class AgendaOut(BaseModel):
    week: str
    week_start: str
    week_end: str
    today: str
    interviewers: list[AgendaRowOut]

    @classmethod
    def of(cls, agenda: Agenda) -> AgendaOut:
        return cls(
            week=agenda.week_label,
            week_start=agenda.week_start.isoformat(),
            week_end=(agenda.week_start + timedelta(days=6)).isoformat(),
            today=agenda.today.isoformat(),
            interviewers=[AgendaRowOut.of(row) for row in agenda.rows],
        )


class BulkStartIn(StrictInput):
    candidate_ids: list[str] = Field(
        description="CV ids; problems come back per row as rows.<n>.candidate_id", json_schema_extra=UUID_LIST_SCHEMA
    )
    interviewer_id: DbId
    first_slot: DateTimeInput = Field(
        description="The first interview's time; the next ones follow every step_minutes."
    )
    step_minutes: Integer = Field(default=BULK_STEP_DEFAULT_MINUTES, ge=BULK_STEP_MIN_MINUTES, le=BULK_STEP_MAX_MINUTES)


class BulkRejectIn(StrictInput):
    candidate_ids: list[str] = Field(
        description="CV ids; problems come back per row as rows.<n>.candidate_id", json_schema_extra=UUID_LIST_SCHEMA
    )
    remark: Remark | None = None


class RejectedCvOut(BaseModel):
    id: str
    name: str
    email: str
    interview_status: str

    @classmethod
    def of(cls, cv: UserCvData) -> RejectedCvOut:
        return cls(id=str(cv.id), name=cv.name, email=cv.email, interview_status=cv.status)
