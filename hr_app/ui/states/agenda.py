"""/agenda: each interviewer's interviews of today and of one week (scheduling.agenda)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, timedelta

import reflex as rx

from hr_app.db import session_scope
from hr_app.kit.errors import DomainError
from hr_app.schemas.records import InterviewRecord
from hr_app.services import scheduling
from hr_app.ui import routes
from hr_app.ui.states.auth import AuthState


@dataclasses.dataclass
class AgendaItem:
    id: str = ""
    url: str = ""
    day: str = ""
    time: str = ""
    candidate_name: str = ""
    job_title: str = ""
    status: str = ""


@dataclasses.dataclass
class AgendaPerson:
    key: str = ""
    name: str = ""
    today: list[AgendaItem] = dataclasses.field(default_factory=list)
    week: list[AgendaItem] = dataclasses.field(default_factory=list)


def _item(record: InterviewRecord, tz_offset: int) -> AgendaItem:
    interview = record.interview
    local = interview.scheduled_at.astimezone(UTC) - timedelta(minutes=tz_offset)  # the browser's zone
    return AgendaItem(
        id=str(interview.id),
        url=routes.interview_url(str(interview.id)),
        day=local.strftime("%a %d %b"),
        time=local.strftime("%H:%M"),
        candidate_name=record.candidate.name,
        job_title=record.job_title_name or "",
        status=interview.status,
    )


class AgendaState(AuthState):
    loaded: bool = False
    week_start: str = ""  # the Monday shown, ISO date; empty: this week
    week_label: str = ""
    range_label: str = ""
    people: list[AgendaPerson] = []

    @rx.var
    def week_total(self) -> int:
        return sum(len(person.week) for person in self.people)

    @rx.event
    def load(self):
        if not self.is_authenticated:
            return None
        week = None
        if self.week_start:
            year, number, _ = date.fromisoformat(self.week_start).isocalendar()
            week = f"{year}-W{number:02d}"
        try:
            with session_scope() as session:
                agenda = scheduling.agenda(session, actor=self._actor(session), week=week)
                self.people = [
                    AgendaPerson(
                        key=str(row.interviewer.id) if row.interviewer else "unassigned",
                        name=row.interviewer.full_name if row.interviewer else "Not assigned",
                        today=[_item(record, self.tz_offset) for record in row.today],
                        week=[_item(record, self.tz_offset) for record in row.week],
                    )
                    for row in agenda.rows
                ]
        except DomainError as error:
            return self._handle_domain_error(error)
        self.week_start = agenda.week_start.isoformat()
        self.week_label = agenda.week_label
        sunday = agenda.week_start + timedelta(days=6)
        self.range_label = f"{agenda.week_start:%d %b} to {sunday:%d %b %Y}"
        self.loaded = True
        return None

    def _shift(self, days: int):
        start = date.fromisoformat(self.week_start) if self.week_start else date.today()
        self.week_start = (start + timedelta(days=days)).isoformat()
        return self.load()

    @rx.event
    def previous_week(self):
        return self._shift(-7)

    @rx.event
    def next_week(self):
        return self._shift(7)

    @rx.event
    def this_week(self):
        self.week_start = ""
        return self.load()
