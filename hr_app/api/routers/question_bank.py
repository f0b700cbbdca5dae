"""/api/question-bank: categories, topics, subtopics, questions, availability and import."""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response
from pydantic import BaseModel

from hr_app.api.body import MAX_JSON_BYTES, is_form, read_json_object
from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.api.files import CSV_TYPE, attachment
from hr_app.api.openapi import CREATED_WITH_LOCATION, set_location
from hr_app.kit.access import require_manager
from hr_app.kit.errors import Invalid
from hr_app.models import AppUser, Difficulty
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.schemas.panels import error_responses
from hr_app.schemas.questions import (
    Availability,
    CategoryOut,
    ImportResult,
    ItemStatsOut,
    NameIn,
    QuestionIn,
    QuestionOut,
    QuestionPatch,
    SubTopicIn,
    SubTopicOut,
    TopicIn,
    TopicOut,
)
from hr_app.services import exports, item_analysis, question_bank

router = APIRouter(prefix="/api/question-bank", tags=["question bank"], route_class=UnitOfWorkRoute)

READ_ERRORS = error_responses(400, 401, 403, 404)
WRITE_ERRORS = error_responses(400, 401, 403, 404)
DELETE_ERRORS = error_responses(400, 401, 403, 404, 409)


async def _writer(user: CurrentUser) -> AppUser:  # async: no thread hop for a role check
    """Admin or hr, checked before the body so a reader gets 403 rather than 400 (the service checks again)."""
    require_manager(user, question_bank.CHANGE_BANK)
    return user


Writer = Annotated[AppUser, Depends(_writer)]


class CategoryList(BaseModel):
    categories: list[CategoryOut]


class TopicList(BaseModel):
    topics: list[TopicOut]


class SubTopicList(BaseModel):
    subtopics: list[SubTopicOut]


class QuestionList(BaseModel):
    questions: list[QuestionOut]


# ---- categories, topics and subtopics ------------------------------------------------------------


def _rename_and_delete_routes(
    plural: str,
    level: str,
    out: type[CategoryOut | TopicOut | SubTopicOut],
    rename: Callable[..., Any],
    delete: Callable[..., None],
) -> None:
    """PATCH (rename) and DELETE /<plural>/{<level>_uuid}/, the same two routes at each level of the tree.

    `rename` and `delete` are the level's service functions, which take the id as `<level>_id`.
    """
    label = level.capitalize()
    path = f"/{plural}/{{{level}_uuid}}/"
    NodeUuid = Annotated[uuid.UUID, Path(alias=f"{level}_uuid")]  # the alias keeps the parameter's public name

    # the route names give the same summaries and operation ids as hand-written `update_topic` and `delete_topic`
    @router.patch(path, name=f"update_{level}", response_model=Envelope[out], responses=WRITE_ERRORS)
    def update_node(session: SessionDep, user: Writer, node_uuid: NodeUuid, body: NameIn) -> Any:
        node = rename(session, actor=user, **{f"{level}_id": node_uuid}, name=body.name)
        return Envelope(message=f"{label} updated successfully", data=out.of(node))

    @router.delete(path, name=f"delete_{level}", response_model=MessageEnvelope, responses=DELETE_ERRORS)
    def delete_node(session: SessionDep, user: Writer, node_uuid: NodeUuid) -> MessageEnvelope:
        delete(session, actor=user, **{f"{level}_id": node_uuid})
        return MessageEnvelope(message=f"{label} deleted successfully")


@router.get("/categories/", response_model=Envelope[CategoryList], responses=READ_ERRORS, summary="List categories")
def list_categories(session: SessionDep, user: CurrentUser) -> Envelope[CategoryList]:
    categories = question_bank.list_categories(session, actor=user)
    return Envelope(
        message="Categories retrieved successfully",
        data=CategoryList(categories=[CategoryOut.of(c) for c in categories]),
    )


@router.post("/categories/", status_code=201, response_model=Envelope[CategoryOut], responses=WRITE_ERRORS)
def create_category(session: SessionDep, user: Writer, body: NameIn) -> Envelope[CategoryOut]:
    category = question_bank.create_category(session, actor=user, name=body.name)
    return Envelope(message="Category created successfully", data=CategoryOut.of(category))


