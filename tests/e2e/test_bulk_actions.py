"""Bulk actions on the CVs page: tick two pending CVs, start both for one interviewer, both reach the board."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from hr_app.models import Role
from tests.api.interview_support import make_interview
from tests.e2e.conftest import sign_in, wait_for, wait_for_text
from tests.e2e.helpers import WAIT_S, card_selector, choose_option, wait_gone, wait_visible
from tests.factories import PASSWORD, create_cv, create_user

pytestmark = pytest.mark.e2e


def _toast(browser, text: str) -> None:
    WebDriverWait(browser, WAIT_S).until(
        ec.visibility_of_element_located((By.XPATH, f'//li[@data-sonner-toast][contains(., "{text}")]'))
    )


def test_start_two_cvs_for_one_interviewer_and_see_both_on_the_board(
    live_server, browser, db, org, hr_user, interviewer
):
    first = create_cv(db, org, name="Bulk Ada")
    second = create_cv(db, org, name="Bulk Ben")
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben", last_name="Oak")
    create_cv(db, org, name="Bulk Left Alone")
    booked = make_interview(db, org, cv=create_cv(db, org, name="Booked Bea"), interviewer=interviewer)
    booked.scheduled_at = datetime.now(UTC) + timedelta(minutes=40)  # near the dialog's first slot: a clash
    db.add(booked)
    db.commit()

    sign_in(browser, live_server, hr_user.email, PASSWORD, "/cvs")
    wait_for(browser, f"select-{first.id}").click()
    wait_for(browser, f"select-{second.id}").click()
    wait_for_text(browser, "bulk-count", "2 selected")

    wait_for(browser, "bulk-start").click()
    wait_visible(browser, "#bulk-preview .bulk-slot")
    preview = browser.find_element(By.ID, "bulk-preview").text
    assert "Bulk Ada" in preview and "Bulk Ben" in preview
    choose_option(browser, "bulk-interviewer", "Ivy Iyer")
    other = browser.find_element(By.ID, f"bulk-team-{ben.id}")  # the same Other interviewers as Start interview
    other.send_keys(Keys.SPACE)  # by keyboard, as the single start dialog's picker
    wait_for_text(browser, "bulk-team", "1 chosen")
    browser.find_element(By.ID, "bulk-start-submit").click()

    _toast(browser, "Started 2 interviews")
    _toast(browser, "has another interview (Booked Bea)")  # the clash warnings of the API, as toasts
    wait_gone(browser, "#bulk-bar")
    wait_for_text(browser, "count-ongoing", "3")
    assert not browser.find_elements(By.ID, f"start-{first.id}")

    browser.get(f"{live_server.url}/ongoing")
    for name in ("Bulk Ada", "Bulk Ben"):
        card = wait_visible(browser, card_selector(name))
        assert "Ivy Iyer" in card.text and "0 of 2 scorecards in" in card.text  # Ivy leads, Ben interviews too
    assert not browser.find_elements(By.CSS_SELECTOR, card_selector("Bulk Left Alone"))
    # The board marks the interviewer's clashes on the cards (amber line naming the other candidate).
    booked_card = wait_visible(browser, card_selector("Booked Bea"))
    assert "Clash: Bulk" in booked_card.find_element(By.CSS_SELECTOR, ".clash-badge").text
    assert browser.find_element(By.CSS_SELECTOR, f"{card_selector('Bulk Ada')} .clash-badge").text.startswith("Clash: ")
