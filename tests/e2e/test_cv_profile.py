"""Rounds and the candidate's profile in Chromium: Next round from a selected interview, then /cvs/[id] with both
rounds, a panel result and the PDF shown in the browser's own viewer from the token-fetched file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import select

from hr_app.models import Interview
from tests.documents import pdf_bytes
from tests.e2e.conftest import WAIT_S, sign_in, wait_for, wait_for_text
from tests.factories import PASSWORD, auth_header, create_cv
from tests.question_factories import create_bank, create_panel

pytestmark = pytest.mark.e2e


def _api(server_url: str, user, method: str, path: str, **kwargs) -> dict:
    response = httpx.request(method, f"{server_url}{path}", headers=auth_header(user), timeout=30, **kwargs)
    assert response.status_code in (200, 201), response.text
    return response.json()


def test_next_round_in_the_browser_then_the_profile_shows_everything(live_server, browser, db, org, hr_user):
    cv = create_cv(db, org, name="Paula Profile")
    when = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    first = _api(
        live_server.url,
        hr_user,
        "POST",
        "/api/interview-management/start-interview/",
        json={"candidate_id": str(cv.id), "scheduled_at": when},
    )["data"]["id"]
    _api(
        live_server.url,
        hr_user,
        "PATCH",
        f"/api/interview-management/{first}/update-status/",
        json={"status": "selected"},
    )
    _api(
        live_server.url,
        hr_user,
        "POST",
        f"/api/cvs/{cv.id}/document/",
        files={"file": ("paula.pdf", pdf_bytes("Paula Profile", "Kotlin developer"), "application/pdf")},
    )
    bank = create_bank(db, org, easy=2, medium=1, hard=1)
    _panel, (sitting,) = create_panel(db, org, bank, name="Kotlin Panel", candidates=[cv], easy=2, medium=1, hard=1)
    sitting.score, sitting.opened_at, sitting.submitted_at = 3, datetime.now(UTC), datetime.now(UTC)
    db.add(sitting)
    db.commit()

    sign_in(browser, live_server, hr_user.email, PASSWORD, f"/interviews/{first}")
    wait_for(browser, "next-round").click()
    wait_for(browser, "round-when")
    wait_for(browser, "round-submit").click()
    WebDriverWait(browser, WAIT_S).until(
        lambda b: "/interviews/" in b.current_url and not b.current_url.rstrip("/").endswith(first)
    )
    db.expire_all()
    rounds = db.exec(select(Interview).where(Interview.candidate_id == cv.id).order_by(Interview.round)).all()
    assert [(r.round, r.status) for r in rounds] == [(1, "selected"), (2, "pending")]
    assert browser.current_url.rstrip("/").endswith(str(rounds[1].id))

    browser.get(f"{live_server.url}/cvs/{cv.id}")
    wait_for_text(browser, "profile-name", "Paula Profile")
    wait_for_text(browser, "profile-status", "ongoing")
    table = wait_for(browser, "profile-rounds")
    labels = [cell.text for cell in table.find_elements(By.CSS_SELECTOR, "tbody tr td:first-child")]
    assert labels == ["Round 1", "Round 2"]
    wait_for_text(browser, "profile-panels", "3 of 4")
    WebDriverWait(browser, WAIT_S).until(
        lambda b: b.find_element(By.ID, "cv-document-download").get_attribute("data-loaded") == "true"
    )
    frame = browser.find_element(By.ID, "cv-document-frame")
    assert frame.get_attribute("src").startswith("blob:")
    assert browser.find_element(By.ID, "cv-document-download").get_attribute("download") == "paula.pdf"
