"""Integrity signals (issue 19): what the session page reports, the second window the server notices, HR's read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.kit.errors import Invalid
from hr_app.models import IntegritySignal, PanelCandidate
from hr_app.services import integrity, panel_sessions
from tests.clock import Clock
from tests.factories import auth_header, create_cv, create_user, row_counts
from tests.question_factories import create_bank, create_panel


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock(monkeypatch)
    monkeypatch.setattr(integrity, "utcnow", lambda: fake.now)
    return fake


@pytest.fixture
def opened(db, org, clock):
    panel, (candidate,) = create_panel(
        db, org, create_bank(db, org), candidates=[create_cv(db, org, name="Ada")], start=clock.now - timedelta(hours=1)
    )
    panel_sessions.session_view(db, token=candidate.token)
    db.commit()
    return panel, candidate


def report(db, candidate, kind: str, window: str = "tab-a", position: int | None = 1) -> bool:
    kept = integrity.record(db, token=candidate.token, kind=kind, position=position, window=window)
    db.commit()
    return kept


def kinds(db, candidate) -> list[tuple[str, int | None]]:
    db.expire_all()
    rows = db.exec(
        select(IntegritySignal).where(IntegritySignal.panel_candidate_id == candidate.id).order_by(IntegritySignal.at)
    )
    return [(row.kind, row.position) for row in rows]


def test_the_page_reports_are_kept_with_the_question_on_screen(db, opened, clock):
    _, candidate = opened
    assert report(db, candidate, "tab_hidden", position=2)
    clock.advance(seconds=30)
    assert report(db, candidate, "tab_visible", position=2)
    clock.advance(seconds=5)
    assert report(db, candidate, "paste", position=3)
    assert kinds(db, candidate) == [("tab_hidden", 2), ("tab_visible", 2), ("paste", 3)]


def view(db, candidate, window: str, position: int | None) -> None:
    integrity.note_view(db, token=candidate.token, window=window, position=position)
    db.commit()


def test_a_second_window_within_two_minutes_is_noticed_and_one_later_is_not(db, opened, clock):
    _, candidate = opened
    view(db, candidate, "tab-a", 1)
    clock.advance(seconds=90)
    view(db, candidate, "tab-b", 1)
    assert kinds(db, candidate) == [("second_window", 1)]
    clock.advance(minutes=3)  # tab-b is left alone; the candidate goes back to tab-a much later
    view(db, candidate, "tab-a", 2)
    assert kinds(db, candidate) == [("second_window", 1)]


def test_a_view_times_the_question_and_notes_the_window_from_one_look_up_of_the_link(db, opened, clock, monkeypatch):
    """The page's view used to look the token up twice (panel_sessions.show_question, then integrity's own); now
    both the time on the question shown and the window come from one look-up."""
    _, candidate = opened
    look_ups: list[str] = []
    find = panel_sessions._find
    monkeypatch.setattr(panel_sessions, "_find", lambda *args: look_ups.append(args[1]) or find(*args))

    view(db, candidate, "tab-a", 1)
    clock.advance(seconds=40)
    view(db, candidate, "tab-a", 2)

    assert look_ups == [candidate.token, candidate.token]
    first, second = (drawn.answer for drawn in panel_sessions.load_drawn(db, candidate.id)[:2])
    assert (first.seconds_spent, second.seconds_spent) == (40, 0)
    db.refresh(candidate)
    assert (candidate.client_id, candidate.client_seen_at, candidate.viewing_position) == ("tab-a", clock.now, 2)
    assert kinds(db, candidate) == []


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("screenshot", '"screenshot" is not a valid choice.'),
        ("second_window", '"second_window" is noticed by the server, not reported.'),
    ],
)
def test_an_unknown_or_server_only_kind_is_refused_and_changes_nothing(db, opened, kind, problem):
    _, candidate = opened
    before = row_counts(db)
    with pytest.raises(Invalid) as refused:
        integrity.record(db, token=candidate.token, kind=kind, position=1, window="tab-a")
    db.rollback()
    assert refused.value.details == {"kind": [problem]}
    assert row_counts(db) == before


def test_nothing_is_kept_before_the_session_opens_or_after_it_is_submitted(db, org, opened):
    _, candidate = opened
    bank = create_bank(db, org)
    _, (unopened,) = create_panel(db, org, bank, candidates=[create_cv(db, org)])
    assert not report(db, unopened, "copy")
    panel_sessions.submit(db, token=candidate.token, answers={})
    db.commit()
    assert not report(db, candidate, "copy")
    assert db.exec(select(IntegritySignal)).all() == []


def test_a_page_stuck_in_a_loop_stops_at_the_cap(db, opened, monkeypatch):
    _, candidate = opened
    monkeypatch.setattr(integrity, "MAX_SIGNALS", 3)
    assert [report(db, candidate, "focus_lost") for _ in range(5)] == [True, True, True, False, False]
    assert len(kinds(db, candidate)) == 3


def test_hr_reads_counts_time_away_and_the_timeline(client, db, org, opened, clock, auth_headers_hr):
    panel, candidate = opened
    started = clock.now
    report(db, candidate, "tab_hidden", position=1)
    clock.advance(seconds=42)
    report(db, candidate, "tab_visible", position=1)
    response = client.get(f"/api/panel/signals/{panel.id}/", headers=auth_headers_hr)
    assert response.status_code == 200, response.text
    stamp = lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")  # noqa: E731
    assert response.json() == {
        "success": True,
        "message": "Signals retrieved successfully",
        "data": {
            "candidates": [
                {
                    "candidate_uuid": str(db.get(PanelCandidate, candidate.id).candidate_id),
                    "candidate_name": "Ada",
                    "counts": {
                        "tab_hidden": 1,
                        "tab_visible": 1,
                        "focus_lost": 0,
                        "paste": 0,
                        "copy": 0,
                        "second_window": 0,
                    },
                    "seconds_away": 42,
                    "events": [
                        {"kind": "tab_hidden", "at": stamp(started), "position": 1},
                        {"kind": "tab_visible", "at": stamp(started + timedelta(seconds=42)), "position": 1},
                    ],
                }
            ]
        },
    }


def test_interviewers_and_other_organizations_may_not_read(client, db, org, opened, auth_headers_outsider):
    panel, _ = opened
    ivy = client.get(f"/api/panel/signals/{panel.id}/", headers=auth_header(create_user(db, org, role="interviewer")))
    assert (ivy.status_code, ivy.json()["errors"]) == (
        403,
        {"non_field_errors": ["Only admin or HR users can view interview panels."]},
    )
    foreign = client.get(f"/api/panel/signals/{panel.id}/", headers=auth_headers_outsider)
    assert (foreign.status_code, foreign.json()["message"]) == (404, "Interview panel not found")
