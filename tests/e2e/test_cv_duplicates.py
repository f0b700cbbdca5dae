"""Duplicates in Chromium: the add-CV dialog warns of a CV with the same e-mail before saving (with a link to it),
and the profile's Possible duplicates card merges the other CV after a confirmation naming what moves."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.models import CvNote, Interview, UserCvData
from tests.api.interview_support import make_interview
from tests.e2e.conftest import WAIT_S, save_screenshot, sign_in, wait_for, wait_for_text
from tests.factories import PASSWORD, create_cv

pytestmark = pytest.mark.e2e


def test_the_add_dialog_warns_then_the_profile_merges(live_server, browser, db, org, hr_user):
    anna = create_cv(db, org, name="Anna Bell", email="anna.bell@example.org", phone_number="", place="")
    # the same person, added before the API lower-cased e-mails (an old import)
    older = create_cv(db, org, name="Anna B.", email="Anna.Bell@example.org", phone_number="+358 40 123 4567")
    db.add(CvNote(organization_id=org.id, cv_id=older.id, body="Met at the job fair"))
    db.commit()
    make_interview(db, org, cv=older, status="rejected", cv_status="rejected")
    anna_id, older_id = anna.id, older.id

    sign_in(browser, live_server, hr_user.email, PASSWORD, "/cvs")
    wait_for(browser, "add-cv").click()
    wait_for(browser, "add-name").send_keys("Anna Bell")
    browser.find_element(By.ID, "add-email").send_keys("Anna.Bell@Example.org", Keys.TAB)
    wait_for_text(browser, "add-duplicates", "Possible duplicate: Anna Bell (same e-mail)")
    links = browser.find_elements(By.CSS_SELECTOR, "#add-duplicates a")
    assert [link.get_attribute("href").rsplit("/", 1)[-1] for link in links] == [str(older_id), str(anna_id)]
    browser.find_element(By.ID, "add-phone_number").send_keys("040 123 4567", Keys.TAB)
    wait_for_text(browser, "add-duplicates", "Possible duplicate: Anna B. (same e-mail and phone)")
    assert browser.find_element(By.ID, "add-submit").is_enabled()  # a warning, not a refusal
    save_screenshot(browser, "cv-duplicate-warning")
    browser.find_element(By.ID, "add-name").send_keys(Keys.ESCAPE)

    browser.get(f"{live_server.url}/cvs/{anna_id}")
    wait_for_text(browser, "profile-duplicates", "Anna B.")
    browser.find_element(By.CSS_SELECTOR, "#profile-duplicates button").click()
    wait_for_text(browser, "merge-summary", "1 interview and 1 note")
    wait_for(browser, "merge-cv-confirm").click()
    wait_for_text(browser, "profile-status", "rejected")
    wait_for_text(browser, "profile-phone", "+358 40 123 4567")
    WebDriverWait(browser, WAIT_S).until(lambda b: not b.find_elements(By.ID, "profile-duplicates"))
    db.expire_all()
    assert db.get(UserCvData, older_id) is None
    assert [i.round for i in db.exec(select(Interview).where(Interview.candidate_id == anna_id))] == [1]
