"""The question bank: Category > Topic > SubTopic > Question, scoped to the actor's organization.

Reads are open to every member of the organization; writes to admin and hr. A question that was
already drawn for a candidate is never changed in place: an edit archives it and creates the next
version, a delete archives it, so every candidate's frozen set stays exactly as drawn.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from sqlalchemy import exists, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from hr_app.kit.access import require_manager, require_member
from hr_app.kit.errors import Conflict, FieldErrors, Invalid, NotFound
from hr_app.kit.limits import IMPORT_MAX_ROWS, extra_fields
from hr_app.kit.time import utcnow
from hr_app.models import (
    Answer,
    AppUser,
    Category,
    Difficulty,
    InterviewPanel,
    Question,
    QuestionDistribution,
    QuestionType,
    SubTopic,
    Topic,
)
from hr_app.schemas.questions import Availability, ImportResult, ImportRow
from hr_app.schemas.validation import field_errors
from hr_app.services import audit, events
from hr_app.services.question_scoring import TRUE_FALSE_OPTIONS

INVALID = "Invalid data provided"
CHANGE_BANK = "change the question bank"  # the action named by require_manager's 403
MIN_OPTIONS, MAX_OPTIONS = 2, 6
TYPED_FIELDS = ("question_type", "options", "correct_option", "correct_options", "partial_credit")
QUESTION_FIELDS = ("text", "difficulty", *TYPED_FIELDS, "explanation")

M = TypeVar("M", bound=SQLModel)


# ---- access ---------------------------------------------------------------------------------------


def get_scoped(
    session: Session,
    model: type[M],
    object_id: uuid.UUID,
    organization_id: uuid.UUID,
    label: str,
    field: str = "",
    *,
    archived_too: bool = False,
) -> M:
    """The object of this organization, else 404 (another organization's object is not found either).

    Archived question versions are hidden unless `archived_too` (their statistics stay readable).
    """
    obj = session.get(model, object_id)
    hidden = getattr(obj, "is_archived", False) and not archived_too
    if obj is None or obj.organization_id != organization_id or hidden:
        problem = f"No {label.lower()} with uuid {object_id}."
        raise NotFound(f"{label} not found", {field: [problem]} if field else problem)
    return obj


def _flush_unique(session: Session, field: str, problem: str) -> None:
    """Flush; a unique-constraint race becomes the same 400 as the pre-check."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise Invalid.on(field, problem) from exc


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise Invalid.on("name", "This field may not be blank.")
    return name


def _publish(session: Session, organization_id: uuid.UUID) -> None:
    events.publish(session, organization_id, events.Topic.QUESTIONS)


# ---- categories, topics and subtopics ------------------------------------------------------------

CATEGORY_EXISTS = "A category with this name already exists."
TOPIC_EXISTS = "A topic with this name already exists in this category."
SUBTOPIC_EXISTS = "A subtopic with this name already exists in this topic."

Node = TypeVar("Node", Category, Topic, SubTopic)


@dataclass(frozen=True)
class _Level(Generic[Node]):
    """One level of the tree, so the three levels share one create / update / delete / list."""

    model: type[Node]
    label: str  # "Category": "Category not found", "No category with uuid ..."
    scope: str  # the column a name is unique within: the organization for categories, else the parent
    exists: str  # the problem when the name is taken in that scope
    used_by: Any  # a column referencing this level; any reference refuses the delete (409)
    in_use: str
    parent: _Level[Any] | None = None
    parent_field: str = ""  # the request field naming the parent, for its 404


CATEGORY = _Level(
    model=Category,
    label="Category",
    scope="organization_id",
    exists=CATEGORY_EXISTS,
    used_by=InterviewPanel.category_id,
    in_use="An interview panel uses this category; it cannot be deleted.",
)
TOPIC = _Level(
    model=Topic,
    label="Topic",
    scope="category_id",
    exists=TOPIC_EXISTS,
    used_by=QuestionDistribution.topic_id,
    in_use="An interview panel draws from this topic; it cannot be deleted.",
    parent=CATEGORY,
    parent_field="category_uuid",
)
SUBTOPIC = _Level(
    model=SubTopic,
    label="Subtopic",
    scope="topic_id",
    exists=SUBTOPIC_EXISTS,
    used_by=QuestionDistribution.subtopic_id,
    in_use="An interview panel draws from this subtopic; it cannot be deleted.",
    parent=TOPIC,
    parent_field="topic_uuid",
)


def _get_parent(session: Session, level: _Level[Any], parent_id: uuid.UUID, organization_id: uuid.UUID) -> None:
    assert level.parent is not None  # only called with a parent id, which only child levels take
    get_scoped(session, level.parent.model, parent_id, organization_id, level.parent.label, level.parent_field)


def _list(session: Session, level: _Level[Node], actor: AppUser, parent_id: uuid.UUID | None = None) -> list[Node]:
    organization_id = require_member(actor)
    model = level.model
    query = select(model).where(model.organization_id == organization_id)
    if parent_id is not None:
        _get_parent(session, level, parent_id, organization_id)
        query = query.where(getattr(model, level.scope) == parent_id)
    # names are unique per scope, so the id only orders topics and subtopics of the same name
    return list(session.exec(query.order_by(model.name, model.id)))


def _clean_free_name(session: Session, level: _Level[Node], scope_id: uuid.UUID, name: str, node: Node | None) -> str:
    """The stripped name, else 400 when blank or taken in the scope by another node."""
    name = _clean_name(name)
    query = select(level.model.id).where(getattr(level.model, level.scope) == scope_id, level.model.name == name)
    if any(found != (node.id if node else None) for found in session.exec(query)):
        raise Invalid.on("name", level.exists)
    return name


def _save(session: Session, level: _Level[Node], node: Node) -> Node:
    _flush_unique(session, "name", level.exists)
    _publish(session, node.organization_id)
    return node


def _create(
    session: Session, level: _Level[Node], actor: AppUser, name: str, parent_id: uuid.UUID | None = None
) -> Node:
    organization_id = require_manager(actor, CHANGE_BANK)
    scope_id = organization_id
    if parent_id is not None:
        _get_parent(session, level, parent_id, organization_id)
        scope_id = parent_id
    name = _clean_free_name(session, level, scope_id, name, None)
    node = level.model(**{"organization_id": organization_id, level.scope: scope_id}, name=name)
    session.add(node)
    _audit_node(session, actor, level, node, "created", None, audit.snapshot(node, ("name", level.scope)))
    return _save(session, level, node)


def _audit_node(session: Session, actor: AppUser, level: _Level[Any], node: Any, action: str, *values: Any) -> None:
    audit.record(session, actor, audit.ObjectType(level.label.lower()), node.id, action, *values)


def _update(session: Session, level: _Level[Node], actor: AppUser, node_id: uuid.UUID, name: str) -> Node:
    organization_id = require_manager(actor, CHANGE_BANK)
    node = get_scoped(session, level.model, node_id, organization_id, level.label)
    before = node.name
    node.name = _clean_free_name(session, level, getattr(node, level.scope), name, node)
    if node.name != before:
        _audit_node(session, actor, level, node, "renamed", {"name": before}, {"name": node.name})
    return _save(session, level, node)


def _delete(session: Session, level: _Level[Any], actor: AppUser, node_id: uuid.UUID) -> None:
    organization_id = require_manager(actor, CHANGE_BANK)
    node = get_scoped(session, level.model, node_id, organization_id, level.label)
    if session.exec(select(exists().where(level.used_by == node.id))).one():
        raise Conflict(f"{level.label} is in use", level.in_use)
    _audit_node(session, actor, level, node, "deleted", audit.snapshot(node, ("name", level.scope)), None)
    session.delete(node)
    session.flush()
    _publish(session, organization_id)


def list_categories(session: Session, *, actor: AppUser) -> list[Category]:
    return _list(session, CATEGORY, actor)


def create_category(session: Session, *, actor: AppUser, name: str) -> Category:
    return _create(session, CATEGORY, actor, name)


def update_category(session: Session, *, actor: AppUser, category_id: uuid.UUID, name: str) -> Category:
    return _update(session, CATEGORY, actor, category_id, name)


def delete_category(session: Session, *, actor: AppUser, category_id: uuid.UUID) -> None:
    _delete(session, CATEGORY, actor, category_id)


def list_topics(session: Session, *, actor: AppUser, category_id: uuid.UUID | None = None) -> list[Topic]:
    return _list(session, TOPIC, actor, category_id)


def create_topic(session: Session, *, actor: AppUser, category_id: uuid.UUID, name: str) -> Topic:
    return _create(session, TOPIC, actor, name, category_id)


def update_topic(session: Session, *, actor: AppUser, topic_id: uuid.UUID, name: str) -> Topic:
    return _update(session, TOPIC, actor, topic_id, name)


def delete_topic(session: Session, *, actor: AppUser, topic_id: uuid.UUID) -> None:
    _delete(session, TOPIC, actor, topic_id)


def list_subtopics(session: Session, *, actor: AppUser, topic_id: uuid.UUID | None = None) -> list[SubTopic]:
    return _list(session, SUBTOPIC, actor, topic_id)


def create_subtopic(session: Session, *, actor: AppUser, topic_id: uuid.UUID, name: str) -> SubTopic:
    return _create(session, SUBTOPIC, actor, name, topic_id)


def update_subtopic(session: Session, *, actor: AppUser, subtopic_id: uuid.UUID, name: str) -> SubTopic:
    return _update(session, SUBTOPIC, actor, subtopic_id, name)


def delete_subtopic(session: Session, *, actor: AppUser, subtopic_id: uuid.UUID) -> None:
    _delete(session, SUBTOPIC, actor, subtopic_id)


# ---- questions ------------------------------------------------------------------------------------


def question_errors(text: str, options: Sequence[str], correct_option: int) -> FieldErrors:
    """The rules of a well-formed choice question (the field types are checked by the schema)."""
    errors: FieldErrors = {}
    if not text.strip():
        errors["text"] = ["This field may not be blank."]
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        errors["options"] = [f"Provide between {MIN_OPTIONS} and {MAX_OPTIONS} options (got {len(options)})."]
    elif any(not option.strip() for option in options):
        errors["options"] = ["Options may not be blank."]
    elif len({option.strip() for option in options}) != len(options):
        errors["options"] = ["Options must be different from each other."]
    if options and not 0 <= correct_option < len(options):
        errors["correct_option"] = [f"Must be the index of an option, from 0 to {len(options) - 1}."]
    return errors


REQUIRED = "This field is required."
FIXED_OPTIONS = f"A true/false question has the options {' and '.join(TRUE_FALSE_OPTIONS)}; leave options out."
NO_OPTIONS = "A free-text question has no options."
ONLY_MULTIPLE = "Only a multiple-choice question takes this field."
NOT_FOR_MULTIPLE = "A multiple-choice question takes correct_options instead."


def typed_question(fields: Mapping[str, Any], sent: Iterable[str]) -> tuple[dict[str, Any], FieldErrors]:
    """A question's type-dependent fields checked and completed (decision 118): `fields` holds the merged values
    (None: absent), `sent` the names the caller gave (a field only another type takes is refused when sent, and
    replaced by the type's own value when only carried over from the stored question)."""
    kind, given = QuestionType(fields.get("question_type") or QuestionType.SINGLE_CHOICE), set(sent)
    values = {name: fields.get(name) for name in TYPED_FIELDS} | {"question_type": kind}
    errors: FieldErrors = {}

    def refuse(name: str, message: str) -> None:
        if name in given:
            errors[name] = [message]

    if kind != QuestionType.MULTIPLE_CHOICE:
        if values["partial_credit"]:
            refuse("partial_credit", ONLY_MULTIPLE)
        if "correct_options" in given and values["correct_options"] is not None:
            refuse("correct_options", ONLY_MULTIPLE)
        values["partial_credit"] = False
    if kind == QuestionType.TRUE_FALSE and values["options"] not in (None, list(TRUE_FALSE_OPTIONS)):
        refuse("options", FIXED_OPTIONS)
    if kind == QuestionType.FREE_TEXT:
        if values["options"]:
            refuse("options", NO_OPTIONS)
        if "correct_option" in given and values["correct_option"] is not None:
            refuse("correct_option", NO_OPTIONS)
    if errors:
        return values, errors
    return _complete(kind, values, given)


def _complete(kind: QuestionType, values: dict[str, Any], given: set[str]) -> tuple[dict[str, Any], FieldErrors]:
    errors: FieldErrors = {}
    if kind == QuestionType.TRUE_FALSE:
        values["options"] = list(TRUE_FALSE_OPTIONS)
    elif kind == QuestionType.FREE_TEXT:
        values.update(options=[], correct_option=0, correct_options=[])
        return values, errors
    if values["options"] is None:
        errors["options"] = [REQUIRED]
    if kind == QuestionType.MULTIPLE_CHOICE:
        if "correct_option" in given and values["correct_option"] is not None and "correct_options" not in given:
            errors["correct_option"] = [NOT_FOR_MULTIPLE]
        elif values["correct_options"] is None:
            errors["correct_options"] = [REQUIRED]
        elif values["options"] is not None:
            errors.update(_correct_options_errors(values["correct_options"], len(values["options"])))
        if not errors:
            values["correct_option"] = min(values["correct_options"])
    else:
        if values["correct_option"] is None:
            errors["correct_option"] = [REQUIRED]
        else:
            values["correct_options"] = [values["correct_option"]]
    return values, errors


def _correct_options_errors(correct: Sequence[int], size: int) -> FieldErrors:
    if not correct:
        return {"correct_options": ["Name at least one correct option."]}
    if len(set(correct)) != len(correct):
        return {"correct_options": ["Each option may be named once."]}
    if size and any(not 0 <= index < size for index in correct):
        return {"correct_options": [f"Each must be the index of an option, from 0 to {size - 1}."]}
    return {}


def checked_question(fields: Mapping[str, Any], sent: Iterable[str]) -> tuple[dict[str, Any], FieldErrors]:
    """Every rule of a question of any type: its typed fields, then the text and (but free text) options rules."""
    values, errors = typed_question(fields, sent)
    if not errors and values["question_type"] != QuestionType.FREE_TEXT:
        errors = question_errors(fields["text"], values["options"], values["correct_option"])
    elif not fields["text"].strip():
        errors = {"text": ["This field may not be blank."], **errors}
    values["correct_options"] = sorted(values["correct_options"] or [])
    return values, errors


def list_questions(
    session: Session,
    *,
    actor: AppUser,
    subtopic_id: uuid.UUID | None = None,
    difficulty: Difficulty | None = None,
) -> list[Question]:
    """The current (non-archived) questions, oldest first."""
    organization_id = require_member(actor)
    query = select(Question).where(Question.organization_id == organization_id, col(Question.is_archived).is_(False))
    if subtopic_id is not None:
        get_scoped(session, SubTopic, subtopic_id, organization_id, "Subtopic", "subtopic_uuid")
        query = query.where(Question.subtopic_id == subtopic_id)
    if difficulty is not None:
        query = query.where(Question.difficulty == Difficulty(difficulty))
    return list(session.exec(query.order_by(Question.created_at, Question.id)))


def get_question(session: Session, *, actor: AppUser, question_id: uuid.UUID) -> Question:
    return get_scoped(session, Question, question_id, require_member(actor), "Question")


def create_question(
    session: Session,
    *,
    actor: AppUser,
    subtopic_id: uuid.UUID,
    text: str,
    difficulty: Difficulty | str,
    options: Sequence[str] | None = None,
    correct_option: int | None = None,
    explanation: str | None = None,
    question_type: QuestionType | str = QuestionType.SINGLE_CHOICE,
    correct_options: Sequence[int] | None = None,
    partial_credit: bool | None = None,
    sent: Iterable[str] | None = None,
) -> Question:
    """A new question; `sent` names the fields the caller gave (default: every one not None)."""
    organization_id = require_manager(actor, CHANGE_BANK)
    get_scoped(session, SubTopic, subtopic_id, organization_id, "Subtopic", "subtopic_uuid")
    fields = {
        "text": text,
        "question_type": question_type,
        "options": None if options is None else list(options),
        "correct_option": correct_option,
        "correct_options": None if correct_options is None else list(correct_options),
        "partial_credit": partial_credit,
    }
    values, errors = checked_question(
        fields, sent if sent is not None else [k for k, v in fields.items() if v is not None]
    )
    if errors:
        raise Invalid(INVALID, errors)
    question = Question(
        organization_id=organization_id,
        subtopic_id=subtopic_id,
        text=text.strip(),
        difficulty=Difficulty(difficulty),
        **_stored_fields(values),
        explanation=explanation or None,
    )
    session.add(question)
    session.flush()
    _audit(session, actor, question, "created", None, _snapshot(question))
    _publish(session, organization_id)
    return question


def _stored_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "question_type": QuestionType(values["question_type"] or QuestionType.SINGLE_CHOICE),
        "options": [option.strip() for option in values["options"]],
        "correct_option": values["correct_option"],
        "correct_options": list(values["correct_options"]),
        "partial_credit": bool(values["partial_credit"]),
    }


