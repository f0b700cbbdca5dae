"""/interviews and /cvs with many rows: one page of 50 with a pager (mouse and keyboard), filters over every
row; /interviews is live: a change made through the API shows within 1 s and the filters and sort stay."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from hr_app.models import Interview, UserCvData
from tests.e2e.conftest import save_screenshot, sign_in, wait_for, wait_for_text
from tests.e2e.helpers import FAST_POLL_S, choose_option, seconds_until_gone, seconds_until_visible, wait_visible
from tests.factories import PASSWORD, auth_header, create_cv, create_job_title

pytestmark = [pytest.mark.e2e, pytest.mark.timing]  # pushes within a budget: alone on the machine

LIVE_BUDGET_S = 1.0
IM = "/api/interview-management"


def _people(db, org, count: int, prefix: str) -> list[UserCvData]:
    title = create_job_title(db, org, "Backend")
    cvs = [
        UserCvData(
            organization_id=org.id,
            job_title_id=title.id,
            name=f"{prefix} {number:02d}",
            email=f"{prefix.lower()}{number:02d}@example.com",
            phone_number="+91 9876543210",
            place="Kochi",
            district="Ernakulam",
        )
        for number in range(count)
    ]
    db.add_all(cvs)
    db.commit()
    return cvs


def _rows(browser, css: str) -> int:
    return len(browser.find_elements(By.CSS_SELECTOR, css))


def test_interview_list_is_live_and_keeps_filters_and_sort(live_server, browser, db, org, admin, hr_user):
    first, second, third = (create_cv(db, org, name=name) for name in ("Lia First", "Lou Second", "Lex Third"))
    api = httpx.Client(base_url=live_server.url, headers=auth_header(admin))
    ids = []
    for cv, hours in ((first, 1), (second, 2)):
        when = (datetime.now(UTC) + timedelta(hours=hours)).isoformat()
        response = api.post(f"{IM}/start-interview/", json={"candidate_id": str(cv.id), "scheduled_at": when})
        assert response.status_code == 201, response.text
        ids.append(response.json()["data"]["id"])
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/interviews")
    wait_visible(browser, f"#interview-row-{ids[1]}")
    choose_option(browser, "interview-status-filter", "Pending")
    wait_for(browser, "interview-sort").click()
    wait_for_text(browser, "interview-sort", "Earliest date first")

    started = time.monotonic()
    when = (datetime.now(UTC) + timedelta(hours=3)).isoformat()
    response = api.post(f"{IM}/start-interview/", json={"candidate_id": str(third.id), "scheduled_at": when})
    assert response.status_code == 201, response.text
    new_id = response.json()["data"]["id"]
    elapsed = seconds_until_visible(browser, f"#interview-row-{new_id}", started)
    assert elapsed < LIVE_BUDGET_S, f"the new interview showed after {elapsed:.2f} s"
    names = [row.get_attribute("data-name") for row in browser.find_elements(By.CSS_SELECTOR, ".interview-row")]
    assert names == ["Lia First", "Lou Second", "Lex Third"]  # still earliest first

    started = time.monotonic()
    response = api.patch(f"{IM}/{ids[0]}/update-status/", json={"status": "selected", "remark": "Yes"})
    assert response.status_code == 200, response.text
    elapsed = seconds_until_gone(browser, f"#interview-row-{ids[0]}", started)  # the Pending filter still applies
    assert elapsed < LIVE_BUDGET_S, f"the status change showed after {elapsed:.2f} s"
    assert "Pending" in browser.find_element(By.ID, "interview-status-filter").text
    assert "Earliest date first" in browser.find_element(By.ID, "interview-sort").text
    assert browser.find_element(By.ID, "interview-shown").text == "2 shown"


def test_interviews_and_cvs_show_one_page_with_a_pager(live_server, browser, db, org, hr_user):
    cvs = _people(db, org, 55, "Pat")
    start = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
    db.add_all(
        Interview(organization_id=org.id, candidate_id=cv.id, scheduled_at=start + timedelta(hours=n), status="pending")
        for n, cv in enumerate(cvs)
    )
    db.commit()
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/interviews")
    wait_for_text(browser, "interview-page-label", "1\u201350 of 55")
    assert _rows(browser, ".interview-row") == 50
    assert browser.find_element(By.ID, "interview-prev").get_attribute("disabled") is not None
    wait_for(browser, "interview-next").click()
    wait_for_text(browser, "interview-page-label", "51\u201355 of 55")
    WebDriverWait(browser, 5, poll_frequency=FAST_POLL_S).until(lambda b: _rows(b, ".interview-row") == 5)
    save_screenshot(browser, "interviews-pager")
    previous = browser.find_element(By.ID, "interview-prev")
    previous.send_keys(Keys.ENTER)  # a real button: the keyboard pages too
    wait_for_text(browser, "interview-page-label", "1\u201350 of 55")

    browser.get(f"{live_server.url}/cvs")
    wait_for_text(browser, "cv-page-label", "1\u201350 of 55")
    assert _rows(browser, ".cv-row") == 50
    wait_for(browser, "select-all").click()  # ticks the page shown
    wait_for_text(browser, "bulk-count", "50 selected")
    wait_for(browser, "cv-next").click()
    wait_for_text(browser, "cv-page-label", "51\u201355 of 55")
    wait_for(browser, f"select-{cvs[54].id}").click()  # the selection spans pages
    wait_for_text(browser, "bulk-count", "51 selected")
    browser.find_element(By.ID, "cv-search").send_keys("Pat 07")  # the search covers every row
    wait_for_text(browser, "cv-page-label", "1\u20131 of 1")
    assert _rows(browser, ".cv-row") == 1 and not browser.find_elements(By.ID, "cv-next")
    browser.find_element(By.ID, "cv-search").send_keys("x")
    wait_visible(browser, "#cv-no-match")
    save_screenshot(browser, "cvs-no-match")
