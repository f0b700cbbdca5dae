"""/session/[token]: the public page a candidate takes a panel on. No login, no workspace navigation."""

from __future__ import annotations

import reflex as rx

from hr_app.ui.components.session_answers import checkbox_answer, text_answer
from hr_app.ui.components.widgets import field_label
from hr_app.ui.states.session import (
    ANSWERING,
    BEFORE,
    DONE,
    INVALID,
    LIMITED,
    START,
    CandidateSessionState,
    DifficultyScore,
    QuestionItem,
)

S = CandidateSessionState
COUNTDOWN_OVER = "countdown-over"
PAGE_SIGNALS = ("tab_hidden", "tab_visible", "focus_lost", "paste", "copy")  # integrity.REPORTED_BY_PAGE


TIME_ANNOUNCEMENT = "session-time-announcement"


def countdown(element_id: str, *, fire: bool = False) -> rx.Component:
    """A clock the browser runs (see COUNTDOWN_JS); at zero it can press the hidden button.

    role="timer" is not read out as it ticks; the answering clock tells a screen reader at 5 and 1 minutes left
    through the TIME_ANNOUNCEMENT live region instead."""
    attrs = {"data-countdown": S.countdown_seconds, "data-countdown-key": S.countdown_key}
    if fire:
        attrs["data-countdown-fire"] = COUNTDOWN_OVER
        attrs["data-countdown-announce"] = TIME_ANNOUNCEMENT
    return rx.el.span(
        id=element_id,
        role="timer",
        custom_attrs=attrs,
        font_variant_numeric="tabular-nums",
        font_weight="600",
        # Empty until the browser's clock first ticks: a line's height kept free, so the status bar around it does
        # not grow then and push the question down (Lighthouse's layout shift, docs/performance.md).
        display="inline-block",
        min_height="1lh",
    )


def card(*children: rx.Component, **props: object) -> rx.Component:
    return rx.card(rx.vstack(*children, spacing="4", width="100%"), size="3", width="100%", **props)


def panel_heading() -> rx.Component:
    return rx.vstack(
        rx.heading(S.panel_name, size="6", id="session-panel-name"),
        rx.cond(S.candidate_name != "", rx.text("For ", rx.text.strong(S.candidate_name), color_scheme="gray")),
        spacing="1",
        width="100%",
    )


def description() -> rx.Component:
    return rx.cond(S.description != "", rx.text(S.description, id="session-description", white_space="pre-wrap"))


def fact(icon: str, label: str | rx.Var, value: rx.Component, element_id: str) -> rx.Component:
    return rx.hstack(
        rx.icon(icon, size=18, color=rx.color("accent", 10), flex_shrink="0"),
        rx.text(label, color_scheme="gray", size="2", min_width="6.5rem"),
        rx.text(value, size="3", id=element_id),
        align="center",
        spacing="2",
        width="100%",
        wrap="wrap",
    )


# ---- states of the page ----------------------------------------------------------------------------


def message_card(icon: str, title: str, text: rx.Component | str, element_id: str) -> rx.Component:
    return card(
        rx.center(rx.icon(icon, size=40, color=rx.color("gray", 9)), width="100%"),
        rx.heading(title, size="5", align="center", width="100%", id=element_id),
        rx.text(text, color_scheme="gray", align="center", width="100%"),
    )


def invalid_view() -> rx.Component:
    return message_card(
        "link-2-off",
        "This link is no longer valid",
        "The panel may have ended, or the link may be incomplete. "
        "If you think this is a mistake, contact the person who sent it to you.",
        "session-invalid",
    )


def limited_view() -> rx.Component:
    return message_card(
        "shield-alert",
        "Too many attempts",
        rx.fragment(
            "Too many links were tried from your network (error 429). Please wait ",
            rx.text.strong(S.retry_after, id="session-retry-after"),
            " seconds and try again.",
        ),
        "session-rate-limited",
    )


def before_view() -> rx.Component:
    return card(
        panel_heading(),
        description(),
        rx.divider(),
        fact("calendar-clock", "Starts", rx.el.span(custom_attrs={"data-local-time": S.start_iso}), "session-start"),
        fact("hourglass", "Opens in", countdown("session-opens-in", fire=True), "session-opens-in-row"),
        rx.callout(
            "Keep this page open: it opens by itself when the panel starts.",
            icon="info",
            width="100%",
        ),
        id="session-before",
    )


