"""The Content-Security-Policy measured in real Chromium: the main pages work under it with no violation.

One browser walks sign-in, the dashboard, CVs, an interview page (recording a voice note with the fake microphone
and playing it back from its blob: URL), a panel page (the New link button, live results, countdown) and the
candidate's session page; every CSP violation (the `securitypolicyviolation` event, installed before any page
script, and the console's "Refused to ..." lines) fails the test. The same answers carry the other headers.
"""

from __future__ import annotations

import re
import uuid

import httpx
import pytest
from selenium.webdriver.remote.webdriver import WebDriver
from sqlmodel import select

from hr_app.models import Evaluation
from tests.e2e.conftest import sign_in, wait_for, wait_for_text
from tests.e2e.helpers import wait_for_attribute
from tests.e2e.test_interview_page import _start
from tests.factories import PASSWORD, create_cv
from tests.question_factories import create_bank, create_panel

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _violations(browser: WebDriver) -> list[str]:
    seen = browser.execute_script("return window.__csp || []")
    console = [entry["message"] for entry in browser.get_log("browser")]
    return [*seen, *(line for line in console if "Content Security Policy" in line or "Refused to" in line)]


def _visit(browser: WebDriver, url: str, ready: str) -> list[str]:
    browser.get(url)
    wait_for(browser, ready)
    return _violations(browser)


def test_pages_work_under_the_policy(live_server, browser, db, org, admin):
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    cv = create_cv(db, org, name="Csp Candidate")
    interview_id = _start(live_server.url, admin, cv)
    panel, candidates = create_panel(db, org, create_bank(db, org), candidates=[create_cv(db, org, name="Pia")])
    found: dict[str, list[str]] = {}

    sign_in(browser, live_server, admin.email, PASSWORD)
    found["dashboard"] = _violations(browser)
    found["cvs"] = _visit(browser, f"{live_server.url}/cvs", "page-title")
    browser.get(f"{live_server.url}/interviews/{interview_id}")
    wait_for_text(browser, "candidate-name", "Csp Candidate")
    wait_for(browser, "record-start").click()
    wait_for_text(browser, "record-timer", "0:01")
    wait_for(browser, "record-stop").click()
    wait_for_attribute(browser, "voice-player", "data-loaded", "true", 15)
    found["interview with recorder"] = _violations(browser)
    db.expire_all()
    assert db.exec(select(Evaluation).where(Evaluation.interview_id == uuid.UUID(interview_id))).one().voice_note_file

    found["panel"] = _visit(browser, f"{live_server.url}/panels/{panel.id}", "session-links")
    before_start = _visit(browser, f"{live_server.url}/session/{candidates[0].token}", "session-begin")
    wait_for(browser, "session-begin").click()
    wait_for(browser, "question-text-1")  # the frozen set drawn, the countdown running
    found["session"] = before_start + _violations(browser)
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_headers_on_pages_assets_and_api(live_server):
    with httpx.Client(base_url=live_server.url, follow_redirects=True) as client:
        answers = {
            "page": client.get("/login"),
            "asset": client.get("/voice.js"),
            "api": client.get("/api/auth/me/"),
            "unknown api": client.get("/api/nowhere/"),
            "ping": client.get("/ping"),
            "docs": client.get("/api/docs"),
        }
        preflight = client.options(
            "/api/auth/token/",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        )
    assert answers["page"].status_code == 200 and "<html" in answers["page"].text.lower()
    for name, response in answers.items():
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"], name
        assert (headers["x-frame-options"], headers["referrer-policy"]) == ("DENY", "no-referrer"), name
        assert "microphone=(self)" in headers["permissions-policy"], name
        assert "strict-transport-security" not in headers, name  # plain http
    assert "https://cdn.jsdelivr.net" in answers["docs"].headers["content-security-policy"]
    assert "cdn.jsdelivr.net" not in answers["page"].headers["content-security-policy"]
    assert "access-control-allow-origin" not in preflight.headers


def test_hashed_assets_are_cached_for_a_year_and_pages_revalidated(live_server):
    with httpx.Client(base_url=live_server.url, follow_redirects=True) as client:
        page = client.get("/login")
        hashed = sorted(set(re.findall(r'"(/assets/[^"]+\.(?:js|css))"', page.text)))
        assert hashed, page.text[:2000]
        assets = [client.get(path) for path in hashed[:3]]
        unhashed = client.get("/voice.js")  # the app's own assets/ file keeps its name across releases
        api = client.get("/api/health/")
    assert page.headers["cache-control"] == "no-cache"
    assert [(a.status_code, a.headers["cache-control"]) for a in assets] == [
        (200, "public, max-age=31536000, immutable")
    ] * len(assets)
    assert "immutable" not in unhashed.headers.get("cache-control", "")
    assert "cache-control" not in api.headers
