"""Clash warnings on start-interview and reschedule, and the interviewers' agenda."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from hr_app.config import get_settings
from hr_app.models import AuditEntry, Interview
from tests.api.interview_support import (
    FORBIDDEN,
    IM,
    NOT_FOUND_INTERVIEW,
    interview_row,
    make_interview,
    validation_error,
)
from tests.factories import QueryCounter, auth_header, create_cv, create_user, row_counts

START = f"{IM}/start-interview/"
AGENDA = f"{IM}/agenda/"


def reschedule_url(interview) -> str:
    return f"{IM}/{interview.id}/reschedule/"


@pytest.fixture
def priya(db, org):
    return create_user(db, org, role="interviewer", email="priya@acme.test", first_name="Priya", last_name="Varghese")


def _at(hour: int, minute: int = 0, day: int = 15) -> datetime:
    return datetime(2025, 11, day, hour, minute, tzinfo=UTC)


def _booked(db, org, interviewer, at: datetime, name: str = "John Doe", **fields) -> Interview:
    interview = make_interview(db, org, cv=create_cv(db, org, name=name), interviewer=interviewer, **fields)
    interview.scheduled_at = at
    db.add(interview)
    db.commit()
    return interview


def _start(client, headers, cv, interviewer, at: str):
    return client.post(
        START, headers=headers, json={"candidate_id": str(cv.id), "scheduled_at": at, "interviewer_id": interviewer.id}
    )


class TestStartWarnings:
    def test_a_clash_adds_warnings_and_still_starts(self, client, db, org, auth_headers_hr, priya):
        _booked(db, org, priya, _at(10, 30))
        cv = create_cv(db, org, name="Mary Major")
        response = _start(client, auth_headers_hr, cv, priya, "2025-11-15T10:00:00Z")
        assert response.status_code == 201
        body = response.json()
        assert body["message"] == "Interview started successfully for Mary Major"
        assert body["warnings"] == [
            "Priya Varghese has another interview (John Doe) at 2025-11-15T10:30:00Z, 30 minutes apart"
        ]
        assert list(body) == ["success", "message", "data", "warnings"]
        assert body["data"]["candidate"]["interview_status"] == "ongoing"
        assert db.get(Interview, uuid.UUID(body["data"]["id"])).scheduled_at == _at(10)

    def test_no_clash_means_no_warnings_key(self, client, db, org, auth_headers_hr, priya):
        _booked(db, org, priya, _at(11))  # exactly the window apart: no clash
        _booked(db, org, priya, _at(10, day=16))
        response = _start(client, auth_headers_hr, create_cv(db, org), priya, "2025-11-15T10:00:00Z")
        assert response.status_code == 201
        assert list(response.json()) == ["success", "message", "data"]

    def test_several_clashes_nearest_first_same_time_worded(self, client, db, org, auth_headers_hr, priya):
        _booked(db, org, priya, _at(9, 15), name="Early Bird")
        _booked(db, org, priya, _at(10), name="Same Time")
        _booked(db, org, priya, _at(10, 1), name="One Minute")
        response = _start(client, auth_headers_hr, create_cv(db, org), priya, "2025-11-15T10:00:00Z")
        assert response.json()["warnings"] == [
            "Priya Varghese has another interview (Same Time) at the same time, 2025-11-15T10:00:00Z",
            "Priya Varghese has another interview (One Minute) at 2025-11-15T10:01:00Z, 1 minute apart",
            "Priya Varghese has another interview (Early Bird) at 2025-11-15T09:15:00Z, 45 minutes apart",
        ]

    def test_other_interviewers_and_organizations_do_not_clash(
        self, client, db, org, other_org, auth_headers_hr, priya, interviewer, outsider
    ):
        _booked(db, org, interviewer, _at(10))
        _booked(db, other_org, outsider, _at(10))
        response = _start(client, auth_headers_hr, create_cv(db, org), priya, "2025-11-15T10:00:00Z")
        assert "warnings" not in response.json()

    def test_without_interviewer_there_is_nothing_to_clash(self, client, db, org, auth_headers_hr):
        _booked(db, org, None, _at(10))
        response = client.post(
            START,
            headers=auth_headers_hr,
            json={"candidate_id": str(create_cv(db, org).id), "scheduled_at": "2025-11-15T10:00:00Z"},
        )
        assert response.status_code == 201 and "warnings" not in response.json()

    def test_the_window_is_the_organizations_setting(self, client, db, org, auth_headers_hr, priya, monkeypatch):
        _booked(db, org, priya, _at(11, 30))
        monkeypatch.setattr(get_settings(), "clash_window_minutes", 5)  # the environment's default is not used
        _set_window(db, org, 120)
        wide = _start(client, auth_headers_hr, create_cv(db, org), priya, "2025-11-15T10:00:00Z")
        assert wide.json()["warnings"] == [
            "Priya Varghese has another interview (John Doe) at 2025-11-15T11:30:00Z, 90 minutes apart"
        ]
        _set_window(db, org, 0)
        off = _start(client, auth_headers_hr, create_cv(db, org), priya, "2025-11-15T11:30:00Z")
        assert off.status_code == 201 and "warnings" not in off.json()

    def test_refusals_are_unchanged(self, client, db, org, auth_headers_hr, priya):
        _booked(db, org, priya, _at(10))
        cv = create_cv(db, org, status="selected")
        before = row_counts(db)
        response = _start(client, auth_headers_hr, cv, priya, "2025-11-15T10:00:00Z")
        assert response.status_code == 400
        assert response.json() == validation_error(
            {"candidate_id": ["Candidate status is 'selected'. Cannot start new interview."]}
        )
        assert row_counts(db) == before


class TestReschedule:
    def test_moves_and_warns(self, client, db, org, auth_headers_hr, hr_user, priya):
        _booked(db, org, priya, _at(14, 20), name="Other One")
        interview = _booked(db, org, priya, _at(10), name="Mary Major")
        response = client.patch(
            reschedule_url(interview), headers=auth_headers_hr, json={"scheduled_at": "2025-11-15T14:00:00Z"}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["message"] == "Interview rescheduled successfully"
        assert body["warnings"] == [
            "Priya Varghese has another interview (Other One) at 2025-11-15T14:20:00Z, 20 minutes apart"
        ]
        assert body["data"]["scheduled_at"] == "2025-11-15T14:00:00Z"
        assert body["data"]["interviewer"]["id"] == priya.id
        row = interview_row(db, interview.id)
        assert row.scheduled_at == _at(14) and row.interviewer_id == priya.id
        entry = db.exec(AuditEntry.__table__.select().where(AuditEntry.action == "rescheduled")).one()
        assert entry.actor_id == hr_user.id and entry.object_id == str(interview.id)
        assert entry.before == {"scheduled_at": "2025-11-15T10:00:00Z"}
        assert entry.after == {"scheduled_at": "2025-11-15T14:00:00Z"}

    def test_its_own_slot_is_not_a_clash(self, client, db, org, auth_headers_hr, priya):
        interview = _booked(db, org, priya, _at(10))
        response = client.patch(
            reschedule_url(interview), headers=auth_headers_hr, json={"scheduled_at": "2025-11-15T10:10:00"}
        )
        assert response.status_code == 200 and "warnings" not in response.json()
        assert interview_row(db, interview.id).scheduled_at == _at(10, 10)

    def test_change_and_remove_the_interviewer(self, client, db, org, auth_headers_admin, priya, interviewer):
        interview = _booked(db, org, priya, _at(10))
        moved = client.patch(
            reschedule_url(interview),
            headers=auth_headers_admin,
            json={"scheduled_at": "2025-11-15T10:00:00Z", "interviewer_id": interviewer.id},
        )
        assert moved.status_code == 200 and moved.json()["data"]["interviewer"]["id"] == interviewer.id
        cleared = client.patch(
            reschedule_url(interview),
            headers=auth_headers_admin,
            json={"scheduled_at": "2025-11-15T10:00:00Z", "interviewer_id": None},
        )
        assert cleared.json()["data"]["interviewer"] is None
        assert interview_row(db, interview.id).interviewer_id is None

    def test_its_interviewer_may_move_it(self, client, db, org, priya):
        interview = _booked(db, org, priya, _at(10))
        response = client.patch(
            reschedule_url(interview), headers=auth_header(priya), json={"scheduled_at": "2025-11-15T12:00:00Z"}
        )
        assert response.status_code == 200

    def test_another_interviewer_gets_403(self, client, db, org, priya, auth_headers_interviewer):
        interview = _booked(db, org, priya, _at(10))
        before = row_counts(db)
        response = client.patch(
            reschedule_url(interview), headers=auth_headers_interviewer, json={"scheduled_at": "2025-11-15T12:00:00Z"}
        )
        assert response.status_code == 403
        assert response.json() == {
            **FORBIDDEN,
            "details": "Only admin or hr users, or the interview's interviewer, can reschedule it.",
        }
        assert row_counts(db) == before and interview_row(db, interview.id).scheduled_at == _at(10)

    def test_another_organization_gets_404(self, client, db, other_org, auth_headers_hr, outsider):
        interview = _booked(db, other_org, outsider, _at(10))
        response = client.patch(
            reschedule_url(interview), headers=auth_headers_hr, json={"scheduled_at": "2025-11-15T12:00:00Z"}
        )
        assert response.status_code == 404
        assert response.json() == NOT_FOUND_INTERVIEW
        assert interview_row(db, interview.id).scheduled_at == _at(10)

    def test_decided_interviews_stay(self, client, db, org, auth_headers_hr, priya):
        interview = _booked(db, org, priya, _at(10), status="selected", cv_status="selected")
        response = client.patch(
            reschedule_url(interview), headers=auth_headers_hr, json={"scheduled_at": "2025-11-15T12:00:00Z"}
        )
        assert response.status_code == 400
        assert response.json() == validation_error(
            {"scheduled_at": ["Interview status is 'selected'. Only pending interviews can be rescheduled."]}
        )

    def test_bad_bodies(self, client, db, org, auth_headers_hr, priya, outsider):
        interview = _booked(db, org, priya, _at(10))
        missing = client.patch(reschedule_url(interview), headers=auth_headers_hr, json={})
        assert missing.status_code == 400
        assert missing.json() == validation_error({"scheduled_at": ["This field is required."]})
        foreign = client.patch(
            reschedule_url(interview),
            headers=auth_headers_hr,
            json={"scheduled_at": "2025-11-15T12:00:00Z", "interviewer_id": outsider.id},
        )
        assert foreign.json() == validation_error({"interviewer_id": ["Interviewer with this ID does not exist"]})
        unknown = client.patch(
            reschedule_url(interview),
            headers=auth_headers_hr,
            json={"scheduled_at": "2025-11-15T12:00:00Z", "room": "B"},
        )
        assert unknown.json() == validation_error({"room": ["Unknown field."]})
        assert interview_row(db, interview.id).scheduled_at == _at(10)

    def test_without_trailing_slash(self, client, db, org, auth_headers_hr, priya):
        interview = _booked(db, org, priya, _at(10))
        response = client.patch(
            reschedule_url(interview).rstrip("/"),
            headers=auth_headers_hr,
            json={"scheduled_at": "2025-11-15T12:00:00Z"},
        )
        assert response.status_code == 200


class TestAgenda:
    def test_week_and_today_per_interviewer(
        self, client, db, org, auth_headers_interviewer, priya, interviewer, monkeypatch
    ):
        from hr_app.services import scheduling

        monkeypatch.setattr(scheduling, "utcnow", lambda: _at(8, day=12))  # Wednesday of 2025-W46
        monday = _booked(db, org, priya, _at(9, day=10), name="Monday Person")
        wednesday = _booked(db, org, priya, _at(15, day=12), name="Wednesday Person")
        early = _booked(db, org, interviewer, _at(11, day=12), name="Ivy Candidate")
        nobody = _booked(db, org, None, _at(9, day=16), name="Unassigned Person")
        _booked(db, org, priya, _at(9, day=17), name="Next Week")
        response = client.get(AGENDA, headers=auth_headers_interviewer)
        assert response.status_code == 200
        body = response.json()
        assert body["message"] == "Found 4 interview(s) in 2025-W46"
        data = body["data"]
        assert {k: data[k] for k in ("week", "week_start", "week_end", "today")} == {
            "week": "2025-W46",
            "week_start": "2025-11-10",
            "week_end": "2025-11-16",
            "today": "2025-11-12",
        }
        rows = data["interviewers"]
        assert [row["interviewer_name"] for row in rows] == ["Ivy Iyer", "Priya Varghese", None]
        assert [i["id"] for i in rows[0]["week"]] == [str(early.id)] == [i["id"] for i in rows[0]["today"]]
        assert [i["id"] for i in rows[1]["week"]] == [str(monday.id), str(wednesday.id)]
        assert [i["candidate_name"] for i in rows[1]["today"]] == ["Wednesday Person"]
        assert rows[2]["interviewer"] is None and [i["id"] for i in rows[2]["week"]] == [str(nobody.id)]
        assert rows[2]["today"] == []
        assert rows[1]["interviewer"] == {
            "id": priya.id,
            "email": "priya@acme.test",
            "first_name": "Priya",
            "last_name": "Varghese",
            "job_role": "HR Manager",
        }

    def test_another_week_and_one_interviewer(self, client, db, org, auth_headers_hr, priya, interviewer):
        _booked(db, org, priya, _at(9, day=17), name="Next Week")
        _booked(db, org, interviewer, _at(10, day=18))
        response = client.get(AGENDA, headers=auth_headers_hr, params={"week": "2025-W47", "interviewer_id": priya.id})
        rows = response.json()["data"]["interviewers"]
        assert [row["interviewer_name"] for row in rows] == ["Priya Varghese"]
        assert [i["candidate_name"] for i in rows[0]["week"]] == ["Next Week"]

    def test_other_organizations_are_not_shown(self, client, db, other_org, outsider, auth_headers_hr):
        _booked(db, other_org, outsider, _at(9, day=17))
        response = client.get(AGENDA, headers=auth_headers_hr, params={"week": "2025-W47"})
        assert response.json() == {
            "success": True,
            "message": "Found 0 interview(s) in 2025-W47",
            "data": {
                "week": "2025-W47",
                "week_start": "2025-11-17",
                "week_end": "2025-11-23",
                "today": response.json()["data"]["today"],
                "interviewers": [],
            },
        }

    @pytest.mark.parametrize("week", ["2025-46", "next week", "2025-W60"])
    def test_bad_week_is_400(self, client, auth_headers_hr, week):
        response = client.get(AGENDA, headers=auth_headers_hr, params={"week": week})
        assert response.status_code == 400
        assert response.json() == validation_error(
            {"week": ["Week has wrong format. Use ISO 8601 YYYY-Www, e.g. 2025-W46."]}
        )

    def test_one_query_whatever_the_count(self, client, db, org, auth_headers_hr, priya, interviewer):
        for offset in range(20):
            _booked(db, org, priya if offset % 2 else interviewer, _at(9, day=17) + timedelta(minutes=15 * offset))
        with QueryCounter() as counter:
            response = client.get(AGENDA, headers=auth_headers_hr, params={"week": "2025-W47"})
        assert response.status_code == 200
        assert sum(len(row["week"]) for row in response.json()["data"]["interviewers"]) == 20
        assert counter.count == 3, counter.statements  # the caller, the organization's zone, then the agenda

    def test_without_token_is_401(self, client):
        assert client.get(AGENDA).status_code == 401

    def test_weeks_and_today_are_the_organizations_wall_clock(
        self, client, db, org, auth_headers_hr, priya, monkeypatch
    ):
        from hr_app.services import scheduling

        org.time_zone = "Europe/Paris"
        db.add(org)
        db.commit()
        # Sunday 2025-11-16 23:30 UTC is Monday 2025-11-17 00:30 in Paris: the first minutes of 2025-W47 there.
        monkeypatch.setattr(scheduling, "utcnow", lambda: datetime(2025, 11, 16, 23, 30, tzinfo=UTC))
        monday_in_paris = _booked(db, org, priya, datetime(2025, 11, 16, 23, 45, tzinfo=UTC), name="Early Monday")
        _booked(db, org, priya, datetime(2025, 11, 16, 22, 45, tzinfo=UTC), name="Late Sunday")  # 23:45 Sunday there
        response = client.get(AGENDA, headers=auth_headers_hr)
        data = response.json()["data"]
        assert (data["week"], data["week_start"], data["today"]) == ("2025-W47", "2025-11-17", "2025-11-17")
        rows = data["interviewers"]
        assert [i["id"] for i in rows[0]["week"]] == [str(monday_in_paris.id)] == [i["id"] for i in rows[0]["today"]]


def _set_window(db, org, minutes: int) -> None:
    org.clash_window_minutes = minutes
    db.add(org)
    db.commit()
