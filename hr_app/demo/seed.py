"""Seed the demo organization once. Running it again changes nothing."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from hr_app.demo import data
from hr_app.models import AppUser, Category, JobTitle, Organization, Question, SubTopic, Topic, UserCvData
from hr_app.schemas.panels import DistributionIn, PanelCreate
from hr_app.services import accounts, panels


@dataclass
class SeedResult:
    created: bool
    logins: list[tuple[str, str, str | None]] = field(default_factory=list)  # (email, role, password)


def seed_demo(session: Session, *, password: str | None = None) -> SeedResult:
    """Each demo user gets its own generated password, unless the caller asks for one shared `password`."""
    existing = session.exec(select(Organization).where(Organization.name == data.ORGANIZATION)).first()
    if existing is not None:
        return SeedResult(created=False, logins=[(email, role, None) for email, role, *_ in data.USERS])
    passwords = {email: password or secrets.token_urlsafe(12) for email, *_ in data.USERS}
    organization = accounts.create_organization(session, name=data.ORGANIZATION)
    for email, role, first_name, last_name, job_role in data.USERS:
        accounts.create_user(
            session,
            organization=organization,
            email=email,
            password=passwords[email],
            role=role,
            first_name=first_name,
            last_name=last_name,
            job_role=job_role,
        )
    job_titles = _seed_job_titles(session, organization)
    cv_ids = _seed_cvs(session, organization, job_titles)
    _seed_question_bank(session, organization)
    session.flush()
    admin = session.exec(select(AppUser).where(AppUser.email == data.USERS[0][0])).one()
    _seed_panel(session, organization, admin, cv_ids)
    return SeedResult(created=True, logins=[(email, role, passwords[email]) for email, role, *_ in data.USERS])


def _seed_job_titles(session: Session, organization: Organization) -> dict[str, JobTitle]:
    titles = {name: JobTitle(organization_id=organization.id, name=name) for name in data.JOB_TITLES}
    session.add_all(titles.values())
    session.flush()
    return titles


def _seed_cvs(session: Session, organization: Organization, job_titles: dict[str, JobTitle]) -> list[uuid.UUID]:
    cvs = []
    for name, email, phone, title, place, district in data.CVS:
        cvs.append(
            UserCvData(
                organization_id=organization.id,
                name=name,
                email=email,
                phone_number=phone,
                job_title_id=job_titles[title].id,
                place=place,
                district=district,
            )
        )
    session.add_all(cvs)
    session.flush()
    return [cv.id for cv in cvs]


def _seed_question_bank(session: Session, organization: Organization) -> None:
    org_id = organization.id
    for category_name, topics in data.QUESTION_BANK.items():
        category = Category(organization_id=org_id, name=category_name)
        session.add(category)
        session.flush()
        for topic_name, subtopics in topics.items():
            topic = Topic(organization_id=org_id, category_id=category.id, name=topic_name)
            session.add(topic)
            session.flush()
            for subtopic_name, questions in subtopics.items():
                subtopic = SubTopic(organization_id=org_id, topic_id=topic.id, name=subtopic_name)
                session.add(subtopic)
                session.flush()
                session.add_all(
                    Question(
                        organization_id=org_id,
                        subtopic_id=subtopic.id,
                        difficulty=difficulty,
                        text=text,
                        options=options,
                        correct_option=correct,
                    )
                    for difficulty, text, options, correct in questions
                )


def _seed_panel(session: Session, organization: Organization, admin: AppUser, cv_ids: list[uuid.UUID]) -> None:
    """A sample panel through the panel service: Python / Data Structures, open for a week, three candidates."""
    category = session.exec(select(Category).where(Category.organization_id == organization.id)).first()
    topic = session.exec(select(Topic).where(Topic.category_id == category.id).order_by(Topic.name)).first()
    subtopics = session.exec(select(SubTopic).where(SubTopic.topic_id == topic.id).order_by(SubTopic.name)).all()
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    rows = [
        DistributionIn(topic_uuid=topic.id, subtopic_uuid=subtopic.id, easy=1, medium=1, hard=1)
        for subtopic in subtopics
    ]
    body = PanelCreate(
        name=data.PANEL_NAME,
        description="A sample panel: three questions on each of two subtopics, open for a week.",
        total_number_of_questions=sum(row.total for row in rows),
        start_datetime=start,
        end_datetime=start + timedelta(days=7),
        category_uuid=category.id,
        question_distributions=rows,
        candidate_uuids=cv_ids[:3],
    )
    panels.create_panel(session, actor=admin, data=body)