AUDITED_QUESTION_FIELDS = ("text", "difficulty", "options", "correct_option", "explanation", "subtopic_id", "version")
TYPED_AUDIT_FIELDS = ("question_type", "correct_options", "partial_credit")


def _snapshot(question: Question) -> dict[str, Any]:
    """The audited fields; the type's own only for a question that is not single choice (whose entries read as
    they always did)."""
    typed = question.question_type != QuestionType.SINGLE_CHOICE
    return audit.snapshot(question, AUDITED_QUESTION_FIELDS + (TYPED_AUDIT_FIELDS if typed else ()))


def _audit(session: Session, actor: AppUser, question: Question, action: str, before: Any, after: Any) -> None:
    audit.record(session, actor, audit.ObjectType.QUESTION, question.id, action, before, after)


def was_drawn(session: Session, question_id: uuid.UUID) -> bool:
    """True once the question belongs to any candidate's frozen set."""
    return bool(session.exec(select(exists().where(Answer.question_id == question_id))).one())


def _merged_question(question: Question, changes: dict[str, Any]) -> dict[str, Any]:
    merged = {name: getattr(question, name) for name in (*QUESTION_FIELDS, "subtopic_id")}
    for name, value in changes.items():
        if value is None and name != "explanation":
            raise Invalid.on("type" if name == "question_type" else name, "This field may not be null.")
        merged["subtopic_id" if name == "subtopic_uuid" else name] = value
    if changes.get("question_type", question.question_type) != question.question_type:
        # a new type: what only the old type used is not carried over (the new type's rules say what it needs)
        for name in ("correct_options", "partial_credit"):
            merged[name] = changes.get(name)
    return merged


