"""The dashboard is live: a change made through the JSON API (a CV added, an interview started, an evaluation,
a status change, a candidate's panel submission) shows on an open dashboard within 1 s, without a reload."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.conftest import save_screenshot, sign_in, wait_for_text
from tests.e2e.helpers import FAST_POLL_S
from tests.factories import PASSWORD, auth_header, create_cv, create_job_title
from tests.question_factories import create_bank, create_panel

pytestmark = [pytest.mark.e2e, pytest.mark.timing]  # pushes within a budget: alone on the machine

LIVE_BUDGET_S = 1.0
IM = "/api/interview-management"


def _within_budget(browser, element_id: str, expected: str, started: float, what: str) -> None:
    """`expected` is in the element's text within LIVE_BUDGET_S of `started` (the API call)."""
    WebDriverWait(browser, 15, poll_frequency=FAST_POLL_S).until(
        lambda b: expected in b.find_element(By.ID, element_id).text
    )
    elapsed = time.monotonic() - started
    assert elapsed < LIVE_BUDGET_S, f"{what} showed after {elapsed:.2f} s"


def test_dashboard_follows_api_changes_within_a_second(live_server, browser, db, org, admin, hr_user):
    backend = create_job_title(db, org, "Backend")
    cv = create_cv(db, org, name="Dash Start", job_title=backend)
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/")
    wait_for_text(browser, "stat-pending", "1")
    wait_for_text(browser, "cv-summary", "1 CV in total")
    assert browser.find_element(By.ID, "dashboard-live").text == "Live"
    api = httpx.Client(base_url=live_server.url, headers=auth_header(admin))

    started = time.monotonic()
    added = api.post("/api/cvs/", json={"name": "Dash Added", "email": "dash.added@example.com"})
    assert added.status_code == 201, added.text
    _within_budget(browser, "stat-pending", "2", started, "a CV added through the API")
    assert "2 CVs in total" in browser.find_element(By.ID, "cv-summary").text

    started = time.monotonic()
    response = api.post(
        f"{IM}/start-interview/",
        json={"candidate_id": str(cv.id), "scheduled_at": datetime.now(UTC).isoformat()},
    )
    assert response.status_code == 201, response.text
    interview_id = response.json()["data"]["id"]
    _within_budget(browser, "week-total", "1 scheduled", started, "an interview started through the API")
    assert browser.find_element(By.ID, "stat-pending").text == "1"
    assert "1 in an interview" in browser.find_element(By.ID, "cv-summary").text

    started = time.monotonic()
    response = api.patch(f"{IM}/{interview_id}/evaluation/", json={"appearance": 8, "knowledge": 9})
    assert response.status_code == 201, response.text
    _within_budget(browser, "chart-rating", "8.5 · 1 rated", started, "an evaluation")

    started = time.monotonic()
    response = api.patch(f"{IM}/{interview_id}/update-status/", json={"status": "selected", "remark": "Yes"})
    assert response.status_code == 200, response.text
    _within_budget(browser, "stat-selected", "1", started, "a status change")
    assert "0 in an interview" in browser.find_element(By.ID, "cv-summary").text
    save_screenshot(browser, "dashboard-live")


def test_a_panel_submission_updates_the_pass_rate_within_a_second(live_server, browser, db, org, hr_user):
    bank = create_bank(db, org, easy=1, medium=1, hard=1)
    panel, (candidate,) = create_panel(db, org, bank, candidates=[create_cv(db, org, name="Pan Taker")], name="Dash")
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/")
    wait_for_text(browser, f"panel-submitted-{panel.id}", "0 of 1")
    assert browser.find_element(By.ID, f"panel-pass-rate-{panel.id}").text == "—"

    started = time.monotonic()
    response = httpx.post(f"{live_server.url}/api/panel/session/{candidate.token}/submit/", json={"answers": {}})
    assert response.status_code == 200, response.text
    _within_budget(browser, f"panel-submitted-{panel.id}", "1 of 1", started, "a panel submission")
    assert browser.find_element(By.ID, f"panel-pass-rate-{panel.id}").text == "0%"  # nothing answered: a fail
