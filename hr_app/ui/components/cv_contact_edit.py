"""The profile's contact card, edited in place (admin and hr; issue 17): a field's value is a button (click, Enter),
its editor saves on Enter and gives up on Escape (assets/a11y.js), and a refusal is shown under the field. Each save
is the API's PATCH of the CV (`cvs.update_cv`, one field at a time), so the rules and their messages are the same;
the other open tabs of the profile follow through the CVS push it publishes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from hr_app.services import cvs
from hr_app.ui.components.widgets import (
    describe_with_error,
    field_error,
    field_label,
    select_option,
    status_badge,
)
from hr_app.ui.states.cv_profile import CvProfileState
from hr_app.ui.states.cvs import NONE, Option


@dataclass(frozen=True)
class Field:
    name: str  # the CV field, as the API's PATCH names it
    label: str
    icon: str
    display_id: str  # the shown value's id (the read-only view has the same)
    kind: str = "text"


NAME = Field("name", "Name", "user", "profile-name")
JOB_TITLE = Field("job_title", "Job title", "briefcase", "profile-job")
DETAILS = (
    Field("email", "E-mail", "mail", "profile-email", "email"),
    Field("phone_number", "Phone", "phone", "profile-phone", "tel"),
    Field("place", "Place", "map-pin", "profile-place"),
    Field("district", "District", "map", "profile-district"),
)
SUGGESTIONS = {"email": "suggested_email", "phone_number": "suggested_phone"}  # field -> the document's key
EDITABLE = frozenset(field.name for field in (NAME, JOB_TITLE, *DETAILS))


def _shown(field: Field) -> rx.Var:
    """The value the card shows (the job title by its name; its editor works with the id)."""
    return CvProfileState.contact[field.name if field is not JOB_TITLE else "job_title"]


class CvContactEditState(CvProfileState):
    editing_field: str = ""  # "" when no field is being edited
    contact_error: str = ""
    job_title_options: list[Option] = []

    def _close(self) -> None:
        self.editing_field, self.contact_error = "", ""

    @rx.event
    async def start_contact_edit(self, field: str) -> None:
        if field not in EDITABLE or not self.can_manage:
            return
        if field == JOB_TITLE.name:
            self.job_title_options = await self._as_actor(
                lambda session, actor: [
                    Option(value=str(title.id), label=title.name) for title in cvs.list_job_titles(session, actor=actor)
                ]
            )
        self.editing_field, self.contact_error = field, ""

    @rx.event
    def cancel_contact_edit(self):
        field, self.editing_field, self.contact_error = self.editing_field, "", ""
        return rx.set_focus(f"contact-{field}-edit") if field else None

    @rx.event
    async def save_contact(self, form: dict[str, Any]):
        return await self._save(self.editing_field, form.get("value"))

    @rx.event
    async def choose_job_title(self, value: str):
        return await self._save(JOB_TITLE.name, "" if value == NONE else value)

    @rx.event
    async def use_suggestion(self, field: str):
        """HR confirms the e-mail or phone the document's text suggests: the same save as typing it."""
        suggested = self.document.get(SUGGESTIONS.get(field, ""), "")
        if not suggested:
            return None
        event = await self._save(field, suggested)
        if self.contact_error:  # e.g. another CV has this e-mail: said once, no editor left open
            problem = self.contact_error
            self._close()
            return rx.toast.error(problem)
        return event

    async def _save(self, field: str, value: Any) -> rx.event.EventSpec | None:
        if field not in EDITABLE:
            return None
        current = self.contact.get("job_title_id" if field == JOB_TITLE.name else field, "")
        if isinstance(value, str) and value.strip() == current:  # nothing to change: no write, no history line
            return self.cancel_contact_edit()
        values = {field: value}
        self.contact_error, event = await self._write(
            lambda session, actor, cv_id: cvs.update_cv(session, actor=actor, cv_id=cv_id, values=values)
        )
        if self.contact_error:
            return None
        self.editing_field = ""
        return event or rx.set_focus(f"contact-{field}-edit")


def _value(field: Field, heading: bool = False) -> rx.Component:
    """The shown value; in the heading it takes the heading's size."""
    return rx.text(_shown(field), as_="span", id=field.display_id, **({} if heading else {"size": "2"}))