def update_question(session: Session, *, actor: AppUser, question_id: uuid.UUID, changes: dict[str, Any]) -> Question:
    """Apply a partial edit. A drawn question is archived and its next version returned instead."""
    organization_id = require_manager(actor, CHANGE_BANK)
    question = get_scoped(session, Question, question_id, organization_id, "Question")
    merged = _merged_question(question, changes)
    if merged["subtopic_id"] != question.subtopic_id:
        get_scoped(session, SubTopic, merged["subtopic_id"], organization_id, "Subtopic", "subtopic_uuid")
    values, errors = checked_question(merged, changes)
    if errors:
        raise Invalid(INVALID, errors)
    merged.update(
        text=merged["text"].strip(),
        difficulty=Difficulty(merged["difficulty"]),
        **_stored_fields(values),
        explanation=merged["explanation"] or None,
    )
    if all(getattr(question, name) == value for name, value in merged.items()):
        return question  # nothing changes: no new version, no event
    original, before = question, _snapshot(question)
    if was_drawn(session, question.id):
        question = _next_version(session, question, merged)
    else:
        for name, value in merged.items():
            setattr(question, name, value)
        question.updated_at = utcnow()
    session.flush()
    changed_from, changed_to = audit.changes(before, _snapshot(question))
    if question is not original:  # recorded on the edited question, naming the version that replaces it
        changed_to["next_version_id"] = str(question.id)
    _audit(session, actor, original, "updated", changed_from, changed_to)
    _publish(session, organization_id)
    return question


