"""Interview e-mail through the API, the worker and a real SMTP server: invitations with a calendar invite on
start, bulk start and reschedule, a cancellation on delete; the .ics read back with icalendar."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlmodel import select

from hr_app.models import OutboxMessage, Role
from hr_app.services.invites import interview_uid
from tests.api.interview_support import IM
from tests.factories import create_cv, create_job_title, create_user

WHEN = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


@pytest.fixture
def people(db, org):
    job_title = create_job_title(db, org, "Software Developer")
    priya = create_user(db, org, role=Role.INTERVIEWER, email="priya@acme.test", first_name="Priya", last_name="V")
    arjun = create_user(db, org, role=Role.INTERVIEWER, email="arjun@acme.test", first_name="Arjun", last_name="K")
    john = create_cv(db, org, job_title=job_title, name="John Doe", email="john@example.com")
    return priya, arjun, john


def _calendar(mail) -> tuple[Calendar, object]:
    [part] = [p for p in mail.iter_attachments() if p.get_filename() == "invite.ics"]
    assert part.get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    [event] = calendar.walk("VEVENT")
    return calendar, event


def _subject(mail) -> str:
    # A long subject is folded right after "Subject:"; the parser keeps the fold's space.
    return str(mail["Subject"]).strip()


def _by_recipient(server) -> dict[str, object]:
    return {mail["To"]: mail for mail in server.recorder.mailbox}


def _start(client, headers, cv, interviewer, when=WHEN):
    body = {"candidate_id": str(cv.id), "scheduled_at": when.isoformat(), "interviewer_id": interviewer.id}
    response = client.post(f"{IM}/start-interview/", headers=headers, json=body)
    assert response.status_code == 201, response.text
    return response.json()["data"]["id"]


def test_start_interview_invites_candidate_and_interviewer(
    client, db, org, people, auth_headers_hr, smtp_server, worker
):
    priya, _, john = people
    interview_id = _start(client, auth_headers_hr, john, priya)
    mails = _by_recipient(smtp_server)
    assert set(mails) == {"john@example.com", "priya@acme.test"}
    candidate, interviewer = mails["john@example.com"], mails["priya@acme.test"]
    assert _subject(candidate) == "Interview for Software Developer, Mon 7 Dec 2026, 09:30 (UTC)"
    assert _subject(interviewer) == "Interview for Software Developer with John Doe, Mon 7 Dec 2026, 09:30 (UTC)"
    text = interviewer.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/interviews/(\S+)", text).group(1)
    assert link == interview_id
    assert client.get(f"{IM}/{link}/", headers=auth_headers_hr).status_code == 200  # the link names the interview
    assert "/interviews/" not in candidate.get_body(preferencelist=("plain",)).get_content()
    for mail in (candidate, interviewer):
        calendar, event = _calendar(mail)
        assert str(calendar["METHOD"]) == "REQUEST"
        assert str(event["UID"]) == interview_uid(interview_id) and int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == WHEN and event.decoded("DTEND") == WHEN + timedelta(minutes=45)
        assert str(event["ORGANIZER"]) == "mailto:hr-app@localhost"
        assert {str(a) for a in event["ATTENDEE"]} == {"mailto:john@example.com", "mailto:priya@acme.test"}


def test_a_candidate_without_email_gets_no_mail_and_the_interviewer_still_does(
    client, db, org, people, auth_headers_hr, smtp_server, worker
):
    priya, _, _ = people
    imported = create_cv(db, org, name="Ida Imported", email="")  # as the ZIP import leaves it (decision 112)
    _start(client, auth_headers_hr, imported, priya)
    mails = _by_recipient(smtp_server)
    assert set(mails) == {"priya@acme.test"}
    _, event = _calendar(mails["priya@acme.test"])
    assert str(event["ATTENDEE"]) == "mailto:priya@acme.test"  # one attendee: not a list
    assert "Candidate: Ida Imported\n" in str(event["DESCRIPTION"]) + "\n"


def test_the_spec_answer_is_unchanged_and_a_refused_start_sends_nothing(
    client, db, org, people, auth_headers_hr, smtp_server, worker
):
    priya, _, john = people
    _start(client, auth_headers_hr, john, priya)
    again = client.post(
        f"{IM}/start-interview/",
        headers=auth_headers_hr,
        json={"candidate_id": str(john.id), "scheduled_at": WHEN.isoformat(), "interviewer_id": priya.id},
    )
    assert again.status_code == 400
    assert len(smtp_server.recorder.deliveries) == 2  # only the first start's two


def test_bulk_start_invites_each_candidate(client, db, org, people, auth_headers_hr, smtp_server, worker):
    priya, _, john = people
    jane = create_cv(db, org, name="Jane Roe", email="jane@example.com")
    body = {"candidate_ids": [str(john.id), str(jane.id)], "interviewer_id": priya.id, "first_slot": WHEN.isoformat()}
    response = client.post(f"{IM}/bulk-start/", headers=auth_headers_hr, json=body)
    assert response.status_code == 201, response.text
    received = [(m["To"], _calendar(m)[1].decoded("DTSTART")) for m in smtp_server.recorder.mailbox]
    assert sorted(received) == sorted(
        [
            ("john@example.com", WHEN),
            ("jane@example.com", WHEN + timedelta(minutes=15)),
            ("priya@acme.test", WHEN),
            ("priya@acme.test", WHEN + timedelta(minutes=15)),
        ]
    )


def test_reschedule_sends_the_update_and_a_replaced_interviewer_a_cancellation(
    client, db, org, people, auth_headers_hr, smtp_server, worker
):
    priya, arjun, john = people
    interview_id = _start(client, auth_headers_hr, john, priya)
    smtp_server.recorder.deliveries.clear()
    later = WHEN + timedelta(days=1)
    moved = client.patch(
        f"{IM}/{interview_id}/reschedule/",
        headers=auth_headers_hr,
        json={"scheduled_at": later.isoformat(), "interviewer_id": arjun.id},
    )
    assert moved.status_code == 200, moved.text
    mails = _by_recipient(smtp_server)
    assert set(mails) == {"john@example.com", "arjun@acme.test", "priya@acme.test"}
    assert _subject(mails["john@example.com"]).startswith("Moved: Interview for Software Developer")
    for address in ("john@example.com", "arjun@acme.test"):
        calendar, event = _calendar(mails[address])
        assert str(calendar["METHOD"]) == "REQUEST" and int(event["SEQUENCE"]) == 1
        assert event.decoded("DTSTART") == later and str(event["UID"]) == interview_uid(interview_id)
    calendar, event = _calendar(mails["priya@acme.test"])
    assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == interview_uid(interview_id)


def test_delete_sends_a_cancellation_with_the_same_uid_and_a_higher_sequence(
    client, db, org, people, auth_headers_hr, smtp_server, worker
):
    priya, _, john = people
    interview_id = _start(client, auth_headers_hr, john, priya)
    smtp_server.recorder.deliveries.clear()
    deleted = client.delete(f"{IM}/{interview_id}/", headers=auth_headers_hr)
    assert deleted.status_code == 200 and deleted.json() == {
        "success": True,
        "message": "Interview deleted successfully",
    }
    mails = _by_recipient(smtp_server)
    assert set(mails) == {"john@example.com", "priya@acme.test"}
    for mail in mails.values():
        assert _subject(mail).startswith("Cancelled: interview for Software Developer")
        calendar, event = _calendar(mail)
        assert str(calendar["METHOD"]) == "CANCEL" and str(event["STATUS"]) == "CANCELLED"
        assert str(event["UID"]) == interview_uid(interview_id) and int(event["SEQUENCE"]) == 1


def test_a_refused_delete_queues_nothing(client, db, org, people, auth_headers_hr, auth_headers_interviewer):
    priya, _, john = people
    interview_id = _start(client, auth_headers_hr, john, priya)
    assert client.delete(f"{IM}/{interview_id}/", headers=auth_headers_interviewer).status_code == 403
    kinds = sorted(m.kind for m in db.exec(select(OutboxMessage)))
    assert kinds == ["interview_invitation", "interview_invitation"]
