"""Tags, source and notes on the candidate's profile in Chromium, by keyboard where a person would type: a tag
added with Enter and removed from its chip, a blank tag and a blank note refused next to their fields, the source
chosen, a note added, edited and deleted after the confirmation; another member's note offers no Edit.

Screenshot: docs/screenshots/cv-profile-notes.png (HR_APP_SCREENSHOTS=1)."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.models import CvNote, UserCvData
from hr_app.services import cv_people
from tests.e2e.conftest import WAIT_S, save_screenshot, sign_in, wait_for, wait_for_text
from tests.factories import PASSWORD, create_cv

pytestmark = pytest.mark.e2e


def _chips(browser) -> list[str]:
    return [chip.text for chip in browser.find_elements(By.CSS_SELECTOR, "#profile-tags .tag-chip")]


def _wait(browser, condition) -> None:
    """Until `condition`; a chip re-rendered between finding it and reading it (a push) is looked for again."""
    WebDriverWait(browser, WAIT_S, ignored_exceptions=(StaleElementReferenceException,)).until(lambda b: condition(b))


def test_tags_source_and_notes_on_the_profile(live_server, browser, db, org, hr_user, interviewer):
    cv = create_cv(db, org, name="Nora Notes")
    with session_scope() as session:
        cv_people.add_note(
            session, actor=session.merge(interviewer), cv_id=cv.id, text="Strong on SQL; asked about our on-call rota."
        )

    sign_in(browser, live_server, hr_user.email, PASSWORD, f"/cvs/{cv.id}")
    wait_for_text(browser, "profile-name", "Nora Notes")
    wait_for(browser, "no-tags")
    tag_input = wait_for(browser, "tag-input")
    tag_input.send_keys(Keys.ENTER)
    wait_for_text(browser, "tag-input-error", "This field may not be blank.")
    for name in ("Python", "  relocation ok ", "Remote"):
        tag_input.send_keys(name, Keys.ENTER)
        _wait(browser, lambda b, n=name: n.strip() in _chips(b))
    assert browser.find_element(By.ID, "tag-input").get_attribute("value") == ""
    remove = browser.find_element(By.CSS_SELECTOR, "[aria-label='Remove tag Remote']")
    remove.send_keys(Keys.ENTER)
    _wait(browser, lambda b: _chips(b) == ["Python", "relocation ok"])

    browser.find_element(By.ID, "source-select").click()
    wait_for(browser, "source-select")
    next(o for o in browser.find_elements(By.CSS_SELECTOR, "[role='option']") if o.text == "Referral").click()
    _wait(browser, lambda b: "Referral" in b.find_element(By.ID, "source-select").text)

    browser.find_element(By.ID, "note-add").click()
    wait_for_text(browser, "note-text-error", "This field may not be blank.")
    browser.find_element(By.ID, "note-text").send_keys("Prefers a hybrid week; salary band discussed.")
    browser.find_element(By.ID, "note-add").click()
    _wait(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, "#profile-notes .note")) == 2)
    notes = browser.find_elements(By.CSS_SELECTOR, "#profile-notes .note")
    assert "Prefers a hybrid week" in notes[0].text and notes[1].find_elements(By.CSS_SELECTOR, ".note-edit") == []
    assert browser.find_element(By.ID, "note-text").get_attribute("value") == ""

    notes[0].find_element(By.CSS_SELECTOR, ".note-edit").click()
    editor = wait_for(browser, "note-edit-text")
    editor.clear()
    editor.send_keys("Prefers a hybrid week (two days in the office); salary band discussed.")
    browser.find_element(By.ID, "note-edit-save").click()
    _wait(browser, lambda b: "two days in the office" in b.find_element(By.ID, "profile-notes").text)
    assert "edited" in browser.find_element(By.ID, "profile-notes").text
    save_screenshot(browser, "cv-profile-notes")

    browser.find_elements(By.CSS_SELECTOR, "#profile-notes .note-delete")[0].click()
    wait_for(browser, "note-delete-confirm").click()
    _wait(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, "#profile-notes .note")) == 1)
    wait_for_text(browser, "profile-history", "note deleted")

    db.expire_all()
    assert db.get(UserCvData, cv.id).source == "referral"
    assert [note.body for note in db.exec(select(CvNote)).all()] == ["Strong on SQL; asked about our on-call rota."]
    assert cv_people.tags_of(db, [cv.id]) == {cv.id: ["Python", "relocation ok"]}
