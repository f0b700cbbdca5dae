"""The profile's tags, source and private notes (issue 17): the same services as /api/cvs/{id}/tags/, source/ and
notes/. Admin and hr edit the tags and the source; every member writes notes, edits their own, deletes their own
(admins: any) after a confirmation. Each change re-reads the profile, so the history shows it at once."""

from __future__ import annotations

from typing import Any

import reflex as rx

from hr_app.kit.limits import CV_NOTE_MAX_LENGTH, CV_TAG_MAX_LENGTH
from hr_app.models import CvSource
from hr_app.services import cv_people
from hr_app.ui.components.dialogs import confirm_dialog
from hr_app.ui.components.widgets import labelled
from hr_app.ui.states.cv_profile import CvProfileState, NoteRow

NO_SOURCE = "unknown"  # the select's value for "not known" (a select item cannot have an empty value)
SOURCE_LABELS = {
    CvSource.REFERRAL: "Referral",
    CvSource.JOB_BOARD: "Job board",
    CvSource.AGENCY: "Agency",
    CvSource.CAREER_SITE: "Career site",
    CvSource.OTHER: "Other",
}


class CvPeopleState(CvProfileState):
    tag_error: str = ""
    source_error: str = ""
    note_error: str = ""
    editing_note_id: str = ""
    edit_error: str = ""
    delete_note_id: str = ""
    delete_open: bool = False

    def _close(self) -> None:
        self.tag_error = self.source_error = self.note_error = self.edit_error = ""
        self.editing_note_id, self.delete_note_id, self.delete_open = "", "", False

    async def _set_tags(self, tags: list[str]) -> rx.event.EventSpec | None:
        self.tag_error, event = await self._write(lambda s, a, cv: cv_people.set_tags(s, actor=a, cv_id=cv, tags=tags))
        return event

    @rx.event
    async def add_tag(self, form: dict[str, Any]):
        event = await self._set_tags([*self.tags, str(form.get("tag") or "")])
        return event or (rx.set_value("tag-input", "") if not self.tag_error else None)

    @rx.event
    async def remove_tag(self, name: str):
        return await self._set_tags([tag for tag in self.tags if tag != name])

    @rx.event
    async def choose_source(self, value: str):
        source = None if value == NO_SOURCE else value
        self.source_error, event = await self._write(
            lambda s, a, cv: cv_people.set_source(s, actor=a, cv_id=cv, source=source)
        )
        return event

    @rx.event
    async def add_note(self, form: dict[str, Any]):
        text = form.get("text")
        self.note_error, event = await self._write(lambda s, a, cv: cv_people.add_note(s, actor=a, cv_id=cv, text=text))
        return event or (rx.set_value("note-text", "") if not self.note_error else None)

    @rx.event
    def start_edit(self, note_id: str) -> None:
        self.editing_note_id, self.edit_error = note_id, ""

    @rx.event
    def cancel_edit(self) -> None:
        self.editing_note_id, self.edit_error = "", ""

    @rx.event
    async def save_edit(self, form: dict[str, Any]):
        note_id, text = self.editing_note_id, form.get("text")
        self.edit_error, event = await self._write(
            lambda s, a, cv: cv_people.edit_note(s, actor=a, cv_id=cv, note_id=note_id, text=text)
        )
        if not self.edit_error:
            self.editing_note_id = ""
        return event

    @rx.event
    def ask_delete(self, note_id: str) -> None:
        self.delete_note_id, self.delete_open = note_id, True

    @rx.event
    def set_delete_open(self, value: bool) -> None:
        self.delete_open = value

    @rx.event
    async def delete_note(self):
        self.delete_open, note_id = False, self.delete_note_id
        problem, event = await self._write(
            lambda s, a, cv: cv_people.delete_note(s, actor=a, cv_id=cv, note_id=note_id)
        )
        if problem:
            return rx.toast.error(problem)
        return event or rx.toast.success("Note deleted")


# --- tags and source ----------------------------------------------------------------------------------


def _chip(name: rx.Var) -> rx.Component:
    return rx.badge(
        rx.hstack(
            rx.text(name),
            rx.cond(
                CvProfileState.can_manage,
                rx.el.button(
                    rx.icon("x", size=12),
                    type="button",
                    aria_label="Remove tag " + name,
                    on_click=CvPeopleState.remove_tag(name),
                    class_name="tag-remove",
                    style={"cursor": "pointer", "background": "none", "border": "none", "padding": "0"},
                ),
            ),
            spacing="1",
            align="center",
        ),
        variant="soft",
        radius="full",
        size="2",
        class_name="tag-chip",
    )


def _tag_form() -> rx.Component:
    state = CvPeopleState
    control = rx.input(
        name="tag",
        id="tag-input",
        placeholder="Add a tag and press Enter",
        max_length=CV_TAG_MAX_LENGTH,
        list="tag-choices",
        auto_complete="off",
        width="100%",
    )
    return rx.form(
        rx.hstack(
            labelled("Add a tag", control, "tag-input", state.tag_error),
            rx.button("Add", type="submit", id="tag-add", variant="soft"),
            align="end",
            width="100%",
        ),
        rx.el.datalist(rx.foreach(CvProfileState.tag_choices, lambda tag: rx.el.option(value=tag)), id="tag-choices"),
        on_submit=state.add_tag,
        width="100%",
    )


