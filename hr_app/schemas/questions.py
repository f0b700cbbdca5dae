"""Question bank: request bodies and the public shapes (shared by the API and the Reflex UI)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import BaseModel, Field, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from hr_app.kit.limits import LABEL_MAX_LENGTH, OPTION_MAX_LENGTH, QUESTION_TEXT_MAX_LENGTH
from hr_app.models import Category, Difficulty, Question, QuestionType, SubTopic, Topic
from hr_app.schemas.common import ApiDateTime, DbInt, StrictInput
from hr_app.schemas.records import ItemStats

NAME_MAX = LABEL_MAX_LENGTH
TEXT_MAX = QUESTION_TEXT_MAX_LENGTH
OPTION_MAX = OPTION_MAX_LENGTH


def no_nul(value: str) -> str:
    """PostgreSQL cannot store NUL in text; refuse it as DRF does instead of failing with a 500."""
    if "\x00" in value:
        raise ValueError("Null characters are not allowed.")
    return value


NO_NUL_PATTERN = r"^[^\u0000]*$"


class _NoNul:
    """`no_nul` after the type's own checks, and the JSON Schema saying so: wherever a text refuses NUL, the
    OpenAPI document's `pattern` does too (a client, or Schemathesis, cannot send what the route refuses)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(no_nul, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(schema) | {"pattern": NO_NUL_PATTERN}


NoNul = _NoNul()
SafeStr = Annotated[str, NoNul]
# The length checks sit before the NUL check so that they keep their own (DRF) messages.
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX), NoNul]
OptionText = Annotated[str, Field(max_length=OPTION_MAX), NoNul]
QuestionText = Annotated[str, Field(min_length=1, max_length=TEXT_MAX), NoNul]
LongText = Annotated[str, Field(max_length=TEXT_MAX), NoNul]


# ---- request bodies ---------------------------------------------------------------------------


class NameIn(StrictInput):
    name: Name


class TopicIn(StrictInput):
    name: Name
    category_uuid: uuid.UUID


class SubTopicIn(StrictInput):
    name: Name
    topic_uuid: uuid.UUID


class QuestionIn(StrictInput):
    """A new question. `type` (beyond the first shape) defaults to single choice, which needs `options` and
    `correct_option` as before; the service checks what each type needs (docs/api/question-types.md)."""

    subtopic_uuid: uuid.UUID
    text: QuestionText
    difficulty: Difficulty
    options: list[OptionText] | None = None
    correct_option: DbInt | None = None
    explanation: LongText | None = None
    question_type: QuestionType = Field(default=QuestionType.SINGLE_CHOICE, alias="type")
    correct_options: list[DbInt] | None = None
    partial_credit: bool | None = None


class QuestionPatch(StrictInput):
    """Every field optional; the service validates the merged question."""

    subtopic_uuid: uuid.UUID | None = None
    text: LongText | None = None
    difficulty: Difficulty | None = None
    options: list[OptionText] | None = None
    correct_option: DbInt | None = None
    explanation: LongText | None = None
    question_type: QuestionType | None = Field(default=None, alias="type")
    correct_options: list[DbInt] | None = None
    partial_credit: bool | None = None


class ImportRow(BaseModel):
    """One question of an import, named by its category, topic and subtopic (created when missing)."""

    category: Name
    topic: Name
    subtopic: Name
    text: QuestionText
    difficulty: Difficulty
    options: list[OptionText] | None = None
    correct_option: DbInt | None = None
    explanation: LongText | None = None
    question_type: QuestionType = Field(default=QuestionType.SINGLE_CHOICE, alias="type")
    correct_options: list[DbInt] | None = None
    partial_credit: bool | None = None


# ---- public shapes ------------------------------------------------------------------------------


class CategoryOut(BaseModel):
    uuid: uuid.UUID
    name: str
    created_at: ApiDateTime

    @classmethod
    def of(cls, category: Category) -> CategoryOut:
        return cls(uuid=category.id, name=category.name, created_at=category.created_at)


