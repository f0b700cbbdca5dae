"""/panels, /panels/new, /panels/[panel_uuid]."""

from __future__ import annotations

import reflex as rx

from hr_app.ui import routes
from hr_app.ui.components.activity import activity_panel
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.panel_candidates import add_button, candidates_dialogs, remove_button
from hr_app.ui.components.panel_delete import delete_dialog
from hr_app.ui.components.panel_edit import edit_dialog
from hr_app.ui.components.panel_extend import extend_button, extend_dialog
from hr_app.ui.components.panel_hand_scoring import hand_scoring_section
from hr_app.ui.components.panel_results import panel_results
from hr_app.ui.components.panel_rows import choice_item, distribution_rows
from hr_app.ui.components.widgets import candidate_choice, field_error, labelled, skeleton_rows
from hr_app.ui.states.panels import (
    CandidateChoice,
    PanelDetailState,
    PanelFormState,
    PanelRow,
    PanelsState,
    SessionLink,
)

F = PanelFormState
D = PanelDetailState


def active_badge(active: rx.Var) -> rx.Component:
    return rx.cond(
        active,
        rx.badge("Active", color_scheme="green", variant="soft", radius="full"),
        rx.badge("Inactive", color_scheme="gray", variant="soft", radius="full"),
    )


# --- list ---------------------------------------------------------------------------------------------


def _panel_row(row: PanelRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.link(row.name, href=row.url, weight="medium"),
            rx.cond(row.description != "", rx.text(row.description, size="1", color_scheme="gray", trim="both")),
        ),
        rx.table.cell(active_badge(row.is_active)),
        rx.table.cell(row.start_local),
        rx.table.cell(row.end_local),
        rx.table.cell(row.questions),
        rx.table.cell(row.candidates),
        class_name="panel-row",
        custom_attrs={"data-name": row.name},
    )


def panels_page() -> rx.Component:
    return workspace(
        "Panels",
        rx.cond(
            ~PanelsState.loaded,
            skeleton_rows(4),
            rx.cond(
                PanelsState.rows.length() == 0,
                empty_state(
                    "clipboard-list",
                    "No panels yet",
                    "A panel sends each chosen candidate a link to a timed question set drawn from the bank.",
                ),
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *(
                                rx.table.column_header_cell(label)
                                for label in ("Panel", "State", "Starts", "Ends", "Questions", "Candidates")
                            )
                        )
                    ),
                    rx.table.body(rx.foreach(PanelsState.rows, _panel_row)),
                    variant="surface",
                    size="1",
                    width="100%",
                    id="panel-table",
                ),
            ),
        ),
        actions=rx.cond(
            PanelsState.can_manage,
            rx.link(rx.button(rx.icon("plus", size=16), "New panel", id="new-panel"), href=routes.PANEL_NEW),
        ),
    )


# --- session links (create result and detail) ---------------------------------------------------------


def _reissue_button(link: SessionLink) -> rx.Component:
    return rx.tooltip(
        rx.button(
            rx.icon("refresh-cw", size=14),
            "New link",
            variant="soft",
            color_scheme="orange",
            size="1",
            on_click=PanelDetailState.reissue_link(link.candidate_uuid),
            class_name="reissue-link",
        ),
        content="Give this candidate a new link; the current one stops working at once",
    )


def _link_row(link: SessionLink, reissue: bool = False) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(link.name, weight="medium", size="2"),
            rx.text(link.email, size="1", color_scheme="gray"),
            spacing="0",
            min_width="12rem",
        ),
        rx.code(link.url, size="1", class_name="session-link", overflow_wrap="anywhere"),
        rx.spacer(),
        rx.tooltip(
            rx.icon_button(
                rx.icon("copy", size=14),
                variant="soft",
                size="1",
                on_click=[rx.set_clipboard(link.url), rx.toast.info("Link copied")],
                aria_label="Copy link",
                class_name="copy-link",
            ),
            content="Copy link",
        ),
        *([_reissue_button(link)] if reissue else []),
        *(
            [
                rx.cond(
                    PanelDetailState.timed & PanelDetailState.is_active, extend_button(link.candidate_uuid, link.name)
                ),
                rx.cond(PanelDetailState.is_active & ~link.opened, remove_button(link.candidate_uuid, link.name)),
            ]
            if reissue
            else []
        ),
        align="center",
        width="100%",
        class_name="link-row",
    )


def links_list(links: rx.Var, reissue: bool = False) -> rx.Component:
    """The candidates' links; on the panel's own page (`reissue`) each can be replaced by a new one."""
    rows = rx.foreach(links, lambda link: _link_row(link, reissue))
    return rx.vstack(rows, spacing="3", width="100%", id="session-links")


