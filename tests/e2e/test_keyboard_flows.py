"""The main flows by keyboard alone in real Chromium (issue 14): every step is Tab, Shift+Tab, Enter, Space,
arrows or typing; each element that takes focus must show it; a dialog keeps focus inside and gives it back.

One browser for the flows: sign in, start an interview from the CVs page, fill and save its evaluation,
create a panel with two rows, then take a panel as a candidate to the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from selenium.common.exceptions import ElementNotInteractableException, StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.models import RATING_FIELDS, Interview, InterviewPanel
from tests.e2e.conftest import WAIT_S, wait_for, wait_for_text
from tests.factories import PASSWORD, create_cv
from tests.question_factories import (
    create_bank,
    create_category,
    create_panel,
    create_questions,
    create_subtopic,
    create_topic,
)

pytestmark = pytest.mark.e2e

TAB_LIMIT = 120
# The focused element, or the field box around a Radix input, draws an outline or a ring.
_FOCUS_SHOWN = """
let el = document.activeElement;
for (let depth = 0; el && depth < 3; depth++, el = el.parentElement) {
  const style = getComputedStyle(el);
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) return true;
  if (style.boxShadow && style.boxShadow !== 'none' && el.matches(':focus-within')) return true;
}
return false;
"""


STALE_RETRIES = 5


def active(browser: WebDriver) -> WebElement:
    return browser.switch_to.active_element


def focused_id(browser: WebDriver) -> str:
    """The focused element's id, read in the page (a live update may replace the element between two calls)."""
    return browser.execute_script("return document.activeElement ? document.activeElement.id : ''")


def press(browser: WebDriver, *keys: str) -> None:
    """Keys to whatever has the focus, as a person types (also when that is an element Selenium calls hidden)."""
    try:
        active(browser).send_keys(*keys)
    except ElementNotInteractableException:
        ActionChains(browser).send_keys(*keys).perform()


def _focus_stop(browser: WebDriver, wanted: Callable[[WebElement], bool]) -> tuple[WebElement, str, bool]:
    """The focused element, its label and whether it is the one wanted; read again when a live update re-rendered
    it between finding and reading (the focus stays where it was, on the new node)."""
    for _ in range(STALE_RETRIES):
        element = active(browser)
        try:
            label = element.get_attribute("id") or element.get_attribute("aria-label") or element.tag_name
            return element, label, wanted(element)
        except StaleElementReferenceException:
            continue
    raise AssertionError("the focused element kept being replaced")


def tab_to(browser: WebDriver, wanted: Callable[[WebElement], bool], back: bool = False) -> WebElement:
    """Tab (or Shift+Tab) until `wanted` holds for the focused element; every stop on the way shows its focus."""
    seen = []
    for _ in range(TAB_LIMIT):
        press(browser, Keys.SHIFT + Keys.TAB if back else Keys.TAB)
        element, label, found = _focus_stop(browser, wanted)
        seen.append(label)
        if element.tag_name != "body":
            assert browser.execute_script(_FOCUS_SHOWN), f"no visible focus on {label} (path: {seen[-8:]})"
        if found:
            return element
    raise AssertionError(f"not reached by Tab in {TAB_LIMIT} steps: {seen[-20:]}")


def by_id(element_id: str) -> Callable[[WebElement], bool]:
    return lambda element: element.get_attribute("id") == element_id


def by_class(name: str) -> Callable[[WebElement], bool]:
    return lambda element: name in (element.get_attribute("class") or "").split()


def in_dialog(browser: WebDriver) -> bool:
    return browser.execute_script("return !!document.activeElement.closest('[role=dialog], [role=alertdialog]')")


def dialog_keeps_focus(browser: WebDriver, stops: int = 12) -> None:
    for _ in range(stops):
        press(browser, Keys.TAB)
        assert in_dialog(browser), "focus left the open dialog"


def choose(browser: WebDriver, text: str = "") -> None:
    """On a focused Radix select trigger: open it, type the option's first letters (or Home), take it."""
    press(browser, Keys.ENTER)
    WebDriverWait(browser, WAIT_S).until(lambda b: b.find_elements("css selector", '[role="option"]'))
    press(browser, text or Keys.HOME)
    WebDriverWait(browser, WAIT_S).until(lambda b: (active(b).text or "").startswith(text))
    press(browser, Keys.ENTER)
    WebDriverWait(browser, WAIT_S).until(lambda b: not b.find_elements("css selector", '[role="listbox"]'))


def sign_in(browser: WebDriver, server, email: str) -> None:
    browser.get(f"{server.url}/login")
    wait_for(browser, "email")
    assert focused_id(browser) == "email"  # the first field has focus on arrival
    press(browser, email)
    tab_to(browser, by_id("password"))
    press(browser, PASSWORD, Keys.ENTER)
    wait_for(browser, "page-title")


def start_interview_from_cvs(browser: WebDriver, server, db, cv_id: str) -> str:
    browser.get(f"{server.url}/cvs")
    wait_for(browser, f"start-{cv_id}")
    tab_to(browser, by_id(f"start-{cv_id}"))
    press(browser, Keys.ENTER)
    wait_for(browser, "start-submit")
    WebDriverWait(browser, WAIT_S).until(lambda b: in_dialog(b))
    dialog_keeps_focus(browser)
    press(browser, Keys.ESCAPE)  # closes, and focus goes back to the button that opened it
    WebDriverWait(browser, WAIT_S).until(lambda b: focused_id(b) == f"start-{cv_id}")
    press(browser, Keys.ENTER)
    wait_for(browser, "start-submit")
    tab_to(browser, by_id("start-submit"))
    press(browser, Keys.ENTER)
    wait_for(browser, "last-started")
    tab_to(browser, by_id("last-started"))
    press(browser, Keys.ENTER)
    wait_for(browser, "save-evaluation")
    return str(db.exec(select(Interview.id)).one())