def _next_version(session: Session, question: Question, merged: dict[str, Any]) -> Question:
    question.is_archived = True
    question.updated_at = utcnow()
    successor = Question(
        organization_id=question.organization_id,
        version=question.version + 1,
        previous_version_id=question.id,
        **merged,
    )
    session.add(successor)
    return successor


def delete_question(session: Session, *, actor: AppUser, question_id: uuid.UUID) -> None:
    """Remove a question from the bank; a drawn one is archived (kept for the candidates who have it)."""
    organization_id = require_manager(actor, CHANGE_BANK)
    question = get_scoped(session, Question, question_id, organization_id, "Question")
    drawn = was_drawn(session, question.id)
    _audit(session, actor, question, "archived" if drawn else "deleted", _snapshot(question), None)
    if drawn:
        question.is_archived = True
        question.updated_at = utcnow()
    else:
        session.delete(question)
    session.flush()
    _publish(session, organization_id)


# ---- availability ---------------------------------------------------------------------------------


def counts_by_subtopic(
    session: Session, organization_id: uuid.UUID, subtopic_ids: Iterable[uuid.UUID]
) -> dict[tuple[uuid.UUID, str], int]:
    """Non-archived questions per (subtopic, difficulty), in one query."""
    ids = list(set(subtopic_ids))
    if not ids:
        return {}
    query = (
        select(Question.subtopic_id, Question.difficulty, func.count())
        .where(
            Question.organization_id == organization_id,
            col(Question.subtopic_id).in_(ids),
            col(Question.is_archived).is_(False),
        )
        .group_by(Question.subtopic_id, Question.difficulty)
    )
    return {(subtopic_id, difficulty): count for subtopic_id, difficulty, count in session.exec(query)}