# --- create -------------------------------------------------------------------------------------------


def _candidate(choice: CandidateChoice) -> rx.Component:
    return candidate_choice(
        choice,
        F.chosen.contains(choice.id),
        lambda _checked: F.toggle_candidate(choice.id),
        verb="Invite",
        check_class="candidate-check",
        custom_attrs={"data-name": choice.name},
        class_name="candidate-option",
    )


def _input(label: str, field: str, value: rx.Var, error_key: str, **props) -> rx.Component:
    return labelled(
        label,
        rx.input(
            id=f"panel-{field}",
            name=field,
            value=value,
            on_change=lambda v: F.set_text(field, v),
            width="100%",
            **props,
        ),
        f"panel-{field}",
        F.errors.get(error_key, ""),
    )


def create_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.card(
                rx.vstack(
                    rx.grid(
                        _input("Name", "name", F.name, "name", auto_focus=True),
                        _input("Number of questions", "target", F.target, "total_number_of_questions", type="number"),
                        _input("Starts", "start", F.start, "start_datetime", type="datetime-local"),
                        _input("Ends", "end", F.end, "end_datetime", type="datetime-local"),
                        _input(
                            "Time limit per candidate (minutes, optional)",
                            "time_limit",
                            F.time_limit,
                            "time_limit_minutes",
                            type="number",
                            placeholder="No limit: the whole window",
                        ),
                        _input(
                            "Pass mark (%, optional)",
                            "pass_mark",
                            F.pass_mark,
                            "pass_mark",
                            type="number",
                            placeholder="The organization's default",
                        ),
                        columns="2",
                        spacing="3",
                        width="100%",
                    ),
                    _input("Description", "description", F.description, "description"),
                    rx.hstack(
                        labelled(
                            "Category",
                            rx.select.root(
                                rx.select.trigger(
                                    placeholder="Choose a category",
                                    id="panel-category",
                                    width="16rem",
                                    aria_labelledby="panel-category-label",
                                ),
                                rx.select.content(rx.foreach(F.categories, choice_item)),
                                value=F.category,
                                on_change=F.set_category,
                            ),
                            "panel-category",
                            F.errors.get("category_uuid", ""),
                        ),
                        rx.el.label(
                            rx.hstack(
                                rx.switch(
                                    checked=F.show_scores,
                                    on_change=F.set_show_scores,
                                    id="panel-show-scores",
                                    name="show_scores",
                                    aria_label="Show candidates their score",
                                ),
                                rx.text("Show candidates their score", size="2", white_space="nowrap"),
                                align="center",
                            ),
                        ),
                        rx.el.label(
                            rx.hstack(
                                rx.switch(
                                    checked=F.shuffle,
                                    on_change=F.set_shuffle,
                                    id="panel-shuffle",
                                    name="shuffle",
                                    aria_label="Shuffle questions and options for each candidate",
                                ),
                                rx.text("Shuffle per candidate", size="2", white_space="nowrap"),
                                align="center",
                            ),
                        ),
                        align="end",
                        spacing="5",
                    ),
                    spacing="3",
                    width="100%",
                ),
                width="100%",
            ),
            rx.hstack(
                rx.heading("Questions", size="4"),
                rx.spacer(),
                rx.badge(
                    F.running_total.to_string(),
                    " / ",
                    F.target_number.to_string(),
                    color_scheme=rx.cond(F.total_matches, "green", "amber"),
                    size="2",
                    id="running-total",
                ),
                rx.text(F.mismatch, size="2", color_scheme=rx.cond(F.total_matches, "green", "amber"), id="mismatch"),
                align="center",
                spacing="3",
                width="100%",
            ),
            rx.cond(
                F.category == "",
                rx.text("Choose a category to add rows.", size="2", color_scheme="gray"),
                distribution_rows(),
            ),
            field_error(F.errors.get("question_distributions", ""), "distribution-error"),
            rx.heading("Candidates", size="4"),
            rx.card(
                rx.vstack(
                    rx.hstack(
                        rx.input(
                            rx.input.slot(rx.icon("search", size=14)),
                            placeholder="Search candidates",
                            value=F.candidate_search,
                            on_change=lambda v: F.set_text("candidate_search", v),
                            id="candidate-search",
                            name="candidate_search",
                            width="18rem",
                        ),
                        rx.text(
                            F.chosen_count.to_string(), " chosen", size="2", color_scheme="gray", id="chosen-count"
                        ),
                        align="center",
                        spacing="3",
                    ),
                    rx.scroll_area(
                        rx.vstack(rx.foreach(F.visible_candidates, _candidate), spacing="0", width="100%"),
                        max_height="14rem",
                        type="auto",
                    ),
                    field_error(F.errors.get("candidate_uuids", ""), "candidates-error"),
                    width="100%",
                ),
                width="100%",
            ),
            field_error(F.errors.get("non_field_errors", ""), "panel-error"),
            rx.hstack(
                rx.spacer(),
                rx.link(rx.button("Cancel", variant="soft", color_scheme="gray", type="button"), href=routes.PANELS),
                rx.button(
                    rx.cond(F.creating, rx.spinner(size="1"), rx.icon("check", size=14)),
                    "Create panel",
                    type="submit",
                    id="create-panel",
                    disabled=F.creating,
                ),
                width="100%",
                spacing="3",
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=F.create,
        reset_on_submit=False,
    )


