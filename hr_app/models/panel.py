"""Interview panels: timed question sets that candidates take from a token link."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, BigInteger, CheckConstraint, Column, Float, Index, Numeric, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import (
    DEFAULT_PASS_MARK,
    HAND_SCORE_MAX,
    HAND_SCORE_MIN,
    POINTS_INTEGER_DIGITS,
    POINTS_PLACES,
    TITLE_MAX_LENGTH,
    WINDOW_ID_MAX_LENGTH,
)
from hr_app.kit.time import utcnow
from hr_app.models.enums import SignalKind, sql_in
from hr_app.models.types import EnumText, UTCDateTime


class InterviewPanel(SQLModel, table=True):
    __tablename__ = "interview_panel"
    __table_args__ = (
        CheckConstraint("total_number_of_questions >= 1", name="ck_panel_total"),
        CheckConstraint("end_datetime > start_datetime", name="ck_panel_window"),
        CheckConstraint("time_limit_minutes IS NULL OR time_limit_minutes >= 1", name="ck_panel_time_limit"),
        CheckConstraint("pass_mark >= 0 AND pass_mark <= 100", name="ck_panel_pass_mark"),
        Index("ix_panel_org_deleted_created", "organization_id", "is_deleted", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    category_id: uuid.UUID = Field(foreign_key="category.id", ondelete="RESTRICT")
    name: str = Field(max_length=TITLE_MAX_LENGTH)
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    total_number_of_questions: int
    start_datetime: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    end_datetime: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    is_active: bool = Field(default=True)
    is_deleted: bool = Field(default=False)
    show_scores: bool = Field(default=True)
    # Minutes each candidate has from pressing Start (capped by the end); None: the whole window, as before.
    time_limit_minutes: int | None = Field(default=None)
    # Each candidate gets their own question order and option order (from their stored seed); off: the bank's.
    shuffle: bool = Field(default=False)
    # Per cent of the panel's questions a candidate needs to pass; set from the organization's default on create.
    pass_mark: int = Field(default=DEFAULT_PASS_MARK)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class QuestionDistribution(SQLModel, table=True):
    __tablename__ = "question_distribution"
    __table_args__ = (
        UniqueConstraint("panel_id", "topic_id", "subtopic_id", name="uq_distribution_panel_row"),
        CheckConstraint("easy >= 0 AND medium >= 0 AND hard >= 0", name="ck_distribution_counts"),
        CheckConstraint("easy + medium + hard > 0", name="ck_distribution_nonempty"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    panel_id: uuid.UUID = Field(foreign_key="interview_panel.id", index=True, ondelete="CASCADE")
    topic_id: uuid.UUID = Field(foreign_key="topic.id", ondelete="RESTRICT")
    subtopic_id: uuid.UUID = Field(foreign_key="subtopic.id", ondelete="RESTRICT")
    position: int = Field(default=0)
    easy: int = Field(default=0)
    medium: int = Field(default=0)
    hard: int = Field(default=0)


class PanelCandidate(SQLModel, table=True):
    __tablename__ = "panel_candidate"
    __table_args__ = (
        UniqueConstraint("panel_id", "candidate_id", name="uq_panel_candidate"),
        CheckConstraint("score >= 0", name="ck_panel_candidate_score"),
        CheckConstraint("points >= 0", name="ck_panel_candidate_points"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    panel_id: uuid.UUID = Field(foreign_key="interview_panel.id", index=True, ondelete="CASCADE")
    candidate_id: uuid.UUID = Field(foreign_key="user_cv_data.id", index=True, ondelete="CASCADE")
    token: str = Field(max_length=64, unique=True)
    token_expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    score: int = Field(default=0)  # the spec's whole number: `points` rounded down
    # The exact credit summed over the set (partial credit and hand scores give fractions; decision 117).
    points: Decimal = Field(
        default=Decimal(0),
        sa_column=Column(Numeric(POINTS_INTEGER_DIGITS + POINTS_PLACES, POINTS_PLACES), nullable=False),
    )
    # Submitted with free-text answers HR has not scored yet: score and points count those as 0 until then.
    hand_scoring_pending: bool = Field(default=False)
    opened_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    submitted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # The candidate's own clock (timed panels): set on Start to opened_at + the limit, uncapped (the panel's
    # end caps it when read, so moving the end moves it). None: untimed, or not started yet.
    deadline: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))
    timed_out: bool = Field(default=False)  # submitted by the clock (the deadline or the panel's end), not by them
    # Drawn with the set when the panel shuffles: orders the questions and each question's options (panel_draw).
    shuffle_seed: int | None = Field(default=None, sa_column=Column(BigInteger(), nullable=True))
    # The question on the candidate's screen since when (its time is added to the answer when they move on).
    viewing_position: int | None = None
    viewing_since: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # The browser window that last acted on the session and when (a second one acting meanwhile is a signal).
    client_id: str | None = Field(default=None, max_length=WINDOW_ID_MAX_LENGTH)
    client_seen_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class Answer(SQLModel, table=True):
    """One drawn question of a candidate's frozen set, with their answer (if any): the option chosen (single choice,
    true/false), the options chosen (multiple choice, original indexes in ascending order) or the text (free text)."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("panel_candidate_id", "question_id", name="uq_answer_candidate_question"),
        UniqueConstraint("panel_candidate_id", "position", name="uq_answer_candidate_position"),
        CheckConstraint("selected_option IS NULL OR selected_option >= 0", name="ck_answer_option"),
        CheckConstraint("seconds_spent IS NULL OR seconds_spent >= 0", name="ck_answer_seconds"),
        CheckConstraint("credit IS NULL OR (credit >= 0 AND credit <= 1)", name="ck_answer_credit"),
        CheckConstraint(
            f"hand_score IS NULL OR (hand_score >= {HAND_SCORE_MIN} AND hand_score <= {HAND_SCORE_MAX})",
            name="ck_answer_hand_score",
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    panel_candidate_id: uuid.UUID = Field(foreign_key="panel_candidate.id", index=True, ondelete="CASCADE")
    question_id: uuid.UUID = Field(foreign_key="question.id", index=True, ondelete="RESTRICT")
    position: int
    selected_option: int | None = None
    selected_options: list[int] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True), nullable=True))
    text_answer: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    is_correct: bool | None = None  # the full credit earned (None: not graded yet, or waiting for hand scoring)
    credit: float | None = Field(default=None, sa_column=Column(Float, nullable=True))  # share of the point, 0..1
    hand_score: int | None = None  # HR's points for a free-text answer, 0..HAND_SCORE_MAX
    scored_by_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    scored_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    answered_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    first_shown_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    seconds_spent: int | None = None  # null: never timed (shown all on one page, or answered before revision 0014)


class IntegritySignal(SQLModel, table=True):
    """One thing the candidate's page noticed (left the tab, pasted, a second window), with when and where."""

    __tablename__ = "integrity_signal"
    __table_args__ = (
        CheckConstraint(sql_in("kind", SignalKind), name="ck_integrity_signal_kind"),
        Index("ix_integrity_signal_candidate_at", "panel_candidate_id", "at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    panel_candidate_id: uuid.UUID = Field(foreign_key="panel_candidate.id", ondelete="CASCADE")
    kind: SignalKind = Field(sa_type=EnumText(SignalKind, 20))
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    position: int | None = None  # the question on screen then (1-based), when one was
