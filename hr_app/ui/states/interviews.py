"""/interviews: the organization's interviews, searched, filtered by status and interviewer, sorted by date, a page
at a time read in SQL (decision 105), exported as CSV; live (hr_app.ui.live re-reads the page after a change)."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.models import AppUser, InterviewStatus
from hr_app.services import ui_queries
from hr_app.services.interview_list import InterviewFilter
from hr_app.services.pagination import Listing, PageRequest
from hr_app.services.ui_queries import ListedInterview
from hr_app.ui import format, routes
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, on_page, register_page
from hr_app.ui.paging import PAGE_SIZE, clamp_page
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.paged import ALL, PagedList

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
    round_label: str = ""  # "Round 2" from a CV's second interview on


@dataclasses.dataclass
class Interviewer:
    value: str = ""
    label: str = ""


@dataclasses.dataclass(frozen=True)
class InterviewTotals:
    """What a live push reads once for every /interviews tab of the organization (PushBatch.shared)."""

    total: int
    interviewers: list[Interviewer]


@dataclasses.dataclass(frozen=True)
class InterviewPage:
    """One page of the interviews a filter keeps (decision 105), before the tab's time zone formats it."""

    listed: list[ListedInterview]
    page: int
    total: int


def read_totals(session: Session, actor: AppUser) -> InterviewTotals:
    total, people = ui_queries.interview_totals(session, actor=actor)
    return InterviewTotals(total, [Interviewer(value=str(user_id), label=name) for user_id, name in people])


def page_reader(matching: InterviewFilter, page: int | None) -> Callable[[Session, AppUser], InterviewPage]:
    """Reads page `page` (from 0; past the end: the last page) of the interviews `matching` keeps; None: all."""

    def read(session: Session, actor: AppUser) -> InterviewPage:
        def listing(number: int | None) -> Listing[ListedInterview]:
            request = None if number is None else PageRequest(number + 1, PAGE_SIZE)
            return ui_queries.interview_page(session, actor=actor, matching=matching, page=request)

        found = listing(page)
        shown = 0 if page is None else clamp_page(page, found.total)
        if page is not None and shown != page:
            found = listing(shown)
        return InterviewPage(list(found), shown, found.total)

    return read


def listed_row(listed: ListedInterview, tz_offset: format.Zone) -> InterviewRow:
    row = listed.row
    return InterviewRow(
        id=str(row.id),
        url=routes.interview_url(str(row.id)),
        candidate_name=row.candidate_name,
        candidate_email=row.candidate_email,
        job_title=row.job_title or "",
        place=row.place,
        interviewer_name=row.interviewer_name or "",
        scheduled_at=format.iso(row.scheduled_at),
        scheduled_local=format.local_time(row.scheduled_at, tz_offset),
        status=row.status,
        cv_status=row.cv_status,
        has_evaluation=row.has_evaluation,
        average=format.average_label(listed.average) if listed.average is not None else "",
        round_label=f"Round {row.round}" if row.round > 1 else "",
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


class InterviewsState(PagedList, AuthState):
    """One page of the interviews the search and filters keep, read in SQL (decision 105); the export reads
    every row they keep when asked, so no tab holds them."""

    page_rows: list[InterviewRow] = []
    interviewers: list[Interviewer] = []
    row_total: int = 0
    loaded: bool = False
    interviewer_filter: str = ALL
    newest_first: bool = True

    def _matching(self) -> InterviewFilter:
        status = None if self.status_filter == ALL else InterviewStatus(self.status_filter)
        chosen = self.interviewer_filter
        interviewer_id = int(chosen) if chosen.isdigit() else None
        return InterviewFilter(
            search=self.search,
            status=status,
            interviewer_id=interviewer_id,
            unassigned=chosen == UNASSIGNED,
            newest_first=self.newest_first,
        )

    def _show_page(self, shown: InterviewPage) -> None:
        self.page_rows = [listed_row(item, self.tz_offset) for item in shown.listed]
        self.page, self.shown_total = shown.page, shown.total

    def _show(self, totals: InterviewTotals) -> None:
        self.row_total = totals.total
        if totals.interviewers != self.interviewers:
            self.interviewers = list(totals.interviewers)
        self.loaded = True

    async def _read_page(self) -> None:
        self._show_page(await self._as_actor(page_reader(self._matching(), self.page)))

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        if not self.is_authenticated:
            return None
        try:
            self._show(await self._as_actor(read_totals))
            await self._read_page()
        except DomainError as error:
            return self._handle_domain_error(error)
        return None

    async def _refresh_from_push(self, push: Push) -> bool:
        """A change made elsewhere: the totals (once per push for the organization's tabs) and the page (once
        for the tabs showing the same page) follow; the filters, the sort and the page stay as they are."""
        totals = await push.shared(self.auth_token, "interview-totals", read_totals)
        if totals is None:
            return False
        if self.loaded:
            matching = self._matching()
            key = f"interview-page:{matching}:{self.page}"
            shown = await push.shared(self.auth_token, key, page_reader(matching, self.page))
            if shown is not None:
                self._show(totals)
                self._show_page(shown)
        return True

    @rx.event
    async def set_interviewer_filter(self, value: str) -> None:
        self.interviewer_filter = value
        await self._refilter()

    @rx.event
    async def toggle_sort(self) -> None:
        self.newest_first = not self.newest_first
        await self._refilter()

    @rx.event
    async def export_csv(self) -> rx.event.EventSpec:
        """Every row the filters keep, on every page: read now, never held."""
        every = await self._as_actor(page_reader(self._matching(), None))
        rows = [listed_row(item, self.tz_offset) for item in every.listed]
        return rx.download(data=rows_as_csv(rows), filename="interviews.csv", mime_type="text/csv")


# The interview list: its rows follow; filters, sort and page stay.
INTERVIEW_LIST_PAGE = register_page(
    LivePage(
        state=InterviewsState,
        topics=BOARD_TOPICS,
        refresh=InterviewsState._refresh_from_push,
        tabs="interview-list",
        route=lambda path: on_page(path, routes.INTERVIEWS),
    )
)
