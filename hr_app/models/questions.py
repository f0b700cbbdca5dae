"""The question bank: Category > Topic > SubTopic > Question."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import LABEL_MAX_LENGTH
from hr_app.kit.time import utcnow
from hr_app.models.enums import Difficulty, QuestionType, sql_in
from hr_app.models.types import EnumText, UTCDateTime


class Category(SQLModel, table=True):
    __tablename__ = "category"
    __table_args__ = (UniqueConstraint("organization_id", "name", name="uq_category_org_name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=LABEL_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Topic(SQLModel, table=True):
    __tablename__ = "topic"
    __table_args__ = (UniqueConstraint("category_id", "name", name="uq_topic_category_name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    category_id: uuid.UUID = Field(foreign_key="category.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=LABEL_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class SubTopic(SQLModel, table=True):
    __tablename__ = "subtopic"
    __table_args__ = (UniqueConstraint("topic_id", "name", name="uq_subtopic_topic_name"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    topic_id: uuid.UUID = Field(foreign_key="topic.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=LABEL_MAX_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class Question(SQLModel, table=True):
    """A question of the bank: single choice (the default), multiple choice, true/false or free text.

    `correct_options` holds every right option (one for single choice and true/false, none for free text);
    `correct_option` stays the first of them (the only one for single choice) for the readers that need one.

    A question that was already drawn for a candidate is never edited in place: an edit archives
    it and creates the next version, so a candidate's frozen set cannot change under them.
    """

    __tablename__ = "question"
    __table_args__ = (
        CheckConstraint(sql_in("difficulty", Difficulty), name="ck_question_difficulty"),
        CheckConstraint("correct_option >= 0", name="ck_question_correct_option"),
        CheckConstraint(sql_in("question_type", QuestionType), name="ck_question_type"),
        Index("ix_question_subtopic_difficulty", "subtopic_id", "difficulty", "is_archived"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    subtopic_id: uuid.UUID = Field(foreign_key="subtopic.id", index=True, ondelete="CASCADE")
    text: str = Field(sa_column=Column(Text, nullable=False))
    difficulty: Difficulty = Field(sa_type=EnumText(Difficulty, 10))
    options: list[str] = Field(sa_column=Column(JSON, nullable=False))
    correct_option: int
    question_type: QuestionType = Field(default=QuestionType.SINGLE_CHOICE, sa_type=EnumText(QuestionType, 20))
    correct_options: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Multiple choice only: a share of the credit for a partly right selection (decision 117); off: all or nothing.
    partial_credit: bool = Field(default=False)
    explanation: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    version: int = Field(default=1)
    previous_version_id: uuid.UUID | None = Field(default=None, foreign_key="question.id", ondelete="SET NULL")
    is_archived: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