class TopicOut(BaseModel):
    uuid: uuid.UUID
    name: str
    category_uuid: uuid.UUID
    created_at: ApiDateTime

    @classmethod
    def of(cls, topic: Topic) -> TopicOut:
        return cls(uuid=topic.id, name=topic.name, category_uuid=topic.category_id, created_at=topic.created_at)


class SubTopicOut(BaseModel):
    uuid: uuid.UUID
    name: str
    topic_uuid: uuid.UUID
    created_at: ApiDateTime

    @classmethod
    def of(cls, subtopic: SubTopic) -> SubTopicOut:
        return cls(uuid=subtopic.id, name=subtopic.name, topic_uuid=subtopic.topic_id, created_at=subtopic.created_at)


def _absent_when_none(value: object) -> bool:
    return value is None


class QuestionOut(BaseModel):
    """A question as HR sees it, with the correct option (never shown to candidates). A single-choice question is
    the first shape exactly; the other types add `type`, `correct_options` and `partial_credit` (free text:
    `correct_option` null, no options)."""

    uuid: uuid.UUID
    subtopic_uuid: uuid.UUID
    text: str
    difficulty: Difficulty
    options: list[str]
    correct_option: DbInt | None
    explanation: str | None
    version: int
    previous_version_uuid: uuid.UUID | None
    created_at: ApiDateTime
    updated_at: ApiDateTime
    type: QuestionType | None = Field(default=None, exclude_if=_absent_when_none)
    correct_options: list[int] | None = Field(default=None, exclude_if=_absent_when_none)
    partial_credit: bool | None = Field(default=None, exclude_if=_absent_when_none)

    @classmethod
    def of(cls, question: Question) -> QuestionOut:
        kind = QuestionType(question.question_type)
        typed = (
            {}
            if kind == QuestionType.SINGLE_CHOICE
            else {
                "type": kind,
                "correct_options": list(question.correct_options),
                "partial_credit": question.partial_credit,
            }
        )
        return cls(
            **typed,
            uuid=question.id,
            subtopic_uuid=question.subtopic_id,
            text=question.text,
            difficulty=Difficulty(question.difficulty),
            options=list(question.options),
            correct_option=None if kind == QuestionType.FREE_TEXT else question.correct_option,
            explanation=question.explanation,
            version=question.version,
            previous_version_uuid=question.previous_version_id,
            created_at=question.created_at,
            updated_at=question.updated_at,
        )


class Availability(BaseModel):
    easy: int = 0
    medium: int = 0
    hard: int = 0


class ImportResult(BaseModel):
    imported: int
    created_categories: int
    created_topics: int
    created_subtopics: int


class OptionStatsOut(BaseModel):
    """One original option of the question (in the bank's order, whatever order candidates saw)."""

    index: int
    text: str
    correct: bool
    pick_rate: float | None
    upper_pick_rate: float | None
    lower_pick_rate: float | None
    flags: list[str]


class ItemStatsOut(BaseModel):
    """How a question behaved in submitted sessions; figures are null below 30 attempts (`flags` says so)."""

    question_uuid: uuid.UUID
    attempts: int
    facility: float | None
    point_biserial: float | None
    upper_lower_index: float | None
    mean_seconds: float | None
    unanswered_rate: float | None
    options: list[OptionStatsOut]
    flags: list[str]

    @classmethod
    def of(cls, stats: ItemStats) -> ItemStatsOut:
        return cls(
            question_uuid=stats.question_id,
            attempts=stats.attempts,
            facility=stats.facility,
            point_biserial=stats.point_biserial,
            upper_lower_index=stats.upper_lower_index,
            mean_seconds=stats.mean_seconds,
            unanswered_rate=stats.unanswered_rate,
            options=[OptionStatsOut(**vars(option)) for option in stats.options],
            flags=list(stats.flags),
        )
