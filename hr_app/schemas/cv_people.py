"""A CV's tags, source and private notes (issue 17): beyond the spec, under /api/cvs/{id}/tags/, source/, notes/."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from hr_app.kit.limits import CV_NOTE_MAX_LENGTH, CV_TAG_MAX_LENGTH
from hr_app.models import CvSource
from hr_app.schemas.common import ApiDateTime, StrictInput
from hr_app.schemas.records import CvLabels, CvNoteRecord

TagName = Annotated[str, Field(json_schema_extra={"maxLength": CV_TAG_MAX_LENGTH})]  # checked by the service


class CvLabelsOut(BaseModel):
    """What the team sorts a CV by: its tags (alphabetically) and where the candidate came from (null: unknown)."""

    tags: list[str]
    source: CvSource | None

    @classmethod
    def of(cls, labels: CvLabels) -> CvLabelsOut:
        return cls(tags=labels.tags, source=labels.source)


class CvTagsIn(StrictInput):
    tags: list[TagName] = Field(description="The CV's tags, replacing its current ones; [] removes them all")


class CvSourceIn(StrictInput):
    source: CvSource | None = Field(description="Where the candidate came from; null clears it")


class CvNoteIn(StrictInput):
    text: str = Field(json_schema_extra={"maxLength": CV_NOTE_MAX_LENGTH})  # checked by the service


class CvNoteOut(BaseModel):
    id: str
    text: str
    author_id: int | None  # null once the author's account is gone
    author_name: str | None
    created_at: ApiDateTime
    updated_at: ApiDateTime
    edited: bool

    @classmethod
    def of(cls, record: CvNoteRecord) -> CvNoteOut:
        note = record.note
        return cls(
            id=str(note.id),
            text=note.body,
            author_id=note.author_id,
            author_name=record.author_name,
            created_at=note.created_at,
            updated_at=note.updated_at,
            edited=note.updated_at > note.created_at,
        )
