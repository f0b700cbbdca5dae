"""The floor: a bare Starlette app that runs the same service calls (the same SQL) and serialises the same JSON
as the real endpoints, with none of the framework around them (no FastAPI validation, no auth, no Reflex).
The whole interview list and the ongoing list go lower still: the same rows read with the database driver alone
and serialised with orjson (bench/list_inprocess.py times them in-process too).

Served by granian like the real app: `granian --interface asgi bench.floor:app`. BENCH_ACTOR_ID names the user.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import orjson
from sqlmodel.sql.expression import Select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hr_app.db import get_engine, session_scope
from hr_app.models import AppUser
from hr_app.schemas.common import Envelope
from hr_app.schemas.cvs import CvOut
from hr_app.schemas.interviews import InterviewListItem, InterviewOut
from hr_app.schemas.panels import PanelList, PanelOut
from hr_app.services import cvs, interview_list, interviews, panels
from hr_app.services.pagination import PageRequest

ACTOR_ID = int(os.environ.get("BENCH_ACTOR_ID", "1"))


def _json(envelope: Envelope) -> Response:
    return Response(envelope.model_dump_json(), media_type="application/json")


def _actor(session) -> AppUser:  # noqa: ANN001
    return session.get(AppUser, ACTOR_ID)


def _page(request: Request) -> PageRequest | None:
    if "page" not in request.query_params:
        return None
    return PageRequest(int(request.query_params["page"]), int(request.query_params.get("page_size", 50)))


def driver_rows(query: Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of `query`, through the database driver alone (DB-API cursor, no SQLAlchemy result)."""
    engine = get_engine()
    sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        connection.close()


def _organization_id() -> uuid.UUID:
    with session_scope() as session:
        return _actor(session).organization_id


def whole_list_json(organization_id: uuid.UUID) -> bytes:
    """The floor of the whole interview list: the same rows, read with the driver, serialised with orjson."""
    rows = driver_rows(interview_list.list_items_query(organization_id))
    data = [interview_list._list_item(row) | {"has_evaluation": bool(row[10])} for row in rows]
    return orjson.dumps({"success": True, "message": f"Found {len(data)} interview(s)", "data": data})


def ongoing_list_json(organization_id: uuid.UUID) -> bytes:
    """The floor of the ongoing list, the same way."""
    rows = driver_rows(interview_list.ongoing_items_query(organization_id))
    data = [interview_list._ongoing_item(row) | {"evaluation_completed": bool(row[14])} for row in rows]
    message = f"Found {len(data)} ongoing interview(s)" if data else "No ongoing interviews found"
    return orjson.dumps({"success": True, "message": message, "data": data})


def list_interviews(request: Request) -> Response:
    if "page" not in request.query_params:
        return Response(whole_list_json(_organization_id()), media_type="application/json")
    with session_scope() as session:
        records = interview_list.list_interview_rows(session, actor=_actor(session), page=_page(request))
        data = [InterviewListItem.of(r) for r in records]
    return _json(Envelope(message=f"Found {records.total} interview(s)", data=data))


def ongoing_interviews(_request: Request) -> Response:
    return Response(ongoing_list_json(_organization_id()), media_type="application/json")


def get_interview(request: Request) -> Response:
    with session_scope() as session:
        record = interviews.get_interview(session, actor=_actor(session), interview_id=request.path_params["id"])
        data = InterviewOut.of(record)
    return _json(Envelope(message="Interview retrieved successfully", data=data))


def cvs_for_interview(_request: Request) -> Response:
    with session_scope() as session:
        records = cvs.cvs_for_interview(session, actor=_actor(session))
        data = [CvOut.of(r) for r in records]
    return _json(Envelope(message=f"Found {len(data)} CV(s) available for interview", data=data))


def list_panels(_request: Request) -> Response:
    with session_scope() as session:
        views = panels.list_panels(session, actor=_actor(session))
        data = PanelList(interview_panels=[PanelOut.of(view) for view in views])
    return _json(Envelope(message="Interview panels retrieved successfully", data=data))


app = Starlette(
    routes=[
        Route("/api/interview-management/", list_interviews),
        Route("/api/interview-management/cvs-for-interview/", cvs_for_interview),
        Route("/api/interview-management/ongoing-interviews/", ongoing_interviews),
        Route("/api/interview-management/{id}/", get_interview),
        Route("/api/panel/get/", list_panels),
    ]
)
