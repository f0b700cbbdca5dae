"""/interviews: every interview, filtered by status and interviewer, sorted by date, exported as CSV."""

from __future__ import annotations

import csv
import dataclasses
import io

import reflex as rx

from hr_app.db import session_scope
from hr_app.services import interviews
from hr_app.services.errors import DomainError
from hr_app.services.evaluations import average_rating, has_data
from hr_app.services.interviews import InterviewRecord
from hr_app.ui import format, routes
from hr_app.ui.states.auth import AuthState

ALL = "all"
UNASSIGNED = "unassigned"
EXPORT_COLUMNS = (
    "candidate_name",
    "candidate_email",
    "job_title",
    "place",
    "interviewer_name",
    "scheduled_at",
    "status",
    "cv_status",
    "average",
)


@dataclasses.dataclass
class InterviewRow:
    id: str = ""
    url: str = ""
    candidate_name: str = ""
    candidate_email: str = ""
    job_title: str = ""
    place: str = ""
    interviewer_name: str = ""
    scheduled_at: str = ""
    scheduled_local: str = ""
    status: str = ""
    cv_status: str = ""
    has_evaluation: bool = False
    average: str = ""


def interview_row(record: InterviewRecord, tz_offset: int) -> InterviewRow:
    interview, cv = record.interview, record.candidate
    average = average_rating(record.evaluation)
    return InterviewRow(
        id=str(interview.id),
        url=routes.interview_url(str(interview.id)),
        candidate_name=cv.name,
        candidate_email=cv.email,
        job_title=record.job_title_name or "",
        place=cv.place,
        interviewer_name=record.interviewer.full_name if record.interviewer else "",
        scheduled_at=format.iso(interview.scheduled_at),
        scheduled_local=format.local_time(interview.scheduled_at, tz_offset),
        status=interview.status,
        cv_status=cv.status,
        has_evaluation=has_data(record.evaluation),
        average=format.average_label(average) if average is not None else "",
    )


def rows_as_csv(rows: list[InterviewRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([_safe_cell(getattr(row, column)) for column in EXPORT_COLUMNS])
    return buffer.getvalue()


def _safe_cell(value: object) -> str:
    """Neutralise spreadsheet formulas in user text (=, +, -, @ at the start)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


class InterviewsState(AuthState):
    rows: list[InterviewRow] = []
    loaded: bool = False
    status_filter: str = ALL
    interviewer_filter: str = ALL
    newest_first: bool = True

    @rx.var
    def interviewer_names(self) -> list[str]:
        return sorted({row.interviewer_name for row in self.rows if row.interviewer_name})

    @rx.var
    def visible_rows(self) -> list[InterviewRow]:
        chosen = [
            row
            for row in self.rows
            if (self.status_filter == ALL or row.status == self.status_filter)
            and (
                self.interviewer_filter == ALL
                or (self.interviewer_filter == UNASSIGNED and not row.interviewer_name)
                or row.interviewer_name == self.interviewer_filter
            )
        ]
        chosen.sort(key=lambda row: row.scheduled_at, reverse=self.newest_first)
        return chosen

    @rx.event
    def load(self):
        if not self.is_authenticated:
            return None
        try:
            with session_scope() as session:
                records = interviews.list_interviews(session, actor=self.actor(session))
                self.rows = [interview_row(record, self.tz_offset) for record in records]
        except DomainError as error:
            return self.handle_domain_error(error)
        self.loaded = True
        return None

    @rx.event
    def set_status_filter(self, value: str) -> None:
        self.status_filter = value

    @rx.event
    def set_interviewer_filter(self, value: str) -> None:
        self.interviewer_filter = value

    @rx.event
    def toggle_sort(self) -> None:
        self.newest_first = not self.newest_first

    @rx.event
    def export_csv(self):
        return rx.download(data=rows_as_csv(self.visible_rows), filename="interviews.csv", mime_type="text/csv")