def _edit_button(field: Field, heading: bool) -> rx.Component:
    """The value (or "Add ...") as a button that opens its editor."""
    value = _shown(field)
    shown = rx.cond(
        value != "",
        _value(field, heading),
        rx.text(f"Add {field.label.lower()}", size="2", color_scheme="gray", font_style="italic"),
    )
    return rx.el.button(
        rx.hstack(
            *([] if heading else [rx.icon(field.icon, size=14, color=rx.color("gray", 10))]),
            shown,
            rx.icon("pencil", size=12, color=rx.color("gray", 9), class_name="contact-pencil"),
            align="center",
            spacing="2",
        ),
        type="button",
        id=f"contact-{field.name}-edit",
        on_click=CvContactEditState.start_contact_edit(field.name),
        aria_label=rx.cond(value != "", f"Edit {field.label.lower()}: " + value, f"Add {field.label.lower()}"),
        title=f"Edit {field.label.lower()}",
        class_name="contact-edit",
        style={"background": "none", "border": "none", "padding": "0", "cursor": "pointer", "text_align": "left"},
    )


def _cancel_button() -> rx.Component:
    return rx.button(
        "Cancel",
        type="button",
        size="1",
        variant="soft",
        color_scheme="gray",
        on_click=CvContactEditState.cancel_contact_edit,
        custom_attrs={"data-cancel": "true"},
    )


def _editor(field: Field, control: rx.Component, *buttons: rx.Component) -> rx.Component:
    """Label, the control with its buttons on one line, then the refusal under it (tied to the control)."""
    control_id, error = f"contact-{field.name}-input", CvContactEditState.contact_error
    return rx.vstack(
        field_label(field.label, control_id),
        rx.hstack(describe_with_error(control, error, f"{control_id}-error"), *buttons, align="center", width="100%"),
        field_error(error, f"{control_id}-error"),
        spacing="1",
        width="100%",
    )


def _text_editor(field: Field) -> rx.Component:
    control = rx.input(
        name="value",
        id=f"contact-{field.name}-input",
        type=field.kind,
        default_value=CvProfileState.contact[field.name],
        auto_focus=True,
        auto_complete="off",
        width="100%",
    )
    return rx.form(
        _editor(field, control, rx.button("Save", type="submit", size="1", id="contact-save"), _cancel_button()),
        on_submit=CvContactEditState.save_contact,
        no_validate=True,  # the service's rule and message, not the browser's (an e-mail field's popup)
        custom_attrs={"data-escape-cancels": "true"},
        width="100%",
    )


def _job_title_editor() -> rx.Component:
    control_id = "contact-job_title-input"
    job_title_id = CvProfileState.contact["job_title_id"]
    control = rx.select.root(
        rx.select.trigger(id=control_id, aria_labelledby=f"{control_id}-label", width="100%"),
        rx.select.content(
            rx.select.item("No job title", value=NONE),
            rx.foreach(CvContactEditState.job_title_options, select_option),
        ),
        value=rx.cond(job_title_id == "", NONE, job_title_id),
        on_change=CvContactEditState.choose_job_title,
        default_open=True,  # opened from its button: the choices at once
    )
    return rx.box(
        _editor(JOB_TITLE, control, _cancel_button()), custom_attrs={"data-escape-cancels": "true"}, width="100%"
    )


def _field(field: Field, heading: bool = False) -> rx.Component:
    editor = _job_title_editor() if field is JOB_TITLE else _text_editor(field)
    read_only = rx.cond(
        _shown(field) != "",
        rx.hstack(
            *([] if heading else [rx.icon(field.icon, size=14, color=rx.color("gray", 10))]),
            _value(field, heading),
            align="center",
            spacing="2",
        ),
    )
    shown = rx.cond(
        CvProfileState.can_manage,
        rx.cond(CvContactEditState.editing_field == field.name, editor, _edit_button(field, heading)),
        read_only,
    )
    return rx.heading(shown, size="5", as_="h2") if heading else shown


def contact_card() -> rx.Component:
    """Name and status, then the job title and the contact details; admin and hr edit each in place."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.box(_field(NAME, heading=True), flex="1"),
                status_badge(CvProfileState.contact["status"], id="profile-status"),
                align="center",
                width="100%",
            ),
            _field(JOB_TITLE),
            *(_field(field) for field in DETAILS),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="profile-contact",
    )
