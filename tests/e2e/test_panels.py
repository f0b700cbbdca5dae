"""Creating a panel in the browser: two distribution rows, two candidates, then each candidate's link."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.models import InterviewPanel, PanelCandidate
from tests.e2e.conftest import sign_in, wait_for, wait_for_text
from tests.e2e.helpers import wait_visible
from tests.factories import PASSWORD, create_cv
from tests.question_factories import create_category, create_questions, create_subtopic, create_topic

pytestmark = pytest.mark.e2e


def _choose_in(browser, trigger, option_text: str) -> None:
    trigger.click()
    option = WebDriverWait(browser, 10).until(
        lambda b: next(
            (o for o in b.find_elements(By.CSS_SELECTOR, '[role="option"]') if o.text.strip() == option_text), None
        )
    )
    option.click()
    WebDriverWait(browser, 10).until(lambda b: not b.find_elements(By.CSS_SELECTOR, '[role="listbox"]'))


def _step(row, level: str, times: int) -> None:
    for _ in range(times):
        row.find_element(By.CSS_SELECTOR, f".step-{level}-up").click()


def test_create_panel_with_two_rows_and_two_candidates_shows_links(live_server, browser, db, org, hr_user):
    category = create_category(db, org, "Backend")
    python = create_topic(db, category, "Python")
    sql = create_topic(db, category, "SQL")
    basics = create_subtopic(db, python, "Basics")
    joins = create_subtopic(db, sql, "Joins")
    create_questions(db, basics, easy=3, medium=2)
    create_questions(db, joins, easy=2, hard=1)
    create_cv(db, org, name="Lina Link", email="lina@example.com")
    create_cv(db, org, name="Omar Link", email="omar@example.com")
    create_cv(db, org, name="Not Chosen", email="nope@example.com")

    sign_in(browser, live_server, hr_user.email, PASSWORD, "/panels/new")
    name = wait_for(browser, "panel-name")
    name.send_keys("Backend screening")
    target = browser.find_element(By.ID, "panel-target")
    target.clear()
    target.send_keys("5")
    _choose_in(browser, browser.find_element(By.ID, "panel-category"), "Backend")

    first = wait_visible(browser, ".dist-row")
    _choose_in(browser, first.find_element(By.CSS_SELECTOR, ".row-topic"), "Python")
    _choose_in(browser, first.find_element(By.CSS_SELECTOR, ".row-subtopic"), "Basics")
    _step(first, "easy", 2)
    _step(first, "medium", 1)
    wait_for_text(browser, "mismatch", "2 questions short of the target of 5")

    browser.find_element(By.ID, "add-row").click()
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".dist-row")) == 2)
    second = browser.find_elements(By.CSS_SELECTOR, ".dist-row")[1]
    _choose_in(browser, second.find_element(By.CSS_SELECTOR, ".row-topic"), "SQL")
    _choose_in(browser, second.find_element(By.CSS_SELECTOR, ".row-subtopic"), "Joins")
    _step(second, "easy", 1)
    _step(second, "hard", 1)
    wait_for_text(browser, "mismatch", "The rows add up to the target of 5 questions.")
    wait_for_text(browser, "running-total", "5 / 5")

    search = browser.find_element(By.ID, "candidate-search")
    search.send_keys("Link")
    WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".candidate-option")) == 2)
    for option in browser.find_elements(By.CSS_SELECTOR, ".candidate-option .candidate-check"):
        option.click()
    wait_for_text(browser, "chosen-count", "2 chosen")

    browser.find_element(By.ID, "create-panel").click()
    wait_for(browser, "panel-created")
    links = [element.text for element in browser.find_elements(By.CSS_SELECTOR, "#session-links .session-link")]
    rows = [element.text for element in browser.find_elements(By.CSS_SELECTOR, "#session-links .link-row")]
    assert len(links) == 2
    assert "Lina Link" in rows[0] and "Omar Link" in rows[1]

    db.expire_all()
    panel = db.exec(select(InterviewPanel)).one()
    assert (panel.name, panel.total_number_of_questions) == ("Backend screening", 5)
    tokens = {candidate.token for candidate in db.exec(select(PanelCandidate))}
    assert {link.rsplit("/session/", 1)[1] for link in links} == tokens
    assert all(link.startswith(live_server.url + "/session/") for link in links)

    browser.find_element(By.ID, "open-created").click()
    wait_for_text(browser, "panel-name", "Backend screening")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#session-links .session-link")) == 2
