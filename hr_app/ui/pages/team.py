"""/users (admin manages, hr reads) and /job-titles."""

from __future__ import annotations

import reflex as rx

from hr_app.ui.components.layout import workspace
from hr_app.ui.components.scorecard_template import template_section
from hr_app.ui.components.widgets import field_label, labelled
from hr_app.ui.states.team import ROLES, JobTitlesState, MemberRow, TitleRow, UsersState


def labelled_input(label: str, name: str, error: rx.Var | None = None, **props: object) -> rx.Component:
    """A labelled text field; with `error`, the message shows under it (id `<name>-error`) and is tied to it."""
    return labelled(label, rx.input(id=name, name=name, width="100%", **props), name, error)


def _invite_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading("Invite someone", size="4"),
                rx.hstack(
                    labelled_input("E-mail", "email", type="email", required=True),
                    labelled_input("First name", "first_name", required=True),
                    labelled_input("Last name", "last_name"),
                    labelled_input("Job role", "job_role"),
                    rx.vstack(
                        field_label("Role", "invite-role"),
                        rx.el.select(
                            *(rx.el.option(role, value=role) for role in ROLES),
                            id="invite-role",
                            name="role",
                            default_value="interviewer",
                        ),
                        spacing="1",
                    ),
                    align="end",
                    width="100%",
                    wrap="wrap",
                ),
                rx.cond(
                    UsersState.invite_error != "",
                    rx.text(UsersState.invite_error, color_scheme="red", id="invite-error"),
                ),
                rx.button(rx.icon("send", size=16), "Send invitation", type="submit", id="invite-submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=UsersState.invite,
            reset_on_submit=True,
        ),
        width="100%",
        margin_bottom="1rem",
    )


def _admin_actions(member: MemberRow) -> rx.Component:
    return rx.hstack(
        rx.el.select(
            *(rx.el.option(role, value=role) for role in ROLES),
            value=member.role,
            aria_label=f"Role of {member.email}",
            on_change=lambda role: UsersState.set_role(member.id, role),
            disabled=member.status == "invited",
        ),
        rx.match(
            member.status,
            (
                "invited",
                rx.hstack(
                    rx.button("Resend", size="1", variant="soft", on_click=UsersState.resend(member.id)),
                    rx.button(
                        "Revoke", size="1", variant="soft", color_scheme="red", on_click=UsersState.revoke(member.id)
                    ),
                ),
            ),
            (
                "active",
                rx.button(
                    "Deactivate",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=UsersState.set_active(member.id, False),
                ),
            ),
            rx.button("Reactivate", size="1", variant="soft", on_click=UsersState.set_active(member.id, True)),
        ),
        spacing="2",
    )


def _member_row(member: MemberRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(member.name, weight="medium"), rx.text(member.email, size="1", color_scheme="gray")),
        rx.table.cell(member.job_role),
        rx.table.cell(rx.cond(UsersState.is_admin, _admin_actions(member), rx.text(member.role))),
        rx.table.cell(
            rx.badge(
                member.status, color_scheme=rx.match(member.status, ("active", "green"), ("invited", "blue"), "gray")
            )
        ),
        rx.table.cell(member.last_login),
        id=f"user-{member.email}",
    )


def users_page() -> rx.Component:
    table = rx.table.root(
        rx.table.header(
            rx.table.row(
                *(rx.table.column_header_cell(h) for h in ("Person", "Job role", "Role", "Status", "Last sign-in"))
            )
        ),
        rx.table.body(rx.foreach(UsersState.members, _member_row)),
        width="100%",
    )
    return workspace(
        "Users",
        rx.cond(
            UsersState.denied != "",
            rx.callout(UsersState.denied, icon="lock", color_scheme="gray", id="users-denied"),
            rx.fragment(rx.cond(UsersState.is_admin, _invite_form()), table),
        ),
    )


def _title_row(title: TitleRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.input(
                default_value=title.name,
                aria_label=f"Name of job title {title.name}",
                on_blur=lambda value: JobTitlesState.rename(title.id, value),
            )
        ),
        rx.table.cell(
            rx.button(
                rx.icon("trash-2", size=14),
                "Delete",
                size="1",
                variant="soft",
                color_scheme="red",
                aria_label=f"Delete {title.name}",
                on_click=JobTitlesState.delete(title.id),
            )
        ),
        id=f"title-{title.id}",
    )


def job_titles_page() -> rx.Component:
    return workspace(
        "Job titles",
        rx.form(
            rx.hstack(
                labelled_input("New job title", "name", required=True),
                rx.button(rx.icon("plus", size=16), "Add", type="submit", id="title-add"),
                align="end",
            ),
            rx.cond(
                JobTitlesState.add_error != "", rx.text(JobTitlesState.add_error, color_scheme="red", id="title-error")
            ),
            on_submit=JobTitlesState.add,
            reset_on_submit=True,
            margin_bottom="1rem",
        ),
        rx.table.root(
            rx.table.header(rx.table.row(rx.table.column_header_cell("Name"), rx.table.column_header_cell("Actions"))),
            rx.table.body(rx.foreach(JobTitlesState.titles, _title_row)),
            width="100%",
        ),
        template_section(),
    )
