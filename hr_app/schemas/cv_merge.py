"""Possible duplicates of a CV and merging one into another: shapes of the two doors beyond the spec."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from hr_app.schemas.common import StrictInput
from hr_app.schemas.cvs import CvDetailOut


class DuplicateOut(BaseModel):
    id: str
    name: str
    email: str
    phone: str
    matched_on: list[str] = Field(description='"email", "phone" or both')


class DuplicatesOut(BaseModel):
    duplicates: list[DuplicateOut]


class MergeIn(StrictInput):
    duplicate_id: uuid.UUID = Field(description="The CV merged into this one and then deleted")


class MergeOut(BaseModel):
    cv: CvDetailOut  # the CV that stays, after the merge
    duplicate_id: str
    moved: dict[str, int] = Field(description="Rows now on this CV, by table (tables with none left out)")
    skipped: dict[str, int] = Field(description="The duplicate's rows this CV already had (a tag), dropped")
    filled: list[str] = Field(description="This CV's empty fields filled from the duplicate")
