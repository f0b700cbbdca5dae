"""Seed the demo organization once. Running it again changes nothing."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from hr_app.demo import data
from hr_app.models import Category, JobTitle, Organization, Question, SubTopic, Topic, UserCvData
from hr_app.services import accounts


@dataclass
class SeedResult:
    created: bool
    password: str | None = None
    logins: list[tuple[str, str]] = field(default_factory=list)  # (email, role)


def seed_demo(session: Session, *, password: str | None = None) -> SeedResult:
    existing = session.exec(select(Organization).where(Organization.name == data.ORGANIZATION)).first()
    if existing is not None:
        return SeedResult(created=False, logins=[(email, role) for email, role, *_ in data.USERS])
    password = password or secrets.token_urlsafe(9)
    organization = accounts.create_organization(session, name=data.ORGANIZATION)
    for email, role, first_name, last_name, job_role in data.USERS:
        accounts.create_user(
            session,
            organization=organization,
            email=email,
            password=password,
            role=role,
            first_name=first_name,
            last_name=last_name,
            job_role=job_role,
        )
    job_titles = _seed_job_titles(session, organization)
    _seed_cvs(session, organization, job_titles)
    _seed_question_bank(session, organization)
    session.flush()
    _seed_panel(session, organization)
    return SeedResult(created=True, password=password, logins=[(email, role) for email, role, *_ in data.USERS])


def _seed_job_titles(session: Session, organization: Organization) -> dict[str, JobTitle]:
    titles = {name: JobTitle(organization_id=organization.id, name=name) for name in data.JOB_TITLES}
    session.add_all(titles.values())
    session.flush()
    return titles


def _seed_cvs(session: Session, organization: Organization, job_titles: dict[str, JobTitle]) -> None:
    for name, email, phone, title, place, district in data.CVS:
        session.add(
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


def _seed_panel(session: Session, organization: Organization) -> None:
    """A sample panel, created through the panel service once it exists."""
    try:
        from hr_app.services import panels
    except ImportError:
        return
    create = getattr(panels, "create_demo_panel", None)
    if create is not None:
        start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        create(session, organization=organization, start=start, end=start + timedelta(days=7))
