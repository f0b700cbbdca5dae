"""Candidates added to and removed from a running panel: links made and e-mailed, refusals that change nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.kit.time import utcnow
from hr_app.models import AuditEntry, InterviewPanel, PanelCandidate
from hr_app.models.outbox import OutboxMessage
from tests.factories import auth_header, create_cv, create_user, row_counts
from tests.mail.test_panel_mail import _session, _token
from tests.question_factories import create_bank, panel_payload

ADD = "/api/panel/add-candidates/{}/"
REMOVE = "/api/panel/remove-candidate/{}/"


@pytest.fixture
def panel(client, db, org, auth_headers_hr):
    bank = create_bank(db, org)
    john = create_cv(db, org, name="John Doe", email="john@example.com")
    open_now = (utcnow() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = panel_payload(bank, [john], start_datetime=open_now)
    response = client.post("/api/panel/create/", headers=auth_headers_hr, json=body)
    assert response.status_code == 201, response.text
    return response.json()["data"]


def _refused(client, db, url: str, body, headers, status: int) -> dict:
    before = row_counts(db)
    response = client.post(url, json=body, headers=headers)
    assert response.status_code == status, response.text
    assert row_counts(db) == before  # no candidate, no e-mail, no audit entry
    return response.json()


def test_an_added_candidate_gets_a_working_link_by_email(client, db, org, panel, auth_headers_hr, smtp_server, worker):
    smtp_server.recorder.deliveries.clear()
    ada = create_cv(db, org, name="Ada Lovelace", email="ada@example.com")
    response = client.post(ADD.format(panel["uuid"]), json={"candidate_uuids": [str(ada.id)]}, headers=auth_headers_hr)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["message"] == "1 candidate(s) added"
    assert sorted(c["candidate_name"] for c in body["data"]["candidates"]) == ["Ada Lovelace", "John Doe"]
    [mail] = [m for m in smtp_server.recorder.mailbox if m["To"] == "ada@example.com"]
    assert _session(client, _token(mail)).json()["data"]["candidate_name"] == "Ada Lovelace"
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "candidates_added")).one()
    assert (entry.object_id, entry.after) == (panel["uuid"], {"candidates": ["Ada Lovelace"]})


def test_a_candidate_who_has_not_opened_is_removed_and_their_link_stops(client, db, panel, auth_headers_hr):
    john = panel["candidates"][0]
    response = client.post(
        REMOVE.format(panel["uuid"]), json={"candidate_uuid": john["candidate_uuid"]}, headers=auth_headers_hr
    )
    assert response.status_code == 200, response.text
    assert (response.json()["message"], response.json()["data"]["candidates"]) == ("Candidate removed", [])
    assert _session(client, john["token"]).status_code == 404
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "candidate_removed")).one()
    assert (entry.before, entry.after) == ({"candidate": "John Doe"}, None)


def test_a_candidate_who_opened_stays(client, db, panel, auth_headers_hr):
    john = panel["candidates"][0]
    assert _session(client, john["token"]).status_code == 200
    body = _refused(
        client, db, REMOVE.format(panel["uuid"]), {"candidate_uuid": john["candidate_uuid"]}, auth_headers_hr, 409
    )
    assert body == {
        "success": False,
        "message": "The candidate has started",
        "errors": {"non_field_errors": ["John Doe has opened the session; it stays with its answers."]},
    }


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"candidate_uuids": []}, {"candidate_uuids": ["Name at least one candidate."]}),
        ({}, {"candidate_uuids": ["This field is required."]}),
        ({"candidate_uuids": ["not-a-uuid"]}, {"candidate_uuids.0": ["Must be a valid UUID."]}),
        ({"candidate_uuids": [], "name": "x"}, {"name": ["Unknown field."]}),
    ],
)
def test_bad_bodies_change_nothing(client, db, panel, auth_headers_hr, body, errors):
    refused = _refused(client, db, ADD.format(panel["uuid"]), body, auth_headers_hr, 400)
    assert refused["errors"] == errors


def test_repeated_present_and_foreign_candidates_are_refused(client, db, org, other_org, panel, auth_headers_hr):
    ada = create_cv(db, org, name="Ada Lovelace")
    john = panel["candidates"][0]["candidate_uuid"]
    url = ADD.format(panel["uuid"])
    twice = _refused(client, db, url, {"candidate_uuids": [str(ada.id), str(ada.id)]}, auth_headers_hr, 400)
    assert twice["errors"] == {"candidate_uuids": [f"Candidate {ada.id} is listed more than once."]}
    present = _refused(client, db, url, {"candidate_uuids": [str(ada.id), john]}, auth_headers_hr, 400)
    assert present["errors"] == {"candidate_uuids": ["John Doe is already on this panel."]}
    foreign = create_cv(db, other_org)
    missing = _refused(client, db, url, {"candidate_uuids": [str(ada.id), str(foreign.id)]}, auth_headers_hr, 404)
    assert missing["errors"] == {"candidate_uuids": [f"No candidate {foreign.id}."]}


def test_roles_other_organizations_and_ended_panels(client, db, org, panel, auth_headers_hr, auth_headers_outsider):
    ada = create_cv(db, org)
    body = {"candidate_uuids": [str(ada.id)]}
    ivy = auth_header(create_user(db, org, role="interviewer"))
    assert _refused(client, db, ADD.format(panel["uuid"]), body, ivy, 403)["errors"] == {
        "non_field_errors": ["Only admin or HR users can manage interview panels."]
    }
    assert _refused(client, db, ADD.format(panel["uuid"]), body, auth_headers_outsider, 404)["message"] == (
        "Interview panel not found"
    )
    assert _refused(client, db, ADD.format(uuid.uuid4()), body, auth_headers_hr, 404)["message"] == (
        "Interview panel not found"
    )
    stored = db.get(InterviewPanel, uuid.UUID(panel["uuid"]))
    stored.start_datetime, stored.end_datetime = utcnow() - timedelta(days=2), utcnow() - timedelta(days=1)
    db.add(stored)
    db.commit()
    ended = _refused(client, db, ADD.format(panel["uuid"]), body, auth_headers_hr, 400)
    assert ended["errors"] == {"non_field_errors": ["Candidates cannot be added to an inactive interview panel."]}
    john = panel["candidates"][0]["candidate_uuid"]
    gone = _refused(client, db, REMOVE.format(panel["uuid"]), {"candidate_uuid": john}, auth_headers_hr, 400)
    assert gone["errors"] == {"non_field_errors": ["Candidates cannot be removed from an inactive interview panel."]}


def test_removing_someone_not_on_the_panel_is_not_found(client, db, org, panel, auth_headers_hr):
    stranger = create_cv(db, org)
    body = _refused(
        client, db, REMOVE.format(panel["uuid"]), {"candidate_uuid": str(stranger.id)}, auth_headers_hr, 404
    )
    assert body["errors"] == {"candidate_uuid": [f"No candidate {stranger.id} on this panel."]}
    assert db.exec(select(PanelCandidate)).all() != [] and db.exec(select(OutboxMessage)).all() != []
