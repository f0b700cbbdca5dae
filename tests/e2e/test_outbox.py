"""The Outbox page in a real browser: the admin's nav entry, the list with status and error, a message rendered."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from hr_app.kit.time import utcnow
from hr_app.models import OutboxStatus, Role
from hr_app.services.outbox import queue_email
from tests.e2e.conftest import sign_in, wait_for, wait_for_text
from tests.e2e.helpers import wait_visible
from tests.factories import PASSWORD, create_org, create_user

pytestmark = pytest.mark.e2e


def test_the_admin_reads_the_outbox(live_server, browser, db):
    org = create_org(db, "Mail Org")
    admin = create_user(db, org, role=Role.ADMIN, email="postmaster@example.com", first_name="Po", last_name="St")
    message = queue_email(
        db,
        organization_id=org.id,
        kind="invitation",
        to="nia@example.com",
        template="invitation",
        context={"first_name": "Nia", "link": "http://localhost:3000/accept-invite/tok123", "expires_at": utcnow()},
    )
    message.status, message.attempts, message.last_error = OutboxStatus.FAILED, 1, "550 5.1.1 No such user"
    db.commit()

    sign_in(browser, live_server, admin.email, PASSWORD, "/")
    wait_for(browser, "nav-outbox").click()
    wait_for_text(browser, "page-title", "Outbox")
    row = wait_visible(browser, f'[id="outbox-{message.id}"]')
    assert "failed" in row.text and "nia@example.com" in row.text and "550 5.1.1 No such user" in row.text
    row.find_element(By.LINK_TEXT, message.subject).click()
    frame = wait_visible(browser, "#outbox-html")
    assert frame.get_attribute("sandbox") == ""  # no scripts, no same origin
    browser.switch_to.frame(frame)
    assert "Hello Nia" in browser.find_element(By.TAG_NAME, "body").text
    links = [a.get_attribute("href") for a in browser.find_elements(By.TAG_NAME, "a")]
    assert "http://localhost:3000/accept-invite/tok123" in links
    browser.switch_to.default_content()
    browser.find_element(By.ID, "outbox-toggle").click()
    assert "/accept-invite/tok123" in wait_visible(browser, "#outbox-text").text
