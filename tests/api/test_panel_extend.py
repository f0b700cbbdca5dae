"""HR extends or reopens one candidate's timed session (issue 19, beyond the spec):
POST /api/panel/extend-session/<panel uuid>/<candidate uuid>/ with {"minutes", "reason"}, audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.models import AuditEntry, PanelCandidate
from tests.clock import Clock
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, create_panel

BODY = {"minutes": 10, "reason": "Power cut at the candidate's home"}


def stamp(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def timed(db, org, clock):
    cvs = [create_cv(db, org, name="Ann Late"), create_cv(db, org, name="Bo Fresh")]
    panel, candidates = create_panel(
        db,
        org,
        create_bank(db, org),
        candidates=cvs,
        start=clock.now - timedelta(hours=1),
        end=clock.now + timedelta(hours=2),
        time_limit_minutes=20,
    )
    return panel, candidates, cvs


def path(panel, cv) -> str:
    return f"/api/panel/extend-session/{panel.id}/{cv.id}/"


def test_extends_a_running_session_and_records_why(client, db, timed, clock, auth_headers_hr):
    panel, [candidate, _], [cv, _] = timed
    client.post(f"/api/panel/session/{candidate.token}/start/")
    deadline = clock.now + timedelta(minutes=20)
    clock.advance(minutes=5)
    response = client.post(path(panel, cv), headers=auth_headers_hr, json=BODY)
    assert (response.status_code, response.json()) == (
        200,
        {
            "success": True,
            "message": "Session extended successfully",
            "data": {
                "candidate_uuid": str(cv.id),
                "status": "in_progress",
                "started_at": stamp(deadline - timedelta(minutes=20)),
                "deadline": stamp(deadline + timedelta(minutes=10)),
            },
        },
    )
    session = client.get(f"/api/panel/session/{candidate.token}/").json()["data"]
    assert session["deadline"] == stamp(deadline + timedelta(minutes=10))
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "session_extended")).one()
    assert entry.before == {"deadline": stamp(deadline)}
    assert entry.after == {
        "candidate": "Ann Late",
        "candidate_uuid": str(cv.id),
        "minutes": 10,
        "reason": "Power cut at the candidate's home",
        "deadline": stamp(deadline + timedelta(minutes=10)),
    }


def test_reopens_a_session_the_clock_closed_with_its_saved_answers(client, db, timed, clock, auth_headers_hr):
    panel, [candidate, _], [cv, _] = timed
    first = client.post(f"/api/panel/session/{candidate.token}/start/").json()["data"]["questions"][0]["uuid"]
    client.put(f"/api/panel/session/{candidate.token}/answers/", json={"answers": {first: 2}})
    clock.advance(minutes=25)
    assert client.get(f"/api/panel/session/{candidate.token}/").json()["data"]["status"] == "timed_out"
    response = client.post(path(panel, cv), headers=auth_headers_hr, json=BODY)
    assert response.json()["data"]["status"] == "in_progress"
    assert response.json()["data"]["deadline"] == stamp(clock.now + timedelta(minutes=10))
    data = client.get(f"/api/panel/session/{candidate.token}/").json()["data"]
    assert (data["status"], data["answers"], data["result"]) == ("in_progress", {first: 2}, None)
    saved = client.put(f"/api/panel/session/{candidate.token}/answers/", json={"answers": {first: 1}})
    assert saved.status_code == 200
    assert db.exec(select(AuditEntry).where(AuditEntry.action == "session_reopened")).one().after["minutes"] == 10


def test_the_panels_end_still_caps_an_extension(client, db, timed, clock, auth_headers_hr):
    panel, [candidate, _], [cv, _] = timed
    client.post(f"/api/panel/session/{candidate.token}/start/")
    response = client.post(path(panel, cv), headers=auth_headers_hr, json={"minutes": 600, "reason": "Generous"})
    assert response.json()["data"]["deadline"] == stamp(panel.end_datetime)


def _refused(client, db, url, headers, body, status, message, errors) -> None:
    before = row_counts(db)
    candidates = [(c.deadline, c.submitted_at) for c in db.exec(select(PanelCandidate))]
    response = client.post(url, headers=headers, json=body)
    assert (response.status_code, response.json()) == (status, {"success": False, "message": message, "errors": errors})
    assert row_counts(db) == before
    db.expire_all()
    assert [(c.deadline, c.submitted_at) for c in db.exec(select(PanelCandidate))] == candidates


def test_refusals_change_nothing(client, db, org, timed, clock, auth_headers_hr, auth_headers_interviewer):
    panel, [candidate, _], [cv, fresh] = timed
    client.post(f"/api/panel/session/{candidate.token}/start/")
    url = path(panel, cv)
    _refused(
        client,
        db,
        url,
        auth_headers_hr,
        {"minutes": 0, "reason": " "},
        400,
        "Invalid data provided",
        {
            "minutes": ["Ensure this value is greater than or equal to 1."],
            "reason": ["This field may not be blank."],
        },
    )
    _refused(
        client,
        db,
        url,
        auth_headers_hr,
        {"minutes": 5},
        400,
        "Invalid data provided",
        {"reason": ["This field is required."]},
    )
    _refused(
        client,
        db,
        path(panel, fresh),
        auth_headers_hr,
        BODY,
        400,
        "The candidate has not started",
        {"non_field_errors": ["The time limit starts when the candidate presses Start."]},
    )
    _refused(
        client,
        db,
        f"/api/panel/extend-session/{panel.id}/{create_cv(db, org).id}/",
        auth_headers_hr,
        BODY,
        404,
        "Candidate not found",
        {"non_field_errors": ["No candidate with this uuid in this interview panel."]},
    )
    forbidden = client.post(url, headers=auth_headers_interviewer, json=BODY)
    assert forbidden.status_code == 403
    client.post(f"/api/panel/session/{candidate.token}/submit/")
    _refused(
        client,
        db,
        url,
        auth_headers_hr,
        BODY,
        400,
        "This session cannot be reopened",
        {"non_field_errors": ["The candidate submitted this session themselves."]},
    )


def test_an_untimed_or_ended_panel_is_refused(client, db, org, clock, auth_headers_hr):
    cv = create_cv(db, org)
    untimed, [candidate] = create_panel(db, org, create_bank(db, org), candidates=[cv])
    client.post(f"/api/panel/session/{candidate.token}/start/")
    _refused(
        client,
        db,
        path(untimed, cv),
        auth_headers_hr,
        BODY,
        400,
        "This interview panel has no time limit",
        {"non_field_errors": ["Move the panel's end instead (update/)."]},
    )
    ended, _ = create_panel(
        db,
        org,
        create_bank(db, org),
        candidates=[cv],
        start=clock.now - timedelta(hours=3),
        end=clock.now - timedelta(hours=1),
        time_limit_minutes=5,
    )
    _refused(
        client,
        db,
        path(ended, cv),
        auth_headers_hr,
        BODY,
        400,
        "Interview panel is inactive",
        {"non_field_errors": ["Sessions of an inactive interview panel cannot be extended."]},
    )
