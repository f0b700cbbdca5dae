"""The live Ongoing board: changes made in another browser or through the JSON API show within 1 s."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from selenium.webdriver.common.by import By

from tests.e2e.conftest import sign_in, wait_for, wait_for_text, wait_for_url
from tests.e2e.helpers import card_selector, choose_option, seconds_until_gone, seconds_until_visible, wait_visible
from tests.factories import PASSWORD, auth_header, create_cv

pytestmark = [pytest.mark.e2e, pytest.mark.timing]  # pushes within a budget: alone on the machine

LIVE_BUDGET_S = 1.0


def _start_via_api(server_url: str, user, cv_id, interviewer_id: int | None = None) -> dict:
    response = httpx.post(
        f"{server_url}/api/interview-management/start-interview/",
        headers=auth_header(user),
        json={
            "candidate_id": str(cv_id),
            "scheduled_at": (datetime.now(UTC) + timedelta(minutes=20)).isoformat(),
            "interviewer_id": interviewer_id,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]


def test_interview_started_in_one_browser_shows_on_the_other_board(
    live_server, browser_factory, db, org, admin, hr_user, interviewer
):
    cv = create_cv(db, org, name="Rita Board", place="Kochi")
    watcher, actor = browser_factory(), browser_factory()
    sign_in(watcher, live_server, admin.email, PASSWORD, "/ongoing")
    wait_for(watcher, "empty-go-cvs")
    sign_in(actor, live_server, hr_user.email, PASSWORD, "/cvs")

    wait_for(actor, f"start-{cv.id}").click()
    wait_for_text(actor, "start-candidate", "Rita Board")
    choose_option(actor, "start-interviewer", "Ivy Iyer")
    started = time.monotonic()
    actor.find_element(By.ID, "start-submit").click()

    elapsed = seconds_until_visible(watcher, card_selector("Rita Board"), started)
    assert elapsed < LIVE_BUDGET_S, f"the board showed the card after {elapsed:.2f} s"
    card = watcher.find_element(By.CSS_SELECTOR, card_selector("Rita Board"))
    assert "Ivy Iyer" in card.text
    assert "Kochi" in card.text
    assert "in 2" in card.text or "in 1" in card.text  # "in 29 min" / "in 15 min" style wording
    wait_for_text(watcher, "nav-ongoing-count", "1")
    wait_visible(actor, "#nav-ongoing-count")  # the starter's own badge follows too


def test_api_client_start_shows_on_an_open_board_and_keeps_typed_filter(live_server, browser, db, org, admin):
    # (2) a curl-like client writes; the board was opened before and is never reloaded.
    cv = create_cv(db, org, name="Api Person")
    other = create_cv(db, org, name="Zed Other")
    sign_in(browser, live_server, admin.email, PASSWORD, "/ongoing")
    wait_for(browser, "empty-go-cvs")

    started = time.monotonic()
    _start_via_api(live_server.url, admin, cv.id)
    elapsed = seconds_until_visible(browser, card_selector("Api Person"), started)
    assert elapsed < LIVE_BUDGET_S, f"the board showed the card after {elapsed:.2f} s"

    search = wait_for(browser, "board-search")
    search.send_keys("Api")
    wait_for_text(browser, "board-summary", "1 ongoing · 1 shown")
    _start_via_api(live_server.url, admin, other.id)
    wait_for_text(browser, "board-summary", "2 ongoing · 1 shown")
    assert search.get_attribute("value") == "Api"  # what the user typed survives the push
    assert not browser.find_elements(By.CSS_SELECTOR, card_selector("Zed Other"))


def test_selected_candidate_leaves_the_other_board(live_server, browser_factory, db, org, admin, hr_user):
    cv = create_cv(db, org, name="Sam Select")
    interview = _start_via_api(live_server.url, admin, cv.id)
    watcher = browser_factory()
    sign_in(watcher, live_server, hr_user.email, PASSWORD, "/ongoing")
    wait_visible(watcher, card_selector("Sam Select"))

    started = time.monotonic()
    response = httpx.patch(
        f"{live_server.url}/api/interview-management/{interview['id']}/update-status/",
        headers=auth_header(admin),
        json={"status": "selected", "remark": "Strong fit"},
    )
    assert response.status_code == 200, response.text
    elapsed = seconds_until_gone(watcher, card_selector("Sam Select"), started)
    assert elapsed < LIVE_BUDGET_S, f"the card left the board after {elapsed:.2f} s"
    wait_for(watcher, "empty-go-cvs")
    assert not watcher.find_elements(By.ID, "nav-ongoing-count")


def test_signed_out_is_sent_to_login_and_interviewer_sees_no_delete(live_server, browser, db, org, interviewer):
    create_cv(db, org, name="Una Visible")
    browser.get(f"{live_server.url}/ongoing")
    wait_for_url(browser, "/login?next=/ongoing")

    sign_in(browser, live_server, interviewer.email, PASSWORD, "/cvs")
    wait_visible(browser, '.cv-row[data-name="Una Visible"]')
    assert not browser.find_elements(By.CSS_SELECTOR, ".delete-button")
    assert not browser.find_elements(By.ID, "add-cv")
    assert browser.find_elements(By.CSS_SELECTOR, ".start-interview")  # interviewers may start interviews


def test_cvs_page_follows_a_start_made_elsewhere(live_server, browser, db, org, hr_user, admin):
    cv = create_cv(db, org, name="Cora Follow")
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/cvs")
    row = '.cv-row[data-name="Cora Follow"]'
    wait_visible(browser, row)
    search = wait_for(browser, "cv-search")
    search.send_keys("Cora")
    wait_for_text(browser, "count-pending", "1")

    started = time.monotonic()
    _start_via_api(live_server.url, admin, cv.id)
    wait_for_text(browser, "count-ongoing", "1")
    elapsed = time.monotonic() - started
    assert elapsed < LIVE_BUDGET_S, f"the CVs page followed after {elapsed:.2f} s"
    assert "ongoing" in browser.find_element(By.CSS_SELECTOR, row).text
    assert not browser.find_elements(By.ID, f"start-{cv.id}")  # no Start button on an ongoing CV
    assert search.get_attribute("value") == "Cora"