_rename_and_delete_routes(
    "categories", "category", CategoryOut, question_bank.update_category, question_bank.delete_category
)


@router.get("/topics/", response_model=Envelope[TopicList], responses=READ_ERRORS, summary="List topics")
def list_topics(session: SessionDep, user: CurrentUser, category_uuid: uuid.UUID | None = None) -> Envelope[TopicList]:
    topics = question_bank.list_topics(session, actor=user, category_id=category_uuid)
    return Envelope(message="Topics retrieved successfully", data=TopicList(topics=[TopicOut.of(t) for t in topics]))


@router.post("/topics/", status_code=201, response_model=Envelope[TopicOut], responses=WRITE_ERRORS)
def create_topic(session: SessionDep, user: Writer, body: TopicIn) -> Envelope[TopicOut]:
    topic = question_bank.create_topic(session, actor=user, category_id=body.category_uuid, name=body.name)
    return Envelope(message="Topic created successfully", data=TopicOut.of(topic))


_rename_and_delete_routes("topics", "topic", TopicOut, question_bank.update_topic, question_bank.delete_topic)


@router.get("/subtopics/", response_model=Envelope[SubTopicList], responses=READ_ERRORS, summary="List subtopics")
def list_subtopics(
    session: SessionDep, user: CurrentUser, topic_uuid: uuid.UUID | None = None
) -> Envelope[SubTopicList]:
    subtopics = question_bank.list_subtopics(session, actor=user, topic_id=topic_uuid)
    return Envelope(
        message="Subtopics retrieved successfully",
        data=SubTopicList(subtopics=[SubTopicOut.of(s) for s in subtopics]),
    )


@router.post("/subtopics/", status_code=201, response_model=Envelope[SubTopicOut], responses=WRITE_ERRORS)
def create_subtopic(session: SessionDep, user: Writer, body: SubTopicIn) -> Envelope[SubTopicOut]:
    subtopic = question_bank.create_subtopic(session, actor=user, topic_id=body.topic_uuid, name=body.name)
    return Envelope(message="Subtopic created successfully", data=SubTopicOut.of(subtopic))


_rename_and_delete_routes(
    "subtopics", "subtopic", SubTopicOut, question_bank.update_subtopic, question_bank.delete_subtopic
)


# ---- questions ------------------------------------------------------------------------------------


@router.get("/questions/", response_model=Envelope[QuestionList], responses=READ_ERRORS, summary="List questions")
def list_questions(
    session: SessionDep,
    user: CurrentUser,
    subtopic_uuid: uuid.UUID | None = None,
    difficulty: Difficulty | None = None,
) -> Envelope[QuestionList]:
    questions = question_bank.list_questions(session, actor=user, subtopic_id=subtopic_uuid, difficulty=difficulty)
    return Envelope(
        message="Questions retrieved successfully",
        data=QuestionList(questions=[QuestionOut.of(q) for q in questions]),
    )


@router.post(
    "/questions/",
    status_code=201,
    response_model=Envelope[QuestionOut],
    responses={**WRITE_ERRORS, **CREATED_WITH_LOCATION},
)
def create_question(session: SessionDep, user: Writer, body: QuestionIn, response: Response) -> Envelope[QuestionOut]:
    fields = body.model_dump(exclude={"subtopic_uuid"})
    sent = body.model_fields_set - {"subtopic_uuid"}
    question = question_bank.create_question(session, actor=user, subtopic_id=body.subtopic_uuid, sent=sent, **fields)
    out = QuestionOut.of(question)
    set_location(response, f"{router.prefix}/questions/{out.uuid}/")
    return Envelope(message="Question created successfully", data=out)


@router.get("/questions/{question_uuid}/", response_model=Envelope[QuestionOut], responses=READ_ERRORS)
def get_question(session: SessionDep, user: CurrentUser, question_uuid: uuid.UUID) -> Envelope[QuestionOut]:
    question = question_bank.get_question(session, actor=user, question_id=question_uuid)
    return Envelope(message="Question retrieved successfully", data=QuestionOut.of(question))


