"""Helpers shared by the interview-management tests: rows, audio files and envelopes."""

from __future__ import annotations

import io
import wave
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from hr_app.models import AppUser, CvStatus, Evaluation, Interview, InterviewInterviewer, Organization, Role, UserCvData
from tests.factories import create_cv, create_user

IM = "/api/interview-management"
NOT_FOUND_INTERVIEW = {
    "success": False,
    "message": "Interview not found",
    "error": "NOT_FOUND",
    "details": "The requested interview does not exist",
}
FORBIDDEN = {
    "success": False,
    "message": "You do not have permission to perform this action.",
    "error": "FORBIDDEN",
    "details": "Only admin or hr users can do this.",
}
UNAUTHORIZED = {
    "success": False,
    "message": "Authentication credentials were not provided.",
    "error": "UNAUTHORIZED",
    "details": "Provide a Bearer token.",
}
FULL_EVALUATION = {
    "appearance": 8,
    "knowledge": 9,
    "confidence": 7,
    "attitude": 8,
    "communication": 9,
    "languages": "English, Malayalam, Hindi",
    "expected_salary": "50000.00",
    "experience": "5 years in backend development with Python and Django",
    "remark": "Excellent candidate with strong technical skills",
}


def validation_error(details: Any, message: str = "Invalid data provided") -> dict[str, Any]:
    return {"success": False, "message": message, "error": "VALIDATION_ERROR", "details": details}


def make_interview(
    db: Session,
    org: Organization,
    *,
    cv: UserCvData | None = None,
    interviewer: AppUser | None = None,
    status: str = "pending",
    cv_status: str = CvStatus.ONGOING,
    created_at: datetime | None = None,
    **evaluation: Any,
) -> Interview:
    """An interview as start-interview leaves it (plus any evaluation fields given)."""
    cv = cv or create_cv(db, org)
    cv.status = cv_status
    db.add(cv)
    created = created_at or datetime.now(UTC)
    interview = Interview(
        organization_id=org.id,
        candidate_id=cv.id,
        interviewer_id=interviewer.id if interviewer else None,
        scheduled_at=datetime(2025, 11, 15, 10, 0, tzinfo=UTC),
        status=status,
        created_at=created,
        updated_at=created,
    )
    db.add(interview)
    db.flush()
    db.add(Evaluation(interview_id=interview.id, interviewer_id=interview.interviewer_id, **evaluation))
    db.commit()
    return interview


def interview_row(db: Session, interview_id: Any) -> Interview | None:
    db.expire_all()
    return db.get(Interview, interview_id)


def evaluation_row(db: Session, interview_id: Any) -> Evaluation | None:
    db.expire_all()
    return db.exec(select(Evaluation).where(Evaluation.interview_id == interview_id)).first()


def cv_row(db: Session, cv_id: Any) -> UserCvData:
    db.expire_all()
    cv = db.get(UserCvData, cv_id)
    assert cv is not None
    return cv


def parse_utc(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def recent(value: str, seconds: int = 60) -> bool:
    return abs(datetime.now(UTC) - parse_utc(value)) < timedelta(seconds=seconds)


# --- audio ------------------------------------------------------------------------------------------


def wav_bytes(frames: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x01" * frames)
    return buffer.getvalue()


def mp3_bytes() -> bytes:
    """An ID3v2 header followed by one MPEG-1 Layer III frame header and silence."""
    id3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"
    return id3 + b"\xff\xfb\x90\x64" + b"\x00" * 413


def m4a_bytes() -> bytes:
    return b"\x00\x00\x00\x20ftypM4A \x00\x00\x02\x00M4A mp42isom\x00\x00\x00\x00" + b"\x00" * 64


def make_team_interview(db: Session, org: Organization, *names: str, outsiders: int = 1) -> tuple[Any, ...]:
    """An interview and interviewers of the organization named `names`: the first leads, the next ones interview
    too, and the last `outsiders` are not on this interview. Returns (interview, *users) in that order."""
    users = [create_user(db, org, role=Role.INTERVIEWER, first_name=name) for name in names]
    lead, team = users[0], users[1 : len(users) - outsiders]
    interview = make_interview(db, org, interviewer=lead)
    db.add_all([InterviewInterviewer(interview_id=interview.id, user_id=user.id) for user in team])
    db.commit()
    return (interview, *users)
