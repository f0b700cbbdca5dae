"""/panels, /panels/new and /panels/[panel_uuid]: list, create (distribution rows), detail, edit, delete."""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from datetime import UTC, datetime, timedelta

import reflex as rx
from pydantic import ValidationError
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Forbidden, Invalid, NotFound
from hr_app.models import AppUser, Difficulty
from hr_app.schemas.panels import PanelCreate, PanelView
from hr_app.services import cvs, panels, question_bank
from hr_app.ui import format, routes
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.dialogs import close_dialogs

LEVELS = tuple(Difficulty)
_row_keys = itertools.count(1)


@dataclasses.dataclass
class PanelRow:
    uuid: str = ""
    url: str = ""
    name: str = ""
    description: str = ""
    start_local: str = ""
    end_local: str = ""
    is_active: bool = False
    questions: int = 0
    candidates: int = 0


@dataclasses.dataclass
class Choice:
    value: str = ""
    label: str = ""


@dataclasses.dataclass
class DistRow:
    key: str = ""
    topic: str = ""
    subtopic: str = ""
    easy: int = 0
    medium: int = 0
    hard: int = 0
    available_easy: int = 0
    available_medium: int = 0
    available_hard: int = 0
    subtopics: list[Choice] = dataclasses.field(default_factory=list)
    problem: str = ""


@dataclasses.dataclass
class CandidateChoice:
    id: str = ""
    name: str = ""
    email: str = ""
    status: str = ""


@dataclasses.dataclass
class SessionLink:
    candidate_uuid: str = ""
    name: str = ""
    email: str = ""
    path: str = ""
    url: str = ""
    expires: str = ""
    score: int = 0
    opened: bool = False  # opened the session: the candidate stays on the panel with their answers


def panel_row(view: PanelView, tz_offset: format.Zone) -> PanelRow:
    panel = view.panel
    return PanelRow(
        uuid=str(panel.id),
        url=routes.panel_url(str(panel.id)),
        name=panel.name,
        description=panel.description or "",
        start_local=format.local_time(panel.start_datetime, tz_offset),
        end_local=format.local_time(panel.end_datetime, tz_offset),
        is_active=panel.is_active and panel.end_datetime > datetime.now(UTC),
        questions=panel.total_number_of_questions,
        candidates=len(view.candidates),
    )


def session_links(view: PanelView, tz_offset: format.Zone, origin: str = "") -> list[SessionLink]:
    return [
        SessionLink(
            candidate_uuid=str(cv.id),
            name=cv.name,
            email=cv.email,
            path=routes.session_url(candidate.token),
            url=origin + routes.session_url(candidate.token),
            expires=format.local_time(candidate.token_expires_at, tz_offset),
            score=candidate.score,
            opened=candidate.opened_at is not None,
        )
        for candidate, cv in view.candidates
    ]


def mismatch_words(total: int, target: int) -> str:
    if target <= 0:
        return "Set the number of questions."
    if total == target:
        return f"The rows add up to the target of {target} questions."
    if total < target:
        missing = target - total
        return f"{missing} question{'s' if missing != 1 else ''} short of the target of {target}."
    extra = total - target
    return f"{extra} question{'s' if extra != 1 else ''} over the target of {target}."


def validation_messages(error: ValidationError) -> dict[str, str]:
    messages: dict[str, str] = {}
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else "non_field_errors"
        messages.setdefault(field, problem["msg"].removeprefix("Value error, "))
    return messages


def _read_choices(session: Session, actor: AppUser) -> tuple[list[Choice], list[CandidateChoice]]:
    """The create form's category picker and candidate list (panel pages are for admin and hr only)."""
    panels.check_access(actor)
    categories = [Choice(str(c.id), c.name) for c in question_bank.list_categories(session, actor=actor)]
    candidates = [
        CandidateChoice(str(r.cv.id), r.cv.name, r.cv.email, r.cv.status) for r in cvs.list_cvs(session, actor=actor)
    ]
    return categories, candidates


CategoryTree = tuple[list[Choice], dict[str, list[Choice]], dict[str, dict[str, int]]]


