"""The profile's contact fields edited in place in Chromium, by keyboard: Enter opens a field's editor, a bad
e-mail is refused under the field (the API's message) and changes nothing, Escape gives up, Enter saves, and a
second tab of the same profile shows the change (its live push).

Screenshot: docs/screenshots/cv-profile-edit.png (HR_APP_SCREENSHOTS=1)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from hr_app.models import UserCvData
from tests.e2e.conftest import WAIT_S, save_screenshot, sign_in, wait_for, wait_for_text
from tests.factories import PASSWORD, create_cv

pytestmark = pytest.mark.e2e


def _gone(browser, element_id: str) -> None:
    WebDriverWait(browser, WAIT_S).until(lambda b: not b.find_elements(By.ID, element_id))


def _retype(browser, element_id: str, text: str):
    control = wait_for(browser, element_id)
    control.send_keys(Keys.CONTROL, "a")
    control.send_keys(Keys.DELETE, text)
    return control


def test_contact_fields_are_edited_in_place_and_other_tabs_follow(live_server, browser, db, org, hr_user):
    cv = create_cv(db, org, name="Elli Edit", email="elli@example.org", phone_number="+358 40 100 2000")
    sign_in(browser, live_server, hr_user.email, PASSWORD, f"/cvs/{cv.id}")
    first_tab = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.get(f"{live_server.url}/cvs/{cv.id}")
    wait_for_text(browser, "profile-phone", "+358 40 100 2000")
    second_tab = browser.current_window_handle
    browser.switch_to.window(first_tab)

    wait_for(browser, "contact-email-edit").send_keys(Keys.ENTER)
    _retype(browser, "contact-email-input", "elli at example").send_keys(Keys.ENTER)
    wait_for_text(browser, "contact-email-input-error", "Enter a valid email address.")
    assert browser.find_element(By.ID, "contact-email-input").get_attribute("aria-invalid") == "true"
    save_screenshot(browser, "cv-profile-edit")
    browser.find_element(By.ID, "contact-email-input").send_keys(Keys.ESCAPE)
    _gone(browser, "contact-email-input")
    wait_for_text(browser, "profile-email", "elli@example.org")
    WebDriverWait(browser, WAIT_S).until(
        lambda b: b.switch_to.active_element.get_attribute("id") == "contact-email-edit"
    )

    wait_for(browser, "contact-phone_number-edit").click()
    _retype(browser, "contact-phone_number-input", "+358 50 999 8888").send_keys(Keys.ENTER)
    _gone(browser, "contact-phone_number-input")
    wait_for_text(browser, "profile-phone", "+358 50 999 8888")
    db.expire_all()
    saved = db.get(UserCvData, cv.id)
    assert (saved.email, saved.phone_number) == ("elli@example.org", "+358 50 999 8888")

    browser.switch_to.window(second_tab)
    wait_for_text(browser, "profile-phone", "+358 50 999 8888")
