"""The question bank page: pick a subtopic in the tree, add a question with its correct option."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.models import Question
from tests.e2e.conftest import sign_in, wait_for, wait_for_text
from tests.e2e.helpers import wait_gone, wait_visible
from tests.factories import PASSWORD
from tests.question_factories import create_category, create_questions, create_subtopic, create_topic


def test_add_a_question_to_a_subtopic(live_server, browser, db, org, admin):
    category = create_category(db, org, "Python")
    topic = create_topic(db, category, "Language")
    subtopic = create_subtopic(db, topic, "Generators")
    create_questions(db, subtopic, easy=1)

    sign_in(browser, live_server, admin.email, PASSWORD, "/questions")
    wait_visible(browser, '.tree-node[data-name="Generators"]').click()
    wait_for_text(browser, "selected-path", "Python / Language / Generators")
    wait_for_text(browser, "count-easy", "1")

    wait_for(browser, "add-question").click()
    wait_for(browser, "q-text").send_keys("What does `yield` turn a function into?")
    browser.find_element(By.CSS_SELECTOR, '#q-difficulty [value="medium"], #q-difficulty button:nth-child(2)').click()
    browser.find_element(By.ID, "q-add-option").click()
    WebDriverWait(browser, 10).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "#q-options input:not([type=radio])")) == 3
    )
    boxes = browser.find_elements(By.CSS_SELECTOR, "#q-options input:not([type=radio])")
    for box, text in zip(boxes, ("A list", "A generator", "A class"), strict=True):
        box.send_keys(text)
    browser.find_elements(By.CSS_SELECTOR, '#q-options [role="radio"]')[1].click()
    browser.find_element(By.ID, "q-save").click()
    wait_gone(browser, "#q-save")
    wait_for_text(browser, "count-medium", "1")
    assert "What does `yield` turn a function into?" in browser.find_element(By.ID, "level-medium").text

    db.expire_all()
    saved = db.exec(select(Question).where(Question.difficulty == "medium")).one()
    assert (saved.options, saved.correct_option) == (["A list", "A generator", "A class"], 1)


pytestmark = pytest.mark.e2e
