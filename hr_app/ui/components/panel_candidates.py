"""The panel page's "Add candidates" dialog and per-candidate "Remove" (a substate of PanelDetailState).

Adding gives each chosen CV a link and e-mails it; removing is only offered (and only allowed by the service)
while the candidate has not opened the session.
"""

from __future__ import annotations

import uuid

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser
from hr_app.schemas.panels import PanelView
from hr_app.services import cvs, panels
from hr_app.ui.components.dialogs import confirm_dialog, form_dialog
from hr_app.ui.components.widgets import candidate_choice, field_error
from hr_app.ui.states.panels import CandidateChoice, PanelDetailState


def _choices(session: Session, actor: AppUser) -> list[CandidateChoice]:
    panels.check_access(actor)
    return [
        CandidateChoice(str(r.cv.id), r.cv.name, r.cv.email, r.cv.status) for r in cvs.list_cvs(session, actor=actor)
    ]


class PanelCandidatesState(PanelDetailState):
    add_open: bool = False
    add_choices: list[CandidateChoice] = []
    add_search: str = ""
    add_chosen: list[str] = []
    add_error: str = ""
    remove_open: bool = False
    remove_uuid: str = ""
    remove_name: str = ""

    def _close(self) -> None:
        self.add_open = self.remove_open = False
        self.add_error = ""

    @rx.var
    def add_visible(self) -> list[CandidateChoice]:
        on_panel = {link.candidate_uuid for link in self.links}
        needle = self.add_search.strip().lower()
        return [
            choice
            for choice in self.add_choices
            if choice.id not in on_panel and (not needle or needle in f"{choice.name} {choice.email}".lower())
        ]

    @rx.var
    def add_label(self) -> str:
        count = len(self.add_chosen)
        return "Add candidates" if count == 0 else f"Add {count} candidate{'s' if count != 1 else ''}"

    @rx.event
    async def open_add(self):
        self.add_search, self.add_chosen, self.add_error = "", [], ""
        try:
            self.add_choices = await self._as_actor(_choices)
        except DomainError as error:
            return self._handle_domain_error(error)
        self.add_open = True
        return None

    @rx.event
    def set_add_open(self, value: bool) -> None:
        self.add_open, self.add_error = value, ""

    @rx.event
    def set_add_search(self, value: str) -> None:
        self.add_search = value

    @rx.event
    def toggle(self, candidate_id: str) -> None:
        chosen = set(self.add_chosen) ^ {candidate_id}
        self.add_chosen = [choice.id for choice in self.add_choices if choice.id in chosen]
        self.add_error = ""

    async def _change(self, change) -> PanelView | None:  # noqa: ANN001 (a service call taking session, actor)
        panel_id = self._panel_id()

        def run(session: Session, actor: AppUser) -> PanelView:
            change(session, actor, panel_id)
            return panels.get_panel(session, actor=actor, panel_id=panel_id)

        view = await self._as_actor(run)
        self._show(view)
        return view

    @rx.event
    async def add(self, _form_data: dict | None = None):
        ids = [uuid.UUID(value) for value in self.add_chosen]
        try:
            await self._change(
                lambda session, actor, panel_id: panels.add_candidates(
                    session, actor=actor, panel_id=panel_id, candidate_ids=ids
                )
            )
        except Invalid as error:
            self.add_error = " ".join(" ".join(problems) for problems in error.field_errors.values())
            return None
        except DomainError as error:
            return self._handle_domain_error(error)
        self.add_open = False
        return rx.toast.success(f"{len(ids)} candidate(s) added; their links are on their way by e-mail")

    @rx.event
    def ask_remove(self, candidate_uuid: str, name: str) -> None:
        self.remove_uuid, self.remove_name, self.remove_open = candidate_uuid, name, True

    @rx.event
    def set_remove_open(self, value: bool) -> None:
        self.remove_open = value

    @rx.event
    async def remove(self):
        try:
            candidate_id = uuid.UUID(self.remove_uuid)
            await self._change(
                lambda session, actor, panel_id: panels.remove_candidate(
                    session, actor=actor, panel_id=panel_id, candidate_id=candidate_id
                )
            )
        except ValueError:
            return rx.toast.error("Candidate not found")
        except DomainError as error:
            self.remove_open = False
            return rx.toast.error(str(error.details) if isinstance(error.details, str) else error.message)
        self.remove_open = False
        return rx.toast.success(f"{self.remove_name} removed; their link no longer works")


def add_button() -> rx.Component:
    return rx.button(
        rx.icon("user-plus", size=14),
        "Add candidates",
        size="1",
        variant="soft",
        on_click=PanelCandidatesState.open_add,
        id="add-candidates",
    )


def remove_button(candidate_uuid: rx.Var, name: rx.Var) -> rx.Component:
    return rx.tooltip(
        rx.icon_button(
            rx.icon("user-minus", size=14),
            variant="soft",
            color_scheme="red",
            size="1",
            on_click=PanelCandidatesState.ask_remove(candidate_uuid, name),
            aria_label="Remove " + name.to(str),
            class_name="remove-candidate",
        ),
        content="Take this candidate off the panel (only before they open their link)",
    )


def _choice(choice: CandidateChoice) -> rx.Component:
    state = PanelCandidatesState
    return candidate_choice(
        choice,
        state.add_chosen.contains(choice.id),
        lambda _checked: state.toggle(choice.id),
        verb="Add",
        check_class="add-candidate-check",
    )


def candidates_dialogs() -> rx.Component:
    state = PanelCandidatesState
    return rx.fragment(
        form_dialog(
            "Add candidates",
            "Each one gets their own link, e-mailed now.",
            rx.input(
                placeholder="Search by name or e-mail",
                value=state.add_search,
                on_change=state.set_add_search,
                id="add-candidates-search",
                aria_label="Search candidates",
                width="100%",
            ),
            rx.cond(
                state.add_visible.length() == 0,
                rx.text("No other CVs to add.", size="2", color_scheme="gray"),
                rx.scroll_area(
                    rx.vstack(rx.foreach(state.add_visible, _choice), spacing="0", width="100%"),
                    max_height="18rem",
                    type="auto",
                    scrollbars="vertical",
                ),
            ),
            field_error(state.add_error, "add-candidates-error"),
            submit=rx.button(
                state.add_label, type="submit", id="add-candidates-save", disabled=state.add_chosen.length() == 0
            ),
            on_submit=state.add,
            open=state.add_open,
            on_open_change=state.set_add_open,
        ),
        confirm_dialog(
            "Remove this candidate?",
            rx.text(rx.text.strong(state.remove_name), " leaves the panel and their link stops working."),
            confirm_label="Remove",
            on_confirm=state.remove,
            confirm_id="remove-candidate-confirm",
            open=state.remove_open,
            on_open_change=state.set_remove_open,
        ),
    )