def start_view() -> rx.Component:
    return card(
        panel_heading(),
        description(),
        rx.divider(),
        fact("list-checks", "Questions", S.question_count, "session-question-count"),
        rx.cond(
            S.time_limit_minutes > 0,
            fact(
                "timer",
                "Time limit",
                rx.text.span(
                    S.time_limit_minutes,
                    rx.cond(S.time_limit_minutes == 1, " minute", " minutes"),
                    ", from when you press Start",
                ),
                "session-time-limit",
            ),
        ),
        fact(
            "calendar-clock",
            rx.cond(S.time_limit_minutes > 0, "Panel closes in", "Time left"),
            countdown("session-time-left", fire=True),
            "session-time-left-row",
        ),
        rx.box(
            rx.heading("Before you start", size="3", as_="h2"),
            rx.unordered_list(
                rx.list_item(
                    rx.cond(
                        S.time_limit_minutes > 0,
                        "The clock starts when you press Start and keeps running if you close or reload the page.",
                        "You can take the questions any time until the panel closes.",
                    )
                ),
                rx.list_item("Your answers are saved as you give them: open the same link to continue on any device."),
                rx.list_item("When the time is up, the answers you saved are submitted for you."),
                rx.list_item(
                    "What is recorded: your answers, when each was saved, the time on each question, and when you"
                    " started and submitted. Also when you leave this tab or window, paste or copy text, or open"
                    " this link in a second window: HR sees these only as things to talk about, never as a verdict."
                ),
                size="2",
            ),
            id="session-rules",
            width="100%",
        ),
        rx.button(
            rx.icon("play", size=16),
            "Start",
            size="3",
            width="100%",
            on_click=S.begin,
            id="session-begin",
            auto_focus=True,
        ),
        id="session-start-screen",
    )


def option_row(question: QuestionItem, option: rx.Var, index: rx.Var) -> rx.Component:
    value = index.to_string()
    option_id = f"option-{question.number}-" + value
    chosen = question.selected == value
    return rx.el.label(
        rx.hstack(
            rx.radio_group.item(value=value, id=option_id),
            rx.text(option, size="3"),
            align="center",
            spacing="3",
        ),
        html_for=option_id,  # a plain <label>: rx.el passes html_for through
        display="block",
        width="100%",
        padding="0.75rem",
        border_radius="var(--radius-3)",
        cursor="pointer",
        border=rx.cond(chosen, f"1px solid {rx.color('accent', 8)}", f"1px solid {rx.color('gray', 6)}"),
        background=rx.cond(chosen, rx.color("accent", 3), "transparent"),
        _hover={"background": rx.color("accent", 2)},
    )


def question_card(question: QuestionItem) -> rx.Component:
    return card(
        rx.hstack(
            rx.text("Question ", question.number, " of ", S.question_count, weight="medium", size="2"),
            rx.badge(question.difficulty, variant="soft", color_scheme="gray"),
            rx.cond(
                question.answered,
                rx.badge(rx.icon("check", size=12), "Answered", color_scheme="green", variant="soft"),
            ),
            align="center",
            spacing="2",
            wrap="wrap",
        ),
        rx.text(question.text, size="4", weight="medium", id=f"question-text-{question.number}"),
        rx.match(
            question.kind,
            ("multiple_choice", checkbox_answer(question)),
            ("free_text", text_answer(question)),
            rx.radio_group.root(
                rx.vstack(
                    rx.foreach(question.options, lambda option, index: option_row(question, option, index)),
                    spacing="2",
                    width="100%",
                ),
                value=question.selected,
                on_change=lambda value: S.choose(question.uuid, value),
                aria_label=f"Answer to question {question.number}",
                width="100%",
                id=f"question-{question.number}",
            ),
        ),
        class_name="session-question",
    )


def map_button(question: QuestionItem, index: rx.Var) -> rx.Component:
    answered = question.answered
    current = (index == S.current_index) & ~S.all_on_one_page
    return rx.button(
        question.number,
        on_click=S.go_to(index),
        variant=rx.cond(answered, "solid", "outline"),
        color_scheme=rx.cond(answered, "accent", "gray"),
        size="2",
        min_width="2.5rem",
        outline=rx.cond(current, f"2px solid {rx.color('accent', 9)}", "none"),
        outline_offset="2px",
        aria_label=rx.cond(answered, f"Question {question.number}, answered", f"Question {question.number}"),
        aria_current=rx.cond(current, "step", "false"),
        id=f"map-{question.number}",
    )


def status_bar() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(S.panel_name, weight="bold", size="3", trim="both", min_width="0", overflow="hidden"),
                rx.spacer(),
                rx.hstack(
                    rx.icon("timer", size=16),
                    rx.text("Time left", class_name="sr-only"),
                    countdown("session-time-left", fire=True),
                    rx.el.span(id=TIME_ANNOUNCEMENT, role="status", aria_live="polite", class_name="sr-only"),
                    align="center",
                    spacing="1",
                ),
                align="center",
                width="100%",
            ),
            rx.progress(value=S.progress_percent, width="100%", aria_label="Answered questions"),
            rx.hstack(
                rx.text("Answered ", S.answered_count, " of ", S.question_count, size="2", id="session-progress"),
                rx.spacer(),
                rx.text(S.save_note, size="1", color_scheme="green", id="session-save-note"),
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        position="sticky",
        top="0.5rem",
        z_index="5",
        width="100%",
    )


