"""The CVs page's bulk bar and its two dialogs (start interviews, reject), each with its own substate of CvsState:
they act on CvsState's ticked CVs, all or nothing, and reload the list."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid, NotFound
from hr_app.kit.limits import BULK_STEP_DEFAULT_MINUTES, REMARK_MAX_LENGTH
from hr_app.models import AppUser
from hr_app.services import bulk, cv_list, interview_team
from hr_app.services.cv_list import CvFilter
from hr_app.ui import format
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.team_picker import team_picker, toggled
from hr_app.ui.components.widgets import labelled, select_option
from hr_app.ui.states.cvs import NONE, CvsState, first_free_slot

_ROW_ERROR = re.compile(r"rows\.(\d+)\.(\w+)")
T = TypeVar("T")


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


@dataclasses.dataclass(frozen=True)
class Selection:
    """The CVs a bulk action takes: ticked by id, or every CV a filter keeps (decision 106)."""

    candidate_ids: list[str]
    matching: CvFilter | None
    names: list[str]  # the rows' names, for the problems; by filter, filled in by `named`

    def named(self, session: Session, actor: AppUser) -> dict[str, Any]:
        """The bulk service's arguments; by filter, the names of the rows it will take, in its order."""
        if self.matching is not None:
            self.names[:] = cv_list.matching_names(
                session, actor=actor, matching=self.matching, limit=bulk.MAX_MATCHING_ROWS
            )
        return {"candidate_ids": self.candidate_ids, "matching": self.matching}


def bulk_started(
    session: Session,
    actor: AppUser,
    selection: Selection,
    interviewer_id: int,
    first_slot: datetime,
    team: list[int] | None = None,
) -> tuple[int, list[str]]:
    """Start one interview per CV, a step apart, each with the same co-interviewers; how many started and the
    clashes found."""
    started = bulk.bulk_start(
        session,
        actor=actor,
        interviewer_id=interviewer_id,
        first_slot=first_slot,
        team=team or [],
        **selection.named(session, actor),
    )
    return len(started.records), list(started.warnings)


def bulk_rejected(session: Session, actor: AppUser, selection: Selection, remark: str) -> int:
    return len(bulk.bulk_reject(session, actor=actor, remark=remark, **selection.named(session, actor)))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


class BulkRun(rx.State, mixin=True):
    """What both bulk dialogs share: their error lines, the busy flag, and one run of the batch."""

    bulk_errors: list[str] = []
    bulk_busy: bool = False

    async def _run_bulk(
        self: Any, work: Callable[[Session, AppUser], T], names: list[str], outcome: list[T]
    ) -> AsyncIterator[rx.event.EventSpec | None]:
        """Run `work` off the loop with the dialog busy. A refused batch becomes the dialog's error lines (per
        row, by name); on success the result is appended to `outcome`, the selection cleared and the list
        reloaded, and the caller closes its dialog."""
        self.bulk_busy = True
        yield
        try:
            result = await self._as_actor(work)
        except Invalid as error:
            self._refused(error, names)
            return
        except NotFound as error:  # the interviewer went away meanwhile
            self.bulk_errors = [error.details if isinstance(error.details, str) else error.message]
            return
        except DomainError as error:
            yield self._handle_domain_error(error)
            return
        finally:
            self.bulk_busy = False
        outcome.append(result)
        self.all_matching, self.selected_ids = False, []
        await self._reload()

    def _refused(self: Any, error: Invalid, names: list[str]) -> None:
        self.bulk_errors = bulk_problems(error, names)

    def _selection(self: Any) -> Selection:
        if self.all_matching:
            return Selection(candidate_ids=[], matching=self._matching(), names=[])
        return Selection(candidate_ids=list(self.selected_ids), matching=None, names=self._selected_names())