def _read_category(session: Session, actor: AppUser, category_id: str) -> CategoryTree:
    """A category's topics, each topic's subtopics, and each subtopic's questions per level."""
    topics = question_bank.list_topics(session, actor=actor, category_id=uuid.UUID(category_id))
    subtopics_of: dict[str, list[Choice]] = {}
    available: dict[str, dict[str, int]] = {}
    for topic in topics:
        subtopics = question_bank.list_subtopics(session, actor=actor, topic_id=topic.id)
        subtopics_of[str(topic.id)] = [Choice(str(s.id), s.name) for s in subtopics]
        for subtopic in subtopics:
            available[str(subtopic.id)] = question_bank.availability(
                session, actor=actor, subtopic_id=subtopic.id
            ).model_dump()
    return [Choice(str(t.id), t.name) for t in topics], subtopics_of, available


def _leave_if_forbidden(error: DomainError) -> list[rx.event.EventSpec] | None:
    """Panel pages are for admin and hr: anyone else goes back to the dashboard, told why."""
    if isinstance(error, Forbidden):
        return [rx.redirect(routes.HOME), rx.toast.error(error.message)]
    return None


class PanelsState(AuthState):
    rows: list[PanelRow] = []
    loaded: bool = False

    @rx.event
    async def load(self):
        if not self.is_authenticated:
            return None
        try:
            views = await self._as_actor(lambda session, actor: panels.list_panels(session, actor=actor))
            self.rows = [panel_row(view, self.tz_offset) for view in views]
        except DomainError as error:
            return _leave_if_forbidden(error) or self._handle_domain_error(error)
        self.loaded = True
        return None