@router.get(
    "/questions/{question_uuid}/stats/",
    response_model=Envelope[ItemStatsOut],
    responses=READ_ERRORS,
    summary="Item analysis of a question: facility, discrimination, option pick rates (admin or hr)",
)
def question_stats(session: SessionDep, user: CurrentUser, question_uuid: uuid.UUID) -> Envelope[ItemStatsOut]:
    stats = item_analysis.question_statistics(session, actor=user, question_id=question_uuid)
    return Envelope(message="Question statistics retrieved successfully", data=ItemStatsOut.of(stats))


@router.get(
    "/statistics.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **error_responses(401, 403)},
    summary="Item analysis of every question version of the bank, as CSV (admin or hr)",
)
def statistics_csv(session: SessionDep, user: CurrentUser) -> Response:
    return attachment(exports.item_statistics_csv(session, actor=user), CSV_TYPE, "question-statistics.csv")


@router.patch(
    "/questions/{question_uuid}/",
    response_model=Envelope[QuestionOut],
    responses=WRITE_ERRORS,
    summary="Edit a question (a question already drawn for a candidate gets a new version and uuid)",
)
def update_question(
    session: SessionDep, user: Writer, question_uuid: uuid.UUID, body: QuestionPatch
) -> Envelope[QuestionOut]:
    changes = body.model_dump(exclude_unset=True)
    question = question_bank.update_question(session, actor=user, question_id=question_uuid, changes=changes)
    return Envelope(message="Question updated successfully", data=QuestionOut.of(question))


@router.delete("/questions/{question_uuid}/", response_model=MessageEnvelope, responses=DELETE_ERRORS)
def delete_question(session: SessionDep, user: Writer, question_uuid: uuid.UUID) -> MessageEnvelope:
    question_bank.delete_question(session, actor=user, question_id=question_uuid)
    return MessageEnvelope(message="Question deleted successfully")


# ---- availability and import ----------------------------------------------------------------------


@router.get("/availability/", response_model=Envelope[Availability], responses=READ_ERRORS)
def availability(session: SessionDep, user: CurrentUser, subtopic_uuid: uuid.UUID) -> Envelope[Availability]:
    counts = question_bank.availability(session, actor=user, subtopic_id=subtopic_uuid)
    return Envelope(message="Availability retrieved successfully", data=counts)


_IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["questions"],
                    "properties": {"questions": {"type": "array", "items": {"type": "object"}}},
                }
            },
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
            },
        },
    }
}


async def _read_csv(request: Request) -> str:
    if is_form(request):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise Invalid.on("file", "No file was submitted.")
        raw = await upload.read(MAX_JSON_BYTES + 1)
    else:
        raw = await request.body()
    if len(raw) > MAX_JSON_BYTES:
        raise Invalid.on("file", f"The file is larger than {MAX_JSON_BYTES // 1024} KB.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid.on("file", "The file is not UTF-8 text.") from exc


async def import_rows(request: Request) -> list[Any]:
    """The rows of a JSON (`{"questions": [...]}`) or CSV (raw `text/csv` or a multipart `file`) import."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("text/csv") or is_form(request):
        return question_bank.rows_from_csv(await _read_csv(request))
    data = await read_json_object(request)
    if set(data) != {"questions"} or not isinstance(data["questions"], list):
        raise Invalid.on("questions", 'Send {"questions": [...]}, a list of question objects.')
    return data["questions"]


ImportRows = Annotated[list[Any], Depends(import_rows)]


@router.post(
    "/import/",
    status_code=201,
    response_model=Envelope[ImportResult],
    responses=WRITE_ERRORS,
    openapi_extra=_IMPORT_BODY,
    summary="Import questions from JSON or CSV (all rows or none)",
)
def import_questions(session: SessionDep, user: Writer, rows: ImportRows) -> Envelope[ImportResult]:
    result = question_bank.import_questions(session, actor=user, rows=rows)
    return Envelope(message="Questions imported successfully", data=result)
