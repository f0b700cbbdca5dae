"""The CVs page's "Add a CV" dialog and its state (a substate of CvsState: it reloads the list it adds to)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser
from hr_app.services import cv_documents, cv_duplicates, cvs
from hr_app.ui.components.cv_add_document import ADD_DOCUMENT_ID, document_field
from hr_app.ui.components.cv_duplicates import DuplicateRow, duplicate_rows, duplicate_warning
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.upload import chosen_document
from hr_app.ui.components.widgets import field_error, labelled, select_option
from hr_app.ui.states.cvs import NONE, CvsState, first_problems

CV_FORM_FIELDS = ("name", "email", "phone_number", "job_title", "place", "district")


class AddCvDialogState(CvsState):
    add_open: bool = False
    add_errors: dict[str, str] = {}
    add_job_title: str = NONE
    adding: bool = False
    add_duplicates: list[DuplicateRow] = []  # a warning before saving, never a refusal
    _typed_contact: dict[str, str] = {}  # the e-mail and phone as last left, for the warning

    @rx.event
    def set_add_open(self, value: bool) -> None:
        self.add_open = value
        if value:
            self.add_errors = {}
            self.add_job_title = NONE
            self.add_duplicates, self._typed_contact = [], {}

    @rx.event
    async def check_duplicates(self, field: str, value: str) -> None:
        """On leaving the e-mail or phone field: the CVs this one would duplicate (off the loop, one query)."""
        typed = {**self._typed_contact, field: (value or "").strip()}
        if typed == self._typed_contact:
            return
        self._typed_contact = typed
        email, phone = typed.get("email", ""), typed.get("phone_number", "")
        found = await self._as_actor(
            lambda session, actor: cv_duplicates.duplicates_for(session, actor=actor, email=email, phone=phone)
        )
        if self._typed_contact == typed:  # no later field change overtook this answer
            self.add_duplicates = duplicate_rows(found)

    @rx.event
    def set_add_job_title(self, value: str) -> None:
        self.add_job_title = value

    @rx.event
    async def add_cv_with_document(
        self, files: list[rx.UploadFile], form_data: dict[str, str]
    ) -> AsyncIterator[rx.event.EventSpec | None]:
        """The dialog's submit: the form and the chosen document (if any) in one upload."""
        async for event in self._add(form_data, chosen_document(files)):
            yield event

    async def _add(
        self, form_data: dict[str, str], document: cv_documents.DocumentUpload | None
    ) -> AsyncIterator[rx.event.EventSpec | None]:
        """The CV and its document in one unit of work: a refused document leaves no CV (all or nothing)."""
        values = {field: (form_data.get(field) or "").strip() for field in CV_FORM_FIELDS if field != "job_title"}
        values["job_title"] = "" if self.add_job_title == NONE else self.add_job_title

        def store(session: Session, actor: AppUser) -> str:
            cv = cvs.create_cv(session, actor=actor, values=values).cv
            if document is not None:
                cv_documents.upload_document(session, actor=actor, cv_id=cv.id, upload=document)
            return cv.name

        self.adding = True
        yield
        try:
            name = await self._as_actor(store)
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
        yield rx.clear_selected_files(ADD_DOCUMENT_ID)
        yield rx.toast.success(f"{name} added" + (" with its document" if document is not None else ""))


def _text_input(label: str, name: str, required: bool = False, kind: str = "text", **props) -> rx.Component:
    return labelled(
        label + (" *" if required else ""),
        rx.input(id=f"add-{name}", name=name, type=kind, width="100%", **props),
        f"add-{name}",
        AddCvDialogState.add_errors.get(name, ""),
    )


def add_dialog() -> rx.Component:
    return form_dialog(
        "Add a CV",
        "Name and e-mail are required.",
        _text_input("Name", "name", required=True, auto_focus=True),
        _text_input(
            "E-mail",
            "email",
            required=True,
            kind="email",
            on_blur=lambda v: AddCvDialogState.check_duplicates("email", v),
        ),
        rx.grid(
            _text_input(
                "Phone",
                "phone_number",
                kind="tel",
                on_blur=lambda v: AddCvDialogState.check_duplicates("phone_number", v),
            ),
            labelled(
                "Job title",
                rx.select.root(
                    rx.select.trigger(id="add-job_title", width="100%", aria_labelledby="add-job_title-label"),
                    rx.select.content(
                        rx.select.item("No job title", value=NONE),
                        rx.foreach(CvsState.job_titles, select_option),
                    ),
                    value=AddCvDialogState.add_job_title,
                    on_change=AddCvDialogState.set_add_job_title,
                ),
                "add-job_title",
                AddCvDialogState.add_errors.get("job_title", ""),
            ),
            _text_input("Place", "place"),
            _text_input("District", "district"),
            columns="2",
            spacing="3",
            width="100%",
        ),
        duplicate_warning(AddCvDialogState.add_duplicates, "add-duplicates"),
        document_field(AddCvDialogState.add_errors.get("file", "")),
        field_error(AddCvDialogState.add_errors.get("non_field_errors", ""), "add-error"),
        submit=rx.button(
            rx.cond(AddCvDialogState.adding, rx.spinner(size="1")),
            "Add CV",
            type="submit",
            id="add-submit",
            disabled=AddCvDialogState.adding,
        ),
        on_submit=lambda form: AddCvDialogState.add_cv_with_document(rx.upload_files(upload_id=ADD_DOCUMENT_ID), form),
        open=AddCvDialogState.add_open,
        on_open_change=[AddCvDialogState.set_add_open, rx.clear_selected_files(ADD_DOCUMENT_ID)],
        trigger=rx.button(rx.icon("plus", size=16), "Add CV", id="add-cv"),
        max_width="34rem",
    )
