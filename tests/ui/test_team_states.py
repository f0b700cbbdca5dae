"""Issue 16's page states driven directly: Users, Job titles, Settings, Your account, the public link pages."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from hr_app.db import get_engine
from hr_app.models import AppUser, JobTitle, Organization, Role
from hr_app.services import team
from hr_app.ui import format
from hr_app.ui.states.account import AccountState, ForgotState, LinkState, SettingsState, SetupState
from hr_app.ui.states.live import LiveState
from hr_app.ui.states.team import JobTitlesState, UsersState
from tests.factories import PASSWORD, create_cv, create_job_title, row_counts
from tests.ui.conftest import drain

STRONG = "tangerine-violin-orbit-42"


def _at(state, path: str) -> None:
    state.router = state.router.__class__.from_router_data({**state.router_data, "pathname": path, "asPath": path})


class TestUsersState:
    def test_admin_invites_changes_a_role_and_the_last_admin_is_refused(self, make_state, db, admin, interviewer):
        state = make_state(UsersState, admin)
        drain(state.load())
        assert {m.email for m in state.members} == {admin.email, interviewer.email}
        drain(
            state.invite(
                {"email": "pat@example.com", "first_name": "Pat", "last_name": "", "job_role": "", "role": "hr"}
            )
        )
        assert state.invite_error == ""
        assert [m.status for m in state.members if m.email == "pat@example.com"] == ["invited"]
        drain(state.invite({"email": "pat@example.com", "first_name": "Pat", "role": "hr"}))
        assert state.invite_error == "A user with this email already exists."
        drain(state.set_role(interviewer.id, "hr"))
        assert [m.role for m in state.members if m.id == interviewer.id] == ["hr"]
        before = row_counts(db)
        drain(state.set_active(admin.id, False))
        db.expire_all()
        assert db.get(AppUser, admin.id).is_active and row_counts(db) == before

    def test_hr_reads_and_interviewers_are_shown_no_list(self, make_state, hr_user, interviewer):
        hr = make_state(UsersState, hr_user)
        drain(hr.load())
        assert hr.members and hr.denied == "" and hr.is_admin is False
        other = make_state(UsersState, interviewer)
        drain(other.load())
        assert other.members == [] and other.denied == "You do not have permission to perform this action."


class TestJobTitlesState:
    def test_add_rename_and_delete_refused_while_used(self, make_state, db, org, hr_user):
        used = create_job_title(db, org, "Used")
        create_cv(db, org, job_title=used)
        state = make_state(JobTitlesState, hr_user)
        drain(state.add({"name": "Designer"}))
        added = next(t for t in state.titles if t.name == "Designer")
        drain(state.rename(added.id, "Product Designer"))
        assert "Product Designer" in {t.name for t in state.titles}
        drain(state.delete(used.id))
        db.expire_all()
        assert db.get(JobTitle, used.id) is not None
        drain(state.delete(added.id))
        assert "Product Designer" not in {t.name for t in state.titles}


class TestSettingsAndAccount:
    def test_settings_save_and_refuse(self, make_state, db, org, admin):
        state = make_state(SettingsState, admin)
        drain(state.load())
        assert state.values["time_zone"] == "UTC"
        form = {**state.values, "time_zone": "Nowhere/Land"}
        drain(state.save(form))
        assert "IANA" in state.error
        db.expire_all()
        assert db.get(Organization, org.id).time_zone == "UTC"
        drain(state.save({**state.values, "time_zone": "Asia/Kolkata", "interview_minutes": "30"}))
        db.expire_all()
        stored = db.get(Organization, org.id)
        assert (stored.time_zone, stored.interview_minutes, state.error) == ("Asia/Kolkata", 30, "")

    def test_password_change_shows_the_reason_then_signs_out(self, make_state, db, interviewer):
        state = make_state(AccountState, interviewer)
        drain(state.load())
        assert state.first_name == "Ivy"
        drain(state.change_password({"current_password": PASSWORD, "new_password": "password1234"}))
        assert "common password" in state.password_error
        drain(state.change_password({"current_password": PASSWORD, "new_password": STRONG}))
        assert state.auth_token == ""
        db.expire_all()
        assert db.get(AppUser, interviewer.id).token_version == 1


class TestPublicPages:
    def test_forgot_password_answers_the_same(self, make_state, interviewer):
        known, unknown = make_state(ForgotState), make_state(ForgotState)
        drain(known.submit({"email": interviewer.email}))
        drain(unknown.submit({"email": "nobody@example.com"}))
        assert known.sent is unknown.sent is True and known.error == unknown.error == ""

    def test_accept_invite_from_the_link(self, make_state, db, admin):
        with Session(get_engine(), expire_on_commit=False) as session:
            link = team.invite(
                session,
                actor=session.get(AppUser, admin.id),
                email="lee@example.com",
                first_name="Lee",
                role=Role.INTERVIEWER,
            )
            session.commit()
        state = make_state(LinkState)
        _at(state, f"/accept-invite/{link.token}")
        drain(state.submit({"password": "short"}))
        assert "12 characters" in state.error
        drain(state.submit({"password": STRONG}))
        assert state.done and state.error == ""
        db.expire_all()
        user = db.exec(select(AppUser).where(AppUser.email == "lee@example.com")).one()
        assert user.is_active and user.password_set_at is not None


class TestSetup:
    FORM = {
        "organization_name": "First Org",
        "email": "founder@example.com",
        "first_name": "Fay",
        "last_name": "Founder",
        "password": STRONG,
    }

    def test_first_run_creates_the_organization_and_admin_then_closes(self, make_state, db):
        state = make_state(SetupState)
        assert drain(state.load()) == []
        drain(state.submit({**self.FORM, "password": "short"}))
        assert "12 characters" in state.errors["password"]
        assert row_counts(db)["organization"] == 0
        drain(state.submit(self.FORM))
        assert state.errors == {}
        db.expire_all()
        admin = db.exec(select(AppUser).where(AppUser.email == "founder@example.com")).one()
        assert admin.role == Role.ADMIN and db.get(Organization, admin.organization_id).name == "First Org"
        again = make_state(SetupState)
        assert len(drain(again.load())) == 1  # the redirect to the login page
        before = row_counts(db)
        drain(again.submit({**self.FORM, "organization_name": "Second", "email": "x@example.com"}))
        assert again.errors == {"non_field_errors": "Sign in instead; an admin can invite you."}
        assert row_counts(db) == before


def test_signed_in_pages_show_dates_in_the_organizations_time_zone(make_state, db, org, hr_user):
    org.time_zone = "Asia/Kolkata"
    db.add(org)
    db.commit()
    state = make_state(UsersState, hr_user, tz_offset=0)
    drain(state.require_login())
    assert state.tz_offset == "Asia/Kolkata"
    assert format.local_time(datetime(2030, 1, 15, 10, 0, tzinfo=UTC), state.tz_offset) == "15 Jan 2030, 15:30"


def test_each_date_shows_its_own_daylight_saving_offset_and_the_browser_does_not_override(make_state, db, org, hr_user):
    org.time_zone = "Europe/Paris"
    db.add(org)
    db.commit()
    state = make_state(LiveState, hr_user, tz_offset=300)  # a browser in New York
    drain(state.require_login())
    state.apply_timezone(300)  # the board asks the browser for its offset on every page load
    winter = datetime(2030, 1, 15, 10, 0, tzinfo=UTC)
    summer = datetime(2030, 7, 15, 10, 0, tzinfo=UTC)
    assert format.local_time(winter, state.tz_offset) == "15 Jan 2030, 11:00"  # CET, UTC+1
    assert format.local_time(summer, state.tz_offset) == "15 Jul 2030, 12:00"  # CEST, UTC+2
    assert format.from_local_input("2030-07-15T12:00", state.tz_offset) == summer
    assert format.local_input_value(summer, state.tz_offset) == "2030-07-15T12:00"
