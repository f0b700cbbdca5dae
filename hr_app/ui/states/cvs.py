"""/cvs: the organization's CVs, adding one, importing a CSV, starting an interview."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid, NotFound
from hr_app.kit.limits import REMARK_MAX_LENGTH
from hr_app.models import AppUser, CvStatus, Role
from hr_app.schemas.records import CvRecord
from hr_app.services import accounts, bulk, cvs, scheduling
from hr_app.ui import format, paging, routes
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, register_page
from hr_app.ui.states.auth import AuthState

ALL = "all"
NONE = "none"
CV_FORM_FIELDS = ("name", "email", "phone_number", "job_title", "place", "district")
_ROW_ERROR = re.compile(r"rows\.(\d+)\.(\w+)")


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


@dataclasses.dataclass
class ImportLine:
    line: int = 0
    outcome: str = ""  # "added" or "problem"
    text: str = ""


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


@dataclasses.dataclass
class SlotLine:
    name: str = ""
    when: str = ""


def bulk_problems(error: Invalid, names: list[str]) -> list[str]:
    """A refused batch in plain words: "name: problem" per row, then the problems of the whole batch."""
    lines: list[str] = []
    rows: list[tuple[int, str]] = []
    for key, problems in error.field_errors.items():
        match = _ROW_ERROR.fullmatch(key)
        if match:
            position = int(match.group(1))
            name = names[position] if position < len(names) else f"Row {position + 1}"
            rows.append((position, f"{name}: {' '.join(problems)}"))
        else:
            lines.append(" ".join(problems))
    return [text for _, text in sorted(rows)] + lines


def first_problems(error: Invalid) -> dict[str, str]:
    return {field: " ".join(problems) for field, problems in error.field_errors.items()}


def import_lines(error: Invalid) -> list[ImportLine]:
    """Per-row problems of a refused CSV file, in line order."""
    by_line: dict[int, list[str]] = {}
    other: list[str] = []
    for key, problems in error.field_errors.items():
        match = _ROW_ERROR.fullmatch(key)
        if match:
            by_line.setdefault(int(match.group(1)), []).append(f"{match.group(2)}: {' '.join(problems)}")
        else:
            other.extend(problems)
    lines = [ImportLine(line=0, outcome="problem", text=text) for text in other]
    lines += [
        ImportLine(line=line, outcome="problem", text="; ".join(texts)) for line, texts in sorted(by_line.items())
    ]
    return lines


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
    users.sort(key=lambda user: (user.role != Role.INTERVIEWER.value, user.full_name.lower()))
    people = [Option(value=str(user.id), label=f"{user.full_name} · {user.job_role or user.role}") for user in users]
    return CvLists(rows=rows, job_titles=job_titles, people=people)


def imported_lines(session: Session, actor: AppUser, content: bytes) -> list[ImportLine]:
    """Import a CSV file (all rows or none); one line per CV added, numbered as in the file (after its header)."""
    records = cvs.import_cvs_csv(session, actor=actor, content=content)
    return [
        ImportLine(line=number, outcome="added", text=f"{record.cv.name} <{record.cv.email}>")
        for number, record in enumerate(records, start=2)
    ]


def started_interview(
    session: Session, actor: AppUser, candidate_id: str, scheduled_at: datetime, interviewer_id: int | None
) -> tuple[str, list[str]]:
    """Start one interview; its id and the interviewer's clashes (warnings, never a refusal)."""
    started = scheduling.start_interview(
        session, actor=actor, candidate_id=candidate_id, scheduled_at=scheduled_at, interviewer_id=interviewer_id
    )
    return str(started.record.interview.id), list(started.warnings)


def bulk_started(
    session: Session, actor: AppUser, candidate_ids: list[str], interviewer_id: int, first_slot: datetime
) -> tuple[int, list[str]]:
    """Start one interview per CV, a step apart; how many started and the clashes found."""
    started = bulk.bulk_start(
        session, actor=actor, candidate_ids=candidate_ids, interviewer_id=interviewer_id, first_slot=first_slot
    )
    return len(started.records), list(started.warnings)


def first_free_slot() -> datetime:
    """The quarter hour at least 15 minutes from now: the default time in the start dialogs."""
    soon = (datetime.now(UTC) + timedelta(minutes=30)).replace(second=0, microsecond=0)
    return soon - timedelta(minutes=soon.minute % 15)


