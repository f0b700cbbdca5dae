"""Every page under axe-core in real Chromium: no serious or critical violation, for each role, at desktop
and phone width (issue 14). One browser for the whole run; the window size changes by emulation.

A page added to the app must be added to PAGES below (test_every_route_is_checked fails otherwise).
"""

from __future__ import annotations

import io
import os
import time
from datetime import timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from sqlmodel import Session, select

from hr_app.demo import data
from hr_app.demo.seed import seed_demo
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, Interview, InterviewPanel, Organization, PanelCandidate, Role
from hr_app.services import cv_documents, cv_text
from hr_app.services.cv_documents import DocumentUpload
from hr_app.ui import routes
from tests.e2e.axe import describe, install, settle, violations
from tests.e2e.conftest import WAIT_S, save_screenshot, wait_for, wait_for_url
from tests.e2e.helpers import css
from tests.factories import create_cv
from tests.question_factories import create_bank, create_panel

pytestmark = pytest.mark.e2e

PASSWORD = "Demo-password-1"
SHOTS = "HR_APP_SCREENSHOTS"
DESKTOP = (1366, 900)
PHONE = (375, 812)
# admin and hr (panels: decision 38)
MANAGER_ONLY = {routes.USERS, routes.JOB_TITLES, routes.SETTINGS, routes.PANELS, routes.PANEL_NEW, routes.PANEL}
ADMIN_ONLY = {routes.OUTBOX}
# Pages of the workspace, by route; "{interview}", "{panel}" and "{cv}" are filled from the demo data.
WORKSPACE = {
    routes.HOME: "/",
    routes.CVS: "/cvs",
    routes.CV: "/cvs/{cv}",
    routes.ONGOING: "/ongoing",
    routes.INTERVIEWS: "/interviews",
    routes.INTERVIEW: "/interviews/{interview}",
    routes.AGENDA: "/agenda",
    routes.PANELS: "/panels",
    routes.PANEL_NEW: "/panels/new",
    routes.PANEL: "/panels/{panel}",
    routes.QUESTIONS: "/questions",
    routes.USERS: "/users",
    routes.JOB_TITLES: "/job-titles",
    routes.SETTINGS: "/settings",
    routes.OUTBOX: "/outbox",
    routes.ACCOUNT: "/account",
}
# Public pages: route -> (path, the id that shows the page is there).
PUBLIC = {
    routes.LOGIN: ("/login", "email"),
    routes.FORGOT_PASSWORD: ("/forgot-password", "forgot-submit"),
    routes.ACCEPT_INVITE: ("/accept-invite/" + "0" * 32, "link-submit"),
    routes.RESET_PASSWORD: ("/reset-password/" + "0" * 32, "link-submit"),
}
# Checked separately: /setup before any organization exists, and the candidate's session in each state.
OTHER = {routes.SETUP, routes.SESSION}


SESSION_READY = {
    "before": "session-before",
    "start": "session-begin",
    "done": "session-done",
    "invalid": "session-invalid",
}


TIMINGS: list[tuple[float, str]] = []
# With HR_APP_SCREENSHOTS=1 the admin's desktop view of these pages refreshes docs/screenshots/<name>.png.
PICTURES = {
    "/": "dashboard",
    "/cvs": "cvs",
    "/ongoing": "ongoing-board",
    "/interviews": "interviews",
    "/interviews/{interview}": "interview",
    "/agenda": "agenda",
    "/panels": "panels",
    "/panels/new": "panel-new",
    "/panels/{panel}": "panel-detail",
    "/questions": "question-bank",
    "/login": "login",
}


def set_width(browser: WebDriver, size: tuple[int, int]) -> None:
    width, height = size
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def check(
    browser: WebDriver, url: str, ready_id: str, failures: list[str], label: str, sizes: tuple = (DESKTOP, PHONE)
) -> None:
    """Load the page once at desktop width, then narrow the window to the phone's (no reload: the layout is CSS)."""
    set_width(browser, DESKTOP)
    browser.get(url)
    wait_for(browser, ready_id)
    for size in sizes:
        set_width(browser, size)
        audit(browser, failures, f"{label} at {size[0]} px")
        picture = PICTURES.get(label.split(" ")[0])
        if size == DESKTOP and picture and label.endswith(("as admin", "/login")) and os.environ.get(SHOTS) == "1":
            save_screenshot(browser, picture)


def audit(browser: WebDriver, failures: list[str], label: str) -> None:
    t0 = time.monotonic()
    settle(browser)
    t1 = time.monotonic()
    found = violations(browser)
    TIMINGS.append((time.monotonic() - t0, f"{label} settle {t1 - t0:.2f}"))
    if found:
        failures.append(f"{label}:\n{describe(found)}")


def panel_with_rows(browser: WebDriver, url: str, failures: list[str]) -> None:
    """/panels/new once a category is chosen and a second row added: the steppers and row controls."""
    set_width(browser, DESKTOP)
    browser.get(url)
    wait_for(browser, "panel-category").click()
    WebDriverWait(browser, WAIT_S).until(ec.element_to_be_clickable(css('[role="option"]'))).click()
    wait_for(browser, "add-row").click()
    WebDriverWait(browser, WAIT_S).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".dist-row")) == 2)
    audit(browser, failures, "/panels/new with two rows")


