"""Names, remarks and question text holding HTML/JS render as plain text, never as markup."""

from __future__ import annotations

import httpx
import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, auth_header, create_cv

pytestmark = pytest.mark.e2e

PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def _assert_inert(browser) -> None:
    assert browser.execute_script("return window.__pwned") is None
    assert not browser.find_elements(By.CSS_SELECTOR, "img[src='x']")
    try:
        browser.switch_to.alert  # noqa: B018
    except NoAlertPresentException:
        return
    raise AssertionError("an alert opened")


def _shows_literally(browser, text: str) -> None:
    WebDriverWait(browser, 15).until(
        lambda b: any(text in element.text for element in b.find_elements(By.XPATH, "//*[contains(text(), '<img')]"))
    )


def test_hostile_names_and_remarks_render_as_text(live_server, browser, db, org, admin):
    cv = create_cv(db, org, name=f"Eve {PAYLOAD}", place=PAYLOAD)
    client_for_live = httpx.Client(base_url=live_server.url, timeout=20)
    started = client_for_live.post(
        "/api/interview-management/start-interview/",
        headers=auth_header(admin),
        json={"candidate_id": str(cv.id), "scheduled_at": "2025-01-01T10:00:00Z"},  # begun: scorecards are open
    )
    assert started.status_code == 201, started.text
    interview_id = started.json()["data"]["id"]
    saved = client_for_live.post(
        f"/api/interview-management/{interview_id}/evaluation/",
        headers=auth_header(admin),
        json={"remark": PAYLOAD, "experience": PAYLOAD, "languages": PAYLOAD},
    )
    assert saved.status_code == 201, saved.text

    sign_in(browser, live_server, admin.email, PASSWORD, "/ongoing")
    _shows_literally(browser, PAYLOAD)
    _assert_inert(browser)

    for path in ("/cvs", "/interviews", f"/interviews/{interview_id}"):
        browser.get(f"{live_server.url}{path}")
        _shows_literally(browser, PAYLOAD)
        _assert_inert(browser)
