"""The new-panel form's question distribution rows (topic, subtopic, a stepper per level) and their state.

DistributionRowsState is a substate of PanelFormState: the rows stay on the form (its create sends them), the
controls that change them live here.
"""

from __future__ import annotations

import dataclasses

import reflex as rx

from hr_app.ui.states.panels import LEVELS, Choice, DistRow, PanelFormState


class DistributionRowsState(PanelFormState):
    @rx.event
    def add_row(self) -> None:
        self._add_row()

    @rx.event
    def remove_row(self, key: str) -> None:
        self.rows = [row for row in self.rows if row.key != key]

    def _update_row(self, key: str, **changes: object) -> None:
        rows = []
        for row in self.rows:
            if row.key == key:
                row = dataclasses.replace(row, problem="", **changes)
                available = self._available.get(row.subtopic, {})
                row.available_easy = available.get("easy", 0)
                row.available_medium = available.get("medium", 0)
                row.available_hard = available.get("hard", 0)
            rows.append(row)
        self.rows = rows
        self.errors.pop("question_distributions", None)

    @rx.event
    def set_row_topic(self, key: str, topic: str) -> None:
        self._update_row(key, topic=topic, subtopic="", subtopics=self._subtopics.get(topic, []))

    @rx.event
    def set_row_subtopic(self, key: str, subtopic: str) -> None:
        self._update_row(key, subtopic=subtopic)

    @rx.event
    def step(self, key: str, level: str, delta: int) -> None:
        if level not in LEVELS:
            return
        for row in self.rows:
            if row.key == key:
                self._update_row(key, **{level: max(0, getattr(row, level) + delta)})
                return


R = DistributionRowsState


def choice_item(choice: Choice) -> rx.Component:
    return rx.select.item(choice.label, value=choice.value)


def _stepper(row: DistRow, level: str, available: rx.Var) -> rx.Component:
    value = getattr(row, level)
    return rx.vstack(
        rx.text(level.capitalize(), size="1", color_scheme="gray"),
        rx.hstack(
            rx.icon_button(
                rx.icon("minus", size=12),
                size="1",
                variant="soft",
                type="button",
                on_click=R.step(row.key, level, -1),
                disabled=value == 0,
                aria_label=f"Fewer {level}",
                class_name=f"step-{level}-down",
            ),
            rx.text(value, weight="bold", min_width="1.5rem", align="center", class_name=f"count-{level}"),
            rx.icon_button(
                rx.icon("plus", size=12),
                size="1",
                variant="soft",
                type="button",
                on_click=R.step(row.key, level, 1),
                aria_label=f"More {level}",
                class_name=f"step-{level}-up",
            ),
            align="center",
            spacing="1",
        ),
        rx.text(
            "of ",
            available,
            size="1",
            color_scheme=rx.cond(value > available, "red", "gray"),
        ),
        spacing="1",
        align="center",
    )


def _dist_row(row: DistRow, index: rx.Var) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.text(index + 1, weight="bold", color_scheme="gray", min_width="1.5rem"),
            rx.select.root(
                rx.select.trigger(placeholder="Topic", width="12rem", class_name="row-topic"),
                rx.select.content(rx.foreach(R.topics, choice_item)),
                value=row.topic,
                on_change=lambda value: R.set_row_topic(row.key, value),
            ),
            rx.select.root(
                rx.select.trigger(placeholder="Subtopic", width="12rem", class_name="row-subtopic"),
                rx.select.content(rx.foreach(row.subtopics, choice_item)),
                value=row.subtopic,
                on_change=lambda value: R.set_row_subtopic(row.key, value),
                disabled=row.topic == "",
            ),
            _stepper(row, "easy", row.available_easy),
            _stepper(row, "medium", row.available_medium),
            _stepper(row, "hard", row.available_hard),
            rx.spacer(),
            rx.icon_button(
                rx.icon("x", size=14),
                variant="ghost",
                color_scheme="gray",
                type="button",
                on_click=R.remove_row(row.key),
                aria_label="Remove row",
            ),
            align="center",
            spacing="4",
            width="100%",
        ),
        class_name="dist-row",
        width="100%",
    )


def distribution_rows() -> rx.Component:
    return rx.vstack(
        rx.foreach(R.rows, _dist_row),
        rx.button(
            rx.icon("plus", size=14),
            "Add row",
            variant="soft",
            type="button",
            on_click=R.add_row,
            id="add-row",
        ),
        spacing="2",
        width="100%",
    )
