"""Scorecards beyond the spec (issue 18): what a caller writes into their own scorecard and what they may read."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from hr_app.kit.limits import (
    CRITERION_GUIDE_MAX_LENGTH,
    CRITERION_KEY_LENGTH,
    INTERVIEWERS_MAX,
    LABEL_MAX_LENGTH,
    RATING_MAX,
    RATING_MIN,
    REOPEN_REASON_MAX_LENGTH,
    SCORECARD_TEXT_MAX_LENGTH,
)
from hr_app.models import AppUser, Recommendation
from hr_app.schemas.common import ApiDateTime, DbId, Integer, StrictInput
from hr_app.schemas.interviews import scorecard_voice_note_url
from hr_app.schemas.records import CriterionRecord, ScorecardRecord, ScorecardsView, ScorecardTemplate, TeamMember


def _not_text(value: Any) -> Any:
    """A rating is a JSON integer (8 or 8.0, as JSON Schema counts them): "8" is refused, not read as 8."""
    if isinstance(value, str):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


# "8", 8.5 and true are refused ("A valid integer is required."), not read as 8, 8 or 1.
StrictRating = Annotated[Integer, BeforeValidator(_not_text), Field(ge=RATING_MIN, le=RATING_MAX)]
ScorecardText = Annotated[str, Field(max_length=SCORECARD_TEXT_MAX_LENGTH)]
Reason = Annotated[str, Field(max_length=REOPEN_REASON_MAX_LENGTH)]


# --- input -----------------------------------------------------------------------------------------------


class RatingIn(StrictInput):
    rating: StrictRating | None = None
    note: ScorecardText | None = None


class ScorecardIn(StrictInput):
    """The caller's whole draft (PUT replaces it): a criterion, text or recommendation left out becomes empty.
    `reason`: admin and hr writing before the scheduled start say why (audited); ignored otherwise."""

    ratings: dict[str, RatingIn] = Field(default_factory=dict, description="by criterion key of the template")
    recommendation: Recommendation | None = None
    strengths: ScorecardText | None = None
    concerns: ScorecardText | None = None
    reason: Reason | None = None


class SubmitIn(StrictInput):
    reason: Reason | None = Field(None, description="admin and hr submitting before the scheduled start")


class ReopenIn(StrictInput):
    reason: Annotated[Reason, Field(min_length=1)]


class InterviewersIn(StrictInput):
    interviewer_ids: list[DbId] = Field(
        description=f"the interviewers (at most {INTERVIEWERS_MAX}, the lead included); the lead stays whether listed"
    )


Guide = Annotated[str, Field(max_length=CRITERION_GUIDE_MAX_LENGTH)]


class CriterionIn(StrictInput):
    key: Annotated[str, Field(max_length=CRITERION_KEY_LENGTH)] | None = Field(
        None, description="lower-case letters, digits, underscores; default: from the name. Keep it to keep ratings"
    )
    name: Annotated[str, Field(max_length=LABEL_MAX_LENGTH)]
    guide_2: Guide = Field("", description="what a 2 looks like")
    guide_5: Guide = Field("", description="what a 5 looks like")
    guide_8: Guide = Field("", description="what an 8 looks like")


class TemplateIn(StrictInput):
    criteria: list[CriterionIn] = Field(description="the whole template in its order; [] for the spec's five")


# --- output ----------------------------------------------------------------------------------------------


class PersonOut(BaseModel):
    id: int
    name: str

    @classmethod
    def of(cls, user: AppUser | None) -> PersonOut | None:
        return cls(id=user.id or 0, name=user.full_name) if user else None


class RatingOut(BaseModel):
    rating: int | None
    note: str | None


class ScorecardOut(BaseModel):
    id: uuid.UUID
    interviewer: PersonOut | None  # null: the interviewer's account was deleted
    status: Literal["draft", "submitted"]
    ratings: dict[str, RatingOut]
    recommendation: Recommendation | None
    strengths: str | None
    concerns: str | None
    voice_note: str | None = Field(description="this scorecard's own voice note, null when it has none")
    submitted_at: ApiDateTime | None
    updated_at: ApiDateTime

    @classmethod
    def of(cls, record: ScorecardRecord) -> ScorecardOut:
        card = record.scorecard
        return cls(
            id=card.id,
            interviewer=PersonOut.of(record.interviewer),
            status=card.status.value,
            ratings={key: RatingOut(rating=entry.rating, note=entry.note) for key, entry in record.ratings.items()},
            recommendation=card.recommendation,
            strengths=card.strengths,
            concerns=card.concerns,
            voice_note=scorecard_voice_note_url(card.interview_id, card.id) if card.voice_note_file else None,
            submitted_at=card.submitted_at,
            updated_at=card.updated_at,
        )


class CriterionOut(BaseModel):
    key: str
    name: str
    guide_2: str
    guide_5: str
    guide_8: str

    @classmethod
    def of(cls, criterion: CriterionRecord) -> CriterionOut:
        return cls(**asdict(criterion))


class InterviewerProgressOut(BaseModel):
    id: int
    name: str
    lead: bool
    scorecard: Literal["none", "draft", "submitted"]

    @classmethod
    def of(cls, member: TeamMember) -> InterviewerProgressOut:
        status = member.status.value if member.status else "none"
        return cls(id=member.user.id or 0, name=member.user.full_name, lead=member.lead, scorecard=status)


class InterviewersOut(BaseModel):
    interviewers: list[InterviewerProgressOut]

    @classmethod
    def of(cls, team: list[TeamMember]) -> InterviewersOut:
        return cls(interviewers=[InterviewerProgressOut.of(member) for member in team])


class ScorecardsOut(InterviewersOut):
    criteria: list[CriterionOut]
    scorecards: list[ScorecardOut]

    @classmethod
    def of_view(cls, view: ScorecardsView) -> ScorecardsOut:
        return cls(
            criteria=[CriterionOut.of(criterion) for criterion in view.criteria],
            interviewers=[InterviewerProgressOut.of(member) for member in view.interviewers],
            scorecards=[ScorecardOut.of(record) for record in view.scorecards],
        )


class JobTitleRefOut(BaseModel):
    id: int
    name: str


class TemplateOut(BaseModel):
    job_title: JobTitleRefOut
    is_default: bool  # true: the job title has no criteria of its own and uses the spec's five
    criteria: list[CriterionOut]

    @classmethod
    def of(cls, template: ScorecardTemplate) -> TemplateOut:
        job_title = template.job_title
        return cls(
            job_title=JobTitleRefOut(id=job_title.id or 0, name=job_title.name),
            is_default=template.is_default,
            criteria=[CriterionOut.of(criterion) for criterion in template.criteria],
        )
