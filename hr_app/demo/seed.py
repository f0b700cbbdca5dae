"""Seed the demo organization once. Running it again changes nothing."""

from __future__ import annotations

import io
import secrets
import uuid
import wave
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from hr_app.demo import data
from hr_app.models import (
    AppUser,
    Category,
    InterviewPanel,
    JobTitle,
    Organization,
    PanelCandidate,
    Question,
    SubTopic,
    Topic,
    UserCvData,
)
from hr_app.schemas.panels import DistributionIn, PanelCreate, PanelView
from hr_app.services import accounts, evaluations, interview_mail, interviews, panel_sessions, panels


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
    panel = _seed_panel(session, organization, admin, cv_ids).panel
    _seed_interviews(session, admin, cv_ids[3:7])
    _seed_panel_results(session, panel)
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
                        correct_options=[correct],
                    )
                    for difficulty, text, options, correct in questions
                )


def _seed_panel(session: Session, organization: Organization, admin: AppUser, cv_ids: list[uuid.UUID]) -> PanelView:
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
    return panels.create_panel(session, actor=admin, data=body)


def _silent_wav(seconds: float = 1.0) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * int(8000 * seconds))
    return buffer.getvalue()


def _seed_interviews(session: Session, admin: AppUser, cv_ids: list[uuid.UUID]) -> None:
    """Interviews around now, so the board, agenda and dashboard open with something on them: one scored
    two hours ago with a voice note, one decided yesterday, one in half an hour, one tomorrow."""
    interviewers = session.exec(
        select(AppUser)
        .where(AppUser.organization_id == admin.organization_id, AppUser.role == "interviewer")
        .order_by(AppUser.id)
    ).all()
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    when = [now - timedelta(hours=2), now - timedelta(days=1), now + timedelta(minutes=30), now + timedelta(days=1)]
    records = [
        interviews.start_interview(
            session, actor=admin, candidate_id=cv_id, scheduled_at=at, interviewer_id=interviewers[i % 2].id
        )
        for i, (cv_id, at) in enumerate(zip(cv_ids, when, strict=True))
    ]
    for record in records:  # the outbox shows what these starts would have sent (the panel's links are queued too)
        interview_mail.queue_invitations(session, record)
    scored = dict(data.DEMO_EVALUATION)
    evaluations.save_evaluation(
        session,
        actor=interviewers[0],
        interview_id=records[0].interview.id,
        data=scored,
        voice_note=evaluations.AudioUpload(file=io.BytesIO(_silent_wav()), filename="notes.wav"),
    )
    evaluations.save_evaluation(session, actor=interviewers[1], interview_id=records[1].interview.id, data=scored)
    interviews.update_status(
        session, actor=admin, interview_id=records[1].interview.id, status="selected", remark="Strong on the basics."
    )


def _seed_panel_results(session: Session, panel: InterviewPanel) -> None:
    """Two of the panel's candidates have submitted: one with every answer right, one with half."""
    candidates = session.exec(
        select(PanelCandidate).where(PanelCandidate.panel_id == panel.id).order_by(PanelCandidate.id)
    ).all()
    for candidate, share in zip(candidates[:2], (1.0, 0.5), strict=False):
        drawn = panel_sessions.save_answers(session, token=candidate.token, answers={})
        right = int(len(drawn) * share)
        answers = {
            item.question.id: item.question.correct_option if n < right else (item.question.correct_option + 1) % 2
            for n, item in enumerate(drawn)
        }
        panel_sessions.submit(session, token=candidate.token, answers=answers)
