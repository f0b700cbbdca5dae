"""/cvs: the organization's CVs, searched, filtered, a page at a time, and ticked for bulk actions; live.

The page's dialogs (add, CSV import, start, delete, bulk start, bulk reject) are substates of CvsState,
each next to its component in hr_app/ui/components/cv_*.py: they read the lists from here and reload them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser, CvStatus, Role
from hr_app.schemas.records import CvRecord
from hr_app.services import accounts, cv_list, cvs
from hr_app.services.cv_list import CvFilter
from hr_app.services.pagination import PageRequest
from hr_app.ui import routes
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, register_page
from hr_app.ui.paging import PAGE_SIZE, clamp_page
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.paged import ALL, PagedList

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
    """What the page reads on load and after a change: the same for every member of the organization."""

    counts: dict[str, int]
    job_titles: list[Option]
    people: list[Option]


@dataclasses.dataclass(frozen=True)
class CvPage:
    """One page of the CVs a filter keeps (decision 105): the page number read (kept inside the list) and the total."""

    rows: list[CvRow]
    page: int
    total: int


def read_cv_lists(session: Session, actor: AppUser) -> CvLists:
    job_titles = [Option(value=str(title.id), label=title.name) for title in cvs.list_job_titles(session, actor=actor)]
    users = accounts.list_users(session, actor=actor)
    users.sort(key=lambda user: (user.role != Role.INTERVIEWER, user.full_name.lower()))
    people = [Option(value=str(user.id), label=f"{user.full_name} · {user.job_role or user.role}") for user in users]
    return CvLists(counts=cv_list.status_counts(session, actor=actor), job_titles=job_titles, people=people)


def cv_page_reader(matching: CvFilter, page: int) -> Callable[[Session, AppUser], CvPage]:
    """Reads page `page` (from 0) of the CVs `matching` keeps; past the end (the list shrank): its last page."""

    def read(session: Session, actor: AppUser) -> CvPage:
        listing = cv_list.cv_page(session, actor=actor, matching=matching, page=PageRequest(page + 1, PAGE_SIZE))
        shown = clamp_page(page, listing.total)
        if shown != page:
            listing = cv_list.cv_page(session, actor=actor, matching=matching, page=PageRequest(shown + 1, PAGE_SIZE))
        return CvPage(rows=[_row(record) for record in listing], page=shown, total=listing.total)

    return read


def first_free_slot() -> datetime:
    """The quarter hour at least 15 minutes from now: the default time in the start dialogs."""
    soon = (datetime.now(UTC) + timedelta(minutes=30)).replace(second=0, microsecond=0)
    return soon - timedelta(minutes=soon.minute % 15)


class CvsState(PagedList, AuthState):
    """One page of the CVs the search and filters keep, read in SQL (decision 105); the counts per status over
    all of them; and the selection: CVs ticked by id, or every CV the filters keep (decision 106)."""

    page_rows: list[CvRow] = []
    total_count: int = 0
    status_counts: dict[str, int] = {status: 0 for status in CvStatus}
    job_titles: list[Option] = []
    people: list[Option] = []
    loaded: bool = False

    job_filter: str = ALL
    sort: str = cv_list.DEFAULT_SORT

    selected_ids: list[str] = []  # bulk actions: the ticked CVs, in the order they were ticked
    _picked_names: dict[str, str] = {}  # their names, for the dialogs' lines
    all_matching: bool = False  # every CV the filters keep is selected (none of their ids is held)

    # --- derived ------------------------------------------------------------------------------------

    @rx.var
    def selected_count(self) -> int:
        return self.shown_total if self.all_matching else len(self.selected_ids)

    @rx.var
    def all_visible_selected(self) -> bool:
        """Every CV of the page shown is ticked."""
        chosen = set(self.selected_ids)
        return bool(self.page_rows) and (self.all_matching or all(row.id in chosen for row in self.page_rows))

    @rx.var
    def can_select_all_matching(self) -> bool:
        """The page is ticked and more CVs than it shows match: offer "select all N matching"."""
        return self.all_visible_selected and not self.all_matching and self.shown_total > len(self.page_rows)

    @rx.var
    def select_all_label(self) -> str:
        return f"Select all {self.shown_total:,} matching"

    def _matching(self) -> CvFilter:
        status = None if self.status_filter == ALL else CvStatus(self.status_filter)
        job = int(self.job_filter) if self.job_filter not in (ALL, "") and self.job_filter.isdigit() else None
        return CvFilter(search=self.search, status=status, job_title_id=job, sort=self.sort)

    def _selected_names(self) -> list[str]:
        return [self._picked_names.get(cv_id, cv_id) for cv_id in self.selected_ids]

    # --- loading ------------------------------------------------------------------------------------

    async def _read_page(self) -> None:
        """Read the page being looked at (off the loop) and show it."""
        self._show_page(await self._as_actor(cv_page_reader(self._matching(), self.page)))

    def _show_page(self, shown: CvPage) -> None:
        self.page_rows, self.page, self.shown_total = shown.rows, shown.page, shown.total

    def _show(self, lists: CvLists) -> None:
        self.job_titles, self.people = list(lists.job_titles), list(lists.people)
        if lists.counts != self.status_counts:
            self.status_counts = dict(lists.counts)
        self.total_count = sum(lists.counts.values())
        self.loaded = True

    async def _reload(self) -> None:
        """Read the lists and the page again and show them: what every dialog does after a change."""
        self._show(await self._as_actor(read_cv_lists))
        await self._read_page()
        await self._prune_selection()

    async def _prune_selection(self) -> None:
        """A ticked CV deleted meanwhile (here or elsewhere) leaves the selection. One query, none without ticks."""
        ticked = list(self.selected_ids)
        if ticked:
            present = await self._as_actor(
                lambda session, actor: cv_list.existing_ids(session, actor=actor, ids=ticked)
            )
            if len(present) != len(ticked):
                self.selected_ids = [cv_id for cv_id in ticked if cv_id in present]

    async def _refresh_from_push(self, push: Push) -> bool:
        """A change made elsewhere (another tab, the API): the counts (read once per push for all the
        organization's CV tabs) and the page (once per push for the tabs showing the same page) follow;
        search, filters, page, selection and dialogs stay."""
        lists = await push.shared(self.auth_token, "cv-lists", read_cv_lists)
        if lists is None:
            return False
        if self.loaded:
            matching = self._matching()
            shown = await push.shared(
                self.auth_token, f"cv-page:{matching}:{self.page}", cv_page_reader(matching, self.page)
            )
            if shown is not None:
                self._show(lists)
                self._show_page(shown)
                await self._prune_selection()
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

    async def _refilter(self) -> None:
        self.all_matching = False  # "all matching" meant the filters as they were
        await super()._refilter()

    @rx.event
    async def set_job_filter(self, value: str) -> None:
        self.job_filter = value
        await self._refilter()

    @rx.event
    async def set_sort(self, value: str) -> None:
        self.sort = value if value in cv_list.SORTS else cv_list.DEFAULT_SORT
        await self._refilter()

    @rx.event
    async def clear_filters(self) -> None:
        self.search, self.status_filter, self.job_filter = "", ALL, ALL
        await self._refilter()

    def _pick(self, rows: list[CvRow]) -> None:
        self.selected_ids = [*self.selected_ids, *(row.id for row in rows if row.id not in self.selected_ids)]
        self._picked_names = {**self._picked_names, **{row.id: row.name for row in rows}}

    @rx.event
    def toggle_select(self, cv_id: str, checked: bool) -> None:
        if self.all_matching:  # unticking one of "all matching": the page's CVs stay ticked, by id
            self.all_matching = False
            self._pick(self.page_rows)
        if checked:
            self._pick([row for row in self.page_rows if row.id == cv_id] or [CvRow(id=cv_id, name=cv_id)])
        elif cv_id in self.selected_ids:
            self.selected_ids = [value for value in self.selected_ids if value != cv_id]

    @rx.event
    def toggle_select_all(self, checked: bool) -> None:
        """Tick or untick every CV of the page shown (ticked CVs on other pages or hidden by the filters stay)."""
        if checked:
            self._pick(self.page_rows)
            return
        self.all_matching = False
        hidden = {row.id for row in self.page_rows}
        self.selected_ids = [cv_id for cv_id in self.selected_ids if cv_id not in hidden]

    @rx.event
    def select_all_matching(self) -> None:
        """Every CV the filters keep, on every page: the bulk action asks the database for them (decision 106)."""
        self.all_matching, self.selected_ids, self._picked_names = True, [], {}

    @rx.event
    def clear_selection(self) -> None:
        self.all_matching, self.selected_ids, self._picked_names = False, [], {}


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
