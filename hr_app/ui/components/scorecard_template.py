"""The Job titles page's scorecard template editor (issue 18, admin and hr): a job title's criteria, each a name and
what a 2, a 5 and an 8 look like; add, remove, move up and down, save the whole list, or reset to the spec's five.
The rules and their messages are `services/scorecard_templates.py`; a refusal shows next to its field."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import reflex as rx
from pydantic import ValidationError
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid, NotFound
from hr_app.kit.limits import CRITERIA_MAX
from hr_app.models import AppUser
from hr_app.schemas.records import ScorecardTemplate
from hr_app.schemas.scorecards import CriterionIn
from hr_app.services import scorecard_templates
from hr_app.services.events import Topic
from hr_app.ui import routes
from hr_app.ui.components.widgets import describe_with_error, field_error, field_label
from hr_app.ui.live import LivePage, Push, on_page, register_page
from hr_app.ui.states.team import JobTitlesState, title_rows

NO_TITLE = "none"  # the picker's first item: no template open
GUIDES = (("guide_2", "What a 2 looks like"), ("guide_5", "What a 5 looks like"), ("guide_8", "What an 8 looks like"))


@dataclasses.dataclass
class CriterionEdit:
    key: str = ""  # "" for a new criterion: the service makes it from the name
    name: str = ""
    guide_2: str = ""
    guide_5: str = ""
    guide_8: str = ""
    name_error: str = ""  # the name's and the key's problems (the key follows the name)
    guide_error: str = ""


@dataclasses.dataclass(frozen=True)
class TemplateView:
    rows: list[CriterionEdit]
    is_default: bool


def _view(template: ScorecardTemplate) -> TemplateView:
    rows = [CriterionEdit(c.key, c.name, c.guide_2, c.guide_5, c.guide_8) for c in template.criteria]
    return TemplateView(rows, template.is_default)


def criteria_of(rows: list[CriterionEdit]) -> list[CriterionIn]:
    """The form as the service's input, or Invalid naming `criteria.{i}.{field}` as the service does."""
    criteria, problems = [], {}
    for index, row in enumerate(rows):
        try:
            criteria.append(CriterionIn(key=row.key or None, **{f: getattr(row, f) for f in ("name", *dict(GUIDES))}))
        except ValidationError as error:
            for problem in error.errors():
                problems.setdefault(f"criteria.{index}.{problem['loc'][0]}", []).append(problem["msg"])
    if problems:
        raise Invalid(scorecard_templates.TEMPLATE_INVALID, problems)
    return criteria


Work = Callable[[Session, AppUser], TemplateView]


def _read(job_title_id: int) -> Work:
    return lambda s, a: _view(scorecard_templates.template_of(s, actor=a, job_title_id=job_title_id))


def _save(job_title_id: int, criteria: list[CriterionIn]) -> Work:
    def save(session: Session, actor: AppUser) -> TemplateView:
        saved = scorecard_templates.set_template(session, actor=actor, job_title_id=job_title_id, criteria=criteria)
        return _view(saved)

    return save


def _fields(rows: list[CriterionEdit]) -> list[list[str]]:
    """What the editor's rows say (their errors aside): the edits are the difference from the saved ones."""
    return [[row.key, row.name, row.guide_2, row.guide_5, row.guide_8] for row in rows]


CHANGED_ELSEWHERE = "This template was changed elsewhere. Your edits are kept: Reload shows the saved template."
DELETED_ELSEWHERE = "That job title was deleted elsewhere."