def _source_select() -> rx.Component:
    control = rx.select.root(
        rx.select.trigger(id="source-select", aria_labelledby="source-select-label", width="100%"),
        rx.select.content(
            rx.select.item("Not known", value=NO_SOURCE),
            *(rx.select.item(label, value=source.value) for source, label in SOURCE_LABELS.items()),
        ),
        value=rx.cond(CvProfileState.source == "", NO_SOURCE, CvProfileState.source),
        on_change=CvPeopleState.choose_source,
    )
    return labelled("Source", control, "source-select", CvPeopleState.source_error)


def _source_label() -> rx.Var:
    return rx.match(
        CvProfileState.source, *((source.value, label) for source, label in SOURCE_LABELS.items()), "Not known"
    )


def tags_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Tags and source", size="4", as_="h2"),
            rx.cond(
                CvProfileState.tags.length() > 0,
                rx.flex(rx.foreach(CvProfileState.tags, _chip), wrap="wrap", gap="2", id="profile-tags"),
                rx.text("No tags yet.", size="2", color_scheme="gray", id="no-tags"),
            ),
            rx.cond(
                CvProfileState.can_manage,
                rx.vstack(_tag_form(), _source_select(), spacing="3", width="100%"),
                rx.text("Source: ", _source_label(), size="2", id="profile-source"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="profile-tags-card",
    )


# --- notes --------------------------------------------------------------------------------------------


def _note_text(name: str, element_id: str, default: rx.Var | str = "") -> rx.Component:
    return rx.text_area(
        name=name,
        id=element_id,
        default_value=default,
        max_length=CV_NOTE_MAX_LENGTH,
        rows="3",
        width="100%",
    )


def _edit_form(row: NoteRow) -> rx.Component:
    return rx.form(
        rx.vstack(
            labelled(
                "Edit your note",
                _note_text("text", "note-edit-text", row.text),
                "note-edit-text",
                CvPeopleState.edit_error,
            ),
            rx.hstack(
                rx.button("Save", type="submit", size="1", id="note-edit-save"),
                rx.button(
                    "Cancel",
                    type="button",
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    on_click=CvPeopleState.cancel_edit,
                ),
                spacing="2",
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=CvPeopleState.save_edit,
        width="100%",
    )


def _note_actions(row: NoteRow) -> rx.Component:
    return rx.hstack(
        rx.cond(
            row.mine,
            rx.button(
                "Edit",
                size="1",
                variant="ghost",
                on_click=CvPeopleState.start_edit(row.id),
                class_name="note-edit",
                aria_label="Edit your note from " + row.when,
            ),
        ),
        rx.cond(
            row.deletable,
            rx.button(
                "Delete",
                size="1",
                variant="ghost",
                color_scheme="red",
                on_click=CvPeopleState.ask_delete(row.id),
                class_name="note-delete",
                aria_label="Delete the note by " + row.author + " from " + row.when,
            ),
        ),
        spacing="3",
    )


def _note(row: NoteRow) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(row.author, size="2", weight="medium"),
            rx.text(row.when, rx.cond(row.edited, " · edited", ""), size="1", color_scheme="gray"),
            rx.spacer(),
            rx.cond(CvPeopleState.editing_note_id != row.id, _note_actions(row)),
            align="center",
            width="100%",
            wrap="wrap",
        ),
        rx.cond(
            CvPeopleState.editing_note_id == row.id,
            _edit_form(row),
            rx.text(row.text, size="2", white_space="pre-wrap", class_name="note-text"),
        ),
        padding_y="0.5rem",
        border_bottom="1px solid var(--gray-4)",
        width="100%",
        class_name="note",
    )


def notes_card() -> rx.Component:
    state = CvPeopleState
    return rx.card(
        rx.vstack(
            rx.heading("Notes", size="4", as_="h2"),
            rx.text("Private to your team: the candidate never sees them.", size="1", color_scheme="gray"),
            rx.form(
                rx.vstack(
                    labelled("New note", _note_text("text", "note-text"), "note-text", state.note_error),
                    rx.button("Add note", type="submit", id="note-add"),
                    spacing="2",
                    width="100%",
                    align="start",
                ),
                on_submit=state.add_note,
                width="100%",
            ),
            rx.cond(
                CvProfileState.notes.length() > 0,
                rx.vstack(rx.foreach(CvProfileState.notes, _note), spacing="0", width="100%", id="profile-notes"),
                rx.text("No notes yet.", size="2", color_scheme="gray", id="no-notes"),
            ),
            confirm_dialog(
                "Delete this note?",
                "The note will be removed for everyone. The CV's history keeps a record of it.",
                confirm_label="Delete",
                on_confirm=state.delete_note,
                confirm_id="note-delete-confirm",
                open=state.delete_open,
                on_open_change=state.set_delete_open,
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="profile-notes-card",
    )
