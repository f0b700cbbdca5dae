"""The candidate's session page in real Chromium at phone width, and HR's live results beside it.

Phone-width screenshots of each state go to docs/screenshots/session-*.png.
"""

from __future__ import annotations

import time
from datetime import timedelta

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from sqlmodel import Session, select

from hr_app.kit.time import utcnow
from hr_app.models import Answer, PanelCandidate, Question
from hr_app.ui.components.loading import HYDRATING_ID
from tests.e2e.conftest import LiveServer, save_screenshot, wait_for, wait_for_text
from tests.e2e.helpers import text_of, wait_until
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel, create_question

pytestmark = pytest.mark.e2e

PHONE = (375, 812)


def phone(browser_factory) -> WebDriver:
    """Chromium's window is at least 500 px wide: emulate the phone's viewport instead."""
    browser = browser_factory(*PHONE)
    width, height = PHONE
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True},
    )
    return browser


def screenshot(browser: WebDriver, name: str) -> None:
    save_screenshot(browser, f"session-{name}")


def session_url(server, token: str) -> str:
    return f"{server.url}/session/{token}"


def correct_options(db: Session, candidate: PanelCandidate) -> list[int]:
    """The correct option of each drawn question, in the candidate's order."""
    db.expire_all()
    rows = db.exec(
        select(Question.correct_option)
        .join(Answer, Answer.question_id == Question.id)
        .where(Answer.panel_candidate_id == candidate.id)
        .order_by(Answer.position)
    ).all()
    return list(rows)


def choose(browser: WebDriver, number: int, option: int) -> None:
    browser.find_element(By.ID, f"option-{number}-{option}").click()


def is_checked(browser: WebDriver, number: int, option: int) -> bool:
    return browser.find_element(By.ID, f"option-{number}-{option}").get_attribute("data-state") == "checked"


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, easy=2, medium=2, hard=2)


def test_unknown_and_expired_links_show_the_same_page(live_server, browser_factory, db, org, bank):
    cv = create_cv(db, org, name="Late Comer")
    now = utcnow()
    _panel, (expired,) = create_panel(
        db, org, bank, candidates=[cv], start=now - timedelta(hours=3), end=now - timedelta(hours=1)
    )
    browser = phone(browser_factory)
    texts = []
    for token in (expired.token, "0" * 32):
        browser.get(session_url(live_server, token))
        wait_for(browser, "session-invalid")
        texts.append(browser.find_element(By.TAG_NAME, "main").text)
    assert texts[0] == texts[1]
    assert "This link is no longer valid" in texts[0]
    screenshot(browser, "invalid")


def test_the_first_paint_is_a_loading_line_the_page_then_replaces(live_server, browser_factory, db, org, bank):
    """/session/<token> is served from React Router's SPA fallback: its HTML already holds the loading line (so a
    phone paints before the code has loaded) and nothing of the panel; a fixed page keeps its prerendered content."""
    cv = create_cv(db, org, name="First Visit")
    _panel, (candidate,) = create_panel(db, org, bank, candidates=[cv], name="Fallback panel")
    answer = httpx.get(session_url(live_server, candidate.token))
    assert answer.status_code == 200
    assert f'id="{HYDRATING_ID}" role="status"' in answer.text
    assert "Loading…" in answer.text
    assert "Fallback panel" not in answer.text
    login = httpx.get(f"{live_server.url}/login", follow_redirects=True)
    assert "Sign in to hr_app" in login.text
    assert HYDRATING_ID not in login.text
    browser = phone(browser_factory)
    browser.get(session_url(live_server, candidate.token))
    wait_for(browser, "session-begin")
    assert browser.find_elements(By.ID, HYDRATING_ID) == []
    assert text_of(browser, "session-panel-name") == "Fallback panel"


def open_session(browser: WebDriver, server, token: str) -> None:
    browser.get(session_url(server, token))
    wait_for(browser, "session-begin").click()
    wait_for(browser, "question-text-1")


