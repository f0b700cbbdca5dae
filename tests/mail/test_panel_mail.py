"""Panel link e-mail through the API, the worker and a real SMTP server: on create, on a re-issued link, and
"Send links" (the panel page's button), audited; the link in the mail opens the candidate's own session."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.kit.errors import Forbidden
from hr_app.models import AppUser, AuditEntry, InterviewPanel
from hr_app.services import panels
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, panel_payload


@pytest.fixture
def created(client, db, org, auth_headers_hr, smtp_server, worker):
    bank = create_bank(db, org)
    john = create_cv(db, org, name="John Doe", email="john@example.com")
    jane = create_cv(db, org, name="Jane Roe", email="jane@example.com")
    response = client.post("/api/panel/create/", headers=auth_headers_hr, json=panel_payload(bank, [john, jane]))
    assert response.status_code == 201, response.text
    return response.json()["data"]


def _token(mail) -> str:
    text = mail.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/session/(\S+)", text).group(1)


def _session(client, token: str):
    return client.get(f"/api/panel/session/{token}/")


def test_each_candidate_gets_their_own_working_link(client, created, smtp_server):
    mails = {mail["To"]: mail for mail in smtp_server.recorder.mailbox}
    assert set(mails) == {"john@example.com", "jane@example.com"}
    for address, name in (("john@example.com", "John Doe"), ("jane@example.com", "Jane Roe")):
        mail = mails[address]
        assert str(mail["Subject"]).strip() == 'Acme Corp: your question panel "Python Developer Interview - 2024"'
        token = _token(mail)
        assert f"/session/{token}" in mail.get_body(preferencelist=("html",)).get_content()
        opened = _session(client, token)
        assert opened.status_code == 200, opened.text
        assert opened.json()["data"]["candidate_name"] == name


def test_a_reissued_link_is_mailed_and_the_old_one_stops(client, created, auth_headers_hr, smtp_server):
    john = next(c for c in created["candidates"] if c["candidate_email"] == "john@example.com")
    old = _token(next(m for m in smtp_server.recorder.mailbox if m["To"] == "john@example.com"))
    smtp_server.recorder.deliveries.clear()
    response = client.post(
        f"/api/panel/reissue-link/{created['uuid']}/{john['candidate_uuid']}/", headers=auth_headers_hr
    )
    assert response.status_code == 200, response.text
    [mail] = smtp_server.recorder.mailbox
    assert mail["To"] == "john@example.com"
    assert _session(client, _token(mail)).status_code == 200
    assert _session(client, old).status_code == 404


def test_send_links_resends_every_link_and_is_audited(client, db, created, hr_user, smtp_server):
    before = {m["To"]: _token(m) for m in smtp_server.recorder.mailbox}
    smtp_server.recorder.deliveries.clear()
    with session_scope() as session:
        actor = session.get(AppUser, hr_user.id)
        assert panels.send_links(session, actor=actor, panel_id=uuid.UUID(created["uuid"])) == 2
    again = {m["To"]: _token(m) for m in smtp_server.recorder.mailbox}
    assert again == before  # the same links, sent again
    entry = db.exec(select(AuditEntry).where(AuditEntry.action == "links_sent")).one()
    assert entry.object_id == created["uuid"] and entry.after == {"candidates": ["Jane Roe", "John Doe"]}


def test_an_interviewer_cannot_send_links(db, created, interviewer, smtp_server):
    smtp_server.recorder.deliveries.clear()
    with pytest.raises(Forbidden), session_scope() as session:
        panels.send_links(session, actor=session.get(AppUser, interviewer.id), panel_id=uuid.UUID(created["uuid"]))
    assert smtp_server.recorder.deliveries == []
    assert db.exec(select(AuditEntry).where(AuditEntry.action == "links_sent")).first() is None


SEND_LINKS = "/api/panel/send-links/{}/"


def test_send_links_through_the_api(client, created, auth_headers_hr, smtp_server):
    smtp_server.recorder.deliveries.clear()
    answer = client.post(SEND_LINKS.format(created["uuid"]), headers=auth_headers_hr)
    assert (answer.status_code, answer.json()) == (
        200,
        {"success": True, "message": "Links sent to 2 candidate(s)", "data": {"sent": 2}},
    )
    assert sorted(mail["To"] for mail in smtp_server.recorder.mailbox) == ["jane@example.com", "john@example.com"]


@pytest.mark.parametrize(
    ("who", "panel", "status", "body"),
    [
        (
            "interviewer",
            None,
            403,
            {
                "success": False,
                "message": "You do not have permission to perform this action.",
                "errors": {"non_field_errors": ["Only admin or HR users can manage interview panels."]},
            },
        ),
        (
            "hr",
            uuid.UUID(int=7),
            404,
            {
                "success": False,
                "message": "Interview panel not found",
                "errors": {"non_field_errors": ["No interview panel with this uuid in your organization."]},
            },
        ),
    ],
)
def test_send_links_refused_queues_nothing(
    client, db, created, auth_headers_hr, auth_headers_interviewer, who, panel, status, body
):
    before = row_counts(db)
    headers = auth_headers_hr if who == "hr" else auth_headers_interviewer
    answer = client.post(SEND_LINKS.format(panel or created["uuid"]), headers=headers)
    assert (answer.status_code, answer.json()) == (status, body)
    db.expire_all()
    assert row_counts(db) == before


def test_send_links_of_an_inactive_panel_is_refused_and_queues_nothing(client, db, created, auth_headers_hr):
    panel = db.get(InterviewPanel, uuid.UUID(created["uuid"]))
    panel.is_active = False
    db.add(panel)
    db.commit()
    before = row_counts(db)
    answer = client.post(SEND_LINKS.format(created["uuid"]), headers=auth_headers_hr)
    assert (answer.status_code, answer.json()) == (
        400,
        {
            "success": False,
            "message": "Interview panel is inactive",
            "errors": {"non_field_errors": ["Links of an inactive interview panel cannot be sent."]},
        },
    )
    db.expire_all()
    assert row_counts(db) == before
