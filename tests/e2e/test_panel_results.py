"""HR watches a candidate take the panel: the panel page follows every step live, without reload."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from hr_app.models import Role
from tests.e2e.conftest import save_screenshot, sign_in, wait_for, wait_for_text
from tests.e2e.helpers import text_of
from tests.e2e.test_session import correct_options, open_session, phone, screenshot
from tests.factories import PASSWORD, create_cv, create_user
from tests.question_factories import create_bank, create_panel

pytestmark = [pytest.mark.e2e, pytest.mark.timing]  # pushes within a budget: alone on the machine


def test_candidate_completes_the_session_and_hr_sees_it_live(live_server, browser_factory, db, org):
    hr = create_user(db, org, role=Role.HR, email="hr-live@acme.test")
    bank = create_bank(db, org, easy=2, medium=2, hard=2)
    taker, waiter = create_cv(db, org, name="Asha Taker"), create_cv(db, org, name="Zed Waiter")
    panel, (candidate, other) = create_panel(
        db, org, bank, candidates=[taker, waiter], name="Backend panel", easy=1, medium=1, hard=1
    )
    state, score = f"result-state-{candidate.id}", f"result-score-{candidate.id}"

    hr_browser = browser_factory()
    sign_in(hr_browser, live_server, hr.email, PASSWORD, path=f"/panels/{panel.id}")
    wait_for_text(hr_browser, state, "Not opened")
    assert wait_for(hr_browser, f"result-state-{other.id}").text == "Not opened"

    browser = phone(browser_factory)
    open_session(browser, live_server, candidate.token)
    wait_for_text(hr_browser, state, "In progress 0/3")
    correct = correct_options(db, candidate)
    clicked = time.monotonic()
    browser.find_element(By.ID, f"option-1-{correct[0]}").click()
    WebDriverWait(hr_browser, 2, poll_frequency=0.02).until(
        ec.text_to_be_present_in_element((By.ID, state), "In progress 1/3")
    )
    assert time.monotonic() - clicked < 1.0  # click -> autosave -> commit -> push -> the HR screen
    browser.find_element(By.ID, "map-2").click()
    wait_for(browser, f"option-2-{(correct[1] + 1) % 4}").click()  # a wrong answer, once question 2 shows
    wait_for_text(browser, "session-progress", "Answered 2 of 3")
    wait_for_text(hr_browser, state, "In progress 2/3", timeout=2)

    browser.find_element(By.ID, "open-submit").click()
    wait_for_text(browser, "submit-summary", "Not answered yet: question 3.")
    screenshot(browser, "confirm")
    wait_for(browser, "confirm-submit").click()
    assert text_of(browser, "session-score") == "1"
    assert text_of(browser, "breakdown-easy") in {"1 of 1", "0 of 1"}
    screenshot(browser, "score")
    wait_for_text(hr_browser, state, "Submitted", timeout=2)
    assert wait_for(hr_browser, score).text == "1 / 3"
    assert hr_browser.find_element(By.ID, f"result-state-{other.id}").text == "Not opened"
    save_screenshot(hr_browser, "session-hr-results")

    browser.refresh()  # a second visit shows the same result
    assert text_of(browser, "session-score") == "1"
