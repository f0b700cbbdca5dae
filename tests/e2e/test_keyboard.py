"""The candidate's clock by screen reader (issue 14): announced at 5 and at 1 minutes left, not every second.

The keyboard-only flows are in test_keyboard_flows.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from hr_app.kit.time import utcnow
from tests.e2e.conftest import wait_for
from tests.factories import create_cv
from tests.question_factories import (
    create_bank,
    create_panel,
)

pytestmark = pytest.mark.e2e


def test_countdown_is_announced_at_five_and_one_minutes_only(live_server, browser, db, org):
    bank = create_bank(db, org, easy=1, medium=0, hard=0)
    candidate = create_cv(db, org, name="Tick Tock")
    now = utcnow()
    _panel, (seat,) = create_panel(
        db, org, bank, candidates=[candidate], end=now + timedelta(seconds=315), easy=1, medium=0, hard=0
    )
    browser.get(f"{live_server.url}/session/{seat.token}")
    wait_for(browser, "session-begin").send_keys(Keys.ENTER)
    wait_for(browser, "session-answering")
    clock = wait_for(browser, "session-time-left")
    assert clock.get_attribute("role") == "timer" and clock.get_attribute("aria-live") is None
    said = browser.find_element("id", "session-time-announcement")
    assert said.get_attribute("aria-live") == "polite"
    assert said.get_attribute("textContent") == ""  # nothing at the start, nor as it ticks
    WebDriverWait(browser, 25).until(lambda _b: said.get_attribute("textContent") == "5 minutes left")
    # Jump the clock to just over a minute left instead of waiting four minutes.
    browser.execute_script(
        "const el = document.getElementById('session-time-left');"
        "el.dataset.countdown = String(parseFloat(el.dataset.countdown) - 239);"
    )
    WebDriverWait(browser, 10).until(lambda _b: said.get_attribute("textContent") == "1 minute left")