class PanelFormState(AuthState):
    """The create form. Inputs live in their own vars; nothing pushed from elsewhere touches them."""

    loaded: bool = False
    name: str = ""
    description: str = ""
    target: str = "10"
    start: str = ""
    end: str = ""
    time_limit: str = ""  # minutes; empty: no limit (the whole window)
    pass_mark: str = ""  # per cent; empty: the organization's default
    show_scores: bool = True
    shuffle: bool = True  # new panels from the UI shuffle per candidate (the API's default stays off)
    category: str = ""
    categories: list[Choice] = []
    topics: list[Choice] = []
    rows: list[DistRow] = []
    candidates: list[CandidateChoice] = []
    candidate_search: str = ""
    chosen: list[str] = []
    errors: dict[str, str] = {}
    creating: bool = False
    created_name: str = ""
    created_url: str = ""
    links: list[SessionLink] = []

    _subtopics: dict[str, list[Choice]] = {}
    _available: dict[str, dict[str, int]] = {}

    # --- derived ------------------------------------------------------------------------------------

    @rx.var
    def running_total(self) -> int:
        return sum(row.easy + row.medium + row.hard for row in self.rows)

    @rx.var
    def target_number(self) -> int:
        try:
            return int(self.target)
        except ValueError:
            return 0

    @rx.var
    def total_matches(self) -> bool:
        return self.running_total == self.target_number and self.target_number > 0

    @rx.var
    def mismatch(self) -> str:
        return mismatch_words(self.running_total, self.target_number)

    @rx.var
    def visible_candidates(self) -> list[CandidateChoice]:
        needle = self.candidate_search.strip().lower()
        return [c for c in self.candidates if not needle or needle in f"{c.name} {c.email}".lower()]

    @rx.var
    def chosen_count(self) -> int:
        return len(self.chosen)

    # --- loading ------------------------------------------------------------------------------------

    @rx.event
    async def load(self):
        if not self.is_authenticated:
            return None
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        self.name = self.description = self.category = self.candidate_search = self.time_limit = self.pass_mark = ""
        self.shuffle = True
        self.target, self.show_scores, self.errors, self.chosen, self.rows, self.topics = "10", True, {}, [], [], []
        self.created_name = self.created_url = ""
        self.links = []
        self.start = format.local_input_value(now + timedelta(hours=1), self.tz_offset)
        self.end = format.local_input_value(now + timedelta(days=2), self.tz_offset)
        try:
            self.categories, self.candidates = await self._as_actor(_read_choices)
        except DomainError as error:
            return _leave_if_forbidden(error) or self._handle_domain_error(error)
        self.loaded = True
        return None

    async def _load_category(self, category_id: str) -> None:
        self.topics, self._subtopics, self._available = await self._as_actor(
            lambda session, actor: _read_category(session, actor, category_id)
        )

    # --- fields -------------------------------------------------------------------------------------

    @rx.event
    def set_text(self, field: str, value: str) -> None:
        if field in ("name", "description", "target", "start", "end", "time_limit", "pass_mark", "candidate_search"):
            setattr(self, field, value)
            self.errors.pop(field, None)

    @rx.event
    def set_show_scores(self, value: bool) -> None:
        self.show_scores = value

    @rx.event
    def set_shuffle(self, value: bool) -> None:
        self.shuffle = value

    @rx.event
    async def set_category(self, value: str):
        self.category = value
        self.errors.pop("category_uuid", None)
        try:
            await self._load_category(value)
        except DomainError as error:
            return self._handle_domain_error(error)
        self.rows = []
        self._add_row()
        return None

    # --- distribution rows --------------------------------------------------------------------------

    def _add_row(self) -> None:
        """The rows' controls are DistributionRowsState's (ui/components/panel_rows.py); a new category starts one."""
        self.rows = [*self.rows, DistRow(key=f"row{next(_row_keys)}")]

    # --- candidates ---------------------------------------------------------------------------------

    @rx.event
    def toggle_candidate(self, candidate_id: str) -> None:
        if candidate_id in self.chosen:
            self.chosen = [value for value in self.chosen if value != candidate_id]
        else:
            self.chosen = [*self.chosen, candidate_id]

    # --- create -------------------------------------------------------------------------------------

    def _payload(self) -> dict[str, object]:
        return {
            "name": self.name.strip(),
            "description": self.description.strip() or None,
            "total_number_of_questions": self.target_number,
            "start_datetime": format.from_local_input(self.start, self.tz_offset),
            "end_datetime": format.from_local_input(self.end, self.tz_offset),
            "category_uuid": self.category or None,
            "question_distributions": [
                {"topic_uuid": r.topic, "subtopic_uuid": r.subtopic, "easy": r.easy, "medium": r.medium, "hard": r.hard}
                for r in self.rows
            ],
            "candidate_uuids": list(self.chosen),
            "show_scores": self.show_scores,
            "time_limit_minutes": self.time_limit.strip() or None,
            "shuffle": self.shuffle,
            "pass_mark": self.pass_mark.strip() or None,
        }

    def _local_problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if not self.name.strip():
            problems["name"] = "Give the panel a name."
        if format.from_local_input(self.start, self.tz_offset) is None:
            problems["start_datetime"] = "Pick a start date and time."
        if format.from_local_input(self.end, self.tz_offset) is None:
            problems["end_datetime"] = "Pick an end date and time."
        if not self.category:
            problems["category_uuid"] = "Choose a category."
        if any(not row.topic or not row.subtopic for row in self.rows):
            problems["question_distributions"] = "Every row needs a topic and a subtopic."
        elif not self.rows:
            problems["question_distributions"] = "Add at least one row."
        return problems

    @rx.event
    async def create(self, _form_data: dict | None = None):
        self.errors = self._local_problems()
        if self.errors:
            return
        try:
            data = PanelCreate.model_validate(self._payload())
        except ValidationError as error:
            self.errors = validation_messages(error)
            return
        self.creating = True
        yield
        try:
            view = await self._as_actor(lambda session, actor: panels.create_panel(session, actor=actor, data=data))
        except Invalid as error:
            self.creating = False
            self.errors = {field: " ".join(problems) for field, problems in error.field_errors.items()}
            return
        except DomainError as error:
            self.creating = False
            yield self._handle_domain_error(error)
            return
        self.links = session_links(view, self.tz_offset, self.router.page.host)
        self.created_name = view.panel.name
        self.created_url = routes.panel_url(str(view.panel.id))
        self.creating = False
        yield rx.toast.success(f"Panel {self.created_name} created")