class BulkStartDialogState(BulkRun, CvsState):
    bulk_start_open: bool = False
    bulk_when: str = ""
    bulk_interviewer: str = NONE
    bulk_team: list[str] = []  # the co-interviewers' ids, the same for every interview started
    bulk_team_error: str = ""
    bulk_preview: list[SlotLine] = []

    def _update_preview(self) -> None:
        first = format.from_local_input(self.bulk_when, self.tz_offset)
        if first is None:
            self.bulk_preview = []
            return
        step = timedelta(minutes=BULK_STEP_DEFAULT_MINUTES)
        if self.all_matching:  # one line for them all: their names are not held (decision 106)
            last = format.local_time(first + step * max(0, self.shown_total - 1), self.tz_offset)
            when = f"{format.local_time(first, self.tz_offset)} to {last}"
            self.bulk_preview = [SlotLine(name=f"{self.shown_total:,} matching CVs", when=when)]
            return
        self.bulk_preview = [
            SlotLine(name=name, when=format.local_time(first + step * position, self.tz_offset))
            for position, name in enumerate(self._selected_names())
        ]

    @rx.event
    def open_bulk_start(self) -> None:
        self.bulk_when = format.local_input_value(first_free_slot(), self.tz_offset)
        self.bulk_interviewer, self.bulk_team = NONE, []
        self.bulk_errors, self.bulk_team_error = [], ""
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
        self.bulk_team = toggled(self.bulk_team, value, False)  # the lead is not a co-interviewer too

    @rx.event
    def toggle_bulk_team(self, user_id: str, checked: bool) -> None:
        self.bulk_team, self.bulk_team_error = toggled(self.bulk_team, user_id, checked), ""

    def _refused(self, error: Invalid, names: list[str]) -> None:
        """The team's problem under the picker, as the single start dialog shows it; the rest as error lines."""
        problems = dict(error.field_errors)
        self.bulk_team_error = " ".join(problems.pop(interview_team.FIELD, []))
        self.bulk_errors = bulk_problems(Invalid(error.message, problems), names) if problems else []
        if self.bulk_team_error and not self.bulk_errors:
            self.bulk_errors = ["Check the other interviewers."]

    def _first_problem(self, first: datetime | None) -> str:
        if not self.selected_count:
            return "Select at least one CV."
        if first is None:
            return "Pick the date and time of the first interview."
        if self.bulk_interviewer == NONE:
            return "Pick an interviewer."
        return ""

    @rx.event
    async def bulk_start_interviews(self, _form_data: dict | None = None) -> AsyncIterator[rx.event.EventSpec | None]:
        first = format.from_local_input(self.bulk_when, self.tz_offset)
        problem = self._first_problem(first)
        self.bulk_errors = [problem] if problem else []
        if problem or first is None:
            return
        selection, interviewer_id = self._selection(), int(self.bulk_interviewer)
        team, self.bulk_team_error = [int(user_id) for user_id in self.bulk_team], ""
        outcome: list[tuple[int, list[str]]] = []
        async for event in self._run_bulk(
            lambda session, actor: bulk_started(session, actor, selection, interviewer_id, first, team),
            selection.names,
            outcome,
        ):
            yield event
        if outcome:
            self.bulk_start_open = False
            count, warnings = outcome[0]
            yield rx.toast.success(f"Started {_plural(count, 'interview')}. They are on the Ongoing board.")
            for warning in warnings:
                yield rx.toast.warning(warning, duration=10000)


class BulkRejectDialogState(BulkRun, CvsState):
    bulk_reject_open: bool = False
    bulk_remark: str = ""

    @rx.var
    def bulk_remark_length(self) -> int:
        return len(self.bulk_remark)

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
        if not self.selected_count:
            self.bulk_errors = ["Select at least one CV."]
            return
        selection, remark = self._selection(), self.bulk_remark
        outcome: list[int] = []
        async for event in self._run_bulk(
            lambda session, actor: bulk_rejected(session, actor, selection, remark), selection.names, outcome
        ):
            yield event
        if outcome:
            self.bulk_reject_open = False
            yield rx.toast.success(f"Rejected {_plural(outcome[0], 'CV')}.")


def bulk_bar() -> rx.Component:
    return rx.cond(
        CvsState.can_manage & (CvsState.selected_count > 0),
        rx.hstack(
            rx.text(CvsState.selected_count.to_string() + " selected", weight="medium", size="2", id="bulk-count"),
            rx.button(
                rx.icon("play", size=14),
                "Start interviews",
                size="1",
                on_click=BulkStartDialogState.open_bulk_start,
                id="bulk-start",
            ),
            rx.button(
                rx.icon("x", size=14),
                "Reject",
                size="1",
                color_scheme="red",
                variant="soft",
                on_click=BulkRejectDialogState.open_bulk_reject,
                id="bulk-reject",
            ),
            rx.cond(
                CvsState.can_select_all_matching,
                rx.button(
                    CvsState.select_all_label,
                    size="1",
                    variant="outline",
                    on_click=CvsState.select_all_matching,
                    id="bulk-select-matching",
                ),
            ),
            rx.button("Clear selection", size="1", variant="ghost", on_click=CvsState.clear_selection, id="bulk-clear"),
            spacing="3",
            align="center",
            padding="0.5rem 0.75rem",
            margin_bottom="0.75rem",
            border_radius="var(--radius-3)",
            background=rx.color("accent", 3),
            id="bulk-bar",
            width="100%",
        ),
    )


