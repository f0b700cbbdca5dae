"""Row factories for the question bank and interview panels (import them explicitly)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from hr_app.kit.time import utcnow
from hr_app.models import (
    Category,
    Difficulty,
    InterviewPanel,
    Organization,
    PanelCandidate,
    Question,
    QuestionDistribution,
    SubTopic,
    Topic,
    UserCvData,
)
from hr_app.services.panels import new_token
from tests.factories import unique


@dataclass
class Bank:
    category: Category
    topic: Topic
    subtopic: SubTopic


def create_category(db: Session, org: Organization, name: str | None = None) -> Category:
    category = Category(organization_id=org.id, name=name or unique("Python "))
    db.add(category)
    db.commit()
    return category


def create_topic(db: Session, category: Category, name: str | None = None) -> Topic:
    topic = Topic(organization_id=category.organization_id, category_id=category.id, name=name or unique("Topic "))
    db.add(topic)
    db.commit()
    return topic


def create_subtopic(db: Session, topic: Topic, name: str | None = None) -> SubTopic:
    subtopic = SubTopic(organization_id=topic.organization_id, topic_id=topic.id, name=name or unique("Subtopic "))
    db.add(subtopic)
    db.commit()
    return subtopic


def create_question(
    db: Session,
    subtopic: SubTopic,
    *,
    difficulty: str = Difficulty.EASY,
    text: str | None = None,
    options: Sequence[str] = ("A", "B", "C", "D"),
    correct_option: int = 0,
    **fields: Any,
) -> Question:
    question = Question(
        organization_id=subtopic.organization_id,
        subtopic_id=subtopic.id,
        text=text or unique("What is question "),
        difficulty=str(difficulty),
        options=list(options),
        correct_option=correct_option,
        **({"correct_options": [correct_option]} | fields),
    )
    db.add(question)
    db.commit()
    return question


def create_questions(
    db: Session, subtopic: SubTopic, *, easy: int = 0, medium: int = 0, hard: int = 0
) -> list[Question]:
    counts = {Difficulty.EASY: easy, Difficulty.MEDIUM: medium, Difficulty.HARD: hard}
    return [
        create_question(db, subtopic, difficulty=level, correct_option=number % 4)
        for level, count in counts.items()
        for number in range(count)
    ]


def create_bank(
    db: Session,
    org: Organization,
    *,
    category: Category | None = None,
    topic_name: str | None = None,
    subtopic_name: str | None = None,
    easy: int = 3,
    medium: int = 3,
    hard: int = 3,
) -> Bank:
    """A category > topic > subtopic holding `easy`, `medium` and `hard` questions."""
    category = category or create_category(db, org)
    topic = create_topic(db, category, topic_name)
    subtopic = create_subtopic(db, topic, subtopic_name)
    create_questions(db, subtopic, easy=easy, medium=medium, hard=hard)
    return Bank(category, topic, subtopic)


def create_panel(
    db: Session,
    org: Organization,
    bank: Bank,
    *,
    candidates: Sequence[UserCvData] = (),
    start: datetime | None = None,
    end: datetime | None = None,
    easy: int = 1,
    medium: int = 1,
    hard: int = 1,
    **fields: Any,
) -> tuple[InterviewPanel, list[PanelCandidate]]:
    """A panel drawing from one bank row, open now unless `start`/`end` say otherwise."""
    now = utcnow()
    start = start or now - timedelta(hours=1)
    end = end or now + timedelta(hours=8)
    panel = InterviewPanel(
        organization_id=org.id,
        category_id=bank.category.id,
        name=fields.pop("name", unique("Panel ")),
        description=fields.pop("description", "A panel"),
        total_number_of_questions=easy + medium + hard,
        start_datetime=start,
        end_datetime=end,
        **fields,
    )
    db.add(panel)
    db.flush()
    db.add(
        QuestionDistribution(
            panel_id=panel.id,
            topic_id=bank.topic.id,
            subtopic_id=bank.subtopic.id,
            position=0,
            easy=easy,
            medium=medium,
            hard=hard,
        )
    )
    tokens = [
        PanelCandidate(panel_id=panel.id, candidate_id=cv.id, token=new_token(), token_expires_at=end)
        for cv in candidates
    ]
    db.add_all(tokens)
    db.commit()
    return panel, tokens


def panel_payload(bank: Bank, candidates: Sequence[UserCvData] = (), **overrides: Any) -> dict[str, Any]:
    """A valid create body (2 easy, 1 medium, 1 hard from the bank's row), in a future window."""
    now = utcnow()
    payload: dict[str, Any] = {
        "name": "Python Developer Interview - 2024",
        "description": "Technical interview for Python developer position",
        "total_number_of_questions": 4,
        "start_datetime": (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:00:00Z"),
        "end_datetime": (now + timedelta(days=1, hours=9)).strftime("%Y-%m-%dT%H:00:00Z"),
        "category_uuid": str(bank.category.id),
        "question_distributions": [
            {
                "topic_uuid": str(bank.topic.id),
                "subtopic_uuid": str(bank.subtopic.id),
                "easy": 2,
                "medium": 1,
                "hard": 1,
            }
        ],
        "candidate_uuids": [str(cv.id) for cv in candidates],
    }
    payload.update(overrides)
    return payload