def test_before_the_window_the_page_opens_by_itself(live_server, browser_factory, db, org, bank):
    cv = create_cv(db, org, name="Early Bird")
    now = utcnow()
    _panel, (candidate,) = create_panel(
        db,
        org,
        bank,
        candidates=[cv],
        start=now + timedelta(seconds=5),
        end=now + timedelta(hours=1),
        name="Python developer panel",
        description="Twenty minutes of Python questions. Good luck!",
    )
    browser = phone(browser_factory)
    browser.get(session_url(live_server, candidate.token))
    wait_for(browser, "session-before")
    wait_for_text(browser, "session-panel-name", "Python developer panel")
    wait_until(browser, lambda b: b.find_element(By.ID, "session-start").text.strip() != "", 5)
    wait_until(browser, lambda b: ":" in b.find_element(By.ID, "session-opens-in").text, 5)
    screenshot(browser, "before")
    # No reload: the countdown reaches zero and the Start screen appears.
    wait_for(browser, "session-begin", timeout=20)
    assert text_of(browser, "session-question-count") == "3"
    wait_until(browser, lambda b: ":" in b.find_element(By.ID, "session-time-left").text, 5)
    screenshot(browser, "start")


def test_reload_mid_session_keeps_answers_and_the_keyboard_works(live_server, browser_factory, db, org, bank):
    cv = create_cv(db, org, name="Reload Ranjith")
    _panel, (candidate,) = create_panel(db, org, bank, candidates=[cv], easy=2, medium=2, hard=2)
    browser = phone(browser_factory)
    open_session(browser, live_server, candidate.token)
    choose(browser, 1, 1)
    wait_for_text(browser, "session-progress", "Answered 1 of 6")
    browser.find_element(By.ID, "next-question").click()
    wait_for(browser, "question-text-2")
    # Keyboard alone: Space chooses the focused option, an arrow key moves to the next one.
    browser.find_element(By.ID, "option-2-0").send_keys(Keys.SPACE)
    wait_for_text(browser, "session-progress", "Answered 2 of 6")
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)  # focus moves to the next option
    wait_until(browser, lambda b: b.switch_to.active_element.get_attribute("id") == "option-2-1", 5)
    browser.switch_to.active_element.send_keys(Keys.SPACE)
    wait_until(browser, lambda b: is_checked(b, 2, 1), 5)
    screenshot(browser, "answering")

    browser.refresh()
    wait_for_text(browser, "session-progress", "Answered 2 of 6")
    assert is_checked(browser, 1, 1)
    browser.find_element(By.ID, "map-2").click()
    wait_for(browser, "question-text-2")
    wait_until(browser, lambda b: is_checked(b, 2, 1), 5)
    db.expire_all()
    saved = db.exec(
        select(Answer.position, Answer.selected_option)
        .where(Answer.panel_candidate_id == candidate.id)
        .order_by(Answer.position)
    ).all()
    assert saved[:3] == [(1, 1), (2, 1), (3, None)]


def test_time_out_submits_what_was_answered(live_server, browser_factory, db, org, bank):
    cv = create_cv(db, org, name="Slow Sam")
    now = utcnow()
    panel, (candidate,) = create_panel(
        db, org, bank, candidates=[cv], start=now - timedelta(minutes=5), end=now + timedelta(seconds=8)
    )
    browser = phone(browser_factory)
    open_session(browser, live_server, candidate.token)
    first_correct = correct_options(db, candidate)[0]
    choose(browser, 1, first_correct)
    wait_for_text(browser, "session-progress", "Answered 1 of 3")

    wait_for(browser, "session-timed-out", timeout=20)
    assert text_of(browser, "session-score") == "1"
    screenshot(browser, "timed-out")
    db.expire_all()
    stored = db.get(PanelCandidate, candidate.id)
    assert stored.score == 1
    assert stored.submitted_at == panel.end_datetime


def test_hidden_scores_say_submitted(live_server, browser_factory, db, org, bank):
    cv = create_cv(db, org, name="Quiet Quinn")
    _panel, (candidate,) = create_panel(db, org, bank, candidates=[cv], easy=1, medium=0, hard=0, show_scores=False)
    browser = phone(browser_factory)
    open_session(browser, live_server, candidate.token)
    browser.find_element(By.ID, "open-submit").click()
    wait_for_text(browser, "submit-summary", "Not answered yet: question 1.")
    wait_for(browser, "confirm-submit").click()
    assert "submitted" in text_of(browser, "session-submitted")
    assert not browser.find_elements(By.ID, "session-score")
    screenshot(browser, "submitted")
    browser.refresh()  # a second visit shows the same
    wait_for(browser, "session-submitted")


