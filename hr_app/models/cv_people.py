"""What the team keeps about a candidate beside the CV's own fields (issue 17): tags and private notes.

Each table points at its CV by a plain `cv_id` foreign key, so merging two CVs re-points these rows.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import CV_TAG_KEY_LENGTH, CV_TAG_MAX_LENGTH
from hr_app.kit.time import utcnow
from hr_app.models.types import UTCDateTime


class CvTag(SQLModel, table=True):
    """One of the organization's tags. `key` is the name case-folded: names are unique regardless of case."""

    __tablename__ = "cv_tag"
    __table_args__ = (UniqueConstraint("organization_id", "key", name="uq_cv_tag_org_key"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=CV_TAG_MAX_LENGTH)
    key: str = Field(max_length=CV_TAG_KEY_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))

    @staticmethod
    def clean_name(name: str) -> str:
        """A tag's name as stored: trimmed, inner runs of white space made one space."""
        return " ".join(name.split())

    @staticmethod
    def key_of(name: str) -> str:
        """The key two names share when they are the same tag ("Python", " python ")."""
        return CvTag.clean_name(name).casefold()


class CvTagLink(SQLModel, table=True):
    """A tag on a CV."""

    __tablename__ = "cv_tag_link"
    __table_args__ = (Index("ix_cv_tag_link_tag", "tag_id"),)

    cv_id: uuid.UUID = Field(foreign_key="user_cv_data.id", primary_key=True, ondelete="CASCADE")
    tag_id: uuid.UUID = Field(foreign_key="cv_tag.id", primary_key=True, ondelete="CASCADE")


class CvNote(SQLModel, table=True):
    """A team member's private note on a CV (never shown to the candidate); only its author edits it."""

    __tablename__ = "cv_note"
    __table_args__ = (Index("ix_cv_note_cv_created", "cv_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    cv_id: uuid.UUID = Field(foreign_key="user_cv_data.id", ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    body: str = Field(sa_column=Column(Text(), nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