def _begun(db, interview_id: str) -> None:
    """The dialog schedules in the future; scorecards open at the scheduled start (issue 18), so move it back."""
    interview = db.get(Interview, uuid.UUID(interview_id))
    interview.scheduled_at = datetime.now(UTC) - timedelta(minutes=1)
    db.add(interview)
    db.commit()


def fill_and_save_evaluation(browser: WebDriver) -> None:
    for field in RATING_FIELDS:
        tab_to(browser, by_id(f"rating-{field}"))
        press(browser, "8")
    wait_for_text(browser, "average", "8.0")
    tab_to(browser, by_id("save-evaluation"))
    press(browser, Keys.ENTER)
    wait_for_text(browser, "saved-message", "5 of 5 ratings")
    # The voice note by its shortcut, from wherever the focus is (Chromium's fake microphone).
    press(browser, Keys.ALT, Keys.SHIFT, "r", Keys.NULL)
    wait_for(browser, "record-stop")
    wait_for_text(browser, "record-timer", "0:01")
    press(browser, Keys.ALT, Keys.SHIFT, "r", Keys.NULL)
    wait_for(browser, "voice-saved")


def create_panel_with_two_rows(browser: WebDriver, server) -> None:
    browser.get(f"{server.url}/panels/new")
    wait_for(browser, "panel-name")
    tab_to(browser, by_id("panel-name"))
    press(browser, "Keyboard panel")
    tab_to(browser, by_id("panel-target"))
    press(browser, Keys.BACKSPACE, Keys.BACKSPACE, Keys.BACKSPACE, "2")
    tab_to(browser, by_id("panel-category"))
    choose(browser, "Keyboard")
    for row, topic in ((1, "Alpha"), (2, "Beta")):
        if row == 2:
            tab_to(browser, by_id("add-row"))
            press(browser, Keys.ENTER)
        name = f"Topic, row {row}"
        tab_to(browser, lambda element, name=name: element.get_attribute("aria-label") == name)
        choose(browser, topic)
        tab_to(browser, by_class("row-subtopic"))
        choose(browser)
        easy = f"Easy questions, row {row}, increase"
        tab_to(browser, lambda element, easy=easy: element.get_attribute("aria-label") == easy)
        press(browser, Keys.ENTER)
    WebDriverWait(browser, WAIT_S).until(
        lambda b: b.find_element("id", "running-total").text == "2 / 2",
        message=f"running total {browser.find_element('id', 'running-total').text!r}, "
        f"rows {[r.text for r in browser.find_elements('css selector', '.dist-row')]}",
    )
    tab_to(browser, by_id("create-panel"))
    press(browser, Keys.ENTER)
    wait_for(browser, "open-created")


def take_panel_to_the_end(browser: WebDriver, server, token: str, questions: int) -> None:
    browser.get(f"{server.url}/session/{token}")
    wait_for(browser, "session-begin")
    tab_to(browser, by_id("session-begin"))
    press(browser, Keys.ENTER)
    wait_for(browser, "session-answering")
    for number in range(1, questions + 1):
        tab_to(browser, lambda element, n=number: (element.get_attribute("id") or "").startswith(f"option-{n}-"))
        press(browser, Keys.SPACE)  # a radio group: Tab enters it, Space chooses
        wait_for_text(browser, "session-progress", f"Answered {number} of {questions}")
        if number < questions:
            tab_to(browser, by_id("next-question"))
            press(browser, Keys.ENTER)
    tab_to(browser, by_id("open-submit"))
    press(browser, Keys.ENTER)
    wait_for(browser, "confirm-submit")
    WebDriverWait(browser, WAIT_S).until(lambda b: in_dialog(b))
    dialog_keeps_focus(browser, 4)
    tab_to(browser, by_id("confirm-submit"))
    press(browser, Keys.ENTER)
    wait_for(browser, "session-done")


def test_main_flows_by_keyboard_alone(live_server, browser, db, org, admin):
    cv = create_cv(db, org, name="Kay Board")
    category = create_category(db, org, "Keyboard")
    for name in ("Alpha", "Beta"):
        create_questions(db, create_subtopic(db, create_topic(db, category, name), f"{name} basics"), easy=1)
    bank = create_bank(db, org, easy=1, medium=1, hard=0)
    candidate = create_cv(db, org, name="Cand Idate")
    _panel, (seat,) = create_panel(db, org, bank, candidates=[candidate], easy=1, medium=1, hard=0)

    sign_in(browser, live_server, admin.email)
    interview_id = start_interview_from_cvs(browser, live_server, db, str(cv.id))
    _begun(db, interview_id)
    browser.get(f"{live_server.url}/interviews/{interview_id}")  # the page read it closed: not begun yet
    WebDriverWait(browser, WAIT_S).until(lambda b: b.find_element(By.ID, "save-evaluation").is_enabled())
    fill_and_save_evaluation(browser)
    create_panel_with_two_rows(browser, live_server)
    assert db.exec(select(InterviewPanel).where(InterviewPanel.name == "Keyboard panel")).one()
    take_panel_to_the_end(browser, live_server, seat.token, 2)
