"""The candidate page's state, driven directly: each handler calls the session services."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from reflex.istate.data import RouterData
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.kit.time import utcnow
from hr_app.models import Answer, InterviewPanel, PanelCandidate, Question
from hr_app.services import panel_sessions
from hr_app.ui.states.session import CandidateSessionState
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel
from tests.ui.conftest import drain

CLIENT = "203.0.113.7"


def page(token: str) -> CandidateSessionState:
    state = CandidateSessionState(_reflex_internal_init=True)
    state.router = RouterData.from_router_data({"asPath": f"/session/{token}", "ip": CLIENT})
    drain(state.load())
    return state


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, easy=2, medium=2, hard=2)


@pytest.fixture
def open_panel(db, org, bank):
    return create_panel(db, org, bank, candidates=[create_cv(db, org, name="Cara Candidate")])


def correct(db, candidate: PanelCandidate) -> list[int]:
    db.expire_all()
    return list(
        db.exec(
            select(Question.correct_option)
            .join(Answer, Answer.question_id == Question.id)
            .where(Answer.panel_candidate_id == candidate.id)
            .order_by(Answer.position)
        )
    )


class TestLinksThatDoNotWork:
    def test_unknown_expired_and_deleted_look_the_same(self, db, org, bank):
        now = utcnow()
        cvs = [create_cv(db, org), create_cv(db, org)]
        _, (expired,) = create_panel(
            db, org, bank, candidates=cvs[:1], start=now - timedelta(hours=2), end=now - timedelta(minutes=1)
        )
        deleted_panel, (deleted,) = create_panel(db, org, bank, candidates=cvs[1:])
        deleted_panel.is_deleted = True
        db.add(deleted_panel)
        db.commit()
        seen = []
        for token in ("f" * 32, expired.token, deleted.token, "not a token!"):
            state = page(token)
            seen.append((state.phase, state.panel_name, state.candidate_name, state.questions))
        assert seen == [("invalid", "", "", [])] * 4

    def test_too_many_bad_tokens_from_one_address(self):
        limit = panel_sessions.token_limit()
        for _ in range(limit.attempts):
            limit.record_failure(CLIENT)
        state = page("f" * 32)
        assert state.phase == "limited"
        assert 0 < state.retry_after <= 60


class TestBeforeAndStart:
    def test_before_the_window_nothing_is_drawn(self, db, org, bank):
        now = utcnow()
        _, (candidate,) = create_panel(
            db, org, bank, candidates=[create_cv(db, org, name="Eve Early")], start=now + timedelta(minutes=10)
        )
        state = page(candidate.token)
        assert state.phase == "before"
        assert state.candidate_name == "Eve Early"
        assert 590 < state.countdown_seconds <= 600
        assert state.questions == []
        assert db.exec(select(Answer)).all() == []

    def test_start_screen_then_begin_draws_the_frozen_set(self, db, open_panel):
        _panel, (candidate,) = open_panel
        state = page(candidate.token)
        assert state.phase == "start"
        assert state.question_count == 3
        assert 8 * 3600 - 60 < state.countdown_seconds <= 8 * 3600
        assert db.exec(select(Answer)).all() == []
        drain(state.begin())
        assert state.phase == "answering"
        assert [q.number for q in state.questions] == [1, 2, 3]
        assert [q.difficulty for q in state.questions] == ["Easy", "Medium", "Hard"]
        assert state.answered_count == 0
        again = page(candidate.token)  # a reload goes straight back to the questions, the same ones
        assert again.phase == "answering"
        assert [q.uuid for q in again.questions] == [q.uuid for q in state.questions]


class TestAnswering:
    def test_answers_are_saved_as_given_and_resume_on_another_device(self, db, open_panel):
        _, (candidate,) = open_panel
        state = page(candidate.token)
        drain(state.begin())
        first, second = state.questions[0].uuid, state.questions[1].uuid
        drain(state.choose(first, "2"))
        drain(state.choose(second, "1"))
        drain(state.choose(first, "3"))  # changing an answer
        assert state.answered_count == 2
        assert state.progress_percent == 67
        assert state.unanswered_numbers == "3"
        db.expire_all()
        saved = db.exec(
            select(Answer.position, Answer.selected_option)
            .where(Answer.panel_candidate_id == candidate.id)
            .order_by(Answer.position)
        ).all()
        assert saved == [(1, 3), (2, 1), (3, None)]
        other_device = page(candidate.token)
        assert [q.selected for q in other_device.questions] == ["3", "1", ""]

    def test_navigation(self, db, open_panel):
        _, (candidate,) = open_panel
        state = page(candidate.token)
        drain(state.begin())
        assert state.is_first and not state.is_last
        drain(state.next_question())
        drain(state.next_question())
        drain(state.next_question())
        assert state.current_index == 2 and state.is_last
        assert state.current_question.number == 3
        drain(state.previous_question())
        assert state.current_question.number == 2
        drain(state.set_all_on_one_page(True))
        db.refresh(candidate)
        assert candidate.viewing_position is None  # all on one page: no question is timed
        drain(state.go_to(0))
        assert state.current_index == 0 and not state.all_on_one_page
        db.expire_all()
        shown = db.exec(select(Answer.first_shown_at).where(Answer.panel_candidate_id == candidate.id)).all()
        assert None not in shown  # every question the candidate moved to was recorded as shown
        assert db.get(PanelCandidate, candidate.id).viewing_position == 1

    def test_unanswered_numbers_read_as_a_sentence(self, db, open_panel):
        _, (candidate,) = open_panel
        state = page(candidate.token)
        drain(state.begin())
        assert state.unanswered_numbers == "1, 2 and 3"

    def test_submit_scores_and_a_second_visit_shows_the_same(self, db, open_panel):
        _, (candidate,) = open_panel
        state = page(candidate.token)
        drain(state.begin())
        right = correct(db, candidate)
        drain(state.choose(state.questions[0].uuid, str(right[0])))
        drain(state.choose(state.questions[1].uuid, str((right[1] + 1) % 4)))
        drain(state.submit())
        assert state.phase == "done"
        assert (state.score, state.result_total, state.show_scores) == (1, 3, True)
        assert [(row.label, row.correct, row.total) for row in state.breakdown] == [
            ("Easy", 1, 1),
            ("Medium", 0, 1),
            ("Hard", 0, 1),
        ]
        again = page(candidate.token)
        assert (again.phase, again.score, again.timed_out) == ("done", 1, False)

    def test_hidden_scores(self, db, org, bank):
        _, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org)], show_scores=False)
        state = page(candidate.token)
        drain(state.begin())
        drain(state.submit())
        assert state.phase == "done"
        assert (state.show_scores, state.score, state.breakdown) == (False, 0, [])

    def test_an_answer_after_another_device_submitted_shows_the_result(self, db, open_panel):
        _, (candidate,) = open_panel
        phone_page = page(candidate.token)
        drain(phone_page.begin())
        laptop = page(candidate.token)
        drain(laptop.submit())
        drain(phone_page.choose(phone_page.questions[0].uuid, "1"))
        assert phone_page.phase == "done"
        db.expire_all()
        assert (
            db.exec(select(Answer.selected_option).where(Answer.panel_candidate_id == candidate.id)).all() == [None] * 3
        )


class TestTimeOut:
    def _end_now(self, db, panel: InterviewPanel) -> None:
        db.expire_all()
        stored = db.get(InterviewPanel, panel.id)
        stored.end_datetime = utcnow() - timedelta(seconds=1)
        db.add(stored)
        for candidate in db.exec(select(PanelCandidate).where(PanelCandidate.panel_id == panel.id)):
            candidate.token_expires_at = stored.end_datetime
            db.add(candidate)
        db.commit()

    def test_the_countdown_ending_submits_what_was_answered(self, db, open_panel):
        panel, (candidate,) = open_panel
        state = page(candidate.token)
        drain(state.begin())
        right = correct(db, candidate)
        drain(state.choose(state.questions[0].uuid, str(right[0])))
        self._end_now(db, panel)
        drain(state.countdown_over())
        assert (state.phase, state.timed_out, state.score) == ("done", True, 1)
        db.expire_all()
        stored = db.get(PanelCandidate, candidate.id)
        assert stored.score == 1
        assert stored.submitted_at == db.get(InterviewPanel, panel.id).end_datetime

    def test_an_answer_after_the_end_is_refused_and_the_session_closed(self, db, open_panel):
        panel, (candidate,) = open_panel
        state = page(candidate.token)
        drain(state.begin())
        self._end_now(db, panel)
        drain(state.choose(state.questions[0].uuid, "0"))
        assert (state.phase, state.timed_out, state.score) == ("done", True, 0)
        db.expire_all()
        assert (
            db.exec(select(Answer.selected_option).where(Answer.panel_candidate_id == candidate.id)).all() == [None] * 3
        )

    def test_after_the_end_a_new_visit_sees_the_invalid_page(self, db, open_panel):
        panel, (candidate,) = open_panel
        drain(page(candidate.token).begin())
        self._end_now(db, panel)
        assert page(candidate.token).phase == "invalid"


def test_state_holds_no_correct_option(db, open_panel):
    _, (candidate,) = open_panel
    state = page(candidate.token)
    drain(state.begin())
    with session_scope() as session:
        assert all(session.get(Question, uuid.UUID(q.uuid)) is not None for q in state.questions)
    assert not any("correct" in field for field in vars(state.questions[0]))


class TestATimedPanel:
    def test_start_screen_then_begin_starts_the_clock_and_the_countdown_is_the_deadline(self, db, org, bank):
        _, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org)], time_limit_minutes=15)
        state = page(candidate.token)
        assert state.phase == "start" and state.questions == []
        drain(state.begin())
        assert state.phase == "answering" and len(state.questions) == 3
        assert 15 * 60 - 5 < state.countdown_seconds <= 15 * 60
        reloaded = page(candidate.token)  # a reload: the same clock, not a fresh one
        assert reloaded.phase == "answering" and reloaded.countdown_seconds <= state.countdown_seconds

    def test_an_answer_past_the_deadline_closes_the_session_as_timed_out(self, db, org, bank):
        _, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org)], time_limit_minutes=15)
        state = page(candidate.token)
        drain(state.begin())
        db.expire_all()
        stored = db.get(PanelCandidate, candidate.id)
        stored.deadline = utcnow() - timedelta(seconds=11)
        db.commit()
        drain(state.choose(state.questions[0].uuid, "0"))
        assert (state.phase, state.timed_out, state.score) == ("done", True, 0)
        db.expire_all()
        assert db.get(PanelCandidate, candidate.id).timed_out is True