def answering(browser: WebDriver, failures: list[str]) -> None:
    """The session page just opened: begin, then the questions with the clock (at phone width, then desktop)."""
    wait_for(browser, "session-begin").click()
    wait_for(browser, "session-answering")
    for size in (PHONE, DESKTOP):
        set_width(browser, size)
        audit(browser, failures, f"session (answering) at {size[0]} px")


def login_with_errors(browser: WebDriver, url: str, failures: list[str]) -> None:
    set_width(browser, PHONE)
    browser.get(url)
    wait_for(browser, "email").send_keys("nobody@demo.example")
    browser.find_element(By.ID, "password").send_keys("wrong-password")
    browser.find_element(By.ID, "login-submit").click()
    wait_for(browser, "login-error")
    audit(browser, failures, "/login showing its error")


def sign_in(browser: WebDriver, server, email: str) -> None:
    set_width(browser, DESKTOP)
    browser.get(f"{server.url}/login")
    wait_for(browser, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login-submit").click()
    wait_for(browser, "page-title")


def sign_out(browser: WebDriver) -> None:
    browser.find_element(By.ID, "logout").click()
    wait_for_url(browser, "/login")


def demo_ids(db: Session) -> dict[str, str]:
    interview = db.exec(select(Interview).order_by(Interview.scheduled_at)).first()
    panel = db.exec(select(InterviewPanel).where(InterviewPanel.name == data.PANEL_NAME)).one()
    _give_document(db, interview.candidate_id)
    return {"interview": str(interview.id), "panel": str(panel.id), "cv": str(interview.candidate_id)}


def _give_document(db: Session, cv_id) -> None:
    """The profile page with its document's text shown (a text CV, read as the worker would)."""
    admin = db.exec(select(AppUser).where(AppUser.role == Role.ADMIN)).first()
    upload = DocumentUpload(io.BytesIO(b"Curriculum vitae\nPython, Reflex and SQLModel\n"), "cv.txt")
    document = cv_documents.upload_document(db, actor=admin, cv_id=cv_id, upload=upload)
    db.commit()
    cv_text.extract_document(document.id)


def session_tokens(db: Session) -> dict[str, str]:
    """A link for each state of the candidate's page: before the start, ready to begin, done, unknown."""
    org = db.exec(select(Organization)).one()
    bank = create_bank(db, org, easy=2, medium=1, hard=1)
    now = utcnow()
    early, ready = create_cv(db, org, name="Early Bird"), create_cv(db, org, name="Ready Now")
    _soon, (before,) = create_panel(db, org, bank, candidates=[early], start=now + timedelta(hours=2))
    _open, (start,) = create_panel(db, org, bank, candidates=[ready], time_limit_minutes=30)  # the rules shown
    submitted = db.exec(select(PanelCandidate).where(PanelCandidate.submitted_at.is_not(None))).first()
    # "start" last: the answering view is checked by beginning from it.
    return {"before": before.token, "done": submitted.token, "invalid": "0" * 32, "start": start.token}


def test_every_route_is_checked():
    assert set(WORKSPACE) == set(routes.WORKSPACE_ROUTES)
    assert set(routes.PUBLIC_ROUTES) <= set(PUBLIC) | OTHER


def test_every_page_has_no_serious_or_critical_violation(live_server, browser, db):
    started = time.monotonic()
    install(browser)
    failures: list[str] = []
    base = live_server.url
    check(browser, f"{base}/setup", "setup-submit", failures, "/setup (no organization yet)")
    seed_demo(db, password=PASSWORD)
    ids = demo_ids(db)
    tokens = session_tokens(db)
    for path, ready_id in PUBLIC.values():
        check(browser, f"{base}{path}", ready_id, failures, path)
    login_with_errors(browser, f"{base}/login", failures)
    for email, role, *_ in data.USERS[:3]:
        sign_in(browser, live_server, email)
        for route, path in WORKSPACE.items():
            if (route in MANAGER_ONLY and role == "interviewer") or (route in ADMIN_ONLY and role != "admin"):
                continue
            sizes = (DESKTOP,) if role == "hr" else (DESKTOP, PHONE)  # hr's pages are admin's, less the outbox
            check(browser, base + path.format(**ids), "page-title", failures, f"{path} as {role}", sizes)
        if role == "hr":
            panel_with_rows(browser, f"{base}/panels/new", failures)
        sign_out(browser)
    for state, token in tokens.items():
        check(browser, f"{base}/session/{token}", SESSION_READY[state], failures, f"session ({state})")
    answering(browser, failures)
    print(f"axe pass over every page: {time.monotonic() - started:.1f} s")
    for seconds, label in sorted(TIMINGS, reverse=True)[:15]:
        print(f"  {seconds:.2f} s  {label}")
    assert not failures, "\n".join(failures)
