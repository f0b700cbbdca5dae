"""A CV added with its document, then its contact fields edited in place, in Chromium. The add dialog refuses a
renamed text file under its field and stays open with no CV made, then stores the CV with a real PDF in one go.
On the profile, by keyboard: Enter opens a field's editor, a bad e-mail is refused under the field (the API's
message) and changes nothing, Escape gives up, Enter saves, and a second tab of the profile shows the change.

Screenshot: docs/screenshots/cv-profile-edit.png (HR_APP_SCREENSHOTS=1)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.models import CvDocument, UserCvData
from tests.documents import pdf_bytes
from tests.e2e.conftest import WAIT_S, save_screenshot, sign_in, wait_for, wait_for_text
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def _gone(browser, element_id: str) -> None:
    WebDriverWait(browser, WAIT_S).until(lambda b: not b.find_elements(By.ID, element_id))


def _retype(browser, element_id: str, text: str):
    control = wait_for(browser, element_id)
    control.send_keys(Keys.CONTROL, "a")
    control.send_keys(Keys.DELETE, text)
    return control


def _add_with_document(browser, db, org, tmp_path) -> UserCvData:
    wait_for(browser, "add-cv").click()
    wait_for(browser, "add-name").send_keys("Elli Edit")
    browser.find_element(By.ID, "add-email").send_keys("elli@example.org")
    browser.find_element(By.ID, "add-phone_number").send_keys("+358 40 100 2000")
    picker = browser.find_element(By.CSS_SELECTOR, "#add-document input[type=file]")
    renamed, real = tmp_path / "elli.pdf", tmp_path / "elli-cv.pdf"
    renamed.write_bytes(b"Elli Edit, plain text named .pdf")
    real.write_bytes(pdf_bytes("Elli Edit", "Data engineer"))
    picker.send_keys(str(renamed))
    wait_for_text(browser, "add-document", "elli.pdf")
    browser.find_element(By.ID, "add-submit").click()
    wait_for_text(browser, "add-document-error", "The file content is not a valid PDF document.")
    assert db.exec(select(UserCvData).where(UserCvData.organization_id == org.id)).all() == []
    browser.find_element(By.CSS_SELECTOR, "#add-document input[type=file]").send_keys(str(real))
    wait_for_text(browser, "add-document", "elli-cv.pdf")
    browser.find_element(By.ID, "add-submit").click()
    _gone(browser, "add-submit")
    db.expire_all()
    cv = db.exec(select(UserCvData).where(UserCvData.organization_id == org.id)).one()
    assert db.exec(select(CvDocument.file_name).where(CvDocument.cv_id == cv.id)).all() == ["elli-cv.pdf"]
    return cv


def test_a_cv_added_with_its_document_then_edited_in_place(live_server, browser, db, org, hr_user, tmp_path):
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/cvs")
    cv = _add_with_document(browser, db, org, tmp_path)
    browser.get(f"{live_server.url}/cvs/{cv.id}")
    wait_for_text(browser, "profile-phone", "+358 40 100 2000")
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
