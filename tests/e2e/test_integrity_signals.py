"""Integrity signals from a real Chromium (issue 19): leaving the tab, copy and paste, the link in a second window."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from sqlmodel import select

from hr_app.models import IntegritySignal
from tests.e2e.conftest import wait_for
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel

pytestmark = pytest.mark.e2e


def recorded(db, candidate, expected: set[str], timeout: float = 15) -> list[str]:
    """The kinds recorded, in order, once every kind in `expected` is among them (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        db.expire_all()
        kinds = [
            str(kind)
            for kind in db.exec(
                select(IntegritySignal.kind)
                .where(IntegritySignal.panel_candidate_id == candidate.id)
                .order_by(IntegritySignal.at, IntegritySignal.id)
            )
        ]
        if expected <= set(kinds) or time.monotonic() > deadline:
            return kinds
        time.sleep(0.2)


def test_the_page_records_what_it_notices(live_server, browser_factory, db, org):
    _, (candidate,) = create_panel(db, org, create_bank(db, org), candidates=[create_cv(db, org, name="Sig Nal")])
    browser = browser_factory()
    url = f"{live_server.url}/session/{candidate.token}"
    browser.get(url)
    wait_for(browser, "session-begin").click()
    wait_for(browser, "session-answering")
    first = browser.current_window_handle

    question = wait_for(browser, "question-text-1")
    ActionChains(browser).double_click(question).key_down(Keys.CONTROL).send_keys("c").key_up(Keys.CONTROL).perform()
    assert recorded(db, candidate, {"copy"}) == ["copy"]

    browser.switch_to.new_window("tab")  # the candidate's tab goes to the background
    browser.get(url)  # ... and the same link opens in a second window
    wait_for(browser, "session-answering")
    browser.close()
    browser.switch_to.window(first)
    browser.execute_script("document.dispatchEvent(new ClipboardEvent('paste'))")
    kinds = recorded(db, candidate, {"tab_hidden", "second_window", "tab_visible", "paste"})
    assert kinds[0] == "copy" and {"tab_hidden", "second_window", "tab_visible", "paste"} <= set(kinds), kinds
    assert kinds.index("tab_hidden") < kinds.index("tab_visible")  # the events reach the server one by one
