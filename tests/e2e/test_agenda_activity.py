"""Agenda page, the Activity panel (interview and panel pages), the calendar invite download, print view.

Screenshots: docs/screenshots/agenda.png, interview-activity.png, interview-print.png, panel-activity.png.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from icalendar import Calendar
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.conftest import save_screenshot, sign_in, wait_for, wait_for_text
from tests.e2e.helpers import wait_until, wait_visible
from tests.factories import PASSWORD, auth_header, create_cv, create_job_title, create_user
from tests.question_factories import create_bank, panel_payload

pytestmark = pytest.mark.e2e

IM = "/api/interview-management"


def _shot(browser, name: str) -> None:
    save_screenshot(browser, name)


def _start(server, user, cv, at: datetime, interviewer_id: int | None) -> dict:
    response = httpx.post(
        f"{server.url}{IM}/start-interview/",
        headers=auth_header(user),
        json={"candidate_id": str(cv.id), "scheduled_at": at.isoformat(), "interviewer_id": interviewer_id},
    )
    assert response.status_code == 201, response.text
    return response.json()


def _monday_noon(weeks_ahead: int = 0) -> datetime:
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    return today - timedelta(days=today.weekday()) + timedelta(weeks=weeks_ahead)


def test_agenda_shows_each_interviewer_week_by_week(live_server, browser, db, org, admin):
    title = create_job_title(db, org, "Backend Developer")
    priya = create_user(
        db, org, role="interviewer", email="priya.a@acme.test", first_name="Priya", last_name="Varghese"
    )
    # today's 10:00 in the organization's zone (UTC), past or not: a run near midnight stays on one day
    today_ten = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0)
    _start(
        live_server,
        admin,
        create_cv(db, org, name="Today Tina", job_title=title),
        today_ten,
        priya.id,
    )
    clash = _start(
        live_server,
        admin,
        create_cv(db, org, name="Clash Carl", job_title=title),
        today_ten + timedelta(minutes=20),
        priya.id,
    )
    assert clash["warnings"][0].startswith("Priya Varghese has another interview (Today Tina)")
    _start(live_server, admin, create_cv(db, org, name="Nobody's Nia"), today_ten + timedelta(hours=2), None)
    _start(live_server, admin, create_cv(db, org, name="Next Ned"), _monday_noon(1) + timedelta(days=1), admin.id)

    sign_in(browser, live_server, admin.email, PASSWORD, "/agenda")
    wait_for_text(browser, f"agenda-person-{priya.id}", "Today Tina")
    card = browser.find_element(By.ID, f"agenda-person-{priya.id}")
    assert "Clash Carl" in card.text and "2 this week" in card.text
    assert "Nothing today" not in card.text
    wait_for_text(browser, "agenda-person-unassigned", "Nobody's Nia")
    assert "Next Ned" not in browser.find_element(By.TAG_NAME, "body").text
    _shot(browser, "agenda")

    browser.find_element(By.ID, "agenda-next").click()
    wait_for_text(browser, f"agenda-person-{admin.id}", "Next Ned")
    assert not browser.find_elements(By.ID, f"agenda-person-{priya.id}")
    browser.find_element(By.ID, "agenda-this-week").click()
    wait_for_text(browser, f"agenda-person-{priya.id}", "Today Tina")


def test_interview_activity_invite_and_print(live_server, browser, db, org, admin, tmp_path):
    cv = create_cv(db, org, name="Ada Activity", job_title=create_job_title(db, org, "Data Analyst"))
    # begun a week ago whatever today is: scorecards open at the scheduled start (issue 18)
    interview = _start(live_server, admin, cv, _monday_noon(-1) + timedelta(days=2), admin.id)["data"]
    headers = auth_header(admin)
    saved = httpx.post(
        f"{live_server.url}{IM}/{interview['id']}/evaluation/",
        headers=headers,
        json={"appearance": 8, "knowledge": 9, "remark": "Clear thinker"},
    )
    assert saved.status_code == 201
    moved = httpx.patch(
        f"{live_server.url}{IM}/{interview['id']}/reschedule/",
        headers=headers,
        json={"scheduled_at": (_monday_noon() + timedelta(days=3)).isoformat()},
    )
    assert moved.status_code == 200

    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    sign_in(browser, live_server, admin.email, PASSWORD, f"/interviews/{interview['id']}")
    wait_for_text(browser, "activity-panel", "evaluation created")
    panel = browser.find_element(By.ID, "activity-panel").text
    assert "rescheduled" in panel and "remark: — → Clear thinker" in panel and "created" in panel
    assert panel.index("rescheduled") < panel.index("evaluation created")  # newest first
    browser.execute_script("document.getElementById('activity-panel').scrollIntoView({block: 'center'})")
    _shot(browser, "interview-activity")

    browser.find_element(By.ID, "download-invite").click()
    path = tmp_path / f"interview-{interview['id']}.ics"
    WebDriverWait(browser, 15).until(lambda _: path.exists() and path.stat().st_size > 0)
    time.sleep(0.2)  # the browser renames the finished file into place; let it settle before reading
    event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Interview for Data Analyst: Ada Activity"
    assert int(event["SEQUENCE"]) == 1

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    wait_until(browser, lambda b: not b.find_element(By.ID, "activity-panel").is_displayed(), 5)
    assert not browser.find_element(By.ID, "nav-agenda").is_displayed()
    assert not browser.find_element(By.ID, "download-invite").is_displayed()
    assert browser.find_element(By.ID, "candidate-name").is_displayed()
    _shot(browser, "interview-print")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_panel_page_shows_its_activity(live_server, browser, db, org, admin):
    bank = create_bank(db, org, easy=4, medium=4, hard=4)
    cv = create_cv(db, org, name="Pat Panel")
    created = httpx.post(
        f"{live_server.url}/api/panel/create/", headers=auth_header(admin), json=panel_payload(bank, [cv])
    )
    assert created.status_code == 201, created.text
    panel_id = created.json()["data"]["uuid"]
    renamed = httpx.put(
        f"{live_server.url}/api/panel/update/{panel_id}/", headers=auth_header(admin), json={"name": "Python Panel"}
    )
    assert renamed.status_code == 200
    sign_in(browser, live_server, admin.email, PASSWORD, f"/panels/{panel_id}")
    wait_for_text(browser, "activity-panel", "name: Python Developer Interview - 2024 → Python Panel")
    assert 'candidates: ["Pat Panel"]' in browser.find_element(By.ID, "activity-panel").text
    wait_visible(browser, "#activity-panel")
    browser.execute_script("document.getElementById('activity-panel').scrollIntoView()")
    _shot(browser, "panel-activity")
    assert wait_for(browser, "page-title")
