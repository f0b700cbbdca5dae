"""/agenda: each interviewer's interviews of today and of one week (scheduling.agenda)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.kit.time import as_utc
from hr_app.models import AppUser
from hr_app.schemas.records import InterviewRecord
from hr_app.services import scheduling
from hr_app.ui import format, routes
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


def _item(record: InterviewRecord, tz_offset: format.Zone) -> AgendaItem:
    interview = record.interview
    local = as_utc(interview.scheduled_at).astimezone(format.tzinfo_of(tz_offset))
    return AgendaItem(
        id=str(interview.id),
        url=routes.interview_url(str(interview.id)),
        day=local.strftime("%a %d %b"),
        time=local.strftime("%H:%M"),
        candidate_name=record.candidate.name,
        job_title=record.job_title_name or "",
        status=interview.status,
    )


@dataclasses.dataclass(frozen=True)
class AgendaWeek:
    start: date
    label: str
    people: list[AgendaPerson]


def read_agenda(session: Session, actor: AppUser, week: str | None, tz_offset: format.Zone) -> AgendaWeek:
    agenda = scheduling.agenda(session, actor=actor, week=week)
    people = [
        AgendaPerson(
            key=str(row.interviewer.id) if row.interviewer else "unassigned",
            name=row.interviewer.full_name if row.interviewer else "Not assigned",
            today=[_item(record, tz_offset) for record in row.today],
            week=[_item(record, tz_offset) for record in row.week],
        )
        for row in agenda.rows
    ]
    return AgendaWeek(start=agenda.week_start, label=agenda.week_label, people=people)


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
    async def load(self) -> rx.event.EventSpec | None:
        if not self.is_authenticated:
            return None
        week = None
        if self.week_start:
            year, number, _ = date.fromisoformat(self.week_start).isocalendar()
            week = f"{year}-W{number:02d}"
        tz_offset = self.tz_offset
        try:
            agenda = await self._as_actor(lambda session, actor: read_agenda(session, actor, week, tz_offset))
        except DomainError as error:
            return self._handle_domain_error(error)
        self.people = agenda.people
        self.week_start = agenda.start.isoformat()
        self.week_label = agenda.label
        sunday = agenda.start + timedelta(days=6)
        self.range_label = f"{agenda.start:%d %b} to {sunday:%d %b %Y}"
        self.loaded = True
        return None

    async def _shift(self, days: int) -> rx.event.EventSpec | None:
        start = date.fromisoformat(self.week_start) if self.week_start else date.today()
        self.week_start = (start + timedelta(days=days)).isoformat()
        return await self.load()

    @rx.event
    async def previous_week(self) -> rx.event.EventSpec | None:
        return await self._shift(-7)

    @rx.event
    async def next_week(self) -> rx.event.EventSpec | None:
        return await self._shift(7)

    @rx.event
    async def this_week(self) -> rx.event.EventSpec | None:
        self.week_start = ""
        return await self.load()
