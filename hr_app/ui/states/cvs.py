"""/cvs: the organization's CVs, searched, filtered, a page at a time, and ticked for bulk actions; live.

The page's dialogs (add, CSV import, start, delete, bulk start, bulk reject) are substates of CvsState,
each next to its component in hr_app/ui/components/cv_*.py: they read the lists from here and reload them.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser, CvStatus, Role
from hr_app.schemas.records import CvRecord
from hr_app.services import accounts, cvs
from hr_app.ui import routes
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, register_page
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.paged import PagedList

ALL = "all"
NONE = "none"


@dataclasses.dataclass
class CvRow:
    id: str = ""
    name: str = ""
    email: str = ""
    phone_number: str = ""
    job_title: str = ""
    job_title_id: str = ""
    place: str = ""
    district: str = ""
    status: str = ""


@dataclasses.dataclass
class Option:
    value: str = ""
    label: str = ""


def _row(record: CvRecord) -> CvRow:
    cv = record.cv
    return CvRow(
        id=str(cv.id),
        name=cv.name,
        email=cv.email,
        phone_number=cv.phone_number,
        job_title=record.job_title_name or "",
        job_title_id=str(cv.job_title_id or ""),
        place=cv.place,
        district=cv.district,
        status=cv.status,
    )


def first_problems(error: Invalid) -> dict[str, str]:
    return {field: " ".join(problems) for field, problems in error.field_errors.items()}


@dataclasses.dataclass(frozen=True)
class CvLists:
    """What the page reads: the same for every member of the organization. Rows are never changed in place."""

    rows: list[CvRow]
    job_titles: list[Option]
    people: list[Option]


def read_cv_lists(session: Session, actor: AppUser) -> CvLists:
    rows = [_row(record) for record in cvs.list_cvs(session, actor=actor)]
    job_titles = [Option(value=str(title.id), label=title.name) for title in cvs.list_job_titles(session, actor=actor)]
    users = accounts.list_users(session, actor=actor)
    users.sort(key=lambda user: (user.role != Role.INTERVIEWER, user.full_name.lower()))
    people = [Option(value=str(user.id), label=f"{user.full_name} · {user.job_role or user.role}") for user in users]
    return CvLists(rows=rows, job_titles=job_titles, people=people)


def first_free_slot() -> datetime:
    """The quarter hour at least 15 minutes from now: the default time in the start dialogs."""
    soon = (datetime.now(UTC) + timedelta(minutes=30)).replace(second=0, microsecond=0)
    return soon - timedelta(minutes=soon.minute % 15)


class CvsState(PagedList, AuthState):
    """Every CV is held in `_rows` (backend only, never sent); the browser gets one page of the filtered rows,
    the counts per status over all of them, and the selection (ids, across pages)."""

    _rows: list[CvRow] = []
    _shown: list[CvRow] = []  # the rows the search and filters keep: every page
    page_rows: list[CvRow] = []
    total_count: int = 0
    status_counts: dict[str, int] = {status: 0 for status in CvStatus}
    job_titles: list[Option] = []
    people: list[Option] = []
    loaded: bool = False

    search: str = ""
    status_filter: str = ALL
    job_filter: str = ALL

    selected_ids: list[str] = []  # bulk actions: the ticked CVs, in the order they were ticked

    # --- derived ------------------------------------------------------------------------------------

    @rx.var
    def selected_count(self) -> int:
        return len(self.selected_ids)

    @rx.var
    def all_visible_selected(self) -> bool:
        """Every CV of the page shown is ticked."""
        chosen = set(self.selected_ids)
        return bool(self.page_rows) and all(row.id in chosen for row in self.page_rows)

    def _matches(self, row: CvRow, needle: str) -> bool:
        if self.status_filter != ALL and row.status != self.status_filter:
            return False
        if self.job_filter != ALL and row.job_title_id != self.job_filter:
            return False
        return not needle or needle in f"{row.name} {row.email} {row.phone_number} {row.place}".lower()

    def _apply(self) -> None:
        """Search and filter every row, then expose the current page only."""
        needle = self.search.strip().lower()
        self._shown = [row for row in self._rows if self._matches(row, needle)]
        self.page_rows = self._page_of(self._shown)

    def _count(self) -> None:
        counts = {status: 0 for status in CvStatus}
        for row in self._rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        if counts != self.status_counts:
            self.status_counts = counts
        self.total_count = len(self._rows)

    def _selected_names(self) -> list[str]:
        names = {row.id: row.name for row in self._rows}
        return [names.get(cv_id, cv_id) for cv_id in self.selected_ids]

    # --- loading ------------------------------------------------------------------------------------

    async def _reload(self) -> None:
        """Read the lists again (off the loop) and show them: what every dialog does after a change."""
        self._show(await self._as_actor(read_cv_lists))

    def _show(self, lists: CvLists) -> None:
        self._rows, self.job_titles, self.people = list(lists.rows), list(lists.job_titles), list(lists.people)
        present = {row.id for row in self._rows}
        if any(cv_id not in present for cv_id in self.selected_ids):
            self.selected_ids = [cv_id for cv_id in self.selected_ids if cv_id in present]
        self._count()
        self._apply()
        self.loaded = True

    async def _refresh_from_push(self, push: Push) -> bool:
        """A change made elsewhere (another tab, the API): the rows follow (read once per push for all the
        organization's CV tabs); search, filters, page, selection and dialogs stay."""
        lists = await push.shared(self.auth_token, "cv-lists", read_cv_lists)
        if lists is None:
            return False
        if self.loaded:
            self._show(lists)
        return True

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        if not self.is_authenticated:
            return None
        try:
            await self._reload()
        except DomainError as error:
            return self._handle_domain_error(error)
        return None

    # --- filters, pages, selection ------------------------------------------------------------------

    def _refilter(self) -> None:
        self.page = 0
        self._apply()

    @rx.event
    def set_search(self, value: str) -> None:
        self.search = value
        self._refilter()

    @rx.event
    def set_status_filter(self, value: str) -> None:
        self.status_filter = value
        self._refilter()

    @rx.event
    def set_job_filter(self, value: str) -> None:
        self.job_filter = value
        self._refilter()

    @rx.event
    def clear_filters(self) -> None:
        self.search, self.status_filter, self.job_filter = "", ALL, ALL
        self._refilter()

    @rx.event
    def toggle_select(self, cv_id: str, checked: bool) -> None:
        if checked and cv_id not in self.selected_ids:
            self.selected_ids = [*self.selected_ids, cv_id]
        elif not checked and cv_id in self.selected_ids:
            self.selected_ids = [value for value in self.selected_ids if value != cv_id]

    @rx.event
    def toggle_select_all(self, checked: bool) -> None:
        """Tick or untick every CV of the page shown (ticked CVs on other pages or hidden by the filters stay)."""
        visible = [row.id for row in self.page_rows]
        if checked:
            self.selected_ids = [*self.selected_ids, *(cv_id for cv_id in visible if cv_id not in self.selected_ids)]
        else:
            hidden = set(visible)
            self.selected_ids = [cv_id for cv_id in self.selected_ids if cv_id not in hidden]

    @rx.event
    def clear_selection(self) -> None:
        self.selected_ids = []


# The CVs page follows CV statuses and counts.
CVS_PAGE = register_page(
    LivePage(
        state=CvsState,
        topics=BOARD_TOPICS,
        refresh=CvsState._refresh_from_push,
        tabs="cvs",
        route=lambda path: path.startswith(routes.CVS),
    )
)
