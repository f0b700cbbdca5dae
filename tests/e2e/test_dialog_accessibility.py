"""The inside of each dialog under axe-core (issue 14): opened as a user opens them, then checked with the page
around them, no serious or critical violation. test_accessibility.py covers the pages; this, what they open.

With the organization's decision messages on, the status dialog shows its message field too.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.models import CvStatus, Organization, UserCvData
from tests.e2e.axe import describe, install, settle, violations
from tests.e2e.conftest import WAIT_S, save_screenshot, sign_in, wait_for
from tests.e2e.test_interview_page import _start
from tests.factories import PASSWORD, create_cv
from tests.question_factories import create_bank, create_panel

pytestmark = pytest.mark.e2e

DIALOG = '//div[@role="dialog" or @role="alertdialog"]'


def _open_and_check(browser, opener: str, ready: str, label: str, failures: list[str]) -> None:
    wait_for(browser, opener).click()
    wait_for(browser, ready)
    WebDriverWait(browser, WAIT_S).until(ec.visibility_of_element_located((By.XPATH, DIALOG)))
    settle(browser)
    save_screenshot(browser, "dialog-" + label.replace(" ", "-"))  # docs/screenshots with HR_APP_SCREENSHOTS=1
    found = violations(browser)
    if found:
        failures.append(f"{label}:\n{describe(found)}")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    WebDriverWait(browser, WAIT_S).until(ec.invisibility_of_element_located((By.XPATH, DIALOG)))


def test_every_dialog_has_no_serious_or_critical_violation(live_server, browser, db, org, admin, interviewer):
    org.decision_messages = True
    db.add(org)
    db.commit()
    pending = create_cv(db, org, name="Pat Pending", email="pat@example.com")
    interview_id = _start(live_server.url, admin, create_cv(db, org, name="Dora Dialog", email="dora@example.com"))
    panel, _ = create_panel(db, org, create_bank(db, org), candidates=[create_cv(db, org, name="Pia Panel")])
    install(browser)
    failures: list[str] = []

    sign_in(browser, live_server, admin.email, PASSWORD, path="/cvs")
    _open_and_check(browser, "add-cv", "add-submit", "add a CV", failures)
    _open_and_check(browser, "import-cvs", "import-submit", "import CVs", failures)
    _open_and_check(browser, f"start-{pending.id}", "start-submit", "start an interview", failures)
    _open_and_check(browser, f"delete-cv-{pending.id}", "delete-cv-confirm", "delete a CV", failures)

    browser.get(f"{live_server.url}/interviews/{interview_id}")
    for target in ("selected", "rejected"):
        _open_and_check(browser, f"status-{target}", "candidate-message", f"{target} with its message", failures)

    browser.get(f"{live_server.url}/questions")
    _open_and_check(browser, "import-questions", "question-import-submit", "import questions", failures)

    browser.get(f"{live_server.url}/panels/{panel.id}")
    _open_and_check(browser, "edit-panel", "edit-save", "edit a panel", failures)
    _open_and_check(browser, "delete-panel", "delete-panel-confirm", "delete a panel", failures)
    _open_and_check(browser, "add-candidates", "add-candidates-search", "add candidates to a panel", failures)

    assert not failures, "\n".join(failures)
    assert db.exec(select(UserCvData).where(UserCvData.id == pending.id)).one().status == CvStatus.PENDING
    assert db.get(Organization, org.id) is not None
