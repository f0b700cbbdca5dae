"""/questions: the category > topic > subtopic tree, questions by difficulty.

The question editor and the CSV import are substates of QuestionsState, each next to its component in
hr_app/ui/components/question_*.py: they reload the tree and questions after a change.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import Counter

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser, Difficulty, Question, QuestionType
from hr_app.schemas.records import ItemStats
from hr_app.services import exports, item_analysis, question_bank
from hr_app.ui.states.auth import AuthState

LEVELS = tuple(Difficulty)
MIN_OPTIONS, MAX_OPTIONS = question_bank.MIN_OPTIONS, question_bank.MAX_OPTIONS


@dataclasses.dataclass
class TreeNode:
    id: str = ""
    name: str = ""
    kind: str = ""  # category | topic | subtopic
    parent: str = ""
    count: int = 0


@dataclasses.dataclass
class QuestionRow:
    id: str = ""
    text: str = ""
    difficulty: str = ""
    options: list[str] = dataclasses.field(default_factory=list)
    correct_option: int = 0
    correct_text: str = ""
    explanation: str = ""
    kind: str = QuestionType.SINGLE_CHOICE
    kind_label: str = ""  # "" for single choice (the default says nothing); "Multiple choice", "Free text" ...
    correct_options: list[int] = dataclasses.field(default_factory=list)
    partial_credit: bool = False
    version: int = 1
    figures: str = ""  # "41 attempts · 62% right · discrimination 0.31 · 48 s each": admin and hr only
    flags: list[str] = dataclasses.field(default_factory=list)


FLAG_LABELS = {
    "too_easy": "Too easy",
    "too_hard": "Too hard",
    "negative_discrimination": "Strong candidates get it wrong more",
    "low_discrimination": "Barely separates strong and weak",
    "no_variance": "Everyone answers alike",
}


def _figures(stats: ItemStats) -> str:
    parts = [f"{stats.attempts} attempt{'s' if stats.attempts != 1 else ''}"]
    if stats.facility is None:
        return parts[0] + f" · figures after {item_analysis.MIN_ATTEMPTS}"
    parts.append(f"{round(stats.facility * 100)}% right")
    if stats.point_biserial is not None:
        parts.append(f"discrimination {stats.point_biserial:.2f}")
    if stats.mean_seconds is not None:
        parts.append(f"{round(stats.mean_seconds)} s each")
    return " · ".join(parts)


def _flag_labels(stats: ItemStats) -> list[str]:
    labels = [FLAG_LABELS[flag] for flag in stats.flags if flag in FLAG_LABELS]
    for option in stats.options:
        if "never_picked" in option.flags:
            labels.append(f"Option {option.index + 1} never picked")
        if "favoured_by_strong_candidates" in option.flags:
            labels.append(f"Option {option.index + 1} lures strong candidates")
    return labels


def with_statistics(row: QuestionRow, stats: ItemStats | None) -> QuestionRow:
    if stats is None:
        return row
    return dataclasses.replace(row, figures=_figures(stats), flags=_flag_labels(stats))


TYPE_LABELS = {
    QuestionType.SINGLE_CHOICE: "Single choice",
    QuestionType.MULTIPLE_CHOICE: "Multiple choice",
    QuestionType.TRUE_FALSE: "True/false",
    QuestionType.FREE_TEXT: "Free text",
}


def _kind_label(question: Question) -> str:
    kind = QuestionType(question.question_type)
    if kind == QuestionType.SINGLE_CHOICE:
        return ""
    return TYPE_LABELS[kind] + (" (partial credit)" if question.partial_credit else "")


def question_row(question: Question) -> QuestionRow:
    options = list(question.options)
    correct = options[question.correct_option] if 0 <= question.correct_option < len(options) else ""
    return QuestionRow(
        kind=QuestionType(question.question_type),
        kind_label=_kind_label(question),
        correct_options=list(question.correct_options or [question.correct_option]),
        partial_credit=question.partial_credit,
        id=str(question.id),
        text=question.text,
        difficulty=question.difficulty,
        options=options,
        correct_option=question.correct_option,
        correct_text=correct,
        explanation=question.explanation or "",
        version=question.version,
    )


def _read_bank(session: Session, actor: AppUser, subtopic_id: str) -> tuple[list[TreeNode], list[QuestionRow]]:
    """The whole tree with question counts, and the questions of `subtopic_id` (none when blank)."""
    categories = question_bank.list_categories(session, actor=actor)
    topics = question_bank.list_topics(session, actor=actor)
    subtopics = question_bank.list_subtopics(session, actor=actor)
    questions = question_bank.list_questions(session, actor=actor)
    shown = [q for q in questions if subtopic_id and str(q.subtopic_id) == subtopic_id]
    stats = item_analysis.visible_statistics(session, actor=actor, questions=shown)
    rows = [with_statistics(question_row(q), stats.get(q.id)) for q in shown]
    return _tree(categories, topics, subtopics, questions), rows


def _tree(categories: list, topics: list, subtopics: list, questions: list) -> list[TreeNode]:
    per_subtopic = Counter(str(q.subtopic_id) for q in questions)
    per_topic: Counter[str] = Counter()
    topic_of = {str(s.id): str(s.topic_id) for s in subtopics}
    for subtopic_id, count in per_subtopic.items():
        per_topic[topic_of.get(subtopic_id, "")] += count
    nodes: list[TreeNode] = []
    for category in categories:
        category_topics = [t for t in topics if t.category_id == category.id]
        total = sum(per_topic[str(t.id)] for t in category_topics)
        nodes.append(TreeNode(str(category.id), category.name, "category", "", total))
        for topic in sorted(category_topics, key=lambda t: t.name.lower()):
            nodes.append(TreeNode(str(topic.id), topic.name, "topic", str(category.id), per_topic[str(topic.id)]))
            for sub in sorted((s for s in subtopics if s.topic_id == topic.id), key=lambda s: s.name.lower()):
                nodes.append(TreeNode(str(sub.id), sub.name, "subtopic", str(topic.id), per_subtopic[str(sub.id)]))
    return nodes


def _add_node(session: Session, actor: AppUser, kind: str, parent: str, name: str) -> None:
    """A category at the top, a topic under the selected category, a subtopic under the selected topic."""
    if kind == "":
        question_bank.create_category(session, actor=actor, name=name)
    elif kind == "category":
        question_bank.create_topic(session, actor=actor, category_id=uuid.UUID(parent), name=name)
    else:
        question_bank.create_subtopic(session, actor=actor, topic_id=uuid.UUID(parent), name=name)


def problems(error: Invalid) -> dict[str, str]:
    return {field: " ".join(messages) for field, messages in error.field_errors.items()}


class QuestionsState(AuthState):
    loaded: bool = False
    tree: list[TreeNode] = []
    selected: str = ""  # the chosen node's id
    selected_kind: str = ""
    selected_path: str = ""
    questions: list[QuestionRow] = []
    new_name: str = ""
    name_error: str = ""

    # --- derived ------------------------------------------------------------------------------------

    @rx.var
    def easy_questions(self) -> list[QuestionRow]:
        return [q for q in self.questions if q.difficulty == "easy"]

    @rx.var
    def medium_questions(self) -> list[QuestionRow]:
        return [q for q in self.questions if q.difficulty == "medium"]

    @rx.var
    def hard_questions(self) -> list[QuestionRow]:
        return [q for q in self.questions if q.difficulty == "hard"]

    @rx.var
    def add_label(self) -> str:
        return {"": "Add category", "category": "Add topic", "topic": "Add subtopic"}.get(self.selected_kind, "")

    # --- loading ------------------------------------------------------------------------------------

    async def _reload(self) -> None:
        subtopic = self.selected if self.selected_kind == "subtopic" else ""
        self.tree, self.questions = await self._as_actor(lambda session, actor: _read_bank(session, actor, subtopic))
        self.loaded = True

    @rx.event
    async def load(self):
        if not self.is_authenticated:
            return None
        try:
            await self._reload()
        except DomainError as error:
            return self._handle_domain_error(error)
        return None

    @rx.event
    async def export_statistics(self):
        """Every question version's item analysis, the API's statistics.csv."""
        try:
            data = await self._as_actor(lambda session, actor: exports.item_statistics_csv(session, actor=actor))
        except DomainError as error:
            return self._handle_domain_error(error)
        return rx.download(data=data, filename="question-statistics.csv", mime_type="text/csv")

    def _path_of(self, node_id: str) -> str:
        by_id = {node.id: node for node in self.tree}
        names = []
        node = by_id.get(node_id)
        while node is not None:
            names.append(node.name)
            node = by_id.get(node.parent)
        return " / ".join(reversed(names))

    @rx.event
    async def select(self, node_id: str, kind: str):
        if self.selected == node_id:
            self.selected, self.selected_kind, self.selected_path = "", "", ""
        else:
            self.selected, self.selected_kind, self.selected_path = node_id, kind, self._path_of(node_id)
        self.name_error = ""
        try:
            await self._reload()
        except DomainError as error:
            return self._handle_domain_error(error)
        return None

    # --- the tree -----------------------------------------------------------------------------------

    @rx.event
    def set_new_name(self, value: str) -> None:
        self.new_name, self.name_error = value, ""

    @rx.event
    async def add_node(self, _form_data: dict | None = None):
        name, kind, parent = self.new_name, self.selected_kind, self.selected
        if kind not in ("", "category", "topic"):
            return None
        try:
            await self._as_actor(lambda session, actor: _add_node(session, actor, kind, parent, name))
        except Invalid as error:
            self.name_error = " ".join(problems(error).values())
            return None
        except DomainError as error:
            return self._handle_domain_error(error)
        self.new_name = ""
        await self._reload()
        return rx.toast.success(f"{name.strip()} added")