def _shown_options(browser: WebDriver, number: int) -> list[str]:
    labels = browser.find_elements(By.CSS_SELECTOR, f"label[for^='option-{number}-']")
    return [label.text.strip() for label in labels]


def test_a_shuffled_set_shows_the_candidates_order_and_scores_it(live_server, browser_factory, db, org):
    """Options named by their text: the candidate clicks the right text wherever the shuffle put it."""
    bank = create_bank(db, org, easy=3, medium=3, hard=3)
    cv = create_cv(db, org, name="Shuffled Shira")
    _panel, (candidate,) = create_panel(db, org, bank, candidates=[cv], shuffle=True)
    for question in db.exec(select(Question)):
        question.options = [f"{question.text} option {n}" for n in range(4)]
    db.commit()
    browser = phone(browser_factory)
    open_session(browser, live_server, candidate.token)
    db.expire_all()
    right = [
        question.options[question.correct_option]
        for question in db.exec(
            select(Question)
            .join(Answer, Answer.question_id == Question.id)
            .where(Answer.panel_candidate_id == candidate.id)
            .order_by(Answer.position)
        )
    ]
    shown = []
    for number, text in enumerate(right, start=1):
        wait_for(browser, f"question-text-{number}")
        options = _shown_options(browser, number)
        shown.append(options)
        choose(browser, number, options.index(text))
        wait_for_text(browser, "session-progress", f"Answered {number} of 3")
        if number < 3:
            browser.find_element(By.ID, "next-question").click()
    bank_orders = [sorted(options) for options in shown]  # "... option 0" to "... option 3": the bank's order
    assert shown != bank_orders  # shuffled (all three in the bank's order: 1 in 24^3)
    browser.refresh()  # the same order after a reload
    wait_for(browser, "question-text-1")
    assert _shown_options(browser, 1) == shown[0]
    browser.find_element(By.ID, "open-submit").click()
    wait_for(browser, "confirm-submit").click()
    assert text_of(browser, "session-score") == "3"
    db.expire_all()
    assert db.get(PanelCandidate, candidate.id).score == 3


def _block_this_address(server: LiveServer) -> None:
    """Bad links until the server refuses with a wait long enough for a browser to open one more. A miss by an
    earlier test less than a minute ago would otherwise leave the window just after the first 429 (the windows
    move), and the browser's bad link would be counted, not refused."""
    deadline = time.monotonic() + 90
    for attempt in range(1000):
        answer = httpx.get(f"{server.url}/api/panel/session/guess{attempt}/")
        if answer.status_code == 429:
            wait = int(answer.headers["Retry-After"])
            if wait >= BLOCKED_FOR_AT_LEAST_S:
                return
            time.sleep(wait)  # the oldest misses leave the window; fill it with fresh ones
        assert time.monotonic() < deadline, "the address was never blocked for long"


BLOCKED_FOR_AT_LEAST_S = 30


def test_too_many_bad_links_show_the_429_page(live_server, browser_factory):
    """Last in the run on purpose: it blocks this address's bad token look-ups for the rest of the minute."""
    _block_this_address(live_server)
    browser = phone(browser_factory)
    browser.get(session_url(live_server, "guess-again"))
    wait_for(browser, "session-rate-limited")
    assert int(text_of(browser, "session-retry-after")) > 0
    screenshot(browser, "rate-limited")


def _move_deadline(db: Session, candidate: PanelCandidate, seconds: float) -> None:
    """The server's deadline, moved to `seconds` from now (a 1-minute limit without waiting a minute)."""
    db.expire_all()
    stored = db.get(PanelCandidate, candidate.id)
    stored.deadline = utcnow() + timedelta(seconds=seconds)
    db.commit()


