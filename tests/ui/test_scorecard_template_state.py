"""The Job titles page's scorecard template editor (issue 18): hr opens a job title's template (the spec's five by
default), renames, adds, removes and reorders criteria, saves, and resets to the five; a refusal shows next to
its field and changes nothing; an interviewer reads nothing."""

from __future__ import annotations

from sqlmodel import select

from hr_app.kit.limits import CRITERIA_MAX, LABEL_MAX_LENGTH
from hr_app.models import ScorecardCriterion
from hr_app.services import scorecard_templates
from hr_app.ui.components.scorecard_template import ScorecardTemplateState
from tests.factories import create_job_title, row_counts
from tests.ui.conftest import drain

FIVE = ["Appearance", "Knowledge", "Confidence", "Attitude", "Communication"]


def _saved(db, job_title_id: int) -> list[tuple[str, str, str]]:
    db.expire_all()
    rows = db.exec(
        select(ScorecardCriterion)
        .where(ScorecardCriterion.job_title_id == job_title_id)
        .order_by(ScorecardCriterion.position)
    ).all()
    return [(row.key, row.name, row.guide_8) for row in rows]


def _editor(make_state, user, job_title_id: int) -> ScorecardTemplateState:
    state = make_state(ScorecardTemplateState, user)
    drain(state.open_template(str(job_title_id)))
    return state


def test_hr_edits_reorders_saves_and_resets_a_template(make_state, db, org, hr_user):
    title = create_job_title(db, org, name="Data engineer")
    state = _editor(make_state, hr_user, title.id)
    assert state.tpl_default and [row.name for row in state.tpl_rows] == FIVE
    state.remove_criterion(0)  # Appearance
    state.set_criterion(0, "name", "Knowledge of SQL")  # a rename keeps the key, so its ratings stay
    state.set_criterion(0, "guide_8", "Tunes a slow query unaided")
    state.add_criterion()
    state.set_criterion(4, "name", "System design")
    state.move_criterion(4, -1)  # above Communication
    state.move_criterion(0, -1)  # already first: nothing moves
    drain(state.save_template())
    assert not state.tpl_default and state.tpl_error == ""
    assert _saved(db, title.id) == [
        ("knowledge", "Knowledge of SQL", "Tunes a slow query unaided"),
        ("confidence", "Confidence", ""),
        ("attitude", "Attitude", ""),
        ("system_design", "System design", ""),
        ("communication", "Communication", ""),
    ]
    assert [row.key for row in _editor(make_state, hr_user, title.id).tpl_rows][3] == "system_design"

    drain(state.reset_template())
    assert state.tpl_default and [row.name for row in state.tpl_rows] == FIVE and _saved(db, title.id) == []
    drain(state.open_template("none"))  # the picker's "Choose a job title": the editor closes
    assert state.tpl_job_title == "" and state.tpl_rows == []


def test_refusals_show_next_to_their_fields_and_change_nothing(make_state, db, org, hr_user):
    title = create_job_title(db, org, name="Analyst")
    state = _editor(make_state, hr_user, title.id)
    state.set_criterion(1, "name", "  ")
    state.add_criterion()
    state.set_criterion(5, "name", "Attitude!")  # the same key as Attitude
    state.set_criterion(2, "guide_5", "x" * 501)
    before = row_counts(db)
    drain(state.save_template())  # the guide's length is refused in the form, before the service
    assert state.tpl_rows[2].guide_error != "" and row_counts(db) == before
    state.set_criterion(2, "guide_5", "Average")
    assert state.tpl_rows[2].guide_error == ""
    drain(state.save_template())
    assert state.tpl_rows[1].name_error == "This field may not be blank."
    assert state.tpl_rows[5].name_error == 'Another criterion has the key "attitude".'
    assert state.tpl_rows[0].name_error == "" and row_counts(db) == before
    state.set_criterion(1, "name", "x" * (LABEL_MAX_LENGTH + 1))
    assert state.tpl_rows[1].name_error == ""
    drain(state.save_template())
    assert "150 characters" in state.tpl_rows[1].name_error and row_counts(db) == before

    state.remove_criterion(5)
    state.set_criterion(1, "name", "Knowledge")
    for _ in range(CRITERIA_MAX + 1 - len(state.tpl_rows)):
        state.add_criterion()
    for index in range(5, CRITERIA_MAX + 1):
        state.set_criterion(index, "name", f"Skill {index}")
    drain(state.save_template())
    assert state.tpl_error == scorecard_templates.TOO_MANY and row_counts(db) == before


def test_an_interviewer_opens_no_template(make_state, db, org, interviewer):
    title = create_job_title(db, org, name="Tester")
    state = _editor(make_state, interviewer, title.id)
    assert state.tpl_job_title == "" and state.tpl_rows == []
