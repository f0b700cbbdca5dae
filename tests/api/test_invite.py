"""GET /api/interview-management/{id}/invite.ics: an RFC 5545 invite, read back with `icalendar`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from hr_app.config import get_settings
from tests.api.interview_support import IM, NOT_FOUND_INTERVIEW, UNAUTHORIZED, make_interview
from tests.factories import create_cv, create_job_title, create_user


def invite_url(interview) -> str:
    return f"{IM}/{interview.id}/invite.ics"


def _event(response):
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def _interview(db, org, **cv_fields):
    job_title = create_job_title(db, org, "Software Developer")
    priya = create_user(db, org, role="interviewer", email="priya@acme.test", first_name="Priya", last_name="Varghese")
    cv = create_cv(db, org, job_title=job_title, email="john@example.com", **cv_fields)
    return make_interview(db, org, cv=cv, interviewer=priya)


class TestInvite:
    def test_a_valid_calendar_with_both_attendees(self, client, db, org, auth_headers_interviewer):
        interview = _interview(db, org)
        response = client.get(invite_url(interview), headers=auth_headers_interviewer)
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/calendar; charset=utf-8"
        assert response.headers["content-disposition"] == f'attachment; filename="interview-{interview.id}.ics"'
        calendar, event = _event(response)
        assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]) == "-//hr_app//Interview invites//EN"
        assert str(event["UID"]) == f"interview-{interview.id}@hr-app.invalid"
        start = datetime(2025, 11, 15, 10, 0, tzinfo=UTC)
        assert event.decoded("DTSTART") == start
        assert event.decoded("DTEND") == start + timedelta(minutes=45)
        assert isinstance(event.decoded("DTSTAMP"), datetime)
        assert str(event["SUMMARY"]) == "Interview for Software Developer: John Doe"
        attendees = {str(a): (str(a.params["CN"]), str(a.params["ROLE"])) for a in event["ATTENDEE"]}
        assert attendees == {
            "mailto:john@example.com": ("John Doe", "REQ-PARTICIPANT"),
            "mailto:priya@acme.test": ("Priya Varghese", "CHAIR"),
        }
        assert int(event["SEQUENCE"]) == 0
        assert response.content.startswith(b"BEGIN:VCALENDAR\r\n") and response.content.endswith(b"END:VCALENDAR\r\n")

    def test_the_uid_is_stable_and_sequence_counts_reschedules(self, client, db, org, auth_headers_hr):
        interview = _interview(db, org)
        first = _event(client.get(invite_url(interview), headers=auth_headers_hr))[1]
        again = _event(client.get(invite_url(interview), headers=auth_headers_hr))[1]
        assert str(first["UID"]) == str(again["UID"])
        moved = client.patch(
            f"{IM}/{interview.id}/reschedule/", headers=auth_headers_hr, json={"scheduled_at": "2025-11-16T09:00:00Z"}
        )
        assert moved.status_code == 200
        after = _event(client.get(invite_url(interview), headers=auth_headers_hr))[1]
        assert str(after["UID"]) == str(first["UID"]) and int(after["SEQUENCE"]) == 1
        assert after.decoded("DTSTART") == datetime(2025, 11, 16, 9, 0, tzinfo=UTC)

    def test_escaping_and_folding(self, client, db, org, auth_headers_hr):
        name = 'Doe, John; "Jr." ' + "Backslash\\ " + "x" * 80
        interview = _interview(db, org, name=name)
        response = client.get(invite_url(interview), headers=auth_headers_hr)
        assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
        assert b"Doe\\, John\\; " in response.content.replace(b"\r\n ", b"")
        _, event = _event(response)
        assert str(event["SUMMARY"]) == f"Interview for Software Developer: {name}"
        candidate = next(a for a in event["ATTENDEE"] if str(a) == "mailto:john@example.com")
        assert str(candidate.params["CN"]) == name

    def test_duration_is_the_organizations_setting(self, client, db, org, auth_headers_hr, monkeypatch):
        monkeypatch.setattr(get_settings(), "interview_minutes", 30)  # the environment's only seeds new organizations
        org.interview_minutes = 90
        db.add(org)
        db.commit()
        interview = _interview(db, org)
        _, event = _event(client.get(invite_url(interview), headers=auth_headers_hr))
        assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)

    def test_without_interviewer_only_the_candidate_attends(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        _, event = _event(client.get(invite_url(interview), headers=auth_headers_hr))
        attendees = event["ATTENDEE"] if isinstance(event["ATTENDEE"], list) else [event["ATTENDEE"]]
        assert len(attendees) == 1

    def test_another_organization_gets_404(self, client, db, other_org, auth_headers_hr):
        interview = make_interview(db, other_org)
        response = client.get(invite_url(interview), headers=auth_headers_hr)
        assert response.status_code == 404
        assert response.json() == NOT_FOUND_INTERVIEW

    def test_unknown_and_malformed_ids_are_404(self, client, auth_headers_hr):
        for bad in ("not-a-uuid", "6f1c2f55-0000-4000-8000-000000000000"):
            response = client.get(f"{IM}/{bad}/invite.ics", headers=auth_headers_hr)
            assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW

    def test_without_token_is_401(self, client, db, org):
        response = client.get(invite_url(make_interview(db, org)))
        assert response.status_code == 401 and response.json() == UNAUTHORIZED
