"""The shared dialogs (components/dialogs.py, components/upload.py) in the browser: a form dialog adds,
Cancel adds nothing, a confirmation opened from a row deletes, one opened by its own button edits or deletes
a panel; the CSV import dialog of the CVs and of the question bank."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlmodel import select

from hr_app.models import InterviewPanel, UserCvData
from tests.e2e.conftest import sign_in, wait_for, wait_for_text, wait_for_url
from tests.e2e.helpers import wait_gone, wait_until, wait_visible
from tests.factories import PASSWORD, create_cv
from tests.question_factories import create_bank, create_panel

pytestmark = pytest.mark.e2e


def test_add_cv_cancel_then_add_and_delete_with_confirmation(live_server, browser, db, org, hr_user):
    kept = create_cv(db, org, name="Kept Person")
    sign_in(browser, live_server, hr_user.email, PASSWORD, "/cvs")
    wait_visible(browser, f"#cv-row-{kept.id}")

    wait_for(browser, "add-cv").click()
    wait_for(browser, "add-name").send_keys("Never Added")
    browser.find_element(By.XPATH, '//div[@role="dialog"]//button[normalize-space()="Cancel"]').click()
    wait_gone(browser, '[role="dialog"]')

    wait_for(browser, "add-cv").click()
    wait_for(browser, "add-name").send_keys("Dia Log")
    browser.find_element(By.ID, "add-email").send_keys("dia.log@example.com")
    browser.find_element(By.ID, "add-submit").click()
    wait_visible(browser, '.cv-row[data-name="Dia Log"]')
    assert not browser.find_elements(By.CSS_SELECTOR, '.cv-row[data-name="Never Added"]')

    browser.find_element(By.ID, f"delete-cv-{kept.id}").click()
    wait_for_text(browser, "delete-cv-confirm", "Delete")
    assert "Kept Person" in browser.find_element(By.CSS_SELECTOR, '[role="alertdialog"]').text
    browser.find_element(By.ID, "delete-cv-confirm").click()
    wait_gone(browser, f"#cv-row-{kept.id}")
    db.expire_all()
    assert [cv.name for cv in db.exec(select(UserCvData)).all()] == ["Dia Log"]


def test_panel_edit_and_delete_dialogs(live_server, browser, db, org, hr_user):
    panel, _ = create_panel(db, org, create_bank(db, org), name="Dialog Panel")
    sign_in(browser, live_server, hr_user.email, PASSWORD, f"/panels/{panel.id}")
    wait_for_text(browser, "panel-name", "Dialog Panel")

    wait_for(browser, "edit-panel").click()
    name = wait_for(browser, "edit-edit_name")
    name.clear()
    name.send_keys("Renamed Panel")
    browser.find_element(By.ID, "edit-save").click()
    wait_for_text(browser, "panel-name", "Renamed Panel")

    wait_for(browser, "delete-panel").click()
    wait_for(browser, "delete-panel-confirm").click()
    wait_for_url(browser, "/panels")
    db.expire_all()
    assert [(p.name, p.is_deleted) for p in db.exec(select(InterviewPanel)).all()] == [("Renamed Panel", True)]


def _choose_file(browser, upload_id: str, path) -> None:
    browser.find_element(By.CSS_SELECTOR, f"#{upload_id} input[type=file]").send_keys(str(path))


def test_csv_import_dialogs_of_cvs_and_questions(live_server, browser, db, org, admin, tmp_path):
    sign_in(browser, live_server, admin.email, PASSWORD, "/cvs")
    wait_for(browser, "import-cvs").click()
    assert not wait_for(browser, "import-submit").is_enabled()  # nothing to import before a file is chosen
    good = tmp_path / "cvs.csv"
    good.write_text("name,email,place\nImp One,imp.one@example.com,Kochi\nImp Two,imp.two@example.com,Kollam\n")
    _choose_file(browser, "cv-csv", good)
    wait_until(browser, lambda b: b.find_element(By.ID, "import-submit").is_enabled(), 5)
    browser.find_element(By.ID, "import-submit").click()
    wait_for_text(browser, "import-message", "Imported 2 CVs.")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#import-lines .import-line")) == 2
    browser.find_element(By.XPATH, '//div[@role="dialog"]//button[normalize-space()="Close"]').click()
    wait_visible(browser, '.cv-row[data-name="Imp Two"]')

    browser.get(f"{live_server.url}/questions")
    wait_for(browser, "import-questions").click()
    questions = tmp_path / "questions.csv"
    questions.write_text(
        "category,topic,subtopic,text,difficulty,option_1,option_2,correct_option,explanation\n"
        "Python,Basics,Types,What is 1 + 1?,easy,2,3,0,Arithmetic\n"
    )
    _choose_file(browser, "question-csv", questions)
    browser.find_element(By.ID, "question-import-submit").click()
    wait_for_text(browser, "question-import-message", "Imported 1 questions (1 new categories")
