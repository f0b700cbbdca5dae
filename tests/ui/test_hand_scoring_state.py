"""The panel page's written answers (issue 19, decision 119): HR scores a free-text answer by hand through
hand_scoring.score_answer; the results row says the wait until then; a bad entry stays beside its answer."""

from __future__ import annotations

from reflex.istate.data import RouterData
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.models import Answer, PanelCandidate, Question
from hr_app.services import panel_sessions
from hr_app.ui.components.panel_hand_scoring import HandScoringState
from hr_app.ui.states.panel_results import PanelResultsState
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel, create_question
from tests.ui.conftest import drain


def _on_panel_page(make_state, state_class, user, panel_id):
    state = make_state(state_class, user)
    state.router = RouterData.from_router_data(
        {"asPath": f"/panels/{panel_id}", "pathname": "/panels/[panel_uuid]", "token": "tab-1"}
    )
    return state


def _submitted_panel(db, org):
    bank = create_bank(db, org, easy=0, medium=0, hard=0)
    create_question(db, bank.subtopic, text="Pick", options=("a", "b"), correct_option=1)
    free = create_question(
        db, bank.subtopic, text="Explain", options=(), correct_option=0, correct_options=[], question_type="free_text"
    )
    cv = create_cv(db, org, name="Wren Writer")
    panel, [candidate] = create_panel(db, org, bank, candidates=[cv], easy=2, medium=0, hard=0)
    with session_scope() as session:
        view = panel_sessions.session_view(session, token=candidate.token)
        pick = next(item for item in view.drawn if item.question.text == "Pick")
        shown_right = pick.order.index(1)
        answers = {pick.question.id: shown_right, free.id: "Because lists change."}
        panel_sessions.submit(session, token=candidate.token, answers=answers)
    return panel, cv, free


def test_hr_scores_a_written_answer_and_the_results_stop_waiting(make_state, db, org, hr_user):
    panel, cv, free = _submitted_panel(db, org)
    results = _on_panel_page(make_state, PanelResultsState, hr_user, panel.id)
    drain(results.load_results())
    assert results.results[0].score == "Waiting for hand scoring (1 / 2 so far)"

    state = _on_panel_page(make_state, HandScoringState, hr_user, panel.id)
    drain(state.load_written())
    [row] = state.written
    assert (row.candidate_name, row.question, row.answer, row.hand_score, row.status) == (
        "Wren Writer",
        row.question,
        "Because lists change.",
        "",
        "Waiting for hand scoring",
    )
    assert row.question.endswith(": Explain")
    [toast] = drain(state.save_score(str(cv.id), str(free.id), {"score": "5"}))
    assert "Score saved" in str(toast)
    assert state.written[0].hand_score == "5"
    assert state.written[0].status.startswith(f"Scored 5 / 10 by {hr_user.full_name}")
    db.expire_all()
    candidate = db.exec(select(PanelCandidate)).one()
    assert (candidate.score, str(candidate.points), candidate.hand_scoring_pending) == (1, "1.50", False)
    drain(results.load_results())
    assert results.results[0].score == "1.5 / 2"


def test_a_bad_entry_stays_beside_its_answer_and_nothing_is_saved(make_state, db, org, hr_user):
    panel, cv, free = _submitted_panel(db, org)
    state = _on_panel_page(make_state, HandScoringState, hr_user, panel.id)
    drain(state.load_written())
    key = f"{cv.id}:{free.id}"
    drain(state.save_score(str(cv.id), str(free.id), {"score": "eleven"}))
    assert state.written_errors == {key: "Give 0 to 10 points."}
    drain(state.save_score(str(cv.id), str(free.id), {"score": "11"}))
    assert state.written_errors == {key: "Must be from 0 to 10."}
    pick = db.exec(select(Question).where(Question.text == "Pick")).one()
    drain(state.save_score(str(cv.id), str(pick.id), {"score": "3"}))
    assert state.written_errors == {
        key: "Must be from 0 to 10.",
        f"{cv.id}:{pick.id}": "Only a free-text answer is scored by hand.",
    }
    db.expire_all()
    assert [a.hand_score for a in db.exec(select(Answer)).all()] == [None, None]
    assert db.exec(select(PanelCandidate)).one().hand_scoring_pending is True


def test_an_interviewer_sees_no_written_answers(make_state, db, org, interviewer):
    panel, _cv, _free = _submitted_panel(db, org)
    state = _on_panel_page(make_state, HandScoringState, interviewer, panel.id)
    drain(state.load_written())
    assert state.written == []
