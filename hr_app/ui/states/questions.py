"""/questions: the category > topic > subtopic tree, questions by difficulty, add/edit, CSV import."""

from __future__ import annotations

import dataclasses
import uuid
from collections import Counter

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser, Difficulty, Question
from hr_app.schemas.questions import ImportResult
from hr_app.services import question_bank
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
    version: int = 1


def question_row(question: Question) -> QuestionRow:
    options = list(question.options)
    correct = options[question.correct_option] if 0 <= question.correct_option < len(options) else ""
    return QuestionRow(
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
    rows = [question_row(q) for q in questions if subtopic_id and str(q.subtopic_id) == subtopic_id]
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


def _save_question(session: Session, actor: AppUser, editing_id: str, subtopic_id: str, values: dict) -> None:
    if editing_id:
        question_bank.update_question(session, actor=actor, question_id=uuid.UUID(editing_id), changes=values)
    else:
        question_bank.create_question(session, actor=actor, subtopic_id=uuid.UUID(subtopic_id), **values)


def _import_csv(session: Session, actor: AppUser, raw: bytes) -> ImportResult:
    """Decode (UnicodeDecodeError for a non-UTF-8 file) and import, in the worker thread."""
    rows = question_bank.rows_from_csv(raw.decode("utf-8-sig"))
    return question_bank.import_questions(session, actor=actor, rows=rows)


def _problems(error: Invalid) -> dict[str, str]:
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

    editor_open: bool = False
    editing_id: str = ""
    q_text: str = ""
    q_difficulty: str = "easy"
    q_options: list[str] = ["", ""]
    q_correct: str = "0"
    q_explanation: str = ""
    q_errors: dict[str, str] = {}

    import_message: str = ""
    import_ok: bool = False
    import_problems: list[str] = []
    importing: bool = False

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

    @rx.var
    def option_indexes(self) -> list[str]:
        return [str(index) for index in range(len(self.q_options))]

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
            self.name_error = " ".join(_problems(error).values())
            return None
        except DomainError as error:
            return self._handle_domain_error(error)
        self.new_name = ""
        await self._reload()
        return rx.toast.success(f"{name.strip()} added")

    # --- the question editor ------------------------------------------------------------------------

    @rx.event
    def new_question(self) -> None:
        self.editing_id, self.q_text, self.q_difficulty = "", "", "easy"
        self.q_options, self.q_correct, self.q_explanation, self.q_errors = ["", ""], "0", "", {}
        self.editor_open = True

    @rx.event
    def edit_question(self, question_id: str) -> None:
        for question in self.questions:
            if question.id == question_id:
                self.editing_id, self.q_text, self.q_difficulty = question.id, question.text, question.difficulty
                self.q_options = list(question.options)
                self.q_correct, self.q_explanation = str(question.correct_option), question.explanation
                self.q_errors, self.editor_open = {}, True
                return

    @rx.event
    def set_editor_open(self, value: bool) -> None:
        self.editor_open = value

    @rx.event
    def set_q(self, field: str, value: str) -> None:
        if field in ("q_text", "q_difficulty", "q_correct", "q_explanation"):
            setattr(self, field, value)
            self.q_errors.pop(field.removeprefix("q_"), None)

    @rx.event
    def set_option(self, index: int, value: str) -> None:
        options = list(self.q_options)
        options[int(index)] = value
        self.q_options = options
        self.q_errors.pop("options", None)

    @rx.event
    def add_option(self) -> None:
        if len(self.q_options) < MAX_OPTIONS:
            self.q_options = [*self.q_options, ""]

    @rx.event
    def remove_option(self, index: int) -> None:
        index = int(index)
        if len(self.q_options) > MIN_OPTIONS:
            self.q_options = [o for i, o in enumerate(self.q_options) if i != index]
            correct = int(self.q_correct)
            self.q_correct = str(correct - 1 if correct > index else (0 if correct == index else correct))

    @rx.event
    async def save_question(self, _form_data: dict | None = None):
        values = {
            "text": self.q_text,
            "difficulty": self.q_difficulty,
            "options": [option.strip() for option in self.q_options],
            "correct_option": int(self.q_correct or 0),
            "explanation": self.q_explanation.strip() or None,
        }
        editing, subtopic = self.editing_id, self.selected
        try:
            await self._as_actor(lambda session, actor: _save_question(session, actor, editing, subtopic, values))
        except Invalid as error:
            self.q_errors = _problems(error)
            return None
        except DomainError as error:
            return self._handle_domain_error(error)
        self.editor_open = False
        await self._reload()
        return rx.toast.success("Question saved")

    # --- import -------------------------------------------------------------------------------------

    @rx.event
    async def import_csv(self, files: list[rx.UploadFile]):
        self.import_message, self.import_problems, self.import_ok = "", [], False
        if not files:
            self.import_message = "Choose a CSV file first."
            return
        raw = await files[0].read()
        self.importing = True
        yield
        try:
            result = await self._as_actor(lambda session, actor: _import_csv(session, actor, raw))
        except UnicodeDecodeError:
            self.importing, self.import_message = False, "The file must be UTF-8 encoded CSV."
            return
        except Invalid as error:
            self.importing = False
            self.import_message = error.message
            self.import_problems = [f"{field}: {text}" for field, text in _problems(error).items()]
            return
        except DomainError as error:
            self.importing = False
            yield self._handle_domain_error(error)
            return
        self.importing, self.import_ok = False, True
        self.import_message = (
            f"Imported {result.imported} questions ({result.created_categories} new categories, "
            f"{result.created_topics} topics, {result.created_subtopics} subtopics)."
        )
        await self._reload()
        yield rx.clear_selected_files("question-csv")
