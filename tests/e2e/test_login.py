"""The seeded admin signs in, lands on the workspace, signs out and is sent back to login."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from hr_app.db import session_scope
from hr_app.demo.seed import seed_demo
from tests.e2e.conftest import wait_for, wait_for_text, wait_for_url
from tests.e2e.helpers import text_of

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "Demo-password-1"


def test_seeded_admin_logs_in_and_out(live_server, browser):
    with session_scope() as session:
        seed_demo(session, password=DEMO_PASSWORD)

    browser.get(f"{live_server.url}/cvs")
    wait_for_url(browser, "/login")
    assert "next=/cvs" in browser.current_url

    wait_for(browser, "email").send_keys("admin@demo.example")
    browser.find_element(By.ID, "password").send_keys(DEMO_PASSWORD + Keys.ENTER)  # Enter submits

    wait_for_text(browser, "page-title", "CVs")
    assert "/cvs" in browser.current_url
    assert text_of(browser, "signed-in-user") == "Anita Menon"

    browser.find_element(By.ID, "logout").click()
    wait_for_url(browser, "/login")
    browser.get(f"{live_server.url}/interviews")
    wait_for_url(browser, "/login?next=/interviews")


def test_wrong_password_shows_the_error_in_place(live_server, browser):
    with session_scope() as session:
        seed_demo(session, password=DEMO_PASSWORD)
    browser.get(f"{live_server.url}/login")
    wait_for(browser, "email").send_keys("admin@demo.example")
    browser.find_element(By.ID, "password").send_keys("wrong-password" + Keys.ENTER)
    assert text_of(browser, "login-error") == "Invalid email or password"
    assert "/login" in browser.current_url


def test_api_is_served_on_the_same_port(live_server):
    import httpx

    with session_scope() as session:
        seed_demo(session, password=DEMO_PASSWORD)
    token = httpx.post(
        f"{live_server.url}/api/auth/token/", json={"email": "admin@demo.example", "password": DEMO_PASSWORD}
    )
    assert token.status_code == 200
    no_slash = httpx.get(
        f"{live_server.url}/api/auth/me", headers={"Authorization": f"Bearer {token.json()['access_token']}"}
    )
    assert no_slash.status_code == 200
    assert no_slash.json()["data"]["user"]["email"] == "admin@demo.example"
    unknown = httpx.get(f"{live_server.url}/api/no-such-thing/")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/json"
    assert unknown.json()["error"] == "NOT_FOUND"
    wrong_method = httpx.delete(f"{live_server.url}/api/auth/token")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"] == "METHOD_NOT_ALLOWED"
