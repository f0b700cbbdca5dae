"""The panel and bank services as the Reflex UI calls them: they check roles and scope themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.kit.errors import Forbidden, NotFound
from hr_app.kit.time import utcnow
from hr_app.models import Answer, InterviewPanel
from hr_app.schemas.panels import PanelCreate, PanelOut, SessionOut, SessionState
from hr_app.services import panel_sessions, panels, question_bank
from tests.factories import create_cv, create_user
from tests.question_factories import create_bank, create_panel, panel_payload


def test_services_refuse_a_reader_even_without_the_router(db, org, interviewer):
    bank = create_bank(db, org)
    with session_scope() as session, pytest.raises(Forbidden):
        panels.create_panel(session, actor=interviewer, data=PanelCreate.model_validate(panel_payload(bank)))
    with session_scope() as session, pytest.raises(Forbidden):
        question_bank.create_category(session, actor=interviewer, name="Go")
    with session_scope() as session, pytest.raises(Forbidden):
        panels.list_panels(session, actor=create_user(db, None))


def test_create_and_shape_for_the_ui(db, org, hr_user):
    bank = create_bank(db, org)
    cv = create_cv(db, org)
    with session_scope() as session:
        view = panels.create_panel(session, actor=hr_user, data=PanelCreate.model_validate(panel_payload(bank, [cv])))
        shaped = PanelOut.of(view).model_dump(mode="json")
    assert shaped["candidates"][0]["candidate_uuid"] == str(cv.id)
    assert db.exec(select(InterviewPanel)).one().created_by_id == hr_user.id


def test_another_organizations_panel_is_not_found(db, org, outsider):
    panel, _ = create_panel(db, org, create_bank(db, org))
    with session_scope() as session, pytest.raises(NotFound):
        panels.get_panel(session, actor=outsider, panel_id=panel.id)


def test_a_start_screen_reads_without_opening(db, org):
    _, [candidate] = create_panel(db, org, create_bank(db, org), candidates=[create_cv(db, org)])
    with session_scope() as session:
        snapshot = panel_sessions.session_view(session, token=candidate.token, open_session=False)
        shaped = SessionOut.of(snapshot)
    assert snapshot.state == SessionState.NOT_OPEN and shaped.questions == []
    assert shaped.total_number_of_questions == 3
    assert db.exec(select(Answer)).all() == []


def test_results_show_expired_for_sessions_never_opened(db, org, hr_user):
    now = utcnow()
    panel, _ = create_panel(
        db, org, create_bank(db, org), candidates=[create_cv(db, org)], start=now - timedelta(hours=2), end=now
    )
    with session_scope() as session:
        _, progress = panels.panel_results(session, actor=hr_user, panel_id=panel.id)
    assert [p.state for p in progress] == [SessionState.EXPIRED]
    db.expire_all()
    assert db.get(InterviewPanel, panel.id).is_active is False
