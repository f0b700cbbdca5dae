"""The hiring dashboard's figures, as plain data (dicts, lists, numbers) for the API and the UI.

Any member of the organization may read it. Five queries whatever the amount of data (one more
statement, plus the usual scoring, when a panel has just ended: panel reads close ended panels).
Weeks are ISO weeks in UTC. A panel candidate passes with points of at least the panel's `pass_mark`
per cent of its `total_number_of_questions` (exports.passed); the pass rate counts submitted sessions only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Float, and_, case, cast, func
from sqlmodel import Session, col, select

from hr_app.kit.access import organization_of
from hr_app.kit.time import utcnow
from hr_app.models import (
    RATING_FIELDS,
    AppUser,
    CvStatus,
    Evaluation,
    Interview,
    InterviewPanel,
    JobTitle,
    PanelCandidate,
    UserCvData,
    is_lead_scorecard,
)
from hr_app.services import panels
from hr_app.services.scheduling import parse_week

NO_JOB_TITLE = "No job title"


def _status_counts() -> dict[str, int]:
    return {status: 0 for status in CvStatus}


def _cvs(session: Session, organization_id: Any) -> tuple[dict[str, int], list[dict[str, Any]]]:
    rows = session.exec(
        select(JobTitle.id, JobTitle.name, UserCvData.status, func.count())
        .select_from(UserCvData)
        .outerjoin(JobTitle, col(JobTitle.id) == UserCvData.job_title_id)
        .where(UserCvData.organization_id == organization_id)
        .group_by(JobTitle.id, JobTitle.name, UserCvData.status)
    ).all()
    totals = _status_counts()
    by_title: dict[int | None, dict[str, Any]] = {}
    for title_id, title_name, status, count in rows:
        entry = by_title.setdefault(
            title_id,
            {"job_title_id": title_id, "job_title": title_name or NO_JOB_TITLE, **_status_counts(), "total": 0},
        )
        entry[status] += count
        entry["total"] += count
        totals[status] += count
    ordered = sorted(by_title.values(), key=lambda e: (e["job_title_id"] is None, e["job_title"].lower()))
    return totals, ordered


def _week(session: Session, organization_id: Any, monday: date) -> dict[str, Any]:
    start = datetime.combine(monday, time.min, tzinfo=UTC)
    scheduled = session.exec(
        select(Interview.scheduled_at, Interview.status).where(
            Interview.organization_id == organization_id,
            Interview.scheduled_at >= start,
            Interview.scheduled_at < start + timedelta(days=7),
        )
    ).all()
    days = {monday + timedelta(days=offset): 0 for offset in range(7)}
    statuses: dict[str, int] = {}
    for at, status in scheduled:
        days[at.astimezone(UTC).date()] += 1
        statuses[status] = statuses.get(status, 0) + 1
    year, week, _ = monday.isocalendar()
    return {
        "week": f"{year}-W{week:02d}",
        "start": monday.isoformat(),
        "total": len(scheduled),
        "by_status": {status: statuses.get(status, 0) for status in ("pending", "selected", "rejected")},
        "by_day": [{"date": day.isoformat(), "count": count} for day, count in days.items()],
    }


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    return float(Decimal(repr(round(value, 9))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _ratings(session: Session, organization_id: Any) -> list[dict[str, Any]]:
    """Per job title: the mean of the interviews' average ratings (each interview weighs the same)."""
    given = sum(case((col(getattr(Evaluation, name)).is_not(None), 1), else_=0) for name in RATING_FIELDS)
    total = sum(func.coalesce(getattr(Evaluation, name), 0) for name in RATING_FIELDS)
    per_interview = cast(total, Float) / func.nullif(given, 0)
    rows = session.exec(
        select(JobTitle.id, JobTitle.name, func.avg(per_interview), func.count(per_interview))
        .select_from(Interview)
        .join(Evaluation, is_lead_scorecard())
        .join(UserCvData, col(UserCvData.id) == Interview.candidate_id)
        .outerjoin(JobTitle, col(JobTitle.id) == UserCvData.job_title_id)
        .where(Interview.organization_id == organization_id)
        .group_by(JobTitle.id, JobTitle.name)
    ).all()
    result = [
        {
            "job_title_id": title_id,
            "job_title": name or NO_JOB_TITLE,
            "average_rating": _round(mean),
            "rated_interviews": count,
        }
        for title_id, name, mean, count in rows
        if count
    ]
    return sorted(result, key=lambda e: (e["job_title_id"] is None, e["job_title"].lower()))


def _panels(session: Session, organization_id: Any) -> list[dict[str, Any]]:
    submitted = col(PanelCandidate.submitted_at).is_not(None)
    passing = and_(
        submitted,
        # points to 2 decimals: x 100 is whole, rounded so SQLite's floating point cannot miss the mark by 1e-14
        func.round(PanelCandidate.points * 100) >= InterviewPanel.total_number_of_questions * InterviewPanel.pass_mark,
    )
    rows = session.exec(
        select(
            InterviewPanel.id,
            InterviewPanel.name,
            InterviewPanel.total_number_of_questions,
            InterviewPanel.is_active,
            func.count(PanelCandidate.id),
            func.sum(case((submitted, 1), else_=0)),
            func.sum(case((passing, 1), else_=0)),
        )
        .select_from(InterviewPanel)
        .outerjoin(PanelCandidate, col(PanelCandidate.panel_id) == InterviewPanel.id)
        .where(InterviewPanel.organization_id == organization_id, col(InterviewPanel.is_deleted).is_(False))
        .group_by(
            InterviewPanel.id, InterviewPanel.name, InterviewPanel.total_number_of_questions, InterviewPanel.is_active
        )
        .order_by(col(InterviewPanel.created_at).desc(), col(InterviewPanel.id).desc())
    ).all()
    return [
        {
            "panel_id": str(panel_id),
            "name": name,
            "questions": questions,
            "is_active": bool(active),
            "candidates": int(candidates),
            "submitted": int(done or 0),
            "passed": int(passed or 0),
            "pass_rate": round(100 * int(passed or 0) / int(done), 1) if done else None,
        }
        for panel_id, name, questions, active, candidates, done, passed in rows
    ]


def hiring_dashboard(session: Session, *, actor: AppUser, week: str | None = None) -> dict[str, Any]:
    """CV counts by status and by job title, one week's interviews, average ratings, panel pass rates."""
    organization_id = organization_of(actor)
    monday = parse_week(week, utcnow().date())
    panels.deactivate_ended(session, organization_id)
    by_status, by_job_title = _cvs(session, organization_id)
    return {
        "cvs_by_status": by_status,
        "cvs_by_job_title": by_job_title,
        "interviews_this_week": _week(session, organization_id, monday),
        "average_rating_by_job_title": _ratings(session, organization_id),
        "panel_pass_rates": _panels(session, organization_id),
    }