class ScorecardTemplateState(JobTitlesState):
    tpl_job_title: str = ""  # the job title's id whose template is open
    tpl_rows: list[CriterionEdit] = []
    tpl_default: bool = False  # the spec's five: the job title has no criteria of its own
    tpl_error: str = ""  # a problem of the whole list (too many criteria)
    tpl_busy: bool = False
    tpl_notice: str = ""  # live: the template changed (or its job title went) in another tab or through the API
    _tpl_saved: list[list[str]] = []  # the rows as last read or saved

    def _show(self, view: TemplateView) -> None:
        self.tpl_rows, self.tpl_default, self.tpl_error = view.rows, view.is_default, ""
        self._tpl_saved, self.tpl_notice = _fields(view.rows), ""

    async def _refresh_from_push(self, push: Push) -> bool:
        """A job title or a template changed elsewhere: the titles follow; the open template follows when it has
        no unsaved edits, else the edits stay and `tpl_notice` says the saved one moved underneath them."""
        if not await push.is_member(self.auth_token):
            return False
        titles = await push.shared(self.auth_token, "job-titles", title_rows)
        if titles is not None:
            self.titles = titles
        if not self.tpl_job_title or self.tpl_busy:
            return True
        try:
            view = await self._as_actor(_read(int(self.tpl_job_title)))
        except NotFound:
            self.tpl_job_title, self.tpl_rows, self.tpl_notice = "", [], DELETED_ELSEWHERE
            return True
        except DomainError:
            return True
        if _fields(self.tpl_rows) == self._tpl_saved:
            self._show(view)
        elif _fields(view.rows) != self._tpl_saved:
            self.tpl_notice = CHANGED_ELSEWHERE
        return True

    @rx.event
    async def reload_template(self):
        """Drop the unsaved edits and show the template as it is saved now."""
        if not self.tpl_job_title:
            return None
        try:
            self._show(await self._as_actor(_read(int(self.tpl_job_title))))
        except DomainError as error:
            return self._handle_domain_error(error)
        return None

    @rx.event
    async def open_template(self, job_title_id: str):
        job_title_id = "" if job_title_id == NO_TITLE else job_title_id
        self.tpl_job_title, self.tpl_rows, self.tpl_notice = job_title_id, [], ""
        if not job_title_id:
            return None
        try:
            self._show(await self._as_actor(_read(int(job_title_id))))
        except DomainError as error:
            self.tpl_job_title = ""
            return self._handle_domain_error(error)
        return None

    @rx.event
    def set_criterion(self, index: int, field: str, value: str) -> None:
        if 0 <= index < len(self.tpl_rows) and field in ("name", *dict(GUIDES)):
            row = self.tpl_rows[index]
            setattr(row, field, value)
            if field == "name":
                row.name_error = ""
            else:
                row.guide_error = ""
            self.tpl_rows = list(self.tpl_rows)

    @rx.event
    def add_criterion(self) -> None:
        self.tpl_rows = [*self.tpl_rows, CriterionEdit()]

    @rx.event
    def remove_criterion(self, index: int) -> None:
        self.tpl_rows = [row for position, row in enumerate(self.tpl_rows) if position != index]
        self.tpl_error = ""

    @rx.event
    def move_criterion(self, index: int, step: int) -> None:
        other = index + step
        if 0 <= index < len(self.tpl_rows) and 0 <= other < len(self.tpl_rows):
            rows = list(self.tpl_rows)
            rows[index], rows[other] = rows[other], rows[index]
            self.tpl_rows = rows

    def _refused(self, error: Invalid) -> None:
        problems = {field: " ".join(found) for field, found in error.field_errors.items()}
        for index, row in enumerate(self.tpl_rows):
            at = f"criteria.{index}"
            row.name_error = " ".join(p for p in (problems.pop(f"{at}.name", ""), problems.pop(f"{at}.key", "")) if p)
            row.guide_error = " ".join(problems.pop(f"{at}.{field}", "") for field in dict(GUIDES)).strip()
        self.tpl_rows = list(self.tpl_rows)
        self.tpl_error = " ".join(problems.values())

    async def _write(self, criteria: list[CriterionIn], done: str):
        job_title_id = int(self.tpl_job_title)
        self.tpl_busy = True
        yield
        try:
            self._show(await self._as_actor(_save(job_title_id, criteria)))
        except Invalid as error:
            self._refused(error)
            yield rx.toast.error("Not saved: check the highlighted fields.")
        except DomainError as error:
            yield self._handle_domain_error(error)
        else:
            yield rx.toast.success(done)
        finally:
            self.tpl_busy = False

    @rx.event
    async def save_template(self, _form_data: dict | None = None):
        if not self.tpl_job_title:
            return
        try:
            criteria = criteria_of(self.tpl_rows)
        except Invalid as error:
            self._refused(error)
            return
        async for event in self._write(criteria, "Scorecard template saved"):
            yield event

    @rx.event
    async def reset_template(self):
        if self.tpl_job_title:
            async for event in self._write([], "Back to the default five criteria"):
                yield event


# --- the editor ---------------------------------------------------------------------------------------

T = ScorecardTemplateState


def _guide(row: CriterionEdit, index: rx.Var, field: str, label: str) -> rx.Component:
    element_id = f"tpl-{field}-" + index.to_string()
    area = rx.text_area(
        id=element_id,
        value=getattr(row, field),
        on_change=lambda value: T.set_criterion(index, field, value),
        rows="2",
        width="100%",
    )
    return rx.vstack(field_label(label, element_id), area, spacing="1", width="100%")


def _move(label: str, icon: str, index: rx.Var, step: int, row: CriterionEdit, disabled: rx.Var) -> rx.Component:
    return rx.icon_button(
        rx.icon(icon, size=14),
        type="button",
        size="1",
        variant="soft",
        color_scheme="gray",
        on_click=T.move_criterion(index, step),
        disabled=disabled,
        aria_label=f"{label}: " + row.name,
        title=label,
    )


