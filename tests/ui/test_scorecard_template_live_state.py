"""The Job titles page follows changes made elsewhere (issue 18): a template saved in another tab or through the API
shows in an open editor without unsaved edits; an editor with edits keeps them and says the saved template moved
(Reload shows it); a new or deleted job title follows in the list and the picker; another organization's push
leaves the tab alone."""

from __future__ import annotations

from hr_app.db import session_scope
from hr_app.models import AppUser, Role
from hr_app.schemas.scorecards import CriterionIn
from hr_app.services import cvs, events, scorecard_templates
from hr_app.ui import live
from hr_app.ui.components.scorecard_template import CHANGED_ELSEWHERE, DELETED_ELSEWHERE, ScorecardTemplateState
from tests.factories import create_job_title, create_user
from tests.ui.conftest import drain, push_to

FIVE = ["Appearance", "Knowledge", "Confidence", "Attitude", "Communication"]


def _editor(make_state, user, job_title_id: int) -> ScorecardTemplateState:
    state = make_state(ScorecardTemplateState, user)
    drain(state.load())
    drain(state.open_template(str(job_title_id)))
    return state


def _save_elsewhere(user: AppUser, job_title_id: int, names: list[str]) -> None:
    with session_scope() as session:
        scorecard_templates.set_template(
            session,
            actor=session.get(AppUser, user.id),
            job_title_id=job_title_id,
            criteria=[CriterionIn(name=name) for name in names],
        )


def test_the_page_follows_the_job_titles_topic():
    [page] = [page for page in live.pages() if page.state is ScorecardTemplateState]
    assert page.topics == {events.Topic.JOB_TITLES} and page.route and page.route("/job-titles")
    assert not page.route("/job-titles/other")


def test_an_open_template_without_edits_follows(make_state, db, org, hr_user):
    title = create_job_title(db, org, name="Data engineer")
    state = _editor(make_state, hr_user, title.id)
    assert [row.name for row in state.tpl_rows] == FIVE
    _save_elsewhere(hr_user, title.id, ["Python", "SQL"])
    assert push_to(state, str(org.id))
    assert [row.name for row in state.tpl_rows] == ["Python", "SQL"] and not state.tpl_default
    assert state.tpl_notice == ""


def test_unsaved_edits_stay_and_reload_shows_the_saved(make_state, db, org, hr_user):
    title = create_job_title(db, org, name="Data engineer")
    state = _editor(make_state, hr_user, title.id)
    state.set_criterion(0, "name", "Looks")  # an unsaved edit
    push_to(state, str(org.id))  # a push that did not change this template: nothing to say
    assert state.tpl_notice == "" and state.tpl_rows[0].name == "Looks"
    _save_elsewhere(hr_user, title.id, ["Python"])
    push_to(state, str(org.id))
    assert state.tpl_notice == CHANGED_ELSEWHERE
    assert [row.name for row in state.tpl_rows] == ["Looks", *FIVE[1:]]  # the edits are kept
    drain(state.reload_template())
    assert [row.name for row in state.tpl_rows] == ["Python"] and state.tpl_notice == ""


def test_job_titles_added_and_deleted_elsewhere_follow(make_state, db, org, hr_user, interviewer):
    title = create_job_title(db, org, name="Data engineer")
    state = _editor(make_state, hr_user, title.id)
    reader = make_state(ScorecardTemplateState, interviewer)  # every member sees the list
    drain(reader.load())
    with session_scope() as session:
        cvs.create_job_title(session, actor=session.get(AppUser, hr_user.id), name="Designer")
    for tab in (state, reader):
        push_to(tab, str(org.id))
        assert sorted(row.name for row in tab.titles) == ["Data engineer", "Designer"]
    with session_scope() as session:
        cvs.delete_job_title(session, actor=session.get(AppUser, hr_user.id), job_title_id=title.id)
    push_to(state, str(org.id))
    assert [row.name for row in state.titles] == ["Designer"]
    assert state.tpl_job_title == "" and state.tpl_rows == [] and state.tpl_notice == DELETED_ELSEWHERE


def test_another_organizations_push_leaves_the_tab(make_state, db, org, other_org, hr_user):
    title = create_job_title(db, org, name="Data engineer")
    state = _editor(make_state, hr_user, title.id)
    outsider = create_user(db, other_org, role=Role.HR)
    _save_elsewhere(outsider, create_job_title(db, other_org, name="Elsewhere").id, ["Python"])
    assert push_to(state, str(other_org.id)) is False
    assert [row.name for row in state.tpl_rows] == FIVE


def test_the_services_publish_the_topic(db, org, hr_user):
    seen: list[events.ChangeEvent] = []
    unsubscribe = events.subscribe(seen.extend)
    try:
        title = create_job_title(db, org, name="Data engineer")
        _save_elsewhere(hr_user, title.id, ["Python"])
        with session_scope() as session:
            cvs.rename_job_title(session, actor=session.get(AppUser, hr_user.id), job_title_id=title.id, name="DE")
    finally:
        unsubscribe()
    assert [event.topic for event in seen].count(events.Topic.JOB_TITLES) == 2
