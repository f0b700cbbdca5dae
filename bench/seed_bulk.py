"""Bulk rows for benchmarks: thousands of interviews in seconds (core inserts, not the services)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert
from sqlmodel import Session

from hr_app.models import (
    AppUser,
    Category,
    CvStatus,
    Evaluation,
    Interview,
    InterviewPanel,
    JobTitle,
    Organization,
    PanelCandidate,
    Question,
    QuestionDistribution,
    Role,
    SubTopic,
    Topic,
    UserCvData,
)
from hr_app.services.security import hash_password

PASSWORD = "bench-password-1"
PLACES = [("Kochi", "Ernakulam"), ("Kozhikode", "Kozhikode"), ("Thrissur", "Thrissur"), ("Kollam", "Kollam")]


@dataclass
class Seeded:
    organization_id: uuid.UUID
    admin_id: int
    admin_email: str
    interview_ids: list[uuid.UUID]


def _now() -> datetime:
    return datetime.now(UTC)


def seed(session: Session, *, interviews: int, panels: int = 20, candidates_per_panel: int = 5) -> Seeded:
    rng = random.Random(7)
    org = Organization(name=f"Bench {uuid.uuid4().hex[:6]}")
    session.add(org)
    session.flush()
    admin = AppUser(
        organization_id=org.id,
        email=f"admin-{org.id.hex[:6]}@bench.example",
        password_hash=hash_password(PASSWORD),
        role=Role.ADMIN,
        first_name="Bench",
        last_name="Admin",
        job_role="HR Manager",
    )
    job_title = JobTitle(organization_id=org.id, name="Software Developer")
    session.add_all([admin, job_title])
    session.flush()
    cv_rows, interview_rows, evaluation_rows = [], [], []
    now = _now()
    for number in range(interviews):
        place, district = PLACES[number % len(PLACES)]
        cv_id, interview_id = uuid.uuid4(), uuid.uuid4()
        status = CvStatus.ONGOING if number % 3 else CvStatus.SELECTED
        cv_rows.append(
            {
                "id": cv_id,
                "organization_id": org.id,
                "name": f"Candidate {number}",
                "email": f"candidate{number}@bench.example",
                "phone_number": f"+91 98{number:08d}",
                "job_title_id": job_title.id,
                "place": place,
                "district": district,
                "status": status.value,
                "created_at": now,
                "updated_at": now,
            }
        )
        interview_rows.append(
            {
                "id": interview_id,
                "organization_id": org.id,
                "candidate_id": cv_id,
                "interviewer_id": admin.id,
                "scheduled_at": now + timedelta(hours=number % 48),
                "status": "pending" if status == CvStatus.ONGOING else "selected",
                "created_at": now - timedelta(seconds=number),
                "updated_at": now,
            }
        )
        evaluation_rows.append(
            {
                "id": uuid.uuid4(),
                "interview_id": interview_id,
                **{name: rng.randint(4, 10) for name in ("appearance", "knowledge", "confidence", "attitude")},
                "communication": None,
                "languages": "English, Malayalam",
                "expected_salary": Decimal("50000.00"),
                "experience": "Some years of Python",
                "remark": "Benchmark row",
                "created_at": now,
                "updated_at": now,
            }
        )
    for model, rows in ((UserCvData, cv_rows), (Interview, interview_rows), (Evaluation, evaluation_rows)):
        for start in range(0, len(rows), 1000):
            session.execute(insert(model), rows[start : start + 1000])
    _seed_panels(session, org.id, admin.id, [row["id"] for row in cv_rows], panels, candidates_per_panel)
    return Seeded(org.id, admin.id, admin.email, [row["id"] for row in interview_rows])


def _seed_panels(
    session: Session, org_id: uuid.UUID, admin_id: int, cv_ids: list[uuid.UUID], panels: int, per_panel: int
) -> None:
    category = Category(organization_id=org_id, name="Python")
    session.add(category)
    session.flush()
    topic = Topic(organization_id=org_id, category_id=category.id, name="Basics")
    session.add(topic)
    session.flush()
    subtopic = SubTopic(organization_id=org_id, topic_id=topic.id, name="Functions")
    session.add(subtopic)
    session.flush()
    for difficulty in ("easy", "medium", "hard"):
        session.add_all(
            Question(
                organization_id=org_id,
                subtopic_id=subtopic.id,
                text=f"{difficulty} {n}?",
                difficulty=difficulty,
                options=["a", "b", "c"],
                correct_option=0,
                correct_options=[0],
            )
            for n in range(5)
        )
    now = _now()
    for number in range(panels):
        panel = InterviewPanel(
            organization_id=org_id,
            category_id=category.id,
            name=f"Panel {number}",
            description="Bench",
            total_number_of_questions=6,
            start_datetime=now - timedelta(hours=1),
            end_datetime=now + timedelta(days=7),
            created_by_id=admin_id,
        )
        session.add(panel)
        session.flush()
        session.add(
            QuestionDistribution(
                panel_id=panel.id, topic_id=topic.id, subtopic_id=subtopic.id, easy=2, medium=2, hard=2
            )
        )
        for offset in range(min(per_panel, len(cv_ids))):
            cv_id = cv_ids[(number * per_panel + offset) % len(cv_ids)]
            session.add(
                PanelCandidate(
                    panel_id=panel.id, candidate_id=cv_id, token=uuid.uuid4().hex, token_expires_at=panel.end_datetime
                )
            )
        session.flush()