def created_view() -> rx.Component:
    return rx.vstack(
        rx.callout(
            rx.text("Panel ", rx.text.strong(F.created_name), " created. Send each candidate their own link."),
            icon="circle-check",
            color_scheme="green",
            width="100%",
            id="panel-created",
        ),
        rx.cond(
            F.links.length() == 0,
            rx.text("No candidates were added.", color_scheme="gray", size="2"),
            links_list(F.links),
        ),
        rx.link(rx.button("Open the panel", variant="soft"), href=F.created_url, id="open-created"),
        spacing="4",
        width="100%",
    )


def panel_new_page() -> rx.Component:
    return workspace(
        "New panel",
        rx.cond(
            ~F.loaded,
            skeleton_rows(5),
            rx.cond(
                ~F.can_manage,
                rx.callout("Only admin and HR users create panels.", icon="lock", color_scheme="gray"),
                rx.cond(F.created_url != "", created_view(), create_form()),
            ),
        ),
    )


# --- detail -------------------------------------------------------------------------------------------


def _fact(label: str, value: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(label, size="1", color_scheme="gray"), rx.text(value, size="2", weight="medium"), spacing="0"
    )


def _dist_line(row: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["topic"]),
        rx.table.cell(row["subtopic"]),
        rx.table.cell(row["easy"]),
        rx.table.cell(row["medium"]),
        rx.table.cell(row["hard"]),
        rx.table.cell(rx.text(row["total"], weight="bold")),
    )


def panel_detail_page() -> rx.Component:
    content = rx.vstack(
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading(D.panel["name"], size="5", id="panel-name"),
                    active_badge(D.is_active),
                    align="center",
                    spacing="3",
                ),
                rx.cond(D.panel["description"] != "", rx.text(D.panel["description"], color_scheme="gray", size="2")),
                rx.hstack(
                    _fact("Starts", D.panel["start"]),
                    _fact("Ends", D.panel["end"]),
                    _fact("Questions", D.panel["questions"]),
                    _fact("Scores shown", D.panel["show_scores"]),
                    _fact("Time per candidate", D.panel["time_limit"]),
                    _fact("Pass mark", D.panel["pass_mark"]),
                    spacing="6",
                ),
                spacing="3",
            ),
            width="100%",
        ),
        rx.heading("Question distribution", size="4"),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *(
                        rx.table.column_header_cell(label)
                        for label in ("Topic", "Subtopic", "Easy", "Medium", "Hard", "Total")
                    )
                )
            ),
            rx.table.body(rx.foreach(D.distributions, _dist_line)),
            variant="surface",
            size="1",
            width="100%",
        ),
        rx.hstack(
            rx.heading("Candidate links", size="4"),
            rx.cond(
                D.is_active & (D.links.length() > 0),
                rx.button(
                    rx.icon("send", size=14),
                    "Send links",
                    size="1",
                    variant="soft",
                    on_click=D.send_links,
                    id="send-links",
                ),
            ),
            rx.cond(D.is_active, add_button()),
            align="center",
            spacing="3",
        ),
        rx.cond(
            D.links.length() == 0,
            rx.text("No candidates on this panel.", color_scheme="gray", size="2"),
            links_list(D.links, reissue=True),
        ),
        extend_dialog(),
        candidates_dialogs(),
        panel_results(),
        hand_scoring_section(),
        activity_panel(),
        spacing="4",
        width="100%",
    )
    return workspace(
        "Panel",
        rx.link(rx.hstack(rx.icon("arrow-left", size=14), "All panels", align="center"), href=routes.PANELS),
        rx.box(height="0.75rem"),
        rx.cond(
            ~D.loaded,
            skeleton_rows(4),
            rx.cond(
                D.not_found != "",
                empty_state("search-x", "Panel not found", "It may have been deleted."),
                content,
            ),
        ),
        actions=rx.cond(
            D.can_manage & (D.not_found == "") & D.loaded,
            rx.hstack(rx.cond(D.is_active, edit_dialog()), delete_dialog(), spacing="3"),
        ),
    )
