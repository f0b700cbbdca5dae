"""Issue 16 in a real browser: invite -> accept from the link -> sign in; forgotten password; settings; job titles.

Until the outbox lands, the link an e-mail would carry is minted by the same service a "Resend" uses (the stored
hash cannot be read back into a link).
"""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.models import AppUser, JobTitle, Organization, Role, ScorecardCriterion
from hr_app.services import interviews, team
from tests.e2e.conftest import WAIT_S, sign_in, wait_for, wait_for_text, wait_for_url
from tests.e2e.helpers import text_of, wait_gone, wait_visible
from tests.factories import PASSWORD, auth_header, create_cv, create_job_title, create_org, create_user

pytestmark = pytest.mark.e2e

STRONG = "tangerine-violin-orbit-42"


def _link_for(email: str, purpose: str) -> str:
    with session_scope() as session:
        user = session.exec(select(AppUser).where(AppUser.email == email)).one()
        lifetime = team.INVITE_LIFETIME if purpose == "invite" else team.RESET_LIFETIME
        token = team._issue(session, user, purpose, lifetime).token
    prefix = "/accept-invite" if purpose == "invite" else "/reset-password"
    return f"{prefix}/{token}"


@pytest.fixture
def admin_user(db):
    org = create_org(db, "Team Org")
    return create_user(db, org, role=Role.ADMIN, email="boss@example.com", first_name="Bo", last_name="Ss")


def _criteria(organization_id, title: str) -> list[str]:
    with session_scope() as session:
        return list(
            session.exec(
                select(ScorecardCriterion.name)
                .join(JobTitle, JobTitle.id == ScorecardCriterion.job_title_id)
                .where(JobTitle.organization_id == organization_id, JobTitle.name == title)
                .order_by(ScorecardCriterion.position)
            )
        )


def test_invite_accept_and_sign_in(live_server, browser, admin_user):
    sign_in(browser, live_server, admin_user.email, PASSWORD, "/users")
    wait_for_text(browser, "page-title", "Users")
    wait_for(browser, "email").send_keys("newbie@example.com")
    browser.find_element(By.ID, "first_name").send_keys("Nia")
    Select(browser.find_element(By.ID, "invite-role")).select_by_value("hr")
    browser.find_element(By.ID, "invite-submit").click()
    row = wait_visible(browser, '[id="user-newbie@example.com"]')
    assert "invited" in row.text

    browser.find_element(By.ID, "logout").click()
    wait_for_url(browser, "/login")
    browser.get(f"{live_server.url}{_link_for('newbie@example.com', 'invite')}")
    wait_for(browser, "password").send_keys("short")
    browser.find_element(By.ID, "link-submit").click()
    assert "12 characters" in text_of(browser, "link-error")
    field = browser.find_element(By.ID, "password")
    field.clear()
    field.send_keys(STRONG)
    browser.find_element(By.ID, "link-submit").click()
    wait_for_url(browser, "/login")
    sign_in(browser, live_server, "newbie@example.com", STRONG)
    assert text_of(browser, "signed-in-user") == "Nia"


def test_forgotten_password(live_server, browser, admin_user):
    browser.get(f"{live_server.url}/login")
    wait_for(browser, "forgot-link").click()
    wait_for_url(browser, "/forgot-password")
    wait_for(browser, "forgot-submit")
    wait_for(browser, "email").send_keys(admin_user.email)
    browser.find_element(By.ID, "forgot-submit").click()
    assert "reset link is on its way" in text_of(browser, "reset-sent")
    browser.get(f"{live_server.url}{_link_for(admin_user.email, 'reset')}")
    wait_for(browser, "password").send_keys(STRONG)
    browser.find_element(By.ID, "link-submit").click()
    wait_for_url(browser, "/login")
    sign_in(browser, live_server, admin_user.email, STRONG)
    assert text_of(browser, "signed-in-user") == "Bo Ss"