def availability(session: Session, *, actor: AppUser, subtopic_id: uuid.UUID) -> Availability:
    """How many questions of each difficulty a panel can draw from this subtopic."""
    organization_id = require_member(actor)
    get_scoped(session, SubTopic, subtopic_id, organization_id, "Subtopic", "subtopic_uuid")
    counts = counts_by_subtopic(session, organization_id, [subtopic_id])
    return Availability(**{level: counts.get((subtopic_id, level), 0) for level in Difficulty})


# ---- import ---------------------------------------------------------------------------------------


CSV_COLUMNS = ("category", "topic", "subtopic", "text", "difficulty", "correct_option")
CSV_OPTION_COLUMNS = tuple(f"option_{n}" for n in range(1, MAX_OPTIONS + 1))
TOO_MANY_ROWS = f"Import at most {IMPORT_MAX_ROWS} questions at a time."


def rows_from_csv(text: str) -> list[dict[str, Any]]:
    """CSV rows as import rows. Columns: category, topic, subtopic, text, difficulty, option_1 ..
    option_6 (blank ones are skipped), correct_option (0-based index), explanation (optional); and, optional,
    type (blank: single choice), correct_options (indexes separated by ";", multiple choice), partial_credit
    (true/false, yes/no).

    A row with more fields than the header is refused by number (n from 1, as the import's errors count),
    never silently cut; a file the csv module cannot read (a field over its size limit) is refused on `file`.
    """
    try:
        return _csv_rows(csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        raise Invalid.on("file", f"The file is not a valid CSV file: {exc}.") from exc


def _csv_rows(reader: csv.DictReader[str]) -> list[dict[str, Any]]:
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in (*CSV_COLUMNS, "option_1", "option_2") if name not in header]
    if missing:
        raise Invalid.on("file", f"Missing columns: {', '.join(missing)}.")
    rows: list[dict[str, Any]] = []
    errors: FieldErrors = {}
    for number, record in enumerate(reader, start=1):
        if number > IMPORT_MAX_ROWS:  # stop reading: the rest would only cost memory
            raise Invalid.on("rows", TOO_MANY_ROWS)
        extra = record.pop(None, None)  # type: ignore[call-overload]  # DictReader's restkey for extra fields
        if extra and any(value.strip() for value in extra):
            errors[f"rows.{number}"] = [extra_fields(len(header), len(extra))]
        rows.append(_csv_row({(key or "").strip(): (value or "").strip() for key, value in record.items()}))
    if errors:
        raise Invalid("Import failed: no question was imported", errors)
    return rows