class PanelDetailState(AuthState):
    loaded: bool = False
    not_found: str = ""
    panel: dict[str, str] = {}
    is_active: bool = False
    timed: bool = False  # the panel has a time limit per candidate: HR can give one of them more time
    distributions: list[dict[str, str]] = []
    links: list[SessionLink] = []

    # The edit dialog's values (EditPanelDialogState edits them), as the panel was last read.
    edit_name: str = ""
    edit_description: str = ""
    edit_start: str = ""
    edit_end: str = ""

    def _panel_id(self) -> uuid.UUID | None:
        params = self.router.page.params or {}
        raw = params.get("panel_uuid") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        try:
            return uuid.UUID(str(raw))
        except ValueError:
            return None

    def _show(self, view: PanelView) -> None:
        panel = view.panel
        self.panel = {
            "uuid": str(panel.id),
            "name": panel.name,
            "description": panel.description or "",
            "start": format.local_time(panel.start_datetime, self.tz_offset),
            "end": format.local_time(panel.end_datetime, self.tz_offset),
            "questions": str(panel.total_number_of_questions),
            "show_scores": "yes" if panel.show_scores else "no",
            "time_limit": f"{panel.time_limit_minutes} minutes" if panel.time_limit_minutes else "the whole window",
            "pass_mark": f"{panel.pass_mark}%",
        }
        self.is_active = panel.is_active and panel.end_datetime > datetime.now(UTC)
        self.timed = panel.time_limit_minutes is not None
        self.distributions = [
            {
                "topic": row.topic,
                "subtopic": row.subtopic,
                "easy": str(row.distribution.easy),
                "medium": str(row.distribution.medium),
                "hard": str(row.distribution.hard),
                "total": str(row.distribution.easy + row.distribution.medium + row.distribution.hard),
            }
            for row in view.distributions
        ]
        self.links = session_links(view, self.tz_offset, self.router.page.host)
        self.edit_name, self.edit_description = panel.name, panel.description or ""
        self.edit_start = format.local_input_value(panel.start_datetime, self.tz_offset)
        self.edit_end = format.local_input_value(panel.end_datetime, self.tz_offset)

    @rx.event
    async def load(self):
        self.loaded, self.not_found = False, ""
        await close_dialogs(self)
        if not self.is_authenticated:
            return None
        panel_id = self._panel_id()
        try:
            if panel_id is None:
                raise NotFound("Interview panel not found")
            self._show(
                await self._as_actor(lambda session, actor: panels.get_panel(session, actor=actor, panel_id=panel_id))
            )
        except DomainError as error:
            if error.status_code == 404:
                self.not_found, self.loaded = error.message, True
                return None
            return _leave_if_forbidden(error) or self._handle_domain_error(error)
        self.loaded = True
        return None

    @rx.event
    async def reissue_link(self, candidate_uuid: str):
        """A new link for one candidate (sent to the wrong address): the old one stops working at once."""
        panel_id = self._panel_id()
        try:
            candidate_id = uuid.UUID(candidate_uuid)
        except ValueError:
            return rx.toast.error("Candidate not found")

        def reissue(session: Session, actor: AppUser) -> PanelView:
            panels.reissue_link(session, actor=actor, panel_id=panel_id, candidate_id=candidate_id)
            return panels.get_panel(session, actor=actor, panel_id=panel_id)

        try:
            view = await self._as_actor(reissue)
        except DomainError as error:
            return self._handle_domain_error(error)
        self._show(view)
        name = next((link.name for link in self.links if link.candidate_uuid == candidate_uuid), "the candidate")
        return rx.toast.success(f"New link for {name}; the old one no longer works")

    @rx.event
    async def send_links(self):
        """E-mail every candidate their current link again (audited on the panel)."""
        panel_id = self._panel_id()
        try:
            count = await self._as_actor(lambda s, a: panels.send_links(s, actor=a, panel_id=panel_id))
        except DomainError as error:
            return self._handle_domain_error(error)
        return rx.toast.success(f"Links e-mailed to {count} candidate(s)")