def _shows_time(browser, live_server, interview_id: str, shown: str) -> bool:
    """Whether the interview's row comes to show `shown`. The tab's state outlives a reload, so the row first
    shows what the previous visit read, and the page's load then re-reads it: wait for that, not the first paint."""
    browser.get(f"{live_server.url}/interviews")
    row = f'[id="interview-row-{interview_id}"]'
    wait_visible(browser, row)
    try:
        WebDriverWait(browser, WAIT_S).until(lambda b: shown in b.find_element(By.CSS_SELECTOR, row).text)
    except TimeoutException:
        return False
    return True


def test_settings_change_the_shown_time_zone_and_job_titles(live_server, browser, db, admin_user):
    org = db.get(Organization, admin_user.organization_id)
    used = create_job_title(db, org, "Used Title")
    cv = create_cv(db, org, job_title=used)
    with session_scope() as session:
        record = interviews.start_interview(
            session,
            actor=session.get(AppUser, admin_user.id),
            candidate_id=cv.id,
            scheduled_at=datetime(2031, 1, 15, 9, 0, tzinfo=UTC),
        )
        interview_id = str(record.interview.id)
    sign_in(browser, live_server, admin_user.email, PASSWORD)
    assert _shows_time(browser, live_server, interview_id, "15 Jan 2031, 09:00")
    browser.get(f"{live_server.url}/settings")
    zone = wait_for(browser, "time_zone")
    zone.clear()
    zone.send_keys("Mars/Base")
    browser.find_element(By.ID, "settings-save").click()
    assert "IANA" in text_of(browser, "settings-error")
    zone.clear()
    zone.send_keys("Asia/Kolkata")
    browser.find_element(By.ID, "settings-save").click()
    wait_visible(browser, "[data-sonner-toast]")
    with session_scope() as session:
        assert session.get(Organization, org.id).time_zone == "Asia/Kolkata"
    assert _shows_time(browser, live_server, interview_id, "15 Jan 2031, 14:30")

    browser.get(f"{live_server.url}/job-titles")
    wait_for(browser, "name").send_keys("Designer")
    browser.find_element(By.ID, "title-add").click()
    wait_visible(browser, '[aria-label="Delete Designer"]')
    browser.find_element(By.CSS_SELECTOR, '[aria-label="Delete Used Title"]').click()
    WebDriverWait(browser, WAIT_S).until(lambda d: "used by 1 CV(s)" in d.find_element(By.TAG_NAME, "body").text)
    browser.find_element(By.CSS_SELECTOR, '[aria-label="Delete Designer"]').click()
    wait_gone(browser, '[aria-label="Delete Designer"]')
    with session_scope() as session:
        names = set(session.exec(select(JobTitle.name).where(JobTitle.organization_id == org.id)))
    assert "Used Title" in names

    # The scorecard template of a job title (issue 18): pick it, rename a criterion, save.
    wait_for(browser, "tpl-job-title").click()
    wait_visible(browser, "[role=option]")
    next(o for o in browser.find_elements(By.CSS_SELECTOR, "[role=option]") if o.text == "Used Title").click()
    name = wait_for(browser, "tpl-name-1")
    name.clear()
    name.send_keys("Knowledge of SQL")
    browser.find_element(By.ID, "tpl-save").click()
    renamed = ["Appearance", "Knowledge of SQL", "Confidence", "Attitude", "Communication"]
    WebDriverWait(browser, WAIT_S).until(lambda _: _criteria(org.id, "Used Title") == renamed)
    # Live (issue 18): the template saved elsewhere (here the API) shows in the open editor, which has no edits.
    saved = httpx.put(
        f"{live_server.url}/api/job-titles/{used.id}/scorecard-template/",
        headers=auth_header(admin_user),
        json={"criteria": [{"key": "knowledge", "name": "SQL"}, {"name": "Python"}]},
    )
    assert saved.status_code == 200, saved.text
    WebDriverWait(browser, WAIT_S).until(lambda b: b.find_element(By.ID, "tpl-name-0").get_attribute("value") == "SQL")
    assert browser.find_element(By.ID, "tpl-name-1").get_attribute("value") == "Python"
    assert not browser.find_elements(By.ID, "tpl-name-2")