def _bulk_errors(errors: rx.Var[list[str]]) -> rx.Component:
    return rx.cond(
        errors.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.vstack(
                rx.text("Nothing was changed.", weight="medium", size="2"),
                rx.foreach(errors, lambda line: rx.text(line, size="2", class_name="bulk-error")),
                spacing="1",
            ),
            color_scheme="red",
            id="bulk-errors",
            width="100%",
        ),
    )


def _slot_line(line: SlotLine) -> rx.Component:
    return rx.hstack(
        rx.text(line.name, size="2", weight="medium"),
        rx.text("→", size="2", color_scheme="gray"),
        rx.text(line.when, size="2"),
        spacing="2",
        class_name="bulk-slot",
    )


def bulk_start_dialog() -> rx.Component:
    state = BulkStartDialogState
    return form_dialog(
        "Start interviews",
        f"One lead interviewer (and the same others, if chosen), one slot each, {BULK_STEP_DEFAULT_MINUTES} minutes "
        "apart. "
        "All start, or none if a CV has a problem.",
        labelled(
            "Interviewer",
            rx.select.root(
                rx.select.trigger(
                    id="bulk-interviewer",
                    width="100%",
                    placeholder="Pick an interviewer",
                    aria_labelledby="bulk-interviewer-label",
                ),
                rx.select.content(rx.foreach(CvsState.people, select_option)),
                value=state.bulk_interviewer,
                on_change=state.set_bulk_interviewer,
            ),
            "bulk-interviewer",
            None,
        ),
        labelled(
            "First slot",
            rx.input(
                type="datetime-local",
                value=state.bulk_when,
                on_change=state.set_bulk_when,
                id="bulk-when",
                name="bulk_when",
                width="100%",
                required=True,
            ),
            "bulk-when",
            None,
        ),
        team_picker(
            CvsState.people,
            state.bulk_team,
            state.bulk_interviewer,
            state.toggle_bulk_team,
            "bulk-team",
            state.bulk_team_error,
        ),
        rx.scroll_area(
            rx.vstack(rx.foreach(state.bulk_preview, _slot_line), spacing="1", id="bulk-preview"),
            max_height="12rem",
            type="auto",
        ),
        _bulk_errors(state.bulk_errors),
        submit=rx.button(
            rx.cond(state.bulk_busy, rx.spinner(size="1"), rx.icon("play", size=14)),
            "Start ",
            CvsState.selected_count.to_string(),
            type="submit",
            id="bulk-start-submit",
            disabled=state.bulk_busy,
        ),
        on_submit=state.bulk_start_interviews,
        open=state.bulk_start_open,
        on_open_change=state.set_bulk_start_open,
    )


def bulk_reject_dialog() -> rx.Component:
    state = BulkRejectDialogState
    return form_dialog(
        rx.fragment("Reject ", CvsState.selected_count.to_string(), " CVs"),
        "The same remark is recorded for each. All are rejected, or none if a CV has a problem.",
        labelled(
            "Remark",
            rx.text_area(
                value=state.bulk_remark,
                on_change=state.set_bulk_remark,
                id="bulk-remark",
                name="bulk_remark",
                max_length=REMARK_MAX_LENGTH,
                width="100%",
                rows="4",
            ),
            "bulk-remark",
            None,
        ),
        rx.text(
            state.bulk_remark_length.to_string() + f" / {REMARK_MAX_LENGTH}",
            size="1",
            color_scheme="gray",
            id="bulk-remark-count",
            align="right",
            width="100%",
        ),
        _bulk_errors(state.bulk_errors),
        submit=rx.button(
            rx.cond(state.bulk_busy, rx.spinner(size="1"), rx.icon("x", size=14)),
            "Reject",
            color_scheme="red",
            type="submit",
            id="bulk-reject-submit",
            disabled=state.bulk_busy,
        ),
        on_submit=state.bulk_reject_cvs,
        open=state.bulk_reject_open,
        on_open_change=state.set_bulk_reject_open,
    )