def test_a_timed_panel_start_answer_reload_and_the_clock_ends_it(live_server, browser_factory, db, org, bank):
    cv = create_cv(db, org, name="Timed Tara")
    _panel, (candidate,) = create_panel(db, org, bank, candidates=[cv], time_limit_minutes=1)
    browser = phone(browser_factory)
    browser.get(session_url(live_server, candidate.token))
    assert text_of(browser, "session-time-limit") == "1 minute, from when you press Start"
    assert "What is recorded" in text_of(browser, "session-rules")
    screenshot(browser, "start-timed")
    db.expire_all()
    assert db.get(PanelCandidate, candidate.id).opened_at is None  # reading the rules does not start the clock
    wait_for(browser, "session-begin").click()
    wait_for(browser, "question-text-1")
    wait_until(browser, lambda b: b.find_element(By.ID, "session-time-left").text in ("01:00", "00:59"), 5)
    choose(browser, 1, correct_options(db, candidate)[0])
    wait_for_text(browser, "session-progress", "Answered 1 of 3")

    _move_deadline(db, candidate, 6)
    browser.refresh()  # the countdown comes from the server's deadline, so a reload does not reset it
    wait_for(browser, "question-text-1")
    left = text_of(browser, "session-time-left")
    assert left in ("00:06", "00:05", "00:04", "00:03"), left
    wait_for(browser, "session-timed-out", timeout=20)
    assert text_of(browser, "session-score") == "1"
    db.expire_all()
    stored = db.get(PanelCandidate, candidate.id)
    assert (stored.timed_out, stored.score, stored.submitted_at) == (True, 1, stored.deadline)


def test_an_answer_after_the_deadline_is_refused_and_the_page_says_time_is_up(
    live_server, browser_factory, db, org, bank
):
    cv = create_cv(db, org, name="Late Lars")
    _panel, (candidate,) = create_panel(db, org, bank, candidates=[cv], time_limit_minutes=1)
    browser = phone(browser_factory)
    open_session(browser, live_server, candidate.token)
    _move_deadline(db, candidate, -11)  # the page's clock still runs; the server's has ended, grace included
    choose(browser, 1, 0)
    wait_for(browser, "session-timed-out", timeout=10)
    db.expire_all()
    assert db.exec(select(Answer.selected_option).where(Answer.panel_candidate_id == candidate.id)).all() == [None] * 3
    assert db.get(PanelCandidate, candidate.id).timed_out is True


def test_a_multiple_choice_and_a_free_text_question_through_the_page(live_server, browser_factory, db, org):
    """Issue 19: the boxes ticked with the keyboard (Space), the text saved when the candidate leaves the box; both
    kept across a reload; the submitted result waits for HR's hand scoring."""
    bank = create_bank(db, org, easy=0, medium=0, hard=0)
    create_question(
        db,
        bank.subtopic,
        text="Which are mutable?",
        options=("list", "tuple", "dict"),
        correct_option=0,
        correct_options=[0, 2],
        question_type="multiple_choice",
        difficulty="easy",
    )
    create_question(
        db,
        bank.subtopic,
        text="Explain a list.",
        options=(),
        correct_option=0,
        correct_options=[],
        question_type="free_text",
        difficulty="medium",
    )
    cv = create_cv(db, org, name="Typed Tara")
    _panel, (candidate,) = create_panel(db, org, bank, candidates=[cv], easy=1, medium=1, hard=0)
    browser = phone(browser_factory)
    open_session(browser, live_server, candidate.token)
    assert text_of(browser, "question-text-1") == "Which are mutable?"
    browser.find_element(By.ID, "option-1-0").send_keys(Keys.SPACE)
    wait_for_text(browser, "session-progress", "Answered 1 of 2")
    browser.switch_to.active_element.send_keys(Keys.TAB, Keys.TAB, Keys.SPACE)  # past "tuple" to "dict"
    wait_until(browser, lambda b: is_checked(b, 1, 2), 5)
    browser.find_element(By.ID, "next-question").click()
    area = wait_for(browser, "answer-text-2")
    area.send_keys("A list can change after it is made.")
    area.send_keys(Keys.TAB)  # leaving the box saves it
    wait_for_text(browser, "session-progress", "Answered 2 of 2")
    screenshot(browser, "question-types")

    browser.refresh()
    wait_for_text(browser, "session-progress", "Answered 2 of 2")
    assert (is_checked(browser, 1, 0), is_checked(browser, 1, 1), is_checked(browser, 1, 2)) == (True, False, True)
    db.expire_all()
    saved = db.exec(
        select(Answer.selected_options, Answer.text_answer)
        .where(Answer.panel_candidate_id == candidate.id)
        .order_by(Answer.position)
    ).all()
    assert [tuple(row) for row in saved] == [([0, 2], None), (None, "A list can change after it is made.")]
    browser.find_element(By.ID, "open-submit").click()
    wait_for(browser, "confirm-submit").click()
    assert "hand scoring" in text_of(browser, "session-score-pending")
    assert not browser.find_elements(By.ID, "session-score")