def _criterion(row: CriterionEdit, index: rx.Var) -> rx.Component:
    name_id, number = "tpl-name-" + index.to_string(), (index + 1).to_string()
    name = rx.input(
        id=name_id, value=row.name, on_change=lambda value: T.set_criterion(index, "name", value), width="100%"
    )
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    field_label("Criterion " + number, name_id),
                    describe_with_error(name, row.name_error, name_id + "-error"),
                    spacing="1",
                    width="100%",
                ),
                _move("Move up", "arrow-up", index, -1, row, index == 0),
                _move("Move down", "arrow-down", index, 1, row, index == T.tpl_rows.length() - 1),
                rx.icon_button(
                    rx.icon("trash-2", size=14),
                    type="button",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=T.remove_criterion(index),
                    aria_label="Remove: " + row.name,
                    title="Remove",
                    id="tpl-remove-" + index.to_string(),
                ),
                align="end",
                spacing="2",
                width="100%",
            ),
            field_error(row.name_error, name_id + "-error"),
            rx.grid(*(_guide(row, index, field, label) for field, label in GUIDES), columns="3", spacing="2"),
            field_error(row.guide_error, "tpl-guide-error-" + index.to_string()),
            spacing="2",
            width="100%",
        ),
        class_name="tpl-criterion",
        width="100%",
    )


def _picker() -> rx.Component:
    return rx.vstack(
        field_label("Job title", "tpl-job-title"),
        rx.select.root(
            rx.select.trigger(id="tpl-job-title", aria_labelledby="tpl-job-title-label"),
            rx.select.content(
                rx.select.item("Choose a job title", value=NO_TITLE),
                rx.foreach(JobTitlesState.titles, lambda title: rx.select.item(title.name, value=title.id.to_string())),
            ),
            value=rx.cond(T.tpl_job_title == "", NO_TITLE, T.tpl_job_title),
            on_change=T.open_template,
        ),
        spacing="1",
    )


def _editor() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(
                rx.cond(T.tpl_default, "The spec's five (the default): save to make them this job title's own.", ""),
                size="2",
                color_scheme="gray",
                id="tpl-default",
            ),
            rx.foreach(T.tpl_rows, _criterion),
            field_error(T.tpl_error, "tpl-error"),
            rx.hstack(
                rx.button(
                    rx.icon("plus", size=14),
                    "Add criterion",
                    type="button",
                    variant="soft",
                    on_click=T.add_criterion,
                    disabled=T.tpl_rows.length() >= CRITERIA_MAX,
                    id="tpl-add",
                ),
                rx.button(
                    rx.icon("rotate-ccw", size=14),
                    "Reset to the default five",
                    type="button",
                    variant="soft",
                    color_scheme="gray",
                    on_click=T.reset_template,
                    disabled=T.tpl_busy | T.tpl_default,
                    id="tpl-reset",
                ),
                rx.spacer(),
                rx.button(
                    rx.cond(T.tpl_busy, rx.spinner(size="1"), rx.icon("save", size=14)),
                    "Save template",
                    type="submit",
                    disabled=T.tpl_busy,
                    id="tpl-save",
                ),
                width="100%",
                wrap="wrap",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=T.save_template,
        reset_on_submit=False,
        width="100%",
    )


def _notice() -> rx.Component:
    return rx.cond(
        T.tpl_notice != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("info")),
            rx.hstack(
                rx.callout.text(T.tpl_notice),
                rx.cond(
                    T.tpl_job_title != "",
                    rx.button(
                        "Reload", type="button", size="1", variant="soft", on_click=T.reload_template, id="tpl-reload"
                    ),
                ),
                align="center",
                spacing="3",
                wrap="wrap",
            ),
            color_scheme="amber",
            size="1",
            role="status",
            id="tpl-notice",
            width="100%",
        ),
    )


def template_section() -> rx.Component:
    """Admin and hr: the scorecard template of one job title at a time (nothing for anyone else)."""
    return rx.cond(
        JobTitlesState.can_manage,
        rx.vstack(
            rx.heading("Scorecard template", size="4"),
            rx.text(
                f"The criteria interviewers rate 0-10 for a job title (at most {CRITERIA_MAX}). A renamed criterion "
                "keeps its ratings; a scorecard already submitted keeps what it holds.",
                size="2",
                color_scheme="gray",
            ),
            _picker(),
            _notice(),
            rx.cond(T.tpl_job_title != "", _editor()),
            spacing="3",
            width="100%",
            padding_top="1.5rem",
            id="scorecard-template",
        ),
    )


# The Job titles page follows its job titles and the open template (another tab, the API).
register_page(
    LivePage(
        state=ScorecardTemplateState,
        topics=frozenset({Topic.JOB_TITLES}),
        refresh=ScorecardTemplateState._refresh_from_push,
        tabs="job-titles",
        route=lambda path: on_page(path, routes.JOB_TITLES),
    )
)
