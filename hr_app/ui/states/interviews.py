"""/interviews: every interview, filtered by status and interviewer, sorted by date, a page at a time, exported
as CSV; live (hr_app.ui.live re-reads the rows after a change made elsewhere)."""

from __future__ import annotations

import csv
import dataclasses
import io

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.models import AppUser
from hr_app.services import ui_queries
from hr_app.services.ui_queries import ListedInterview
from hr_app.ui import format, routes
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, on_page, register_page
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.paged import PagedList

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
    round_label: str = ""  # "Round 2" from a CV's second interview on


def shared_interview_list(session: Session, actor: AppUser) -> list[ListedInterview]:
    """The rows a live push reads once for every /interviews tab of the organization (PushBatch.shared)."""
    return ui_queries.interview_list(session, actor=actor)


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
    """Every interview is held in `_rows` (backend only); the browser gets one page of the filtered rows."""

    _rows: list[InterviewRow] = []
    _shown: list[InterviewRow] = []  # the filtered, sorted rows: every page (the CSV export)
    page_rows: list[InterviewRow] = []
    interviewer_names: list[str] = []
    row_total: int = 0
    loaded: bool = False
    status_filter: str = ALL
    interviewer_filter: str = ALL
    newest_first: bool = True

    def _matches(self, row: InterviewRow) -> bool:
        return (self.status_filter == ALL or row.status == self.status_filter) and (
            self.interviewer_filter == ALL
            or (self.interviewer_filter == UNASSIGNED and not row.interviewer_name)
            or row.interviewer_name == self.interviewer_filter
        )

    def _apply(self) -> None:
        """Filter and sort every row, then expose the current page only."""
        chosen = [row for row in self._rows if self._matches(row)]
        chosen.sort(key=lambda row: row.scheduled_at, reverse=self.newest_first)
        self._shown = chosen
        self.page_rows = self._page_of(chosen)

    async def _read_page(self) -> None:
        self._apply()

    def _show(self, listed: list[ListedInterview]) -> None:
        self._rows = [listed_row(item, self.tz_offset) for item in listed]
        self.row_total = len(self._rows)
        names = sorted({row.interviewer_name for row in self._rows if row.interviewer_name})
        if names != self.interviewer_names:
            self.interviewer_names = names
        self._apply()
        self.loaded = True

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        if not self.is_authenticated:
            return None
        try:
            listed = await self._as_actor(shared_interview_list)
        except DomainError as error:
            return self._handle_domain_error(error)
        self._show(listed)
        return None

    async def _refresh_from_push(self, push: Push) -> bool:
        """A change made elsewhere: the rows follow; the filters, the sort and the page stay as they are."""
        listed = await push.shared(self.auth_token, "interview-list", shared_interview_list)
        if listed is None:
            return False
        if self.loaded:
            self._show(listed)
        return True

    @rx.event
    def set_status_filter(self, value: str) -> None:
        self.status_filter = value
        self.page = 0
        self._apply()

    @rx.event
    def set_interviewer_filter(self, value: str) -> None:
        self.interviewer_filter = value
        self.page = 0
        self._apply()

    @rx.event
    def toggle_sort(self) -> None:
        self.newest_first = not self.newest_first
        self.page = 0
        self._apply()

    @rx.event
    def export_csv(self):
        """Every row the filters keep, on every page."""
        return rx.download(data=rows_as_csv(self._shown), filename="interviews.csv", mime_type="text/csv")


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