def submit_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(rx.button(rx.icon("send", size=16), "Submit", size="3", id="open-submit")),
        rx.alert_dialog.content(
            rx.alert_dialog.title("Submit your answers?"),
            rx.alert_dialog.description(
                rx.cond(
                    S.unanswered_numbers != "",
                    rx.el.span(
                        "Not answered yet: question ",
                        rx.el.strong(S.unanswered_numbers),
                        ". Unanswered questions count as wrong.",
                    ),
                    rx.el.span("You answered every question."),
                ),
                " You cannot change your answers after submitting.",
                id="submit-summary",
            ),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button("Keep answering", variant="soft", color_scheme="gray", id="cancel-submit")
                ),
                rx.alert_dialog.action(rx.button("Submit now", on_click=S.submit, id="confirm-submit")),
                spacing="3",
                justify="end",
                margin_top="1rem",
                wrap="wrap",
            ),
            max_width="28rem",
        ),
    )


def navigation() -> rx.Component:
    return rx.hstack(
        rx.button(
            rx.icon("chevron-left", size=16),
            "Previous",
            variant="soft",
            on_click=S.previous_question,
            disabled=S.is_first,
            id="previous-question",
        ),
        rx.button(
            "Next",
            rx.icon("chevron-right", size=16),
            variant="soft",
            on_click=S.next_question,
            disabled=S.is_last,
            id="next-question",
        ),
        rx.spacer(),
        submit_dialog(),
        width="100%",
        align="center",
        wrap="wrap",
        spacing="3",
    )


def answering_view() -> rx.Component:
    return rx.vstack(
        status_bar(),
        rx.hstack(
            rx.text("Questions", size="2", weight="medium"),
            rx.spacer(),
            field_label("All on one page", "all-on-one-page", weight="regular"),
            rx.switch(
                checked=S.all_on_one_page,
                on_change=S.set_all_on_one_page,
                id="all-on-one-page",
                aria_labelledby="all-on-one-page-label",
            ),
            align="center",
            width="100%",
        ),
        rx.flex(
            rx.foreach(S.questions, map_button),
            wrap="wrap",
            gap="0.5rem",
            width="100%",
            role="navigation",
            aria_label="Question map",
            id="question-map",
        ),
        rx.cond(
            S.all_on_one_page,
            rx.vstack(rx.foreach(S.questions, question_card), spacing="3", width="100%"),
            question_card(S.current_question),
        ),
        navigation(),
        spacing="4",
        width="100%",
        id="session-answering",
    )


def breakdown_row(row: DifficultyScore) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(row.label),
        rx.table.cell(row.correct, " of ", row.total, id="breakdown-" + row.label.lower()),
    )


def done_view() -> rx.Component:
    return card(
        rx.cond(
            S.timed_out,
            rx.callout(
                "Time is up. The answers you gave were submitted.",
                icon="alarm-clock",
                color_scheme="amber",
                width="100%",
                id="session-timed-out",
            ),
        ),
        panel_heading(),
        rx.cond(
            S.show_scores & ~S.score_pending,
            rx.vstack(
                rx.text("Your score", color_scheme="gray"),
                rx.heading(
                    rx.text(S.score, as_="span", id="session-score"),
                    " / ",
                    S.result_total,
                    size="8",
                    id="session-score-line",
                ),
                rx.table.root(
                    rx.table.header(
                        rx.table.row(rx.table.column_header_cell("Difficulty"), rx.table.column_header_cell("Correct"))
                    ),
                    rx.table.body(rx.foreach(S.breakdown, breakdown_row)),
                    width="100%",
                    id="session-breakdown",
                ),
                spacing="2",
                width="100%",
            ),
            rx.hstack(
                rx.icon("circle-check", color=rx.color("green", 10)),
                rx.text("Your answers were submitted. Thank you!", size="4", id="session-submitted"),
                align="center",
            ),
        ),
        rx.cond(
            S.score_pending,
            rx.callout(
                "Your score is waiting for hand scoring: HR reads your written answers first.",
                icon="hourglass",
                color_scheme="blue",
                width="100%",
                id="session-score-pending",
            ),
        ),
        rx.text("You can close this page.", color_scheme="gray", size="2"),
        id="session-done",
    )


def session_page() -> rx.Component:
    return rx.box(
        rx.vstack(
            rx.hstack(
                rx.icon("briefcase-business", size=20, color=rx.color("accent", 10)),
                rx.text("Candidate assessment", weight="medium", color_scheme="gray"),
                align="center",
                spacing="2",
            ),
            rx.el.main(
                rx.match(
                    S.phase,
                    (INVALID, invalid_view()),
                    (LIMITED, limited_view()),
                    (BEFORE, before_view()),
                    (START, start_view()),
                    (ANSWERING, answering_view()),
                    (DONE, done_view()),
                    rx.center(rx.spinner(size="3"), padding="4rem", width="100%"),
                ),
                width="100%",
            ),
            rx.el.button("Countdown over", id=COUNTDOWN_OVER, on_click=S.countdown_over, hidden=True, tab_index=-1),
            *(
                rx.el.button(kind, id=f"signal-{kind}", on_click=S.signal(kind), hidden=True, tab_index=-1)
                for kind in PAGE_SIGNALS
            ),
            spacing="4",
            width="100%",
            max_width="46rem",
            margin_x="auto",
        ),
        padding=["0.75rem", "1rem", "2rem"],
        min_height="100vh",
        background=rx.color("gray", 2),
    )