def _csv_row(record: dict[str, str]) -> dict[str, Any]:
    row: dict[str, Any] = {name: record.get(name, "") for name in CSV_COLUMNS}
    row["options"] = [record[name] for name in CSV_OPTION_COLUMNS if record.get(name)]
    row["explanation"] = record.get("explanation") or None
    kind = record.get("type", "")
    if kind:  # the optional columns of the other types (a blank type is single choice, read as before)
        row["type"] = kind
        if kind != QuestionType.SINGLE_CHOICE:
            # what the type does not take is left out when blank, so only a filled one is refused
            row = {name: value for name, value in row.items() if value not in ("", [])}
    if record.get("correct_options"):
        row["correct_options"] = [part.strip() for part in record["correct_options"].split(";")]
    if record.get("partial_credit"):
        row["partial_credit"] = record["partial_credit"]
    return row


def _validate_rows(raw_rows: Sequence[Any]) -> list[tuple[ImportRow, dict[str, Any]]]:
    """Every row checked; any error refuses the whole import, keyed `rows.<n>.<field>` (n from 1)."""
    if not raw_rows:
        raise Invalid.on("rows", "There are no questions to import.")
    if len(raw_rows) > IMPORT_MAX_ROWS:
        raise Invalid.on("rows", TOO_MANY_ROWS)
    rows: list[tuple[ImportRow, dict[str, Any]]] = []
    errors: FieldErrors = {}
    for number, raw in enumerate(raw_rows, start=1):
        if not isinstance(raw, dict):
            errors[f"rows.{number}"] = ["Invalid data. Expected a dictionary."]
            continue
        try:
            row = ImportRow.model_validate(raw)
        except ValidationError as exc:
            problems = field_errors(exc.errors())
        else:
            values, problems = checked_question(row.model_dump(), row.model_fields_set)
            rows.append((row, values))
        for field, messages in problems.items():
            errors[f"rows.{number}.{field}"] = messages
    if errors:
        raise Invalid("Import failed: no question was imported", errors)
    return rows