class CvsState(AuthState):
    """Every CV is held in `_rows` (backend only, never sent); the browser gets one page of the filtered rows,
    the counts per status over all of them, and the selection (ids, across pages)."""

    _rows: list[CvRow] = []
    _shown: list[CvRow] = []  # the rows the search and filters keep: every page
    page_rows: list[CvRow] = []
    page: int = 0
    shown_total: int = 0
    total_count: int = 0
    status_counts: dict[str, int] = {status.value: 0 for status in CvStatus}
    job_titles: list[Option] = []
    people: list[Option] = []
    loaded: bool = False

    search: str = ""
    status_filter: str = ALL
    job_filter: str = ALL

    add_open: bool = False
    add_errors: dict[str, str] = {}
    add_job_title: str = NONE
    adding: bool = False

    import_open: bool = False
    importing: bool = False
    import_progress: int = 0
    import_message: str = ""
    import_ok: bool = False
    import_lines: list[ImportLine] = []

    start_open: bool = False
    start_cv_id: str = ""
    start_cv_name: str = ""
    start_when: str = ""
    start_interviewer: str = NONE
    start_error: str = ""
    start_when_error: str = ""
    start_interviewer_error: str = ""
    start_warnings: list[str] = []  # the interviewer's clashes with the interview just started (never blocks)
    starting: bool = False
    last_started_url: str = ""

    delete_open: bool = False
    delete_id: str = ""
    delete_name: str = ""

    selected_ids: list[str] = []  # bulk actions: the ticked CVs, in the order they were ticked
    bulk_start_open: bool = False
    bulk_reject_open: bool = False
    bulk_when: str = ""
    bulk_interviewer: str = NONE
    bulk_remark: str = ""
    bulk_preview: list[SlotLine] = []
    bulk_errors: list[str] = []
    bulk_busy: bool = False

    # --- derived ------------------------------------------------------------------------------------

    @rx.var
    def page_label(self) -> str:
        return paging.page_label(self.page, self.shown_total)

    @rx.var
    def has_previous_page(self) -> bool:
        return self.page > 0

    @rx.var
    def has_next_page(self) -> bool:
        return self.page < paging.last_page(self.shown_total)

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
        self.shown_total = len(self._shown)
        self.page = paging.clamp_page(self.page, self.shown_total)
        self.page_rows = paging.page_of(self._shown, self.page)

    def _count(self) -> None:
        counts = {status.value: 0 for status in CvStatus}
        for row in self._rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        if counts != self.status_counts:
            self.status_counts = counts
        self.total_count = len(self._rows)

    @rx.var
    def selected_count(self) -> int:
        return len(self.selected_ids)

    @rx.var
    def all_visible_selected(self) -> bool:
        """Every CV of the page shown is ticked."""
        chosen = set(self.selected_ids)
        return bool(self.page_rows) and all(row.id in chosen for row in self.page_rows)

    @rx.var
    def bulk_remark_length(self) -> int:
        return len(self.bulk_remark)

    # --- loading ------------------------------------------------------------------------------------

    async def _reload(self) -> None:
        """Read the lists again (off the loop) and show them."""
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

    # --- filters ------------------------------------------------------------------------------------

    @rx.event
    def set_search(self, value: str) -> None:
        self.search = value
        self.page = 0
        self._apply()

    @rx.event
    def set_status_filter(self, value: str) -> None:
        self.status_filter = value
        self.page = 0
        self._apply()

    @rx.event
    def set_job_filter(self, value: str) -> None:
        self.job_filter = value
        self.page = 0
        self._apply()

    @rx.event
    def clear_filters(self) -> None:
        self.search, self.status_filter, self.job_filter = "", ALL, ALL
        self.page = 0
        self._apply()

    @rx.event
    def previous_page(self) -> None:
        self.page -= 1
        self._apply()

    @rx.event
    def next_page(self) -> None:
        self.page += 1
        self._apply()

    # --- add a CV -----------------------------------------------------------------------------------

    @rx.event
    def set_add_open(self, value: bool) -> None:
        self.add_open = value
        if value:
            self.add_errors = {}
            self.add_job_title = NONE

    @rx.event
    def set_add_job_title(self, value: str) -> None:
        self.add_job_title = value

    @rx.event
    async def add_cv(self, form_data: dict[str, str]) -> AsyncIterator[rx.event.EventSpec | None]:
        values = {field: (form_data.get(field) or "").strip() for field in CV_FORM_FIELDS if field != "job_title"}
        values["job_title"] = "" if self.add_job_title == NONE else self.add_job_title
        self.adding = True
        yield
        try:
            name = await self._as_actor(
                lambda session, actor: cvs.create_cv(session, actor=actor, values=values).cv.name
            )
        except Invalid as error:
            self.add_errors = first_problems(error)
            self.adding = False
            return
        except DomainError as error:
            self.adding = False
            yield self._handle_domain_error(error)
            return
        self.adding = False
        self.add_open = False
        self.add_errors = {}
        await self._reload()
        yield rx.toast.success(f"{name} added")

    # --- CSV import ---------------------------------------------------------------------------------

    @rx.event
    def set_import_open(self, value: bool) -> None:
        self.import_open = value
        if value:
            self.import_message, self.import_lines, self.import_ok, self.import_progress = "", [], False, 0

    @rx.event
    def on_import_progress(self, progress: dict) -> None:
        self.importing = True
        self.import_progress = round(float(progress.get("progress", 0)) * 100)

    @rx.event
    async def import_csv(self, files: list[rx.UploadFile]) -> AsyncIterator[rx.event.EventSpec | None]:
        self.import_lines, self.import_message, self.import_ok = [], "", False
        if not files:
            self.import_message = "Choose a CSV file first."
            return
        content = await files[0].read()
        self.importing = True
        yield
        try:
            added = await self._as_actor(lambda session, actor: imported_lines(session, actor, content))
        except Invalid as error:
            self.importing = False
            self.import_lines = import_lines(error)
            self.import_message = "Nothing was imported. Fix the rows below and import the file again."
            return
        except DomainError as error:
            self.importing = False
            yield self._handle_domain_error(error)
            return
        self.importing = False
        self.import_ok = True
        self.import_lines = added
        self.import_message = f"Imported {len(added)} CV{'s' if len(added) != 1 else ''}."
        await self._reload()
        yield rx.clear_selected_files("cv-csv")

    # --- start an interview -------------------------------------------------------------------------

    @rx.event
    def open_start(self, cv_id: str, cv_name: str) -> None:
        self.start_cv_id, self.start_cv_name = cv_id, cv_name
        self.start_when = format.local_input_value(first_free_slot(), self.tz_offset)
        self.start_interviewer = NONE
        self.start_error = self.start_when_error = self.start_interviewer_error = ""
        self.start_open = True

    @rx.event
    def set_start_open(self, value: bool) -> None:
        self.start_open = value

    @rx.event
    def set_start_when(self, value: str) -> None:
        self.start_when = value
        self.start_when_error = ""

    @rx.event
    def set_start_interviewer(self, value: str) -> None:
        self.start_interviewer = value
        self.start_interviewer_error = ""

    @rx.event
    async def start_interview(self, _form_data: dict | None = None) -> AsyncIterator[rx.event.EventSpec | None]:
        self.start_error = self.start_when_error = self.start_interviewer_error = ""
        scheduled = format.from_local_input(self.start_when, self.tz_offset)
        if scheduled is None:
            self.start_when_error = "Pick a date and a time."
            return
        interviewer_id = None if self.start_interviewer == NONE else int(self.start_interviewer)
        candidate_id = self.start_cv_id
        self.starting = True
        yield
        try:
            interview_id, warnings = await self._as_actor(
                lambda session, actor: started_interview(session, actor, candidate_id, scheduled, interviewer_id)
            )
        except Invalid as error:
            problems = first_problems(error)
            self.start_interviewer_error = problems.pop("interviewer_id", "")
            self.start_when_error = problems.pop("scheduled_at", "")
            self.start_error = " ".join(problems.values())
            self.starting = False
            return
        except NotFound:
            self.start_error = "This CV no longer exists. Close this dialog; the list has been refreshed."
            self.starting = False
            await self._reload()
            return
        except DomainError as error:
            self.starting = False
            yield self._handle_domain_error(error)
            return
        self.starting = False
        self.start_open = False
        self.last_started_url = routes.interview_url(interview_id)
        await self._reload()
        self.start_warnings = warnings
        yield rx.toast.success(f"Interview started for {self.start_cv_name}. It is on the Ongoing board.")
        for warning in warnings:
            yield rx.toast.warning(warning, duration=10000)

    # --- delete a CV --------------------------------------------------------------------------------

    @rx.event
    def ask_delete(self, cv_id: str, name: str) -> None:
        self.delete_id, self.delete_name, self.delete_open = cv_id, name, True

    @rx.event
    def set_delete_open(self, value: bool) -> None:
        self.delete_open = value

    @rx.event
    async def delete_cv(self) -> rx.event.EventSpec:
        self.delete_open = False
        cv_id = self.delete_id
        try:
            await self._as_actor(lambda session, actor: cvs.delete_cv(session, actor=actor, cv_id=cv_id))
        except DomainError as error:
            return rx.toast.error(
                error.details if isinstance(error.details, str) else error.message, id="delete-cv-error"
            )
        await self._reload()
        return rx.toast.success(f"{self.delete_name} deleted")

    # --- bulk actions -------------------------------------------------------------------------------

    def _selected_names(self) -> list[str]:
        names = {row.id: row.name for row in self._rows}
        return [names.get(cv_id, cv_id) for cv_id in self.selected_ids]

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

    def _update_preview(self) -> None:
        first = format.from_local_input(self.bulk_when, self.tz_offset)
        if first is None:
            self.bulk_preview = []
            return
        step = timedelta(minutes=bulk.DEFAULT_STEP_MINUTES)
        self.bulk_preview = [
            SlotLine(name=name, when=format.local_time(first + step * position, self.tz_offset))
            for position, name in enumerate(self._selected_names())
        ]

    @rx.event
    def open_bulk_start(self) -> None:
        self.bulk_when = format.local_input_value(first_free_slot(), self.tz_offset)
        self.bulk_interviewer = NONE
        self.bulk_errors = []
        self._update_preview()
        self.bulk_start_open = True

    @rx.event
    def set_bulk_start_open(self, value: bool) -> None:
        self.bulk_start_open = value

    @rx.event
    def set_bulk_when(self, value: str) -> None:
        self.bulk_when = value
        self.bulk_errors = []
        self._update_preview()

    @rx.event
    def set_bulk_interviewer(self, value: str) -> None:
        self.bulk_interviewer = value
        self.bulk_errors = []

    @rx.event
    async def bulk_start_interviews(self, _form_data: dict | None = None) -> AsyncIterator[rx.event.EventSpec | None]:
        self.bulk_errors = []
        if not self.selected_ids:
            self.bulk_errors = ["Select at least one CV."]
            return
        first = format.from_local_input(self.bulk_when, self.tz_offset)
        if first is None:
            self.bulk_errors = ["Pick the date and time of the first interview."]
            return
        if self.bulk_interviewer == NONE:
            self.bulk_errors = ["Pick an interviewer."]
            return
        names = self._selected_names()
        candidate_ids, interviewer_id = list(self.selected_ids), int(self.bulk_interviewer)
        self.bulk_busy = True
        yield
        try:
            count, warnings = await self._as_actor(
                lambda session, actor: bulk_started(session, actor, candidate_ids, interviewer_id, first)
            )
        except Invalid as error:
            self.bulk_errors = bulk_problems(error, names)
            self.bulk_busy = False
            return
        except DomainError as error:
            self.bulk_busy = False
            if isinstance(error, NotFound):
                self.bulk_errors = [error.details if isinstance(error.details, str) else error.message]
                return
            yield self._handle_domain_error(error)
            return
        self.bulk_busy = False
        self.bulk_start_open = False
        self.selected_ids = []
        await self._reload()
        yield rx.toast.success(f"Started {count} interview{'s' if count != 1 else ''}. They are on the Ongoing board.")
        for warning in warnings:
            yield rx.toast.warning(warning, duration=10000)

    @rx.event
    def open_bulk_reject(self) -> None:
        self.bulk_remark = ""
        self.bulk_errors = []
        self.bulk_reject_open = True

    @rx.event
    def set_bulk_reject_open(self, value: bool) -> None:
        self.bulk_reject_open = value

    @rx.event
    def set_bulk_remark(self, value: str) -> None:
        self.bulk_remark = value[:REMARK_MAX_LENGTH]
        self.bulk_errors = []

    @rx.event
    async def bulk_reject_cvs(self, _form_data: dict | None = None) -> AsyncIterator[rx.event.EventSpec | None]:
        self.bulk_errors = []
        if not self.selected_ids:
            self.bulk_errors = ["Select at least one CV."]
            return
        names = self._selected_names()
        candidate_ids, remark = list(self.selected_ids), self.bulk_remark
        self.bulk_busy = True
        yield
        try:
            count = await self._as_actor(
                lambda session, actor: len(
                    bulk.bulk_reject(session, actor=actor, candidate_ids=candidate_ids, remark=remark)
                )
            )
        except Invalid as error:
            self.bulk_errors = bulk_problems(error, names)
            self.bulk_busy = False
            return
        except DomainError as error:
            self.bulk_busy = False
            yield self._handle_domain_error(error)
            return
        self.bulk_busy = False
        self.bulk_reject_open = False
        self.selected_ids = []
        await self._reload()
        yield rx.toast.success(f"Rejected {count} CV{'s' if count != 1 else ''}.")


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
