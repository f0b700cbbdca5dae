"""GET get/, GET get/<uuid>/, PUT update/<uuid>/, DELETE delete/<uuid>/ and GET results/<uuid>/."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlmodel import select

from hr_app.kit.time import utcnow
from hr_app.models import InterviewPanel, PanelCandidate
from tests.factories import QueryCounter, auth_header, create_cv, create_user, row_counts
from tests.question_factories import create_bank, create_panel

LIST = "/api/panel/get/"


def detail(panel) -> str:
    return f"/api/panel/get/{panel.id}/"


def update_url(panel) -> str:
    return f"/api/panel/update/{panel.id}/"


def delete_url(panel) -> str:
    return f"/api/panel/delete/{panel.id}/"


@pytest.fixture
def bank(db, org):
    return create_bank(db, org)


@pytest.fixture
def panel_with_candidates(db, org, bank):
    cvs = [create_cv(db, org, name="Ann"), create_cv(db, org, name="Bob")]
    return create_panel(db, org, bank, candidates=cvs)


def _panel_rows(db) -> dict[str, int]:
    counts = row_counts(db)
    return {table: counts[table] for table in ("interview_panel", "question_distribution", "panel_candidate")}


def _stored(db, panel) -> InterviewPanel:
    db.expire_all()
    return db.get(InterviewPanel, panel.id)


class TestList:
    def test_newest_first_without_deleted_or_foreign_panels(self, client, db, org, other_org, bank, auth_headers_hr):
        now = utcnow()
        create_panel(db, org, bank, name="Old", created_at=now - timedelta(days=2))
        create_panel(db, org, bank, name="New", created_at=now - timedelta(days=1))
        create_panel(db, org, bank, name="Deleted", is_deleted=True)
        create_panel(db, other_org, create_bank(db, other_org), name="Foreign")
        response = client.get(LIST, headers=auth_headers_hr)
        assert response.status_code == 200
        body = response.json()
        assert body["success"] is True
        assert body["message"] == "Interview panels retrieved successfully"
        assert [p["name"] for p in body["data"]["interview_panels"]] == ["New", "Old"]

    def test_empty(self, client, auth_headers_admin):
        assert client.get(LIST, headers=auth_headers_admin).json()["data"] == {"interview_panels": []}

    def test_interviewers_may_not_read(self, client, db, panel_with_candidates, auth_headers_interviewer):
        """The spec's "Admin or HR role" for every panel endpoint: a panel lists its candidates' tokens."""
        panel, _ = panel_with_candidates
        view, export = "view interview panels", "export interview panel results"
        hints = {LIST: view, detail(panel): view, f"/api/panel/results/{panel.id}/": view}
        hints[f"{detail(panel)}results.csv"] = export
        for url, action in hints.items():
            response = client.get(url, headers=auth_headers_interviewer)
            assert response.status_code == 403, url
            assert response.json() == {
                "success": False,
                "message": "You do not have permission to perform this action.",
                "errors": {"non_field_errors": [f"Only admin or HR users can {action}."]},
            }, url

    def test_user_without_organization_is_forbidden(self, client, db):
        response = client.get(LIST, headers=auth_header(create_user(db, None)))
        assert response.status_code == 403
        assert response.json() == {
            "success": False,
            "message": "User must belong to an organization",
            "errors": {"non_field_errors": ["Ask an admin to add you to an organization."]},
        }

    def test_anonymous(self, client):
        assert client.get(LIST).status_code == 401

    def test_ended_panels_are_deactivated_and_persisted(self, client, db, org, bank, auth_headers_hr):
        now = utcnow()
        ended, _ = create_panel(db, org, bank, start=now - timedelta(hours=3), end=now - timedelta(seconds=1))
        running, _ = create_panel(db, org, bank)
        panels = client.get(LIST, headers=auth_headers_hr).json()["data"]["interview_panels"]
        assert {p["uuid"]: p["is_active"] for p in panels} == {str(ended.id): False, str(running.id): True}
        assert _stored(db, ended).is_active is False
        assert _stored(db, running).is_active is True

    @pytest.mark.parametrize("count", [1, 20])
    def test_constant_number_of_statements(self, client, db, org, bank, auth_headers_hr, count):
        for _ in range(count):
            create_panel(db, org, bank, candidates=[create_cv(db, org), create_cv(db, org)])
        headers = auth_headers_hr
        client.get(LIST, headers=headers)  # warm up
        with QueryCounter() as counter:
            response = client.get(LIST, headers=headers)
        assert len(response.json()["data"]["interview_panels"]) == count
        # user, deactivation check, panels, distributions, candidates
        assert counter.count == 5, counter.statements


class TestGetOne:
    def test_the_panel(self, client, panel_with_candidates, auth_headers_hr):
        panel, tokens = panel_with_candidates
        response = client.get(detail(panel), headers=auth_headers_hr)
        assert response.status_code == 200
        body = response.json()
        assert body["message"] == "Interview panel retrieved successfully"
        data = body["data"]
        assert data["uuid"] == str(panel.id)
        assert [c["candidate_name"] for c in data["candidates"]] == ["Ann", "Bob"]
        assert {c["token"] for c in data["candidates"]} == {t.token for t in tokens}
        assert data["question_distributions"][0]["total"] == 3

    def test_without_trailing_slash(self, client, panel_with_candidates, auth_headers_hr):
        panel, _ = panel_with_candidates
        assert client.get(detail(panel).rstrip("/"), headers=auth_headers_hr).status_code == 200

    @pytest.mark.parametrize("case", ["unknown", "deleted", "foreign"])
    def test_not_found(self, client, db, org, other_org, bank, auth_headers_hr, case):
        if case == "unknown":
            url = f"/api/panel/get/{uuid.uuid4()}/"
        elif case == "deleted":
            url = detail(create_panel(db, org, bank, is_deleted=True)[0])
        else:
            url = detail(create_panel(db, other_org, create_bank(db, other_org))[0])
        response = client.get(url, headers=auth_headers_hr)
        assert response.status_code == 404
        assert response.json() == {
            "success": False,
            "message": "Interview panel not found",
            "errors": {"non_field_errors": ["No interview panel with this uuid in your organization."]},
        }

    def test_malformed_uuid(self, client, auth_headers_hr):
        response = client.get("/api/panel/get/not-a-uuid/", headers=auth_headers_hr)
        assert response.status_code == 400
        assert response.json()["errors"] == {"interview_panel_uuid": ["Must be a valid UUID."]}

    def test_ended_panel_is_deactivated(self, client, db, org, bank, auth_headers_hr):
        now = utcnow()
        panel, _ = create_panel(db, org, bank, start=now - timedelta(hours=2), end=now - timedelta(minutes=1))
        assert client.get(detail(panel), headers=auth_headers_hr).json()["data"]["is_active"] is False
        assert _stored(db, panel).is_active is False


class TestUpdate:
    def test_partial_update(self, client, db, panel_with_candidates, auth_headers_hr):
        panel, _ = panel_with_candidates
        updated_before = panel.updated_at
        response = client.put(update_url(panel), json={"name": "Renamed"}, headers=auth_headers_hr)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["message"] == "Interview panel updated successfully"
        assert body["data"]["name"] == "Renamed"
        assert body["data"]["description"] == "A panel"
        stored = _stored(db, panel)
        assert stored.name == "Renamed"
        assert stored.updated_at > updated_before

    def test_moving_the_end_moves_every_token_expiry(self, client, db, panel_with_candidates, auth_headers_admin):
        panel, _ = panel_with_candidates
        new_end = (utcnow() + timedelta(days=3)).replace(microsecond=0)
        payload = {"end_datetime": new_end.strftime("%Y-%m-%dT%H:%M:%SZ")}
        data = client.put(update_url(panel), json=payload, headers=auth_headers_admin).json()["data"]
        assert data["end_datetime"] == payload["end_datetime"]
        assert {c["token_expires_at"] for c in data["candidates"]} == {payload["end_datetime"]}
        db.expire_all()
        assert {t.token_expires_at for t in db.exec(select(PanelCandidate)).all()} == {new_end}

    def test_description_can_be_cleared(self, client, panel_with_candidates, auth_headers_hr):
        panel, _ = panel_with_candidates
        data = client.put(update_url(panel), json={"description": None}, headers=auth_headers_hr).json()["data"]
        assert data["description"] == ""

    def _refused(self, client, db, url, payload, headers, status):
        before = row_counts(db)
        snapshot = db.exec(select(InterviewPanel)).all()
        values = [(p.name, p.end_datetime, p.updated_at, p.is_active) for p in snapshot]
        response = client.put(url, json=payload, headers=headers)
        assert response.status_code == status, response.text
        assert row_counts(db) == before
        db.expire_all()
        assert [
            (p.name, p.end_datetime, p.updated_at, p.is_active) for p in db.exec(select(InterviewPanel)).all()
        ] == values
        return response.json()

    def test_merged_window_is_validated(self, client, db, panel_with_candidates, auth_headers_hr):
        panel, _ = panel_with_candidates
        after_end = (panel.end_datetime + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = self._refused(client, db, update_url(panel), {"start_datetime": after_end}, auth_headers_hr, 400)
        assert body == {
            "success": False,
            "message": "Invalid data provided",
            "errors": {"end_datetime": ["End datetime must be after start datetime."]},
        }

    def test_null_and_blank_and_long_values(self, client, db, panel_with_candidates, auth_headers_hr):
        panel, _ = panel_with_candidates
        url = update_url(panel)
        body = self._refused(client, db, url, {"name": None, "end_datetime": None}, auth_headers_hr, 400)
        assert body["errors"] == {
            "name": ["This field may not be null."],
            "end_datetime": ["This field may not be null."],
        }
        body = self._refused(client, db, url, {"name": "x" * 256}, auth_headers_hr, 400)
        assert body["errors"] == {"name": ["Ensure this field has no more than 255 characters."]}
        body = self._refused(client, db, url, {"total_number_of_questions": 3}, auth_headers_hr, 400)
        assert body["errors"] == {"total_number_of_questions": ["Unknown field."]}

    def test_inactive_panel_refuses_updates(self, client, db, org, bank, auth_headers_hr):
        now = utcnow()
        panel, _ = create_panel(db, org, bank, start=now - timedelta(hours=2), end=now - timedelta(minutes=1))
        body = self._refused(client, db, update_url(panel), {"name": "Late"}, auth_headers_hr, 400)
        assert body == {
            "success": False,
            "message": "Interview panel is inactive",
            "errors": {"non_field_errors": ["Inactive interview panels cannot be updated."]},
        }

    def test_interviewer_is_forbidden(self, client, db, panel_with_candidates, auth_headers_interviewer):
        panel, _ = panel_with_candidates
        body = self._refused(client, db, update_url(panel), {"name": "X"}, auth_headers_interviewer, 403)
        assert body["message"] == "You do not have permission to perform this action."

    def test_another_organization_gets_404(self, client, db, panel_with_candidates, auth_headers_outsider):
        panel, _ = panel_with_candidates
        body = self._refused(client, db, update_url(panel), {"name": "X"}, auth_headers_outsider, 404)
        assert body["message"] == "Interview panel not found"

    def test_deleted_panel_gets_404(self, client, db, org, bank, auth_headers_hr):
        panel, _ = create_panel(db, org, bank, is_deleted=True)
        self._refused(client, db, update_url(panel), {"name": "X"}, auth_headers_hr, 404)


class TestDelete:
    def test_soft_delete(self, client, db, panel_with_candidates, auth_headers_hr):
        panel, _ = panel_with_candidates
        before = _panel_rows(db)
        response = client.delete(delete_url(panel), headers=auth_headers_hr)
        assert response.status_code == 200
        assert response.json() == {"success": True, "message": "Interview panel deleted successfully"}
        assert _panel_rows(db) == before  # nothing removed: a soft delete
        assert _stored(db, panel).is_deleted is True
        assert client.get(LIST, headers=auth_headers_hr).json()["data"]["interview_panels"] == []
        assert client.get(detail(panel), headers=auth_headers_hr).status_code == 404

    def test_second_delete_is_404(self, client, panel_with_candidates, auth_headers_hr):
        panel, _ = panel_with_candidates
        assert client.delete(delete_url(panel), headers=auth_headers_hr).status_code == 200
        assert client.delete(delete_url(panel), headers=auth_headers_hr).status_code == 404

    @pytest.mark.parametrize("who, status", [("interviewer", 403), ("outsider", 404)])
    def test_refused(self, client, db, panel_with_candidates, who, status, request):
        panel, _ = panel_with_candidates
        headers = request.getfixturevalue(f"auth_headers_{who}")
        assert client.delete(delete_url(panel), headers=headers).status_code == status
        assert _stored(db, panel).is_deleted is False

    def test_without_trailing_slash(self, client, panel_with_candidates, auth_headers_admin):
        panel, _ = panel_with_candidates
        assert client.delete(delete_url(panel).rstrip("/"), headers=auth_headers_admin).status_code == 200


class TestResults:
    def test_states_for_hr(self, client, db, panel_with_candidates, auth_headers_hr):
        panel, tokens = panel_with_candidates
        client.get(f"/api/panel/session/{tokens[0].token}/")
        response = client.get(f"/api/panel/results/{panel.id}/", headers=auth_headers_hr)
        assert response.status_code == 200
        data = response.json()["data"]
        assert data["panel_uuid"] == str(panel.id) and data["show_scores"] is True
        by_name = {c["candidate_name"]: c for c in data["candidates"]}
        assert (by_name["Ann"]["state"], by_name["Ann"]["answered"], by_name["Ann"]["total"]) == ("open", 0, 3)
        assert by_name["Bob"]["state"] == "not_open" and by_name["Bob"]["opened_at"] is None

    def test_another_organization_gets_404(self, client, panel_with_candidates, auth_headers_outsider):
        panel, _ = panel_with_candidates
        assert client.get(f"/api/panel/results/{panel.id}/", headers=auth_headers_outsider).status_code == 404


def reissue_url(panel, candidate_id) -> str:
    return f"/api/panel/reissue-link/{panel.id}/{candidate_id}/"


class TestReissueLink:
    def test_new_token_old_one_stops_at_once(self, client, db, panel_with_candidates, auth_headers_hr):
        panel, tokens = panel_with_candidates
        old, old_token, other_token = tokens[0], tokens[0].token, tokens[1].token
        client.put(f"/api/panel/session/{old_token}/answers/", json={"answers": {}})
        response = client.post(reissue_url(panel, old.candidate_id), headers=auth_headers_hr)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["success"] is True and body["message"] == "Candidate link re-issued successfully"
        data = body["data"]
        assert data["candidate_uuid"] == str(old.candidate_id) and data["uuid"] == str(old.id)
        assert data["token"] != old_token and len(data["token"]) == 32
        db.expire_all()
        assert db.get(PanelCandidate, old.id).token == data["token"]
        assert client.get(f"/api/panel/session/{old_token}/").status_code == 404
        assert client.get(f"/api/panel/session/{data['token']}/").status_code == 200
        assert db.get(PanelCandidate, tokens[1].id).token == other_token  # the other candidate keeps theirs

    def test_audited_without_the_token(self, client, db, panel_with_candidates, auth_headers_admin):
        panel, tokens = panel_with_candidates
        old_token = tokens[0].token
        new = client.post(reissue_url(panel, tokens[0].candidate_id), headers=auth_headers_admin).json()["data"]
        trail = client.get(f"/api/audit/?object=panel:{panel.id}", headers=auth_headers_admin).json()["data"]
        entry = trail["entries"][0]
        assert entry["action"] == "link_reissued"
        assert entry["after"] == {"candidate": "Ann", "candidate_uuid": str(tokens[0].candidate_id)}
        assert new["token"] not in str(trail) and old_token not in str(trail)

    @pytest.mark.parametrize("who, status", [("interviewer", 403), ("outsider", 404)])
    def test_refused_and_nothing_changes(self, client, db, panel_with_candidates, who, status, request):
        panel, tokens = panel_with_candidates
        old_token = tokens[0].token
        headers = request.getfixturevalue(f"auth_headers_{who}")
        response = client.post(reissue_url(panel, tokens[0].candidate_id), headers=headers)
        assert response.status_code == status
        if who == "interviewer":
            assert response.json() == {
                "success": False,
                "message": "You do not have permission to perform this action.",
                "errors": {"non_field_errors": ["Only admin or HR users can manage interview panels."]},
            }
        db.expire_all()
        assert db.get(PanelCandidate, tokens[0].id).token == old_token

    def test_unknown_candidate(self, client, db, org, panel_with_candidates, auth_headers_hr):
        panel, _ = panel_with_candidates
        outside = create_cv(db, org, name="Not In The Panel")
        for candidate_id in (uuid.uuid4(), outside.id):
            response = client.post(reissue_url(panel, candidate_id), headers=auth_headers_hr)
            assert response.status_code == 404
            assert response.json() == {
                "success": False,
                "message": "Candidate not found",
                "errors": {"non_field_errors": ["No candidate with this uuid in this interview panel."]},
            }

    def test_ended_panel(self, client, db, org, bank, auth_headers_hr):
        now = utcnow()
        cv = create_cv(db, org)
        panel, tokens = create_panel(db, org, bank, candidates=[cv], start=now - timedelta(hours=2), end=now)
        old_token = tokens[0].token
        response = client.post(reissue_url(panel, cv.id), headers=auth_headers_hr)
        assert response.status_code == 400
        assert response.json() == {
            "success": False,
            "message": "Interview panel is inactive",
            "errors": {"non_field_errors": ["Links of an inactive interview panel cannot be re-issued."]},
        }
        db.expire_all()
        assert db.get(PanelCandidate, tokens[0].id).token == old_token