class _Tree:
    """The organization's categories, topics and subtopics by name, creating the missing ones."""

    def __init__(self, session: Session, organization_id: uuid.UUID) -> None:
        self.session = session
        self.organization_id = organization_id
        scoped = {"organization_id": organization_id}
        self.categories = {c.name: c for c in session.exec(select(Category).filter_by(**scoped))}
        self.topics = {(t.category_id, t.name): t for t in session.exec(select(Topic).filter_by(**scoped))}
        self.subtopics = {(s.topic_id, s.name): s for s in session.exec(select(SubTopic).filter_by(**scoped))}
        self.created = {"categories": 0, "topics": 0, "subtopics": 0}

    def _new(self, kind: str, obj: SQLModel) -> SQLModel:
        """Add and flush at once: with no ORM relationships the flush order must follow the tree."""
        self.session.add(obj)
        self.session.flush()
        self.created[kind] += 1
        return obj

    def subtopic_for(self, row: ImportRow) -> SubTopic:
        org = self.organization_id
        category = self.categories.get(row.category) or self._new(
            "categories", Category(organization_id=org, name=row.category)
        )
        self.categories[row.category] = category
        topic_key = (category.id, row.topic)
        topic = self.topics.get(topic_key) or self._new(
            "topics", Topic(organization_id=org, category_id=category.id, name=row.topic)
        )
        self.topics[topic_key] = topic
        subtopic_key = (topic.id, row.subtopic)
        subtopic = self.subtopics.get(subtopic_key) or self._new(
            "subtopics", SubTopic(organization_id=org, topic_id=topic.id, name=row.subtopic)
        )
        self.subtopics[subtopic_key] = subtopic
        return subtopic


def import_questions(session: Session, *, actor: AppUser, rows: Sequence[Any]) -> ImportResult:
    """Import questions (all or none); missing categories, topics and subtopics are created by name."""
    organization_id = require_manager(actor, CHANGE_BANK)
    valid_rows = _validate_rows(rows)
    tree = _Tree(session, organization_id)
    imported: list[Question] = []
    for row, values in valid_rows:
        subtopic = tree.subtopic_for(row)
        imported.append(
            Question(
                organization_id=organization_id,
                subtopic_id=subtopic.id,
                text=row.text.strip(),
                difficulty=row.difficulty,
                **_stored_fields(values),
                explanation=row.explanation or None,
            )
        )
    session.add_all(imported)
    _flush_unique(session, "rows", "The import clashed with a concurrent change; try again.")
    audit.record_many(
        session, actor, audit.ObjectType.QUESTION, [(q.id, "imported", None, _snapshot(q)) for q in imported]
    )
    _publish(session, organization_id)
    return ImportResult(
        imported=len(valid_rows),
        created_categories=tree.created["categories"],
        created_topics=tree.created["topics"],
        created_subtopics=tree.created["subtopics"],
    )
